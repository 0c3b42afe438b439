// The policy's `deciders` section: function name patterns with what each function checks, parsed as written; an
// entry without a real reason, or a section that is no mapping, is a problem named with its path.
import { parsePolicyDocument } from "../../../guard/policy/parse";

const ROUTES = { "GET /health": { type: "NONE", reason: "uptime probes, static body" } };
const parse = (deciders: unknown) => parsePolicyDocument({ api: "petstore-*", routes: ROUTES, deciders }, "p.yaml");

test("GIVEN deciders with what each function checks WHEN parsed THEN they are kept as written", () => {
  const r = parse({ "petstore-*-admin-only": "checks cognito:groups contains admins" });
  expect(r.problems).toEqual([]);
  expect(r.policy?.deciders).toEqual([{ function: "petstore-*-admin-only", reason: "checks cognito:groups contains admins" }]);
});

test("GIVEN a decider without a real reason, and a section that is a list THEN each problem is named with its path", () => {
  expect(parse({ "petstore-*-admin-only": "ok", "petstore-*-other": 3 }).problems.map((p) => p.path)).toEqual([
    "deciders.petstore-*-admin-only",
    "deciders.petstore-*-other",
  ]);
  expect(parse(["petstore-*-admin-only"]).problems.map((p) => p.path)).toEqual(["deciders"]);
});
