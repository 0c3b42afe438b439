// The edge rules over the sample app's prod stack (quiet: edge authentication with origin protection) and over
// copies of it broken one way each (firing). Fixtures are the synthesized cdk.tf.json, mutated in the test.
import { Testing } from "cdktf";
import { modelFromDocument } from "../../../../guard/load";
import type { PolicySet } from "../../../../guard/policy/types";
import { CloudFrontAuthorizationInCacheKey } from "../../../../guard/rules/cloudfront/cloudfront-authorization-in-cache-key";
import { CloudFrontHttpsOnly } from "../../../../guard/rules/cloudfront/cloudfront-https-only";
import { CloudFrontTls12 } from "../../../../guard/rules/cloudfront/cloudfront-tls-1-2";
import { CloudFrontWebAcl } from "../../../../guard/rules/waf/cloudfront-web-acl";
import { EdgeAuthOnViewerRequest } from "../../../../guard/rules/cloudfront/edge-auth-on-viewer-request";
import { EdgeOriginProtected } from "../../../../guard/rules/cloudfront/edge-origin-protected";
import { stageOriginGap } from "../../../../guard/access/origin";
import { EDGE_RULES } from "../../../../guard/rules";
import type { Rule } from "../../../../guard/rules/types";
import { WebAclManagedRules } from "../../../../guard/rules/waf/waf-managed-rules";
import { petstoreDev, petstoreProd } from "../../../../access-spec/samples/petstore";
import { AccessStack } from "../../../../stacks/access-stack";

type Json = Record<string, any>;

const NO_POLICIES: PolicySet = { policies: [] };

const prodJson: Json = JSON.parse(Testing.synth(new AccessStack(Testing.app(), "petstore-prod", { spec: petstoreProd })));
const devJson: Json = JSON.parse(Testing.synth(new AccessStack(Testing.app(), "petstore-dev", { spec: petstoreDev })));

const run = (rule: Rule, doc: Json) => rule.check(modelFromDocument(doc), NO_POLICIES);

/** A deep copy of prod with `edit` applied. */
function broken(edit: (doc: Json) => void): Json {
  const doc = JSON.parse(JSON.stringify(prodJson)) as Json;
  edit(doc);
  return doc;
}
const only = (doc: Json, type: string, pred: (r: Json) => boolean = () => true): Json => {
  const found = Object.values((doc.resource[type] ?? {}) as Record<string, Json>).filter(pred);
  if (found.length !== 1) throw new Error(`fixture: expected one ${type}, found ${found.length}`);
  return found[0];
};
const distribution = (doc: Json) => only(doc, "aws_cloudfront_distribution");
const regionalAcl = (doc: Json) => only(doc, "aws_wafv2_web_acl", (a) => a.scope === "REGIONAL");

describe("edge rules: compliance", () => {
  test.each(EDGE_RULES.map((r) => [r.id, r] as const))("GIVEN the sample prod stack WHEN %s runs THEN it is quiet", (_id, rule) => {
    expect(run(rule, prodJson)).toEqual([]);
  });

  test.each(EDGE_RULES.map((r) => [r.id, r] as const))("GIVEN the sample dev stack (no CloudFront) WHEN %s runs THEN it is quiet", (_id, rule) => {
    expect(run(rule, devJson)).toEqual([]);
  });

  test("GIVEN the fixture WHEN loaded THEN the rules have something to look at (a fronted stage with its WAF)", () => {
    const model = modelFromDocument(prodJson);
    expect(model.stages).toHaveLength(1);
    expect(model.stages[0].wafAssociations).toHaveLength(1);
    expect(model.resources.filter((r) => r.type === "aws_cloudfront_distribution")).toHaveLength(1);
  });
});

describe("edge-origin-protected: noncompliance", () => {
  test("GIVEN a stage ACL that allows by default WHEN checked THEN critical finding (edge authentication in use)", () => {
    const doc = broken((d) => {
      regionalAcl(d).default_action = { allow: {} };
    });
    const findings = run(EdgeOriginProtected, doc);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "critical", message: expect.stringContaining("default action is not BLOCK") });
  });

  test("GIVEN the origin-verify allow rule removed WHEN checked THEN it fires", () => {
    const doc = broken((d) => {
      const acl = regionalAcl(d);
      acl.rule = (acl.rule as Json[]).filter((r) => r.name !== "allow-origin-verify");
    });
    expect(run(EdgeOriginProtected, doc)[0].message).toContain("no ALLOW rule matching the x-origin-verify header");
  });

  test("GIVEN an OR that also allows another header WHEN checked THEN it fires", () => {
    const doc = broken((d) => {
      const allow = (regionalAcl(d).rule as Json[]).find((r) => r.name === "allow-origin-verify");
      const branches = allow?.statement.or_statement.statement as Json[];
      branches.push({ byte_match_statement: { ...branches[0].byte_match_statement, field_to_match: { single_header: { name: "x-other" } } } });
    });
    expect(run(EdgeOriginProtected, doc)).toHaveLength(1);
  });

  test("GIVEN CloudFront not sending the header WHEN checked THEN it fires on the distribution", () => {
    const doc = broken((d) => {
      delete distribution(d).origin[0].custom_header;
    });
    expect(run(EdgeOriginProtected, doc)).toEqual([expect.objectContaining({ message: expect.stringContaining("sends no x-origin-verify") })]);
  });

  test("GIVEN the stage's WAF association removed WHEN checked THEN it fires on the stage", () => {
    const doc = broken((d) => {
      delete d.resource.aws_wafv2_web_acl_association;
    });
    expect(run(EdgeOriginProtected, doc)[0].message).toContain("no regional web ACL");
  });
});

