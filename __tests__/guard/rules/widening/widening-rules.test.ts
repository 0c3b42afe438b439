// Door  on the check side: each rule over the sample's prod synth (quiet) and over copies of it
// mutated one way each (firing), with the harmless twin of each mutation quiet.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { modelFromDocument } from "../../../../guard/load";
import type { Model } from "../../../../guard/model";
import type { PolicySet } from "../../../../guard/policy/types";
import { ApiCacheKeyedOnCredential } from "../../../../guard/rules/apigateway/api-cache-keyed-on-credential";
import { AuthorizerCacheTtlBounded } from "../../../../guard/rules/apigateway/authorizer-cache-ttl-bounded";
import { DeciderCodePinned } from "../../../../guard/rules/lambda/decider-code-pinned";
import { EdgeConfigParameterOwned } from "../../../../guard/rules/cloudfront/edge-config-parameter-owned";
import { EdgeOriginProtected } from "../../../../guard/rules/cloudfront/edge-origin-protected";
import type { Rule } from "../../../../guard/rules/types";
import { UsagePlanOnApiKeyStages } from "../../../../guard/rules/apigateway/usage-plan-on-api-key-stages";
import { WebAclManagedRules } from "../../../../guard/rules/waf/waf-managed-rules";

type Json = Record<string, any>;

const NO_POLICIES: PolicySet = { policies: [] };
const SYNTH = join(__dirname, "..", "..", "review", "fixtures", "synth");
const prodText = readFileSync(join(SYNTH, "petstore-prod.cdk.tf.json"), "utf8");

const RULES: readonly Rule[] = [
  EdgeOriginProtected,
  DeciderCodePinned,
  ApiCacheKeyedOnCredential,
  AuthorizerCacheTtlBounded,
  EdgeConfigParameterOwned,
  UsagePlanOnApiKeyStages,
];

/** A fresh copy of the prod synth with `edit` applied. */
function prod(edit: (doc: Json) => void = () => undefined): Json {
  const doc = JSON.parse(prodText) as Json;
  edit(doc);
  return doc;
}
const run = (rule: Rule, doc: Json | Model) => rule.check("resources" in doc && "routes" in doc ? (doc as Model) : modelFromDocument(doc), NO_POLICIES);

/** The one resource of `type` whose name (address key) contains `part`. */
function one(doc: Json, type: string, part = ""): Json {
  const found = Object.entries((doc.resource[type] ?? {}) as Record<string, Json>).filter(([k]) => k.includes(part));
  if (found.length !== 1) throw new Error(`fixture: expected one ${type} matching ${part}, found ${found.length}`);
  return found[0][1];
}
const keyOf = (doc: Json, type: string, part: string): string => Object.keys(doc.resource[type]).find((k) => k.includes(part)) as string;
const regionalAcl = (d: Json) => one(d, "aws_wafv2_web_acl", "regional");

describe("compliance: the sample's prod synth", () => {
  test.each(RULES.map((r) => [r.id, r] as const))("GIVEN the prod synth WHEN %s runs THEN it is quiet", (_id, rule) => {
    expect(run(rule, prod())).toEqual([]);
  });
});

