// What a caller should get on a route: a pure function of the route's requirement (from the spec, and from the
// policy) and the credential presented. The spec and the policy are two statements of intent; a caller either one
// excludes should be refused, a caller both admit should get through, anything else is unjudged (never a pass).
import { matchesName } from "../../kernel/match/glob";
import type { Gate, Requirement } from "./requirement";
import type { Credential, Expectation, Presented, TokenFacts } from "./types";

const admit = (why: string): Expectation => ({ kind: "admit", why });
const deny = (why: string): Expectation => ({ kind: "deny", why });
const unjudged = (why: string): Expectation => ({ kind: "unjudged", why });

const anyOf = (wanted: readonly string[], held: readonly string[]): boolean => wanted.some((w) => held.includes(w));
const list = (xs: readonly string[]): string => xs.join(" or ");

/** A Cognito token against the Cognito authorizer (REFERENCE: with scopes access tokens only, without ID tokens only). */
function cognitoGate(scopes: readonly string[], t: TokenFacts): Expectation {
  if (scopes.length === 0) return t.tokenUse === "id" ? admit("an ID token of the pool") : deny("without scopes the Cognito authorizer accepts ID tokens only");
  if (t.tokenUse !== "access") return deny("with scopes the Cognito authorizer accepts access tokens only");
  return anyOf(scopes, t.scopes) ? admit(`an access token with ${list(scopes)}`) : deny(`the token carries none of ${list(scopes)}`);
}

/** A token against the Lambda authorizer's route-table row, checks in the authorizer's own order (decide.ts refusal). */
function lambdaGate(g: Extract<Gate, { kind: "lambda" }>, t: TokenFacts): Expectation {
  if (g.tokenUse !== "any" && g.tokenUse !== t.tokenUse) return deny(`the route takes ${g.tokenUse} tokens only`);
  if (g.clients !== null) {
    if (t.clientName === undefined) return unjudged(`the route takes tokens of ${list(g.clients)} only, and the token's client is not known by name`);
    if (!g.clients.includes(t.clientName)) return deny(`the route takes tokens of ${list(g.clients)} only`);
  }
  if (g.groups.length > 0 && !anyOf(g.groups, t.groups)) return deny(`the caller is in none of ${list(g.groups)}`);
  if (g.scopes.length > 0 && !anyOf(g.scopes, t.scopes)) return deny(`the token carries none of ${list(g.scopes)}`);
  return admit("the token meets the route's requirement");
}

/** A token against the edge verifier (lambdas/edge/decide.ts: access tokens when scopes are required). */
function edgeGate(g: Extract<Gate, { kind: "edge" }>, t: TokenFacts): Expectation {
  if (g.clients !== null) {
    if (t.clientName === undefined) return unjudged(`the edge takes tokens of ${list(g.clients)} only, and the token's client is not known by name`);
    if (!g.clients.includes(t.clientName)) return deny(`the edge takes tokens of ${list(g.clients)} only`);
  }
  if (g.scopes.length === 0) return admit("a valid token of the pool");
  if (t.tokenUse !== "access") return deny("the edge requires an access token for a scoped path");
  return anyOf(g.scopes, t.scopes) ? admit(`an access token with ${list(g.scopes)}`) : deny(`the token carries none of ${list(g.scopes)}`);
}

function iamGate(roles: readonly string[], p: Presented): Expectation {
  if (p.kind !== "sigv4") return deny("the route requires a SigV4 signature");
  if (p.roleName === undefined) return unjudged("the signing principal is not known (no role name), so whether IAM admits it is not stated");
  if (roles.some((r) => matchesName(r, p.roleName as string))) return admit(`role ${p.roleName} is one the route names`);
  // IAM policies outside the stack (an administrator's, say) may grant execute-api:Invoke: the spec does not say.
  return unjudged(`role ${p.roleName} is not one the route names (${roles.join(", ") || "none"}); grants outside the stack are not in the spec`);
}

/** What the gate alone decides for what is presented. */
function gateExpectation(g: Gate, p: Presented): Expectation {
  switch (g.kind) {
    case "open":
      return admit("an open route");
    case "sealed":
      return deny(g.why);
    case "unknown":
      return unjudged(g.why);
    case "iam":
      return iamGate(g.roles, p);
    case "cognito":
    case "lambda":
    case "edge": {
      if (p.kind !== "token")
        return deny(p.kind === "nothing" ? "no token" : p.kind === "sigv4" ? "a SigV4 signature is no token" : "no token the pool signed");
      return g.kind === "cognito" ? cognitoGate(g.scopes, p.facts) : g.kind === "lambda" ? lambdaGate(g, p.facts) : edgeGate(g, p.facts);
    }
  }
}

/** What one requirement says the credential gets. */
export function expectedUnder(r: Requirement, c: Credential): Expectation {
  const gate = gateExpectation(r.gate, c.presented);
  if (r.apiKey && !c.apiKey) return deny(gate.kind === "deny" ? `${gate.why}, and no API key was sent` : "the route requires an API key and none was sent");
  return gate;
}

/**
 * The answer a caller should get: denied when the spec or the policy excludes it, reached when both admit it,
 * unjudged otherwise. `policy` undefined: no policy speaks for the API, the spec alone judges.
 */
export function expectedAnswer(spec: Requirement, policy: Requirement | undefined, c: Credential): Expectation {
  const bySpec = expectedUnder(spec, c);
  if (policy === undefined) return bySpec;
  const byPolicy = expectedUnder(policy, c);
  if (bySpec.kind === "deny" && byPolicy.kind === "deny") return bySpec.why === byPolicy.why ? bySpec : deny(`spec: ${bySpec.why}; policy: ${byPolicy.why}`);
  if (bySpec.kind === "deny") return deny(`spec: ${bySpec.why}`);
  if (byPolicy.kind === "deny") return deny(`policy: ${byPolicy.why}`);
  if (bySpec.kind === "admit" && byPolicy.kind === "admit") return bySpec;
  return unjudged(bySpec.kind === "unjudged" ? `spec: ${bySpec.why}` : `policy: ${byPolicy.why}`);
}
