// Every rule: quiet on the compliant fixture, firing on its own non-compliant fixture (a rule that cannot fire is a defect).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runRules } from "../../guard/engine";
import { loadModel } from "../../guard/load";
import { loadPolicies } from "../../guard/policy/load";
import { RULES } from "../../guard/rules";
import { BREAKAGES } from "./fixtures/noncompliant/generate";

const FIX = join(__dirname, "fixtures");
const policies = loadPolicies(join(FIX, "shop.policy.yaml"), RULES);
const fileOf = (id: string): string => id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());

describe("rules over fixtures", () => {
  const compliant = loadModel(join(FIX, "compliant.tf.json"));

  test("GIVEN the compliant fixture WHEN every rule runs THEN there are no findings", () => {
    expect(runRules(compliant, policies).findings).toEqual([]);
  });

  // Edge/CloudFront rules (issue 6) are covered by __tests__/guard/rules/edge, __tests__/lambdas/edge and __tests__/constructs; these are the API, IAM and Cognito rules.
  const mine = RULES.filter((r) => fileOf(r.id) in BREAKAGES);

  // Rules without a fixture in fixtures/noncompliant fire in the suite named here (a pair, a real plan, a fixture of
  // their own): every rule is in exactly one place, and that suite names the rule.
  const ELSEWHERE: Readonly<Record<string, string>> = {
    "http-route-authorizer-ignored": "guard/load/http-api/check.test.ts",
    "http-api-waf": "guard/load/http-api/check.test.ts",
    "jwt-authorizer-issuer-known": "guard/load/http-api/check.test.ts",
    "openapi-body-verified": "guard/load/openapi/rules.test.ts",
    "cognito-group-role-privileges": "guard/access/pairs/iam.ts",
    "iam-invoker-trust": "guard/access/pairs/iam.ts",
    "iam-managed-policy-verified": "guard/access/pairs/iam.ts",
    "identity-pool-unauthenticated-invoke": "guard/access/pairs/identity-pools.ts",
    "deployment-stage-name": "guard/access/pairs/stages.ts",
    "cognito-authorizer-pool-known": "guard/access/pairs/cognito.ts",
    "cognito-trigger-known": "guard/access/pairs/cognito.ts",
    "cognito-user-in-access-group": "guard/access/pairs/cognito.ts",
    "app-client-implicit-flow": "guard/access/pairs/cognito.ts",
    "bundle-matches-source": "cli/bundle-source.test.ts",
    "edge-origin-protected": "guard/rules/edge/edge-rules.test.ts",
    "cloudfront-authorization-in-cache-key": "guard/rules/edge/edge-rules.test.ts",
    "edge-auth-on-viewer-request": "guard/rules/edge/edge-rules.test.ts",
    "waf-managed-rules": "guard/rules/edge/edge-rules.test.ts",
    "cloudfront-web-acl": "guard/rules/edge/edge-rules.test.ts",
    "cloudfront-https-only": "guard/rules/edge/edge-rules.test.ts",
    "cloudfront-tls-1-2": "guard/rules/edge/edge-rules.test.ts",
    "api-cache-keyed-on-credential": "guard/rules/widening/widening-rules.test.ts",
    "authorizer-cache-ttl-bounded": "guard/rules/widening/widening-rules.test.ts",
    "decider-code-pinned": "guard/rules/widening/widening-rules.test.ts",
    "edge-config-parameter-owned": "guard/rules/widening/widening-rules.test.ts",
    "identity-provider-named": "guard/rules/widening/identity-provider-named.test.ts",
    "backend-doors-intended": "guard/access/pairs/doors.ts",
    "handler-decider-declared": "guard/rules/widening/handler-deciders.test.ts",
  };

  test("every rule has a firing fixture: here, or in the one suite named for it", () => {
    for (const r of RULES) {
      const here = fileOf(r.id) in BREAKAGES;
      const there = ELSEWHERE[r.id];
      expect([r.id, here || there !== undefined]).toEqual([r.id, true]);
      expect([r.id, here && there !== undefined]).toEqual([r.id, false]);
      if (there !== undefined) {
        const text = readFileSync(join(__dirname, "..", there), "utf8");
        expect([r.id, text.includes(r.id) || text.includes(fileOf(r.id))]).toEqual([r.id, true]);
      }
    }
    expect(Object.keys(ELSEWHERE).filter((id) => !RULES.some((r) => r.id === id))).toEqual([]);
  });

  test("every fixture names a registered rule", () => {
    expect(Object.keys(BREAKAGES).filter((f) => !RULES.some((r) => fileOf(r.id) === f))).toEqual([]);
  });

  describe.each(mine.map((r) => [r.id, r] as const))("%s", (id, rule) => {
    const file = join(FIX, "noncompliant", `${fileOf(id)}.tf.json`);

    test("has a non-compliant fixture named after its file", () => {
      expect(existsSync(file)).toBe(true);
    });

    test("GIVEN the compliant fixture THEN it is quiet", () => {
      expect(rule.check(compliant, policies)).toEqual([]);
    });

    test("GIVEN its non-compliant fixture THEN it fires", () => {
      const findings = rule.check(loadModel(file), policies);
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) expect(f.message).not.toBe("");
    });

    test("declares id, title, severity, rationale and equivalents", () => {
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.rationale.length).toBeGreaterThan(40);
      expect(rule.equivalents).toBeDefined();
    });
  });
});