describe("class 4: origin protection judged by strength (edge-origin-protected)", () => {
  const group = (allow: boolean) => (d: Json) => {
    d.resource["aws_wafv2_rule_group"] = {
      partner: {
        name: "partner",
        scope: "REGIONAL",
        capacity: 10,
        rule: [
          {
            name: "partner-office",
            priority: 0,
            action: allow ? { allow: {} } : { block: {} },
            statement: { ip_set_reference_statement: { arn: "arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/office/abc" } },
          },
        ],
      },
    };
    const acl = regionalAcl(d);
    acl.rule = [
      {
        name: "partner-group",
        priority: 1,
        override_action: { none: {} },
        statement: { rule_group_reference_statement: { arn: "${aws_wafv2_rule_group.partner.arn}" } },
      },
      ...(acl.rule as Json[]),
    ];
  };

  test("GIVEN a referenced rule group with an ALLOW rule before the origin-verify rule WHEN checked THEN critical: the origin is not protected", () => {
    const findings = run(EdgeOriginProtected, prod(group(true)));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "critical", message: expect.stringContaining("partner-office let requests without the header through") });
  });

  test("GIVEN the same rule group whose rule BLOCKs (harmless twin) WHEN checked THEN quiet", () => {
    expect(run(EdgeOriginProtected, prod(group(false)))).toEqual([]);
  });

  test("GIVEN the ALLOW group counted as a whole (override_action count) WHEN checked THEN quiet: nothing in it terminates", () => {
    const doc = prod((d) => {
      group(true)(d);
      (regionalAcl(d).rule as Json[])[0].override_action = { count: {} };
    });
    expect(run(EdgeOriginProtected, doc)).toEqual([]);
  });

  test("GIVEN a rule group reference whose ARN names no group in the configuration WHEN checked THEN not verified, critical", () => {
    const doc = prod((d) => {
      group(false)(d);
      delete d.resource["aws_wafv2_rule_group"];
      (regionalAcl(d).rule as Json[])[0].statement.rule_group_reference_statement.arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/rulegroup/other/abc";
    });
    const findings = run(EdgeOriginProtected, doc);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "critical", message: expect.stringContaining("not verified that it allows nothing") });
  });

  test("GIVEN a managed rule group's rule overridden to ALLOW WHEN checked THEN critical origin bypass (not only a COUNT weakness)", () => {
    const doc = prod((d) => {
      const managed = (regionalAcl(d).rule as Json[]).find((r) => r.name === "AWSManagedRulesCommonRuleSet") as Json;
      managed.statement.managed_rule_group_statement.rule_action_override = [{ name: "SizeRestrictions_BODY", action_to_use: { allow: {} } }];
    });
    const findings = run(EdgeOriginProtected, doc);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "critical", message: expect.stringContaining("overrides SizeRestrictions_BODY of its rule group to ALLOW") });
  });

  test("GIVEN a managed rule overridden to ALLOW WHEN waf-managed-rules runs THEN it says ALLOW, not only 'away from BLOCK'", () => {
    const doc = prod((d) => {
      const managed = (regionalAcl(d).rule as Json[]).find((r) => r.name === "AWSManagedRulesCommonRuleSet") as Json;
      managed.statement.managed_rule_group_statement.rule_action_override = [{ name: "SizeRestrictions_BODY", action_to_use: { allow: {} } }];
    });
    const messages = run(WebAclManagedRules, doc).map((f) => f.message);
    expect(messages).toEqual([expect.stringContaining("overridden to ALLOW (SizeRestrictions_BODY → allow): requests they match skip every later rule")]);
  });

  test("GIVEN a managed rule overridden to COUNT (harmless twin for origin protection) WHEN checked THEN edge-origin-protected is quiet", () => {
    const doc = prod((d) => {
      const managed = (regionalAcl(d).rule as Json[]).find((r) => r.name === "AWSManagedRulesCommonRuleSet") as Json;
      managed.statement.managed_rule_group_statement.rule_action_override = [{ name: "SizeRestrictions_BODY", action_to_use: { count: {} } }];
    });
    expect(run(EdgeOriginProtected, doc)).toEqual([]);
  });
});

