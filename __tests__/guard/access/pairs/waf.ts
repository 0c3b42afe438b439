// WAF pairs: the effective rule chain of the web ACLs in front of the stage (dev, prod) and the distribution (prod).
import { only, type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const rules = (d: Doc, acl: string): Json[] => only(d, "aws_wafv2_web_acl", acl)["rule"] as Json[];
const rule = (d: Doc, acl: string, name: string): Json => {
  const hit = rules(d, acl).find((r) => r["name"] === name);
  if (hit === undefined) throw new Error(`fixture: no rule ${name} in ${acl}`);
  return hit;
};
const managed = (d: Doc, acl: string, group: string): Json => (rule(d, acl, group)["statement"] as Json)["managed_rule_group_statement"] as Json;

const ipRule = (action: "allow" | "block"): Json => ({
  name: `${action}-office`,
  priority: 5,
  action: { [action]: {} },
  statement: { ip_set_reference_statement: { arn: "arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/office/x" } },
  visibility_config: { cloudwatch_metrics_enabled: true, metric_name: "office", sampled_requests_enabled: true },
});

const DEV_ACL = "web ACL petstore-dev-regional";

const ASSOCIATION = "aws_wafv2_web_acl_association";
/** The stage's association under its logical id, and the key it is filed under. */
const association = (d: Doc): [string, Json] => {
  const entries = Object.entries(d.resource[ASSOCIATION] ?? {});
  const [hit] = entries;
  if (entries.length !== 1 || hit === undefined) throw new Error(`fixture: expected one ${ASSOCIATION}`);
  return hit;
};
/** A second REGIONAL web ACL, a copy of the stage's, named `name`: attached to nothing unless the edit attaches it. */
const secondAcl = (d: Doc, name: string): void => {
  const acls = d.resource["aws_wafv2_web_acl"] as Record<string, Json>;
  acls["second"] = { ...structuredClone(only(d, "aws_wafv2_web_acl", "regional")), name };
};

export const WAF_PAIRS: Readonly<Record<string, AccessPair>> = {
  "waf-allow-before-managed": {
    env: "dev",
    description: "an ALLOW rule for an office IP set at priority 5, ahead of the managed rule groups",
    mutate: (d) => void rules(d, "regional").push(ipRule("allow")),
    blocking: ["waf-allow-before-managed", "attribute-not-verified"],
    names: DEV_ACL,
    check: ["waf-managed-rules"],
  },
  "waf-block-before-managed": {
    env: "dev",
    // Harmless, but the IP set statement type is not modelled: it blocks as not verified until acknowledged.
    description: "a BLOCK rule for an office IP set at priority 5 (not verified: IP set statements are not modelled)",
    mutate: (d) => void rules(d, "regional").push(ipRule("block")),
    blocking: ["attribute-not-verified"],
    check: [],
  },
  "waf-managed-group-count": {
    env: "dev",
    description: "CommonRuleSet overridden to COUNT (override_action count)",
    mutate: (d) => void (rule(d, "regional", "AWSManagedRulesCommonRuleSet")["override_action"] = { count: {} }),
    blocking: ["waf-managed-count"],
    names: DEV_ACL,
    check: ["waf-managed-rules"],
  },
  "waf-rules-reordered": {
    env: "dev",
    description: "twin: the ACL's rule blocks listed in reverse order (priorities unchanged)",
    mutate: (d) => void rules(d, "regional").reverse(),
    blocking: [],
    check: [],
  },
  "waf-rule-override-count": {
    env: "dev",
    description: "CommonRuleSet's SizeRestrictions_BODY overridden to COUNT (rule_action_override)",
    mutate: (d) =>
      void (managed(d, "regional", "AWSManagedRulesCommonRuleSet")["rule_action_override"] = [{ name: "SizeRestrictions_BODY", action_to_use: { count: {} } }]),
    blocking: ["waf-managed-count"],
    names: DEV_ACL,
    check: ["waf-managed-rules"],
  },
  "waf-rule-override-block": {
    env: "dev",
    description: "twin: CommonRuleSet's SizeRestrictions_BODY overridden to BLOCK (what it does anyway)",
    mutate: (d) =>
      void (managed(d, "regional", "AWSManagedRulesCommonRuleSet")["rule_action_override"] = [{ name: "SizeRestrictions_BODY", action_to_use: { block: {} } }]),
    blocking: [],
    check: [],
  },
  "waf-scope-down": {
    env: "dev",
    description: "KnownBadInputs narrowed by a scope-down statement to /admin only",
    mutate: (d) =>
      void (managed(d, "regional", "AWSManagedRulesKnownBadInputsRuleSet")["scope_down_statement"] = {
        byte_match_statement: {
          field_to_match: { uri_path: {} },
          positional_constraint: "STARTS_WITH",
          search_string: "/admin",
          text_transformation: [{ priority: 0, type: "NONE" }],
        },
      }),
    blocking: ["waf-managed-scope-down"],
    names: DEV_ACL,
    check: ["waf-managed-rules"],
  },
  "waf-metric-renamed": {
    env: "dev",
    description: "twin: KnownBadInputs' CloudWatch metric renamed",
    mutate: (d) => void ((rule(d, "regional", "AWSManagedRulesKnownBadInputsRuleSet")["visibility_config"] as Json)["metric_name"] = "known-bad-inputs"),
    blocking: [],
    check: [],
  },
  "waf-rate-count": {
    env: "dev",
    description: "the per-IP rate rule only counts",
    mutate: (d) => void (rule(d, "regional", "rate-limit-per-ip")["action"] = { count: {} }),
    blocking: ["waf-rate-limit-count"],
    names: DEV_ACL,
    check: ["waf-managed-rules"],
  },
  "waf-rate-raised": {
    env: "dev",
    description: "the per-IP rate limit goes from 2000 to 100000",
    mutate: (d) => void (((rule(d, "regional", "rate-limit-per-ip")["statement"] as Json)["rate_based_statement"] as Json)["limit"] = 100000),
    blocking: ["waf-rate-limit-raised"],
    names: DEV_ACL,
    check: [],
  },
  "waf-rate-lowered": {
    env: "dev",
    description: "twin: the per-IP rate limit goes from 2000 to 1000",
    mutate: (d) => void (((rule(d, "regional", "rate-limit-per-ip")["statement"] as Json)["rate_based_statement"] as Json)["limit"] = 1000),
    blocking: [],
    check: [],
  },
  "waf-managed-group-removed": {
    env: "dev",
    description: "the IP reputation managed rule group is removed",
    mutate: (d) => {
      const acl = only(d, "aws_wafv2_web_acl", "regional");
      acl["rule"] = rules(d, "regional").filter((r) => r["name"] !== "AWSManagedRulesAmazonIpReputationList");
    },
    blocking: ["waf-managed-group-removed"],
    names: DEV_ACL,
    check: [],
  },
  "waf-acl-association-removed": {
    env: "dev",
    description: "the stage's web ACL association is removed: the web ACL stays, attached to nothing",
    mutate: (d) => void delete d.resource[ASSOCIATION],
    blocking: ["waf-removed"],
    names: "WAF web ACL association removed",
    check: ["stage-waf", "web-acl-attached"],
  },
  "waf-acl-added-unattached": {
    env: "dev",
    description: "a second REGIONAL web ACL (for the API, its author believes) with no association: it protects nothing",
    mutate: (d) => secondAcl(d, "petstore-dev-regional-strict"),
    blocking: [],
    check: ["web-acl-attached"],
  },
  "waf-acl-attachment-unknown": {
    env: "dev",
    description: "the association names its web ACL by a variable (a module input): which ACL the stage is behind is known only after apply",
    mutate: (d) => void (association(d)[1]["web_acl_arn"] = "${var.web_acl_arn}"),
    blocking: ["attribute-widened"],
    names: "${var.web_acl_arn}",
    check: ["web-acl-attached"],
  },
  "waf-acl-association-renamed": {
    env: "dev",
    description: "twin: the association under another logical id, still naming the stage's web ACL and the stage",
    mutate: (d) => {
      const [key, body] = association(d);
      d.resource[ASSOCIATION] = { [`${key}_moved`]: body };
    },
    blocking: [],
    check: [],
  },
  "waf-cloudfront-acl-detached": {
    env: "prod",
    description: "the distribution no longer names the CLOUDFRONT web ACL in web_acl_id: the ACL protects nothing",
    mutate: (d) => void delete only(d, "aws_cloudfront_distribution")["web_acl_id"],
    blocking: ["attribute-widened"],
    names: "web_acl_id",
    check: ["cloudfront-web-acl", "web-acl-attached"],
  },
  "waf-cloudfront-count": {
    env: "prod",
    description: "the CloudFront web ACL's KnownBadInputs overridden to COUNT",
    mutate: (d) => void (rule(d, "cloudfront", "AWSManagedRulesKnownBadInputsRuleSet")["override_action"] = { count: {} }),
    blocking: ["waf-managed-count"],
    names: "web ACL petstore-prod-cloudfront",
    check: ["waf-managed-rules"],
  },
};
