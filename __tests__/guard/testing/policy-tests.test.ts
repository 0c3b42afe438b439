// The policy tests as a team meets them after "Your own API in an hour": examples/orders configured (its specs by
// ACCESS_SPEC, exactly as access-specs.json would list them, and its policy), synthesized in-process. Every one of its
// 20 routes is a named method test and all pass; the README's bad change (GET /orders opened in the dev spec) fails
// exactly the tests whose subject is that route, each message naming the route, the policy file, NONE and COGNITO.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { loadPolicies } from "../../../guard/policy/load";
import { RULES } from "../../../guard/rules";
import { policyTests, type PolicyTest } from "../../../guard/testing/policy-tests";
import { configuredStacks, ROOT } from "../../policy/private/configured";

const EXAMPLE = join(ROOT, "examples", "orders");
const policies = loadPolicies(relative(process.cwd(), join(EXAMPLE, "policies")), RULES);
const POLICY_FILE = relative(process.cwd(), join(EXAMPLE, "policies", "orders.yaml"));

/** The README's change, made to a copy of the dev spec. */
function openedDevSpec(): string {
  const text = readFileSync(join(EXAMPLE, "orders-dev.yaml"), "utf8");
  const route = "  - method: GET\n    path: /orders\n";
  const at = text.indexOf(route);
  const before = "    auth: { type: COGNITO, scopes: [orders/read] }\n";
  const authAt = text.indexOf(before, at);
  if (at < 0 || authAt < 0 || text.slice(at + route.length, authAt).includes("- method:"))
    throw new Error("fixture: GET /orders with COGNITO orders/read not found");
  const file = join(mkdtempSync(join(tmpdir(), "policy-tests-open-")), "orders-dev.yaml");
  // The copy sits elsewhere: the schema reference on its first line is a comment and plays no part in parsing.
  writeFileSync(file, `${text.slice(0, authAt)}    auth: { type: NONE, reason: Anyone may list the orders now. }\n${text.slice(authAt + before.length)}`);
  return file;
}

function testsOf(devSpec: string): PolicyTest[] {
  const c = configuredStacks({ ACCESS_SPEC: `${devSpec},${join(EXAMPLE, "orders-prod.json")}` });
  if (!c.ok) throw new Error(c.problems.join("\n"));
  return policyTests(c.synth, policies);
}

const base = testsOf(join(EXAMPLE, "orders-dev.yaml"));
const head = testsOf(openedDevSpec());
const key = (t: PolicyTest): string => `${t.stack} ${t.rule} ${t.name}`;

describe("GIVEN examples/orders configured as the README says", () => {
  test("THEN each of its 20 routes (dev and prod) has a method test named by what the policy intends, and every test passes", () => {
    const methods = base.filter((t) => t.rule === "method-matches-policy" && t.route !== undefined);
    expect(methods).toHaveLength(20);
    expect(methods.map((t) => t.name)).toContain(`orders-dev GET /orders: COGNITO (scopes: orders/read) as ${POLICY_FILE} intends`);
    expect(base.filter((t) => t.status !== "passed").map((t) => `${t.name}: ${t.message}`)).toEqual([]);
  });
});

describe("GIVEN GET /orders changed to NONE in the dev spec", () => {
  const changed = head.filter((t) => base.find((b) => key(b) === key(t))?.status !== t.status);

  test("THEN exactly the tests whose subject is orders-dev GET /orders fail, and no other test changes", () => {
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter((t) => !(t.stack === "orders-dev" && t.route === "GET /orders")).map(key)).toEqual([]);
    expect(changed.every((t) => t.status === "failed")).toBe(true);
    expect(head.filter((t) => t.status === "failed")).toEqual(changed);
    expect(changed.map((t) => t.rule).sort()).toEqual(["method-matches-policy", "no-open-method"]);
    // The route is no longer a Cognito route: the rules that judge only those (authorizer, scopes) leave it; no
    // other test comes or goes.
    const gone = base.filter((b) => !head.some((t) => key(t) === key(b)));
    expect(gone.map((t) => `${t.stack} ${t.route} ${t.rule}`).sort()).toEqual([
      "orders-dev GET /orders authorizer-exists",
      "orders-dev GET /orders cognito-scopes-exist",
    ]);
    expect(head.filter((t) => !base.some((b) => key(b) === key(t)))).toEqual([]);
  });

  test("THEN each failure names the route, the policy file, the spec's value (NONE) and the policy's (COGNITO)", () => {
    const method = changed.find((t) => t.rule === "method-matches-policy");
    expect(method?.name).toBe(`orders-dev GET /orders: COGNITO (scopes: orders/read) as ${POLICY_FILE} intends`);
    expect(method?.message).toContain(
      `orders-dev GET /orders: GET /orders: authorization is "NONE", policy says COGNITO_USER_POOLS (COGNITO) (policy ${POLICY_FILE})`,
    );
    for (const t of changed) {
      expect(t.message).toContain("GET /orders");
      expect(t.message).toContain(POLICY_FILE);
      expect(t.message).toContain("NONE");
    }
    expect(changed.find((t) => t.rule === "no-open-method")?.message).toBe(
      `orders-dev GET /orders: GET /orders has authorization NONE and no API key, and the policy gives no reason for it to be open (policy ${POLICY_FILE})`,
    );
  });
});
