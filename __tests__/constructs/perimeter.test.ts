// Synth-level tests of the Perimeter construct, one shared synth per scheme: what Terraform each scheme gets.
import { TerraformStack, Testing } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Perimeter } from "../../constructs/perimeter";
import { petstoreDev, petstoreProd } from "../../access-spec/samples/petstore";
import type { AccessSpec, EdgeScheme, RouteSpec } from "../../access-spec/types";

type Json = Record<string, any>;

const PROVIDER = { region: "eu-west-1", skipCredentialsValidation: true, skipRequestingAccountId: true, skipMetadataApiCheck: "true" } as const;
const STAGE_ARN = "arn:aws:apigateway:eu-west-1::/restapis/abc123/stages/v1";

class PerimeterTestStack extends TerraformStack {
  public perimeter: Perimeter;
  constructor(scope: Construct, id: string, spec: AccessSpec) {
    super(scope, id);
    new AwsProvider(this, "aws", PROVIDER);
    this.perimeter = new Perimeter(this, "perimeter", {
      spec,
      restApiId: "abc123",
      restApiName: "petstore",
      stageName: "v1",
      stageArn: STAGE_ARN,
      userPoolId: "eu-west-1_AbCdEf123",
      clientIds: { web: "webclient", "partner-sync": "partnerclient" },
      region: "eu-west-1",
      providerDefaults: PROVIDER,
    });
  }
}

/** petstore prod with the given scheme; under edge authentication GET /pets is an EDGE route. */
function specWith(scheme: EdgeScheme): AccessSpec {
  // Sample prod's EDGE routes stand for Cognito routes with the same scopes when the scheme is not edge.
  const routes: RouteSpec[] = petstoreProd.routes.map((r) => {
    if (scheme === "OAuth2-Cognito-Edge" && r.method === "GET" && r.path === "/pets") return { ...r, auth: { type: "EDGE", scopes: ["petstore/read"] } };
    if (scheme !== "OAuth2-Cognito-Edge" && r.auth.type === "EDGE") return { ...r, auth: { type: "COGNITO", scopes: r.auth.scopes } };
    return r;
  });
  if (!petstoreProd.edge) throw new Error("sample prod has no edge section");
  return { ...petstoreProd, routes, edge: { ...petstoreProd.edge, scheme } };
}

function synth(spec: AccessSpec): { json: Json; stack: PerimeterTestStack } {
  const stack = new PerimeterTestStack(Testing.app(), "x", spec);
  return { json: JSON.parse(Testing.synth(stack)) as Json, stack };
}

const all = (json: Json, type: string): Json[] => Object.values((json.resource?.[type] ?? {}) as Record<string, Json>);
const one = (json: Json, type: string, pred: (r: Json) => boolean = () => true): Json => {
  const found = all(json, type).filter(pred);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
};
const ruleNames = (acl: Json): string[] => (acl.rule as Json[]).sort((a, b) => a.priority - b.priority).map((r) => r.name as string);

describe("Perimeter without CloudFront (dev)", () => {
  const { json } = synth(petstoreDev);

  test("GIVEN no edge section WHEN synthesized THEN one REGIONAL web ACL allows by default and is associated with the stage", () => {
    const acl = one(json, "aws_wafv2_web_acl");
    expect(acl.scope).toBe("REGIONAL");
    expect(acl.default_action).toEqual({ allow: {} });
    expect(ruleNames(acl)).toEqual([
      "rate-limit-per-ip",
      "AWSManagedRulesAmazonIpReputationList",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "AWSManagedRulesCommonRuleSet",
    ]);
    expect(one(json, "aws_wafv2_web_acl_association").resource_arn).toBe(STAGE_ARN);
  });

  test("GIVEN the spec's WAF settings WHEN synthesized THEN the rate limit is per source IP and logs go to aws-waf-logs-* with retention", () => {
    const acl = one(json, "aws_wafv2_web_acl");
    const rate = (acl.rule as Json[]).find((r) => r.name === "rate-limit-per-ip");
    expect(rate?.statement.rate_based_statement).toEqual({ limit: petstoreDev.waf.rateLimitPerFiveMinutes, aggregate_key_type: "IP" });
    const group = one(json, "aws_cloudwatch_log_group");
    expect(group.name).toMatch(/^aws-waf-logs-/);
    expect(group.retention_in_days).toBe(petstoreDev.waf.logRetentionDays);
    expect(one(json, "aws_wafv2_web_acl_logging_configuration").redacted_fields).toEqual(
      expect.arrayContaining([{ single_header: { name: "x-origin-verify" } }, { single_header: { name: "authorization" } }]),
    );
  });

  test("GIVEN no edge section WHEN synthesized THEN there is no distribution, no us-east-1 provider and no variable", () => {
    expect(all(json, "aws_cloudfront_distribution")).toHaveLength(0);
    expect(json.provider.aws).toHaveLength(1);
    expect(json.variable).toBeUndefined();
  });
});

