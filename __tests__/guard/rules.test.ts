// Every rule: quiet on the compliant fixture, firing on its own non-compliant fixture (a rule that cannot fire is a defect).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runRules } from "../../guard/engine";
import { loadModel } from "../../guard/load";
import { loadPolicies } from "../../guard/policy/load";
import { RULES } from "../../guard/rules";
import { BREAKAGES } from "./fixtures/noncompliant/generate";

const FIX = join(__dirname, "fixtures");
const policies = loadPolicies(join(FIX, "shop.policy.yaml"));
const fileOf = (id: string): string => id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());

describe("rules over fixtures", () => {
  const compliant = loadModel(join(FIX, "compliant.tf.json"));

  test("GIVEN the compliant fixture WHEN every rule runs THEN there are no findings", () => {
    expect(runRules(compliant, policies).findings).toEqual([]);
  });

  // Edge/CloudFront rules (issue 6) are covered by __tests__/guard/rules/edge, __tests__/lambdas/edge and __tests__/constructs; these are the API, IAM and Cognito rules.
  const mine = RULES.filter((r) => fileOf(r.id) in BREAKAGES);

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
