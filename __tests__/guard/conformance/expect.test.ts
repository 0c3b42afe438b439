// guard/conformance: what a caller should get on a route, as a pure function of the route's spec, the policy entry and
// the credential; how an answer is read; the verdict; which request stands for a route. The Lambda authorizer's own
// decision is the yardstick for LAMBDA routes: the expectation must agree with it on every token shape.
import { expectedAnswer, expectedUnder } from "../../../guard/conformance/expect";
import { failingVerdicts, verdictOf } from "../../../guard/conformance/judge";
import { observe } from "../../../guard/conformance/observe";
import { planRoutes } from "../../../guard/conformance/call-plan";
import { policyRequirement, specRequirement, type Requirement } from "../../../guard/conformance/requirement";
import type { Credential, Expectation, Observation, Presented, TokenFacts } from "../../../guard/conformance/types";
import type { IntendedRoute } from "../../../guard/policy/types";
import { petstoreDev, petstoreProd } from "../../../access-spec/samples/petstore";
import type { AccessSpec, RouteSpec } from "../../../access-spec/types";
import { accessClaims, authorizerWithKeys, CLIENT_IDS, idClaims, TABLES, token, tokenEvent } from "../../lambdas/helpers/tokens";

const route = (spec: AccessSpec, key: string): RouteSpec => {
  const r = spec.routes.find((x) => `${x.method} ${x.path}` === key);
  if (r === undefined) throw new Error(`no route ${key}`);
  return r;
};
const bySpec = (key: string, spec: AccessSpec = petstoreDev, entry: "stage" | "cloudfront" = "stage"): Requirement =>
  specRequirement(spec, route(spec, key), entry, planRoutes([route(spec, key)], true)[0].requestPath);

const intended = (over: Partial<IntendedRoute>): IntendedRoute => ({ type: "COGNITO", scopes: [], groups: [], roles: [], apiKey: false, ...over });
const facts = (over: Partial<TokenFacts> = {}): TokenFacts => ({ tokenUse: "access", scopes: [], groups: [], clientName: "web", ...over });
const tok = (over: Partial<TokenFacts> = {}, apiKey = false): Credential => ({ presented: { kind: "token", facts: facts(over) }, apiKey });
const bare = (presented: Presented, apiKey = false): Credential => ({ presented, apiKey });
const kind = (e: Expectation): string => e.kind;

describe("Cognito routes (REFERENCE: with scopes access tokens carrying one, without scopes ID tokens only)", () => {
  test("GIVEN GET /pets (petstore/read) THEN only an access token with the scope is admitted", () => {
    const r = bySpec("GET /pets");
    expect(kind(expectedUnder(r, tok({ scopes: ["petstore/read"] })))).toBe("admit");
    expect(kind(expectedUnder(r, tok({ scopes: ["petstore/orders"] })))).toBe("deny");
    expect(kind(expectedUnder(r, tok({ tokenUse: "id", scopes: ["petstore/read"] })))).toBe("deny");
    for (const p of [{ kind: "nothing" }, { kind: "garbage" }, { kind: "forged" }, { kind: "sigv4", roleName: "x" }] as const)
      expect(kind(expectedUnder(r, bare(p)))).toBe("deny");
  });

  test("GIVEN GET /profile (no scopes) THEN ID tokens are admitted and access tokens refused", () => {
    const r = bySpec("GET /profile");
    expect(kind(expectedUnder(r, tok({ tokenUse: "id" })))).toBe("admit");
    expect(kind(expectedUnder(r, tok({ tokenUse: "access", scopes: ["petstore/read"] })))).toBe("deny");
  });

  test("GIVEN POST /orders (scope plus usage plan) THEN the right token without the API key is refused", () => {
    const r = bySpec("POST /orders");
    expect(expectedUnder(r, tok({ scopes: ["petstore/orders"] }))).toEqual({ kind: "deny", why: "the route requires an API key and none was sent" });
    expect(kind(expectedUnder(r, tok({ scopes: ["petstore/orders"] }, true)))).toBe("admit");
  });
});

