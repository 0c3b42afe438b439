// no-open-method says why an open route is a finding in the words of the run: a policy that gives no reason, or no
// policy loaded at all (a first run), where blaming "the policy" would send the user looking for a file they have
// not written yet.
import { join } from "node:path";
import { loadModel } from "../../../../guard/load";
import { loadPolicies } from "../../../../guard/policy/load";
import { RULES } from "../../../../guard/rules";
import { NoOpenMethod } from "../../../../guard/rules/access/no-open-method";

const DIR = join(__dirname, "no-open-method");
const model = loadModel(join(DIR, "fail.tf.json"));
const messages = (policies: Parameters<typeof NoOpenMethod.check>[1]): string[] => NoOpenMethod.check(model, policies).map((f) => f.message);

describe("no-open-method's reason", () => {
  test("GIVEN the policy of its fixtures WHEN a route is open without a reason THEN the policy gives no reason", () => {
    const found = messages(loadPolicies(join(DIR, "policy.yaml"), RULES));
    expect(found.length).toBeGreaterThan(0);
    for (const m of found) expect(m).toMatch(/, and the policy gives no reason for it to be open$/);
  });

  test("GIVEN no policy at all WHEN the same route is checked THEN it says no policy is loaded, not that one gives no reason", () => {
    const found = messages({ policies: [] });
    expect(found.length).toBeGreaterThan(0);
    for (const m of found) expect(m).toMatch(/, and no policy says it is meant to be open \(none is loaded\)$/);
  });
});
