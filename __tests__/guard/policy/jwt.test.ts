// `type: JWT` in the policy's words: parsed (issuer, audience, scopes, optional authorizer), judged by
// method-matches-policy on a real plan of an HTTP API with an outside issuer (fixtures/jwt-issuer), and drafted by
// --init-policy so that the draft, unchanged, matches.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../cli/check";
import { runRules } from "../../../guard/engine";
import { loadModel } from "../../../guard/load";
import { parseDataText } from "../../../kernel/io/data-file";
import { parsePolicyDocument } from "../../../guard/policy/parse";
import type { ApiPolicy } from "../../../guard/policy/types";

const PLAN = join(__dirname, "..", "load", "modules", "fixtures", "jwt-issuer", "plan.json");
const ISSUER = "https://login.example.com/tenant-1/";

function policy(routes: Record<string, unknown>): { policy?: ApiPolicy; problems: { path: string; message: string }[] } {
  return parsePolicyDocument({ api: "orders-http", routes }, "p.yaml");
}
const jwt = (extra: Record<string, unknown> = {}) => ({ type: "JWT", issuer: ISSUER, audience: ["api://orders"], ...extra });
const intended = (read: Record<string, unknown>, create: Record<string, unknown> = jwt()) =>
  policy({ "GET /orders": read, "POST /orders": create }).policy as ApiPolicy;
const mismatches = (p: ApiPolicy) =>
  runRules(loadModel(PLAN), { policies: [p] })
    .findings.filter((f) => f.rule === "method-matches-policy")
    .map((f) => f.message);

describe("GIVEN the policy parser", () => {
  test("WHEN a route is type JWT with issuer, audience, scopes and an authorizer THEN it is accepted as written", () => {
    const r = policy({ "GET /orders": jwt({ scopes: ["orders.read"], authorizer: "${api}-idp" }) });
    expect(r.problems).toEqual([]);
    expect(r.policy?.routes["GET /orders"]).toMatchObject({ type: "JWT", issuer: ISSUER, audience: ["api://orders"], scopes: ["orders.read"] });
  });

  test.each([
    [{ type: "COGNITO", authorizer: "c", issuer: ISSUER }, "issuer only applies to JWT"],
    [{ type: "NONE", reason: "public catalogue", audience: ["x"] }, "audience only applies to JWT"],
    [jwt({ audience: [] }), "must name at least one audience"],
    [jwt({ issuer: "" }), "must be a non-empty string (the issuer URL)"],
  ])("WHEN %j THEN it is refused: %s", (route, message) => {
    expect(policy({ "GET /orders": route }).problems.map((p) => p.message)).toContainEqual(expect.stringContaining(message));
  });
});

describe("GIVEN an HTTP API whose routes use a JWT authorizer of an outside issuer", () => {
  test("WHEN the policy says JWT with its issuer, audience and scopes THEN method-matches-policy is quiet", () => {
    expect(mismatches(intended(jwt({ scopes: ["orders.read"] })))).toEqual([]);
  });

  test.each([
    ["another issuer", jwt({ scopes: ["orders.read"], issuer: "https://login.example.com/tenant-2/" }), `the JWT issuer is "${ISSUER}"`],
    ["another audience", jwt({ scopes: ["orders.read"], audience: ["api://billing"] }), 'the JWT audience is ["api://orders"]'],
    ["other scopes", jwt({ scopes: ["orders.write"] }), 'authorization_scopes are ["orders.read"], policy says ["orders.write"]'],
    ["another authorizer", jwt({ scopes: ["orders.read"], authorizer: "other" }), 'authorizer is "orders-http-idp", policy says "other"'],
    ["CUSTOM", { type: "CUSTOM", authorizer: "${api}-idp" }, 'authorization is "JWT", policy says CUSTOM'],
  ])("WHEN the policy gives %s THEN GET /orders is reported", (_what, read, message) => {
    expect(mismatches(intended(read as Record<string, unknown>))).toContainEqual(expect.stringContaining(message));
  });
});

test('GIVEN a policy type that is the gateway\'s own word (CUSTOM) THEN the message says it once, never "CUSTOM (CUSTOM)"', () => {
  const messages = mismatches(intended({ type: "CUSTOM", authorizer: "${api}-idp" }));
  expect(messages).toContainEqual('GET /orders: authorization is "JWT", policy says CUSTOM');
});

test("GIVEN --init-policy on that plan THEN JWT routes are drafted (not skipped) and the draft, unchanged, matches", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "jwt-draft-")), "policies");
  const io = { out: (): void => undefined, err: (): void => undefined };
  expect(main([PLAN, "--init-policy", dir], io)).toBe(0);
  const [file] = readdirSync(dir);
  const parsed = parseDataText(readFileSync(join(dir, file), "utf8"), "yaml");
  const draft = parsed.ok ? parsePolicyDocument(parsed.data, file) : undefined;
  expect(draft?.problems).toEqual([]);
  expect(draft?.policy?.routes["GET /orders"]).toMatchObject({ type: "JWT", scopes: ["orders.read"], issuer: ISSUER, audience: ["api://orders"] });
  expect(draft?.policy?.routes["POST /orders"]).toMatchObject({ type: "JWT", scopes: [] });
  expect(mismatches(draft?.policy as ApiPolicy)).toEqual([]);
});