describe("LAMBDA routes agree with the real authorizer's decision", () => {
  // Every token shape the sample's authorizers distinguish: type, client, groups, scopes.
  const shapes: { name: string; claims: Record<string, unknown>; facts: TokenFacts }[] = [];
  for (const use of ["access", "id"] as const)
    for (const client of ["web", "partner-sync"] as const)
      for (const groups of [[], ["admins"], ["staff"]])
        for (const scope of ["", "petstore/read", "petstore/orders"]) {
          const base = use === "access" ? accessClaims({ client_id: CLIENT_IDS[client], scope }) : idClaims({ aud: CLIENT_IDS[client] });
          const claims = { ...base, "cognito:groups": groups };
          shapes.push({
            name: `${use}/${client}/[${groups.join(",")}]/${scope}`,
            claims,
            facts: { tokenUse: use, clientName: client, groups, scopes: use === "access" && scope !== "" ? [scope] : [] },
          });
        }

  test.each(["GET /pets/{petId}", "DELETE /pets/{petId}", "PUT /pets/{petId}/photo"])(
    "GIVEN %s THEN admit <=> the authorizer's Allow, for every token shape",
    (key) => {
      const r = route(petstoreDev, key);
      if (r.auth.type !== "LAMBDA") throw new Error("not a LAMBDA route");
      const authorizer = authorizerWithKeys(TABLES[r.auth.authorizer]);
      const requirement = bySpec(key);
      const path = planRoutes([r], true)[0].requestPath;
      const mismatches = shapes.filter((s) => {
        const decision = authorizer.decide(tokenEvent(`Bearer ${token(s.claims)}`, r.method, path));
        const expected = expectedUnder(requirement, tok(s.facts));
        return (decision.effect === "Allow") !== (expected.kind === "admit") || expected.kind === "unjudged";
      });
      expect(mismatches.map((s) => s.name)).toEqual([]);
    },
  );

  test("GIVEN a route limited to some clients and a token whose client is not known by name THEN unjudged, not a pass", () => {
    expect(kind(expectedUnder(bySpec("DELETE /pets/{petId}"), tok({ tokenUse: "id", groups: ["admins"], clientName: undefined })))).toBe("unjudged");
  });
});

describe("AWS_IAM routes", () => {
  const r = bySpec("GET /reports/{reportId}");
  test("GIVEN the invoker role or the admins group's role THEN admitted; anything but SigV4 THEN refused", () => {
    expect(kind(expectedUnder(r, bare({ kind: "sigv4", roleName: "petstore-dev-invoker-reporting" })))).toBe("admit");
    expect(kind(expectedUnder(r, bare({ kind: "sigv4", roleName: "petstore-dev-group-admins" })))).toBe("admit");
    expect(kind(expectedUnder(r, tok({ scopes: ["petstore/read"] })))).toBe("deny");
    expect(kind(expectedUnder(r, bare({ kind: "nothing" }, true)))).toBe("deny");
  });
  test("GIVEN a role the route does not name, or an unknown principal THEN unjudged (grants outside the stack are not in the spec)", () => {
    expect(kind(expectedUnder(r, bare({ kind: "sigv4", roleName: "ci-deployer" })))).toBe("unjudged");
    expect(kind(expectedUnder(r, bare({ kind: "sigv4", roleName: undefined })))).toBe("unjudged");
  });
  test("GIVEN the policy's role pattern THEN it judges too", () => {
    const p = policyRequirement(petstoreDev, intended({ type: "AWS_IAM", groups: ["admins"], roles: ["petstore-*-invoker-reporting"] }), "stage");
    expect(kind(expectedUnder(p, bare({ kind: "sigv4", roleName: "petstore-dev-invoker-reporting" })))).toBe("admit");
  });
});

describe("spec and policy together: a caller either excludes is refused", () => {
  test("GIVEN a spec that opens a route the policy protects THEN an anonymous caller should be refused (by the policy)", () => {
    const open: Requirement = { gate: { kind: "open" }, apiKey: false };
    const policy = policyRequirement(petstoreDev, intended({ type: "COGNITO" }), "stage");
    expect(expectedAnswer(open, policy, bare({ kind: "nothing" }))).toEqual({ kind: "deny", why: "policy: no token" });
    expect(expectedAnswer(policy, open, bare({ kind: "nothing" }))).toEqual({ kind: "deny", why: "spec: no token" });
  });
  test("GIVEN both admit THEN admit; the policy silent on the route THEN unjudged; no policy at all THEN the spec alone", () => {
    const spec = bySpec("GET /health");
    expect(kind(expectedAnswer(spec, policyRequirement(petstoreDev, intended({ type: "NONE", reason: "x" }), "stage"), bare({ kind: "nothing" })))).toBe(
      "admit",
    );
    expect(expectedAnswer(spec, policyRequirement(petstoreDev, undefined, "stage"), bare({ kind: "nothing" }))).toEqual({
      kind: "unjudged",
      why: "policy: the policy does not list this route",
    });
    expect(kind(expectedAnswer(spec, undefined, bare({ kind: "nothing" })))).toBe("admit");
  });
});