describe("class 5: which code runs (decider-code-pinned)", () => {
  const tokenAuthorizer = (d: Json) => one(d, "aws_api_gateway_authorizer", "jwt-token");
  const tokenFn = (d: Json) => keyOf(d, "aws_lambda_function", "authz-jwt-token");
  const behavior = (d: Json) => (one(d, "aws_cloudfront_distribution").default_cache_behavior as Json).lambda_function_association[0] as Json;

  test("GIVEN authorizer_uri pinned to version 7 WHEN checked THEN high: not the version built from the reviewed package", () => {
    const doc = prod((d) => {
      tokenAuthorizer(d).authorizer_uri = `\${replace(aws_lambda_function.${tokenFn(d)}.invoke_arn, "/invocations", ":7/invocations")}`;
    });
    const findings = run(DeciderCodePinned, doc);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ address: expect.stringContaining("jwt-token"), message: expect.stringContaining('version/alias "7"') });
    expect(findings[0].severity).toBeUndefined();
    // The finding falls on a declared subject: the authorizer.
    const subjects = DeciderCodePinned.subjects?.(modelFromDocument(doc), NO_POLICIES) ?? [];
    expect(subjects.filter((x) => x.address === findings[0].address).map((x) => x.kind)).toEqual(["authorizer"]);
    expect(subjects.filter((x) => x.kind === "function").map((x) => x.address)).toEqual(
      expect.arrayContaining([expect.stringContaining("edge-verifier"), expect.stringContaining("authz-jwt-token")]),
    );
  });

  test("GIVEN authorizer_uri through an alias whose function_version is the function's own version (harmless twin) WHEN checked THEN quiet", () => {
    const doc = prod((d) => {
      d.resource["aws_lambda_alias"] = {
        live: {
          name: "live",
          function_name: `\${aws_lambda_function.${tokenFn(d)}.function_name}`,
          function_version: `\${aws_lambda_function.${tokenFn(d)}.version}`,
        },
      };
      tokenAuthorizer(d).authorizer_uri = "${aws_lambda_alias.live.invoke_arn}";
    });
    expect(run(DeciderCodePinned, doc)).toEqual([]);
  });

  test("GIVEN authorizer_uri through an alias pinned to version 3 WHEN checked THEN high", () => {
    const doc = prod((d) => {
      d.resource["aws_lambda_alias"] = { live: { name: "live", function_name: `\${aws_lambda_function.${tokenFn(d)}.function_name}`, function_version: "3" } };
      tokenAuthorizer(d).authorizer_uri = "${aws_lambda_alias.live.invoke_arn}";
    });
    expect(run(DeciderCodePinned, doc)[0].message).toContain('alias aws_lambda_alias.live (function_version "3")');
  });

  test("GIVEN the Lambda@Edge association pinned to a literal qualified ARN WHEN checked THEN high", () => {
    const doc = prod((d) => {
      behavior(d).lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:petstore-prod-edge-verifier:7";
    });
    const findings = run(DeciderCodePinned, doc);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ address: expect.stringContaining("aws_cloudfront_distribution."), message: expect.stringContaining("viewer-request") });
  });

  test("GIVEN the authorizer's code moved to s3_bucket/s3_key WHEN checked THEN not verified", () => {
    const doc = prod((d) => {
      const fn = d.resource["aws_lambda_function"][tokenFn(d)] as Json;
      delete fn.filename;
      fn.s3_bucket = "artifacts";
      fn.s3_key = "authz.zip";
    });
    const findings = run(DeciderCodePinned, doc);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain("s3_bucket/s3_key");
    expect(findings[0].message).toContain("not verified");
  });

  test("GIVEN a backend (not a decider) moved to S3 (harmless twin for this rule) WHEN checked THEN quiet", () => {
    const doc = prod((d) => {
      const fn = one(d, "aws_lambda_function", "fn-backend");
      delete fn.filename;
      fn.s3_bucket = "artifacts";
      fn.s3_key = "backend.zip";
    });
    expect(run(DeciderCodePinned, doc)).toEqual([]);
  });
});

