// The shop fixture is quiet under every rule, and each of its non-compliant copies (fixtures/noncompliant, which the
// CLI suites also run) makes the rule it is written for fire. Each rule's own fixtures are checked by
// rules/registry.test.ts.
import { join } from "node:path";
import { runRules } from "../../guard/engine";
import { loadModel } from "../../guard/load";
import { loadPolicies } from "../../guard/policy/load";
import { RULES } from "../../guard/rules";
import { BREAKAGES } from "./fixtures/noncompliant/generate";

const FIX = join(__dirname, "fixtures");
const policies = loadPolicies(join(FIX, "shop.policy.yaml"), RULES);

describe("rules over the shop fixture", () => {
  test("GIVEN the compliant fixture WHEN every rule runs THEN there are no findings", () => {
    expect(runRules(loadModel(join(FIX, "compliant.tf.json")), policies).findings).toEqual([]);
  });

  test("every non-compliant fixture is written for a registered rule", () => {
    expect(Object.keys(BREAKAGES).filter((id) => !RULES.some((r) => r.id === id))).toEqual([]);
  });

  describe.each(Object.entries(BREAKAGES).map(([id, [file]]) => [id, file] as const))("%s", (id, file) => {
    test(`GIVEN noncompliant/${file}.tf.json WHEN the rule runs THEN it fires`, () => {
      const rule = RULES.find((r) => r.id === id);
      const findings = rule?.check(loadModel(join(FIX, "noncompliant", `${file}.tf.json`)), policies) ?? [];
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) expect(f.message).not.toBe("");
    });
  });
});
