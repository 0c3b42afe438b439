// A REQUEST authorizer whose result cache is not keyed on the credential: one definition
// (kernel/credential-source.ts) refused by the spec, reported critical by the check.
import { credentialCacheGap } from "../../../kernel/credential-source";
import { runRules } from "../../../guard/engine";
import { modelFromDocument } from "../../../guard/load";
import { loadPolicies } from "../../../guard/policy/load";
import { RULES } from "../../../guard/rules";
import { validateSpec } from "../../../access-spec/validate";
import { only, synth } from "../review/fixtures/pairs";
import { specWith } from "../../access-spec/helpers";
import { join } from "path";

const policies = loadPolicies(join(__dirname, "..", "..", "..", "policies"), RULES);

describe("credentialCacheGap", () => {
  it("GIVEN a REQUEST authorizer caching on X-Tenant only THEN it is a gap", () => {
    expect(credentialCacheGap("REQUEST", ["method.request.header.X-Tenant"], 300)).toMatch(/leaves out the credential/);
  });

  it("GIVEN the Authorization header in any case among the sources THEN no gap", () => {
    expect(credentialCacheGap("REQUEST", ["context.httpMethod", "method.request.header.authorization"], 300)).toBeUndefined();
  });

  it("GIVEN the header name as a query string parameter THEN it is a gap (the authorizer reads the header)", () => {
    expect(credentialCacheGap("REQUEST", ["method.request.querystring.Authorization"], 60)).toBeDefined();
  });

  it("GIVEN TTL 0 or a TOKEN authorizer THEN no gap (nothing cached, or the cache key is the token)", () => {
    expect(credentialCacheGap("REQUEST", ["method.request.header.X-Tenant"], 0)).toBeUndefined();
    expect(credentialCacheGap("TOKEN", ["method.request.header.X-Token"], 300)).toBeUndefined();
  });
});

describe("the spec refuses it (synth validates the spec first)", () => {
  it("GIVEN jwt-request caching 300 s on X-Tenant WHEN validated THEN one problem at its identitySources", () => {
    const spec = specWith((s) => {
      s.authorizers[1]!.identitySources = ["method.request.header.X-Tenant"];
      s.authorizers[1]!.resultTtlSeconds = 300;
    });
    const problems = validateSpec(spec, "petstore.json");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: "authorizers[1].identitySources" });
    expect(problems[0].message).toContain('authorizer "jwt-request": the REQUEST authorizer caches its result for 300 s');
  });

  it("GIVEN the same sources with TTL 0 WHEN validated THEN no problem", () => {
    expect(
      validateSpec(
        specWith((s) => void (s.authorizers[1]!.identitySources = ["method.request.header.X-Tenant"])),
        "petstore.json",
      ),
    ).toEqual([]);
  });
});

describe("rule authorizer-identity-source", () => {
  const findings = (mutate: (d: ReturnType<typeof synth>) => void) => {
    const doc = synth("dev");
    mutate(doc);
    return runRules(modelFromDocument(doc, "x.cdk.tf.json"), policies).findings.filter((f) => f.rule === "authorizer-identity-source");
  };

  it("GIVEN the sample THEN it is quiet", () => {
    expect(findings(() => undefined)).toEqual([]);
  });

  it("GIVEN the REQUEST authorizer caching without the credential THEN a critical finding", () => {
    const f = findings((d) => {
      const a = only(d, "aws_api_gateway_authorizer", "jwt-request");
      a["identity_source"] = "method.request.header.X-Tenant";
      a["authorizer_result_ttl_in_seconds"] = 300;
    });
    expect(f.map((x) => x.severity)).toEqual(["critical"]);
  });

  it("GIVEN the TTL left to API Gateway's default (300) THEN it fires too", () => {
    const f = findings((d) => {
      const a = only(d, "aws_api_gateway_authorizer", "jwt-request");
      a["identity_source"] = "context.httpMethod";
      delete a["authorizer_result_ttl_in_seconds"];
    });
    expect(f.map((x) => x.severity)).toEqual(["critical"]);
  });
});