describe("cloudfront-authorization-in-cache-key: noncompliance", () => {
  test("GIVEN Authorization dropped from the cache policy WHEN checked THEN it fires", () => {
    const doc = broken((d) => {
      const headers = only(d, "aws_cloudfront_cache_policy").parameters_in_cache_key_and_forwarded_to_origin.headers_config.headers;
      headers.items = (headers.items as string[]).filter((h) => h !== "Authorization");
    });
    expect(run(CloudFrontAuthorizationInCacheKey, doc)[0].message).toContain("without Authorization in the cache key");
  });

  test("GIVEN legacy forwarded_values without Authorization WHEN checked THEN it fires; with CachingDisabled it is quiet", () => {
    const legacy = broken((d) => {
      const b = distribution(d).default_cache_behavior;
      delete b.cache_policy_id;
      delete b.origin_request_policy_id;
      b.forwarded_values = { query_string: true, headers: ["Origin"], cookies: { forward: "none" } };
    });
    expect(run(CloudFrontAuthorizationInCacheKey, legacy)).toHaveLength(1);
    const disabled = broken((d) => {
      distribution(d).default_cache_behavior.cache_policy_id = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    });
    expect(run(CloudFrontAuthorizationInCacheKey, disabled)).toEqual([]);
  });

  test("GIVEN an ordered behavior on a managed caching policy WHEN checked THEN it fires for that behavior", () => {
    const doc = broken((d) => {
      const def = distribution(d).default_cache_behavior;
      distribution(d).ordered_cache_behavior = [{ ...def, path_pattern: "/catalog*", cache_policy_id: "658327ea-f89d-4fab-a63d-7e88639e58f6" }];
    });
    expect(run(CloudFrontAuthorizationInCacheKey, doc)).toEqual([expect.objectContaining({ message: expect.stringContaining("/catalog*") })]);
  });
});

describe("edge-auth-on-viewer-request: noncompliance", () => {
  test("GIVEN the verifier moved to origin-request WHEN checked THEN it fires", () => {
    const doc = broken((d) => {
      distribution(d).default_cache_behavior.lambda_function_association[0].event_type = "origin-request";
    });
    expect(run(EdgeAuthOnViewerRequest, doc)[0].message).toContain("no viewer-request function");
  });

  test("GIVEN an ordered behavior without the verifier WHEN checked THEN it fires for that path", () => {
    const doc = broken((d) => {
      const def = distribution(d).default_cache_behavior;
      distribution(d).ordered_cache_behavior = [{ ...def, path_pattern: "/pets*", lambda_function_association: undefined }];
    });
    expect(run(EdgeAuthOnViewerRequest, doc)).toEqual([expect.objectContaining({ message: expect.stringContaining("/pets*") })]);
  });

  test("GIVEN an unversioned function ARN WHEN checked THEN it fires", () => {
    const doc = broken((d) => {
      distribution(d).default_cache_behavior.lambda_function_association[0].lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:verifier";
    });
    expect(run(EdgeAuthOnViewerRequest, doc)[0].message).toContain("not a published version");
  });
});

describe("waf-managed-rules: noncompliance", () => {
  test("GIVEN KnownBadInputs removed from the stage ACL WHEN checked THEN it fires", () => {
    const doc = broken((d) => {
      const acl = regionalAcl(d);
      acl.rule = (acl.rule as Json[]).filter((r) => r.name !== "AWSManagedRulesKnownBadInputsRuleSet");
    });
    expect(run(WebAclManagedRules, doc)).toEqual([expect.objectContaining({ message: expect.stringContaining("KnownBadInputsRuleSet is missing") })]);
  });

  test("GIVEN CommonRuleSet in COUNT mode and no rate rule WHEN checked THEN both fire", () => {
    const doc = broken((d) => {
      const acl = only(d, "aws_wafv2_web_acl", (a) => a.scope === "CLOUDFRONT");
      acl.rule = (acl.rule as Json[])
        .filter((r) => r.name !== "rate-limit-per-ip")
        .map((r) => (r.name === "AWSManagedRulesCommonRuleSet" ? { ...r, override_action: { count: {} } } : r));
    });
    const messages = run(WebAclManagedRules, doc).map((f) => f.message);
    expect(messages).toEqual([expect.stringContaining("COUNT mode"), expect.stringContaining("no rate-based rule")]);
  });
});