describe("Perimeter with OAuth2-Cognito-Edge (prod)", () => {
  const { json, stack } = synth(specWith("OAuth2-Cognito-Edge"));
  const regional = one(json, "aws_wafv2_web_acl", (a) => a.scope === "REGIONAL");
  const cloudfrontAcl = one(json, "aws_wafv2_web_acl", (a) => a.scope === "CLOUDFRONT");
  const distribution = one(json, "aws_cloudfront_distribution");
  const fn = one(json, "aws_lambda_function");

  test("GIVEN edge authentication WHEN synthesized THEN the stage ACL blocks by default and allows only either origin secret, last", () => {
    expect(regional.default_action).toEqual({ block: {} });
    expect(ruleNames(regional).at(-1)).toBe("allow-origin-verify");
    const allow = (regional.rule as Json[]).find((r) => r.name === "allow-origin-verify");
    expect(allow?.action).toEqual({ allow: {} });
    const matches = (allow?.statement.or_statement.statement as Json[]).map((s) => s.byte_match_statement);
    expect(matches.map((m) => m.search_string)).toEqual(["${var.origin_verify_secret}", "${var.origin_verify_secret_next}"]);
    for (const m of matches) {
      expect(m.positional_constraint).toBe("EXACTLY");
      expect(m.field_to_match).toEqual({ single_header: { name: "x-origin-verify" } });
    }
  });

  test("GIVEN CloudFront in front WHEN synthesized THEN the stage's rate limit keys on the viewer IP CloudFront forwards", () => {
    const rate = (regional.rule as Json[]).find((r) => r.name === "rate-limit-per-ip");
    expect(rate?.statement.rate_based_statement.aggregate_key_type).toBe("FORWARDED_IP");
  });

  test("GIVEN the secrets WHEN declared THEN both are sensitive required variables and CloudFront sends the current one", () => {
    for (const name of ["origin_verify_secret", "origin_verify_secret_next"]) {
      expect(json.variable[name]).toMatchObject({ sensitive: true, type: "string" });
      expect(json.variable[name].default).toBeUndefined();
    }
    expect(distribution.origin[0].custom_header).toEqual([{ name: "X-Origin-Verify", value: "${var.origin_verify_secret}" }]);
    expect(stack.perimeter.requiredVariables).toEqual(
      expect.arrayContaining(["origin_verify_secret", "origin_verify_secret_next", "edge_certificate_arn", "edge_domain_names"]),
    );
  });

  test("GIVEN the distribution WHEN synthesized THEN HTTPS only on both legs with TLS 1.2+, access logs and the CLOUDFRONT ACL", () => {
    expect(distribution.origin[0].domain_name).toBe("abc123.execute-api.eu-west-1.amazonaws.com");
    expect(distribution.origin[0].origin_path).toBe("/v1");
    expect(distribution.origin[0].custom_origin_config).toMatchObject({ origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] });
    expect(distribution.default_cache_behavior.viewer_protocol_policy).toBe("https-only");
    expect(distribution.viewer_certificate).toMatchObject({ minimum_protocol_version: "TLSv1.2_2021", ssl_support_method: "sni-only" });
    expect(distribution.viewer_certificate.cloudfront_default_certificate).toBeUndefined();
    expect(distribution.logging_config.bucket).toMatch(/aws_s3_bucket\..*\.bucket_domain_name/);
    expect(distribution.web_acl_id).toMatch(/aws_wafv2_web_acl\.perimeter_cloudfront-waf_acl.*\.arn/);
    expect(one(json, "aws_s3_bucket_ownership_controls").rule.object_ownership).toBe("BucketOwnerPreferred");
  });

  test("GIVEN the CLOUDFRONT ACL WHEN synthesized THEN it lives in us-east-1 with the managed groups and the edge rate limit", () => {
    expect(cloudfrontAcl.provider).toBe("aws.us_east_1");
    expect(ruleNames(cloudfrontAcl)).toContain("AWSManagedRulesKnownBadInputsRuleSet");
    const rate = (cloudfrontAcl.rule as Json[]).find((r) => r.name === "rate-limit-per-ip");
    expect(rate?.statement.rate_based_statement).toEqual({ limit: petstoreProd.edge?.rateLimitPerFiveMinutes, aggregate_key_type: "IP" });
    const east = (json.provider.aws as Json[]).find((p) => p.alias === "us_east_1");
    expect(east).toMatchObject({ region: "us-east-1", skip_credentials_validation: true });
  });

  test("GIVEN edge authentication WHEN synthesized THEN the verifier's published version runs on viewer-request without the body", () => {
    expect(distribution.default_cache_behavior.lambda_function_association).toEqual([
      { event_type: "viewer-request", include_body: false, lambda_arn: expect.stringMatching(/aws_lambda_function\..*\.qualified_arn/) },
    ]);
    expect(fn).toMatchObject({ provider: "aws.us_east_1", publish: true, memory_size: 128, timeout: 5 });
    expect(fn.environment).toBeUndefined();
    const trust = JSON.parse(one(json, "aws_iam_role").assume_role_policy as string);
    expect(trust.Statement[0].Principal.Service).toEqual(["lambda.amazonaws.com", "edgelambda.amazonaws.com"]);
  });

  test("GIVEN the verifier's deploy-time config WHEN synthesized THEN it is an SSM parameter in us-east-1 the role may read", () => {
    const param = one(json, "aws_ssm_parameter");
    expect(param).toMatchObject({ provider: "aws.us_east_1", name: "/petstore/prod/edge-verifier/config", type: "String" });
    const policy = one(json, "aws_iam_role_policy").policy as string;
    expect(policy).toContain("ssm:GetParameter");
    expect(policy).toMatch(/aws_ssm_parameter\..*\.arn/);
  });

  test("GIVEN the edge bundle WHEN built THEN it is well under Lambda@Edge's 1 MB", () => {
    const bytes = stack.perimeter.edgeBundleBytes ?? Infinity;
    expect(bytes).toBeLessThan(256 * 1024);
  });

  test("GIVEN any scheme WHEN synthesized THEN credentials are in the cache key and the API decides what is cached", () => {
    const policy = one(json, "aws_cloudfront_cache_policy");
    expect(policy.parameters_in_cache_key_and_forwarded_to_origin.headers_config.headers.items).toEqual(expect.arrayContaining(["Authorization", "X-Api-Key"]));
    expect(policy.default_ttl).toBe(0);
    expect(policy.max_ttl).toBeGreaterThanOrEqual(1);
    expect(distribution.default_cache_behavior.cache_policy_id).toMatch(/aws_cloudfront_cache_policy\./);
  });
});

