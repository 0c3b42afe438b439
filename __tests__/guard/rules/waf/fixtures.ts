// Fixtures of the WAF rules (a web ACL in front of every entry point, and what it blocks). Written to
// <rule-id>/{fail,pass}.tf.json by ../generate.ts.
import { block } from "../../load/http-api/fixture";
import { distribution } from "../private/edge-parts";
import { BASES, type RuleFixtures } from "../private/fixture-types";
import { breakage, pair } from "../private/fixture-sources";

export const WAF_FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "cloudfront-web-acl": {
    base: BASES.petstoreProd,
    fail: { why: "the distribution has no web ACL", apply: (d) => delete distribution(d)["web_acl_id"] },
    pass: { why: "the distribution is associated with the CLOUDFRONT web ACL" },
  },
  "http-api-waf": {
    base: BASES.ordersHttp,
    fail: {
      why: "the HTTP API's default execute-api endpoint is enabled and nothing with a web ACL is in front of it",
      apply: (d) => delete block(d, "aws_apigatewayv2_api", "orders")["disable_execute_api_endpoint"],
    },
    pass: { why: "the default endpoint is disabled: the API is reached only through its custom domain" },
  },
  "stage-waf": breakage("stage-waf"),
  "waf-managed-rules": pair("waf-rate-count", "waf-rate-lowered"),
  "web-acl-attached": pair("waf-acl-added-unattached", "waf-acl-association-renamed"),
};
