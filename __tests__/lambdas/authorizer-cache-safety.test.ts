// Cache safety: API Gateway caches one policy per token and reuses it on every route behind the authorizer.
// For each sample principal, whichever route it calls first, the returned policy — evaluated the way API
// Gateway evaluates it (explicit Deny wins, `*` matches any characters including `/`) — must grant exactly
// the routes the principal may call.
import type { RouteRequirement, RouteTable } from "../../kernel/contracts/route-table";
import type { PolicyDocument } from "../../lambdas/authorizer/policy";
import { accessClaims, authorizerWithKeys, CLIENT_IDS, idClaims, machineClaims, PREFIX, TABLES, token, tokenEvent } from "./helpers/tokens";

/** Independent of the code under test: glob → anchored regex. */
const globRegex = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .split("")
      .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&")))
      .join("")}$`,
  );

function apiGatewayAllows(policy: PolicyDocument, arn: string): boolean {
  const matches = (effect: string): boolean => policy.Statement.some((s) => s.Effect === effect && s.Resource.some((r) => globRegex(r).test(arn)));
  return !matches("Deny") && matches("Allow");
}

/** The routes' requirements, re-stated plainly: the oracle. */
function mayCall(route: RouteRequirement, claims: Record<string, unknown>): boolean {
  const tokenUse = claims.token_use as string;
  const clientId = (tokenUse === "id" ? claims.aud : claims.client_id) as string;
  const groups = (claims["cognito:groups"] as string[] | undefined) ?? [];
  const scopes = ((claims.scope as string | undefined) ?? "").split(" ");
  const clientIds: Record<string, string> = CLIENT_IDS;
  if (route.tokenUse !== "any" && route.tokenUse !== tokenUse) return false;
  if (route.clients !== null && !route.clients.some((c) => clientIds[c] === clientId)) return false;
  if (route.groups.length > 0 && !route.groups.some((g) => groups.includes(g))) return false;
  if (route.scopes.length > 0 && !route.scopes.some((s) => scopes.includes(s))) return false;
  return true;
}

/** Concrete requests that API Gateway routes to each route (parameters filled in, verbs for ANY). */
function requestsFor(route: RouteRequirement): [string, string][] {
  const verbs = route.method === "ANY" ? ["GET", "POST", "DELETE"] : [route.method];
  const paths = [route.path.replace(/\{[^}]+\+\}/, "a").replace(/\{[^}]+\}/g, "1"), route.path.replace(/\{[^}]+\+\}/, "a/b/c").replace(/\{[^}]+\}/g, "photo")];
  return verbs.flatMap((v) => [...new Set(paths)].map((p): [string, string] => [v, p]));
}

const PRINCIPALS: Record<string, Record<string, unknown>> = {
  "staff user, access token with read": accessClaims(),
  "admin user, access token with read": accessClaims({ "cognito:groups": ["admins"] }),
  "admin user, access token without scopes": accessClaims({ "cognito:groups": ["admins"], scope: "aws.cognito.signin.user.admin" }),
  "admin user, ID token (web)": idClaims(),
  "staff user, ID token (web)": idClaims({ "cognito:groups": ["staff"] }),
  "user in no group, ID token": idClaims({ "cognito:groups": undefined }),
  "machine client (client_credentials)": machineClaims(),
  "admin, ID token from partner client": idClaims({ aud: CLIENT_IDS["partner-sync"] }),
};

// Overlapping routes where `*` in one route's glob reaches another route's paths.
const OVERLAPPING: RouteTable = {
  authorizer: "overlap",
  apiKeyFromAuthorizer: false,
  routes: [
    { method: "GET", path: "/pets/{petId}", groups: [], scopes: ["petstore/read"], tokenUse: "access", clients: null },
    { method: "GET", path: "/pets/{petId}/photo", groups: ["admins"], scopes: [], tokenUse: "any", clients: null },
    { method: "DELETE", path: "/pets/{petId}", groups: ["admins"], scopes: [], tokenUse: "id", clients: ["web"] },
    { method: "ANY", path: "/files/{proxy+}", groups: ["staff"], scopes: [], tokenUse: "any", clients: null },
    { method: "GET", path: "/", groups: [], scopes: [], tokenUse: "any", clients: null },
    { method: "GET", path: "/pets/mine", groups: [], scopes: [], tokenUse: "any", clients: null },
    { method: "GET", path: "/orders/{orderId}/items/{itemId}", groups: [], scopes: ["petstore/orders"], tokenUse: "access", clients: null },
  ],
};

const CASES: [string, RouteTable][] = [
  ["petstore jwt-token", TABLES["jwt-token"]],
  ["petstore jwt-request", TABLES["jwt-request"]],
  ["overlapping routes", OVERLAPPING],
];

describe.each(CASES)("cache safety: %s", (_name, table) => {
  const authz = authorizerWithKeys(table);
  test.each(Object.entries(PRINCIPALS))(
    "GIVEN %s WHEN the first call is to any route THEN the cached policy grants exactly the allowed routes",
    (_p, claims) => {
      const t = token(claims);
      for (const first of table.routes) {
        const [verb, path] = requestsFor(first)[0];
        const d = authz.decide(tokenEvent(t, verb, path));
        expect(d.effect).not.toBe("Unauthorized");
        if (d.effect === "Unauthorized") return;
        expect(d.effect).toBe(mayCall(first, claims) ? "Allow" : "Deny");
        const policy = d.response.policyDocument;
        // never a blanket grant
        expect(policy.Statement.flatMap((s) => s.Resource)).not.toContain(`${PREFIX}*`);
        for (const route of table.routes) {
          for (const [v, p] of requestsFor(route)) {
            expect({ first: `${first.method} ${first.path}`, call: `${v} ${p}`, allowed: apiGatewayAllows(policy, `${PREFIX}${v}${p}`) }).toEqual({
              first: `${first.method} ${first.path}`,
              call: `${v} ${p}`,
              allowed: mayCall(route, claims),
            });
          }
        }
      }
    },
  );
});

test("GIVEN a principal allowed nothing WHEN deciding THEN the policy only denies", () => {
  const authz = authorizerWithKeys(TABLES["jwt-token"]);
  const d = authz.decide(tokenEvent(token(idClaims({ "cognito:groups": undefined, aud: CLIENT_IDS["partner-sync"] })), "DELETE", "/pets/1"));
  expect(d.effect).toBe("Deny");
  if (d.effect === "Unauthorized") return;
  expect(d.response.policyDocument.Statement.every((s) => s.Effect === "Deny")).toBe(true);
});

test("GIVEN a denied ANY proxy route beside an allowed GET route WHEN the needed Deny also covers the GET THEN the decision says Deny (policy-conflict), never a silent mismatch", () => {
  const table: RouteTable = {
    authorizer: "conflict",
    apiKeyFromAuthorizer: false,
    routes: [
      { method: "GET", path: "/a/{x}", groups: [], scopes: [], tokenUse: "any", clients: null },
      { method: "ANY", path: "/a/{proxy+}", groups: ["admins"], scopes: [], tokenUse: "any", clients: null },
    ],
  };
  const authz = authorizerWithKeys(table);
  const d = authz.decide(tokenEvent(token(accessClaims({ "cognito:groups": ["staff"] })), "GET", "/a/1"));
  expect(d).toMatchObject({ effect: "Deny", reason: "policy-conflict" });
  if (d.effect === "Unauthorized") return;
  // fail closed: the over-reaching Allow is fenced off
  expect(apiGatewayAllows(d.response.policyDocument, `${PREFIX}POST/a/1/2`)).toBe(false);
  expect(apiGatewayAllows(d.response.policyDocument, `${PREFIX}GET/a/1/2`)).toBe(false);
});

test("GIVEN an allowed {param} route beside a denied literal parent WHEN the cached policy meets the parent with a trailing slash THEN it is denied, as decide() denies it", () => {
  // `GET/pets/*` also matches `GET/pets/` (`*` matches nothing too). Should API Gateway hand `/pets/` to the
  // `/pets` resource, the policy cached from `GET /pets/1` must not open it.
  const table: RouteTable = {
    authorizer: "trailing-slash",
    apiKeyFromAuthorizer: false,
    routes: [
      { method: "GET", path: "/pets", groups: ["admins"], scopes: [], tokenUse: "any", clients: null },
      { method: "GET", path: "/pets/{petId}", groups: [], scopes: [], tokenUse: "any", clients: null },
      { method: "ANY", path: "/stores", groups: ["admins"], scopes: [], tokenUse: "any", clients: null },
      { method: "ANY", path: "/stores/{storeId}", groups: [], scopes: [], tokenUse: "any", clients: null },
    ],
  };
  const authz = authorizerWithKeys(table);
  const t = token(accessClaims({ "cognito:groups": ["staff"] }));
  const d = authz.decide(tokenEvent(t, "GET", "/pets/1"));
  expect(d.effect).toBe("Allow");
  if (d.effect === "Unauthorized") return;
  const policy = d.response.policyDocument;
  expect(apiGatewayAllows(policy, `${PREFIX}GET/pets/1`)).toBe(true);
  expect(apiGatewayAllows(policy, `${PREFIX}DELETE/stores/1`)).toBe(true);
  for (const arn of ["GET/pets", "GET/pets/", "POST/stores", "POST/stores/"]) {
    expect({ arn, allowed: apiGatewayAllows(policy, `${PREFIX}${arn}`) }).toEqual({ arn, allowed: false });
    expect({ arn, fresh: authz.decide(tokenEvent(t, arn.split("/")[0], arn.slice(arn.indexOf("/")))).effect }).toEqual({ arn, fresh: "Deny" });
  }
});