describe.each<EdgeScheme>(["OAuth2-Cognito-Gateway", "ApiKey"])("Perimeter with %s", (scheme) => {
  const { json } = synth(specWith(scheme));

  test("GIVEN gateway-side authentication WHEN synthesized THEN no edge function, and origin protection still holds", () => {
    expect(all(json, "aws_lambda_function")).toHaveLength(0);
    const distribution = one(json, "aws_cloudfront_distribution");
    expect(distribution.default_cache_behavior.lambda_function_association).toBeUndefined();
    expect(one(json, "aws_wafv2_web_acl", (a) => a.scope === "REGIONAL").default_action).toEqual({ block: {} });
    const items = one(json, "aws_cloudfront_cache_policy").parameters_in_cache_key_and_forwarded_to_origin.headers_config.headers.items;
    expect(items).toContain(scheme === "ApiKey" ? "X-Api-Key" : "Authorization");
  });
});

describe("Perimeter with None", () => {
  test("GIVEN scheme None WHEN synthesized twice THEN one warning, and both web ACLs are still there", () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const { json } = synth(specWith("None"));
    synth(specWith("None"));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('"None"');
    warn.mockRestore();
    expect(
      all(json, "aws_wafv2_web_acl")
        .map((a) => a.scope)
        .sort(),
    ).toEqual(["CLOUDFRONT", "REGIONAL"]);
  });
});

describe("Perimeter refuses open EDGE routes", () => {
  test.each<[string, AccessSpec]>([
    ["a gateway scheme", { ...specWith("OAuth2-Cognito-Gateway"), routes: specWith("OAuth2-Cognito-Edge").routes }],
    ["no CloudFront", { ...petstoreDev, routes: specWith("OAuth2-Cognito-Edge").routes }],
  ])("GIVEN an EDGE route under %s WHEN synthesized THEN it throws naming the route", (_name, spec) => {
    expect(() => synth(spec)).toThrow(/"GET \/pets".*EDGE/);
  });
});