describe("cloudfront-web-acl, cloudfront-https-only, cloudfront-tls-1-2: noncompliance", () => {
  test("GIVEN no web_acl_id WHEN checked THEN cloudfront-web-acl fires", () => {
    expect(
      run(
        CloudFrontWebAcl,
        broken((d) => delete distribution(d).web_acl_id),
      ),
    ).toHaveLength(1);
  });

  test("GIVEN allow-all viewers and a match-viewer origin WHEN checked THEN cloudfront-https-only fires twice", () => {
    const doc = broken((d) => {
      distribution(d).default_cache_behavior.viewer_protocol_policy = "allow-all";
      distribution(d).origin[0].custom_origin_config.origin_protocol_policy = "match-viewer";
    });
    expect(run(CloudFrontHttpsOnly, doc)).toHaveLength(2);
  });

  test("GIVEN the default certificate WHEN checked THEN cloudfront-tls-1-2 fires", () => {
    const doc = broken((d) => {
      distribution(d).viewer_certificate = { cloudfront_default_certificate: true };
    });
    expect(run(CloudFrontTls12, doc)[0].message).toContain("default CloudFront certificate");
  });

  test("GIVEN TLSv1 minimum and TLSv1.1 to the origin WHEN checked THEN cloudfront-tls-1-2 fires for both", () => {
    const doc = broken((d) => {
      distribution(d).viewer_certificate.minimum_protocol_version = "TLSv1_2016";
      distribution(d).origin[0].custom_origin_config.origin_ssl_protocols = ["TLSv1.1", "TLSv1.2"];
    });
    expect(run(CloudFrontTls12, doc)).toHaveLength(2);
  });
});

// Corpus: an http-only custom origin with the provider's required origin_ssl_protocols list (TLSv1,
// TLSv1.1) had cloudfront-tls-1-2 judging TLS versions of a leg that negotiates no TLS at all.
describe("an http-only custom origin: the leg in clear is cloudfront-https-only's, not a TLS version finding", () => {
  const httpOnly = (policy: unknown) =>
    broken((d) => {
      distribution(d).origin[0].custom_origin_config.origin_protocol_policy = policy;
      distribution(d).origin[0].custom_origin_config.origin_ssl_protocols = ["TLSv1", "TLSv1.1", "TLSv1.2"];
    });

  test("GIVEN http-only with TLSv1 in origin_ssl_protocols WHEN checked THEN cloudfront-https-only says no TLS at all, cloudfront-tls-1-2 is quiet", () => {
    const doc = httpOnly("http-only");
    expect(run(CloudFrontHttpsOnly, doc).map((f) => f.message)).toEqual([
      expect.stringContaining("http-only: every request reaches the origin over plain HTTP"),
    ]);
    expect(run(CloudFrontTls12, doc)).toEqual([]);
  });

  test("GIVEN match-viewer with the same list (TLS is used for HTTPS viewers) THEN both rules fire", () => {
    const doc = httpOnly("match-viewer");
    expect(run(CloudFrontHttpsOnly, doc)).toHaveLength(1);
    expect(run(CloudFrontTls12, doc).map((f) => f.message)).toEqual([expect.stringContaining("origin_ssl_protocols allows TLSv1, TLSv1.1")]);
  });

  test("GIVEN the policy known only after apply THEN https-only says not verified and the TLS versions are still judged", () => {
    const doc = httpOnly("${var.origin_protocol}");
    expect(run(CloudFrontHttpsOnly, doc).map((f) => f.message)).toEqual([expect.stringContaining("known only after apply: not verified")]);
    expect(run(CloudFrontTls12, doc)).toHaveLength(1);
  });

  test("GIVEN https-only with TLSv1.2 only (the harmless twin) THEN both quiet", () => {
    const doc = broken((d) => {
      distribution(d).origin[0].custom_origin_config.origin_protocol_policy = "https-only";
      distribution(d).origin[0].custom_origin_config.origin_ssl_protocols = ["TLSv1.2"];
    });
    expect(run(CloudFrontHttpsOnly, doc)).toEqual([]);
    expect(run(CloudFrontTls12, doc)).toEqual([]);
  });
});

describe("stageOriginGap (shared with the policy rules and the review)", () => {
  test("GIVEN the prod stage WHEN asked THEN it is origin-protected; with the ACL allowing by default THEN it says why not", () => {
    const model = modelFromDocument(prodJson);
    expect(stageOriginGap(model, model.stages[0])).toBeUndefined();
    const open = modelFromDocument(broken((d) => (regionalAcl(d).default_action = { allow: {} })));
    expect(stageOriginGap(open, open.stages[0])).toContain("default action is not BLOCK");
    const dev = modelFromDocument(devJson);
    expect(stageOriginGap(dev, dev.stages[0])).toContain("default action is not BLOCK");
  });
});