describe("behind CloudFront", () => {
  test("GIVEN the prod stage called directly THEN every caller is refused, a valid token too (the stage admits CloudFront only)", () => {
    for (const key of ["GET /health", "GET /pets"])
      expect(kind(expectedUnder(bySpec(key, petstoreProd, "stage"), tok({ scopes: ["petstore/read"] })))).toBe("deny");
  });
  test("GIVEN CloudFront THEN EDGE routes take the edge verifier's scopes and other routes the gateway's own rule", () => {
    const pets = bySpec("GET /pets", petstoreProd, "cloudfront");
    expect(pets.gate).toEqual({ kind: "edge", scopes: ["petstore/read"], clients: null });
    expect(kind(expectedUnder(pets, tok({ scopes: ["petstore/read"] })))).toBe("admit");
    expect(kind(expectedUnder(pets, tok({ tokenUse: "id" })))).toBe("deny");
    expect(kind(expectedUnder(bySpec("GET /health", petstoreProd, "cloudfront"), bare({ kind: "nothing" })))).toBe("admit");
    expect(bySpec("DELETE /pets/{petId}", petstoreProd, "cloudfront").gate.kind).toBe("lambda");
  });
});

describe("reading an answer", () => {
  const h = (o: Record<string, string>) => o;
  test.each([
    [401, h({ "x-amzn-errortype": "UnauthorizedException" }), { outcome: "denied", refusedBy: "gateway" }],
    [403, h({ "x-amzn-errortype": "AccessDeniedException:http://internal" }), { outcome: "denied", refusedBy: "gateway", errorType: "AccessDeniedException" }],
    [401, h({ "www-authenticate": 'Bearer realm="x"' }), { outcome: "denied", refusedBy: "edge" }],
    [403, h({}), { outcome: "denied", refusedBy: "backend" }],
    [500, h({ "x-amzn-errortype": "AuthorizerConfigurationException" }), { outcome: "denied", refusedBy: "gateway" }],
    [429, h({ "x-amzn-errortype": "TooManyRequestsException" }), { outcome: "inconclusive" }],
    [502, h({ "x-amzn-errortype": "InternalServerErrorException" }), { outcome: "reached" }],
    [404, h({}), { outcome: "reached" }],
    [200, h({}), { outcome: "reached" }],
  ])("GIVEN %d %j THEN %j", (status, headers, want) => {
    expect(observe(status, headers)).toMatchObject(want);
  });
});

describe("verdicts", () => {
  const admit: Expectation = { kind: "admit", why: "a" };
  const deny: Expectation = { kind: "deny", why: "d" };
  const seen = (o: Partial<Observation>): Observation => ({ outcome: "reached", note: "n", ...o });
  test("GIVEN each pairing THEN exposed, locked-out, pass, inconclusive or unjudged", () => {
    expect(verdictOf(deny, seen({ outcome: "reached" })).verdict).toBe("exposed");
    expect(verdictOf(deny, seen({ outcome: "denied", refusedBy: "backend" })).verdict).toBe("pass");
    expect(verdictOf(admit, seen({ outcome: "denied", refusedBy: "gateway" })).verdict).toBe("locked-out");
    // The gateway let the caller through; the backend's own refusal is not the spec's business.
    expect(verdictOf(admit, seen({ outcome: "denied", refusedBy: "backend" })).verdict).toBe("pass");
    expect(verdictOf(deny, seen({ outcome: "inconclusive" })).verdict).toBe("inconclusive");
    expect(verdictOf({ kind: "unjudged", why: "u" }, seen({ outcome: "reached" })).verdict).toBe("unjudged");
  });
  test("GIVEN --fail-on THEN it and every more severe verdict fail", () => {
    expect(failingVerdicts("exposed")).toEqual(["exposed"]);
    expect(failingVerdicts("inconclusive")).toEqual(["exposed", "locked-out", "inconclusive"]);
  });
});

describe("which request stands for a route", () => {
  const r = (method: RouteSpec["method"], path: string): RouteSpec => ({ method, path, integration: { type: "MOCK" }, auth: { type: "NONE", reason: "t" } });
  test("GIVEN unsafe methods THEN skipped unless included; ANY is called with GET; parameters get the placeholder", () => {
    const plan = planRoutes([r("POST", "/a"), r("ANY", "/b/{id}"), r("GET", "/c/{proxy+}")], false);
    expect(plan.map((p) => [p.method, p.requestPath, p.skip !== undefined])).toEqual([
      ["POST", "/a", true],
      ["GET", "/b/x", false],
      ["GET", "/c/a/b", false],
    ]);
    expect(planRoutes([r("POST", "/a")], true)[0].skip).toBeUndefined();
  });
  test("GIVEN a literal sibling equal to the placeholder THEN the parameter route is not called in its place", () => {
    const plan = planRoutes([r("GET", "/pets/{petId}"), r("GET", "/pets/x")], false);
    expect(plan[0].skip).toBe("the placeholder request GET /pets/x is served by route GET /pets/x");
    expect(plan[1].skip).toBeUndefined();
  });
});