describe("class 6: caches", () => {
  const enableCache = (d: Json) => {
    one(d, "aws_api_gateway_stage").cache_cluster_enabled = true;
    one(d, "aws_api_gateway_stage").cache_cluster_size = "0.5";
    (one(d, "aws_api_gateway_method_settings").settings as Json).caching_enabled = true;
  };

  test("GIVEN stage caching on for every method WHEN checked THEN each authorized route whose cache key lacks the credential fires, open routes do not", () => {
    const findings = run(ApiCacheKeyedOnCredential, prod(enableCache));
    const routes = findings.map((f) => f.route);
    expect(routes).toEqual(expect.arrayContaining(["GET /admin", "GET /pets", "GET /reports/{reportId}", "GET /catalog"]));
    expect(routes).not.toContain("GET /health");
    const admin = findings.find((f) => f.route === "GET /admin");
    expect(admin?.message).toContain("leave out method.request.header.Authorization");
    expect(admin?.severity).toBeUndefined();
  });

  test("GIVEN caching on and GET /admin's integration keyed on the Authorization header (harmless twin) WHEN checked THEN GET /admin is quiet", () => {
    const doc = prod((d) => {
      enableCache(d);
      one(d, "aws_api_gateway_integration", "GET-admin").cache_key_parameters = ["method.request.header.authorization"];
    });
    expect(run(ApiCacheKeyedOnCredential, doc).map((f) => f.route)).not.toContain("GET /admin");
  });

  test("GIVEN caching on and a Lambda authorizer whose identity source names no request parameter WHEN checked THEN its routes are not verified (medium)", () => {
    const doc = prod((d) => {
      enableCache(d);
      one(d, "aws_api_gateway_authorizer", "jwt-request").identity_source = "context.requestId";
    });
    const photo = run(ApiCacheKeyedOnCredential, doc).find((f) => f.route === "PUT /pets/{petId}/photo");
    expect(photo).toMatchObject({ severity: "medium", message: expect.stringContaining("not verified") });
  });

  test("GIVEN the cache cluster on but no method setting enables caching WHEN checked THEN quiet", () => {
    const doc = prod((d) => {
      one(d, "aws_api_gateway_stage").cache_cluster_enabled = true;
    });
    expect(run(ApiCacheKeyedOnCredential, doc)).toEqual([]);
  });

  test("GIVEN caching enabled for GET /admin only by its own method path WHEN checked THEN only GET /admin fires", () => {
    const doc = prod((d) => {
      one(d, "aws_api_gateway_stage").cache_cluster_enabled = true;
      d.resource["aws_api_gateway_method_settings"]["admin"] = {
        rest_api_id: one(d, "aws_api_gateway_method_settings").rest_api_id,
        stage_name: one(d, "aws_api_gateway_method_settings", "stage_method").stage_name,
        method_path: "admin/GET",
        settings: { caching_enabled: true },
      };
    });
    expect(run(ApiCacheKeyedOnCredential, doc).map((f) => f.route)).toEqual(["GET /admin"]);
  });

  test("GIVEN a Lambda authorizer caching for 3600 s WHEN checked THEN medium: revoked tokens keep working", () => {
    const doc = prod((d) => {
      one(d, "aws_api_gateway_authorizer", "jwt-token").authorizer_result_ttl_in_seconds = 3600;
    });
    const findings = run(AuthorizerCacheTtlBounded, doc);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain("3600 s");
    expect(AuthorizerCacheTtlBounded.severity).toBe("medium");
  });

  test("GIVEN a TTL known only after apply WHEN the configuration writes it THEN not verified, and WHEN it leaves it unset THEN quiet (API Gateway's default)", () => {
    const model = modelFromDocument(prod());
    const withTtl = (names: readonly string[]): Model => ({
      ...model,
      authorizers: model.authorizers.map((a) =>
        a.address.includes("jwt-token") ? { ...a, resultTtlSeconds: { unknown: true }, resource: { ...a.resource, written: { literals: [], names } } } : a,
      ),
    });
    expect(run(AuthorizerCacheTtlBounded, withTtl(["authorizer_result_ttl_in_seconds"]))[0].message).toContain("not verified");
    expect(run(AuthorizerCacheTtlBounded, withTtl(["name", "type"]))).toEqual([]);
  });

  test("GIVEN a JWT authorizer with a TTL above the bound WHEN checked THEN quiet: a JWT authorizer caches nothing", () => {
    const model = modelFromDocument(prod());
    const jwt: Model = {
      ...model,
      authorizers: model.authorizers.map((a) => (a.address.includes("jwt-token") ? { ...a, type: "JWT", resultTtlSeconds: 3600 } : a)),
    };
    expect(run(AuthorizerCacheTtlBounded, jwt)).toEqual([]);
  });

  test("GIVEN the TTL at the bound, 300 s (harmless twin) WHEN checked THEN quiet", () => {
    const doc = prod((d) => {
      one(d, "aws_api_gateway_authorizer", "jwt-request").authorizer_result_ttl_in_seconds = 300;
    });
    expect(run(AuthorizerCacheTtlBounded, doc)).toEqual([]);
  });
});

