// Policy tests of the stacks this repository is configured to build (access-specs.json: a team's own specs, or the
// sample), against policies/: one test per stack, API and method, named by what the policy intends for it; one per
// API and policy file; one per control rule and resource it judges. A contradiction fails with the finding (the
// route, the policy file, the synthesized value and the policy's); "not verified" is a skipped test with its reason,
// never a pass. On cdk.tf.json (no terraform), and on cdktf.out's plan.json too when it is of this very synth.
// `npm run test:policy` runs these alone and writes their JUnit evidence (docs/policy-tests.md).
import { join, relative } from "node:path";
import { loadPolicies } from "../../guard/policy/load";
import { RULES } from "../../guard/rules";
import type { Model } from "../../guard/model";
import { policyTests, type PolicyTest } from "../../guard/testing/policy-tests";
import { configuredStacks, ROOT } from "./private/configured";

// Policy file names read `policies/<api>.yaml`, as the reviewers know them.
const policies = loadPolicies(relative(process.cwd(), join(ROOT, "policies")) || "policies", RULES);
const configured = configuredStacks();

function declare(tests: readonly PolicyTest[]): void {
  const stacks = [...new Set(tests.map((t) => t.stack))];
  for (const stack of stacks) {
    describe(stack === "" ? "(no stack)" : stack, () => {
      for (const t of tests.filter((x) => x.stack === stack)) {
        if (t.status === "skipped") test.skip(`${t.name} [skipped: ${t.message ?? ""}]`, () => undefined);
        else
          test(t.name, () => {
            if (t.status === "failed") throw new Error(t.message);
            expect(t.status).toBe("passed");
          });
      }
    });
  }
}

function suite(title: string, model: Model): void {
  describe(title, () => declare(policyTests(model, policies)));
}

if (!configured.ok) {
  test(`the configured specs (${configured.source.from}) are valid`, () => {
    throw new Error(configured.problems.join("\n"));
  });
} else {
  const what = `${configured.stacks.join(", ")} (specs from ${configured.source.from})`;
  suite(`policy tests of ${what} on cdk.tf.json`, configured.synth);
  if (configured.plan !== undefined) suite(`policy tests of ${what} on plan.json`, configured.plan);
  else if (configured.planNote !== undefined) test.skip(`policy tests on plan.json [skipped: ${configured.planNote}]`, () => undefined);
}
