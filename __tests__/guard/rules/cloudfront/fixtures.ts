// Fixtures of the CloudFront and Lambda@Edge rules, on the sample's prod stack (CloudFront with the edge verifier
// and origin protection), checked without a policy as the edge rules' own suite does. Written to
// <rule-id>/{fail,pass}.tf.json by ../generate.ts.
import { BASES, type Doc, type Json, type RuleFixtures } from "../private/fixture-types";
import { pair } from "../private/fixture-sources";
import { cachePolicy, defaultBehavior, firstOrigin, regionalAcl } from "../private/edge-parts";

const headers = (d: Doc): Json => ((cachePolicy(d)["parameters_in_cache_key_and_forwarded_to_origin"] as Json)["headers_config"] as Json)["headers"] as Json;

export const CLOUDFRONT_FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "cloudfront-authorization-in-cache-key": {
    base: BASES.petstoreProd,
    fail: {
      why: "the cache policy drops Authorization from the cache key: one caller's cached answer is served to another",
      apply: (d) => {
        const h = headers(d);
        h["items"] = (h["items"] as string[]).filter((x) => x !== "Authorization");
      },
    },
    pass: {
      why: "the default behavior uses the managed CachingDisabled policy: nothing is cached",
      apply: (d) => (defaultBehavior(d)["cache_policy_id"] = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"),
    },
  },
  "cloudfront-https-only": {
    base: BASES.petstoreProd,
    fail: {
      why: "viewers may use plain HTTP (allow-all)",
      apply: (d) => (defaultBehavior(d)["viewer_protocol_policy"] = "allow-all"),
    },
    pass: {
      why: "viewers are redirected to HTTPS",
      apply: (d) => (defaultBehavior(d)["viewer_protocol_policy"] = "redirect-to-https"),
    },
  },
  "cloudfront-tls-1-2": {
    base: BASES.petstoreProd,
    fail: {
      why: "CloudFront speaks TLSv1.1 to the origin",
      apply: (d) => ((firstOrigin(d)["custom_origin_config"] as Json)["origin_ssl_protocols"] = ["TLSv1.1", "TLSv1.2"]),
    },
    pass: {
      why: "CloudFront speaks only TLSv1.2 to the origin",
      apply: (d) => ((firstOrigin(d)["custom_origin_config"] as Json)["origin_ssl_protocols"] = ["TLSv1.2"]),
    },
  },
  "edge-auth-on-viewer-request": {
    base: BASES.petstoreProd,
    fail: {
      why: "the edge verifier moves to origin-request: cached answers are served without it",
      apply: (d) => (((defaultBehavior(d)["lambda_function_association"] as Json[])[0] as Json)["event_type"] = "origin-request"),
    },
    pass: { why: "the edge verifier runs on viewer-request, as a published version" },
  },
  "edge-config-parameter-owned": pair("ssm-edge-config-overwritten", "ssm-other-parameter"),
  "edge-origin-protected": {
    base: BASES.petstoreProd,
    fail: {
      why: "the stage's web ACL allows by default: callers can reach the stage around CloudFront",
      apply: (d) => (regionalAcl(d)["default_action"] = { allow: {} }),
    },
    pass: {
      why: "the stage's web ACL blocks by default and allows only the x-origin-verify header CloudFront sends",
    },
  },
};