describe("class 8: decoys of the edge verifier's configuration (edge-config-parameter-owned)", () => {
  const decoy = (d: Json, extra: Json = {}) => {
    d.resource["aws_ssm_parameter"]["decoy"] = {
      name: "/petstore/prod/edge-verifier/config",
      type: "String",
      value: '{"userPoolId":"eu-west-1_attacker"}',
      ...extra,
    };
  };

  test("GIVEN a second parameter with the name the verifier reads WHEN checked THEN critical", () => {
    const findings = run(
      EdgeConfigParameterOwned,
      prod((d) => decoy(d)),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      address: expect.stringContaining("edge-verifier_function"),
      message: expect.stringContaining("aws_ssm_parameter.decoy"),
    });
    expect(findings[0].severity).toBeUndefined();
    expect(EdgeConfigParameterOwned.severity).toBe("critical");
  });

  test("GIVEN a parameter under another name (harmless twin) WHEN checked THEN quiet", () => {
    expect(
      run(
        EdgeConfigParameterOwned,
        prod((d) => decoy(d, { name: "/petstore/prod/other" })),
      ),
    ).toEqual([]);
  });

  test("GIVEN the project's own parameter written with overwrite = true WHEN checked THEN critical", () => {
    const doc = prod((d) => {
      one(d, "aws_ssm_parameter").overwrite = true;
    });
    expect(run(EdgeConfigParameterOwned, doc)[0].message).toContain("overwrite = true");
  });

  test("GIVEN the verifier's package bakes a name no parameter of its own creates WHEN checked THEN high, not verified", () => {
    const model = modelFromDocument(prod());
    const fn = model.resources.find((r) => r.type === "aws_lambda_function" && r.address.includes("edge-verifier")) as Model["resources"][number];
    const baked = (name: string): Model => ({
      ...model,
      edgeConfigs: [{ functionAddress: fn.address, source: fn.source, table: { file: "edge.zip", routes: [], parameterName: name } }],
    });
    expect(run(EdgeConfigParameterOwned, baked("/petstore/prod/edge-verifier/config"))).toEqual([]);
    const findings = run(EdgeConfigParameterOwned, baked("/shared/edge-config"));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "high", message: expect.stringContaining("not verified") });
  });
});

describe("class 9: metering (usage-plan-on-api-key-stages)", () => {
  test("GIVEN the partner usage plan without throttle settings WHEN checked THEN it fires", () => {
    const doc = prod((d) => {
      delete one(d, "aws_api_gateway_usage_plan").throttle_settings;
    });
    expect(run(UsagePlanOnApiKeyStages, doc)[0].message).toContain("has no throttle");
  });

  test("GIVEN the partner usage plan with a quota of 0 WHEN checked THEN it fires", () => {
    const doc = prod((d) => {
      (one(d, "aws_api_gateway_usage_plan").quota_settings as Json).limit = 0;
    });
    expect(run(UsagePlanOnApiKeyStages, doc)[0].message).toContain("has no quota");
  });
});
