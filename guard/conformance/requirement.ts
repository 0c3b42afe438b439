// What a route requires of a caller, stated twice: once from the access spec the stacks were built from (with the
// route table its Lambda authorizer bundles and the edge verifier's baked config, derived by the project's own
// builders), once from the hand-written policy. Both in one shape, so expect.ts judges a credential against each.
import { authorizationType } from "../../kernel/authorization-types";
import { bakedEdgeConfig } from "../../constructs/edge/edge-config";
import { groupRoleName, invokerRoleName } from "../../constructs/private/names";
import { requirementFor } from "../../lambdas/edge/decide";
import { buildRouteTables } from "../../access-spec/route-table";
import type { AccessSpec, RouteSpec, TokenUse } from "../../access-spec/types";
import type { IntendedRoute } from "../policy/types";
import type { Entry } from "./types";

export type Gate =
  /** Anyone gets through (NONE; API_KEY adds the key below). */
  | { readonly kind: "open" }
  /** Nobody gets through this entry (the stage admits CloudFront only). */
  | { readonly kind: "sealed"; readonly why: string }
  /** SigV4 from a role whose name matches one of these (globs: `*`, `?`). */
  | { readonly kind: "iam"; readonly roles: readonly string[] }
  /** The Cognito authorizer: with scopes, access tokens carrying one; without, ID tokens. */
  | { readonly kind: "cognito"; readonly scopes: readonly string[] }
  /** The project's Lambda authorizer, as its route table says. */
  | {
      readonly kind: "lambda";
      readonly scopes: readonly string[];
      readonly groups: readonly string[];
      readonly tokenUse: TokenUse;
      readonly clients: readonly string[] | null;
    }
  /** The Lambda@Edge verifier: a token of `clients` (null: any) with one of `scopes` (none: any valid token). */
  | { readonly kind: "edge"; readonly scopes: readonly string[]; readonly clients: readonly string[] | null }
  /** Nothing states what the route requires. */
  | { readonly kind: "unknown"; readonly why: string };

export interface Requirement {
  readonly gate: Gate;
  /** An `x-api-key` of the route's usage plan is required as well. */
  readonly apiKey: boolean;
}

/** Why a direct call to a stage behind CloudFront is refused, whatever it carries. */
const SEALED = "the spec puts CloudFront in front: the stage's web ACL blocks every request that does not come through it";

/** What the spec (and what the stacks build from it) requires on `route`, entering at `entry` by `requestPath`. */
export function specRequirement(spec: AccessSpec, route: RouteSpec, entry: Entry, requestPath: string): Requirement {
  if (entry === "stage" && spec.edge !== undefined) return { gate: { kind: "sealed", why: SEALED }, apiKey: false };
  const auth = route.auth;
  if (entry === "cloudfront") {
    const atEdge = requirementFor({ method: route.method === "ANY" ? "GET" : route.method, uri: requestPath, headers: {} }, bakedEdgeConfig(spec));
    if (atEdge.kind === "malformed")
      return { gate: { kind: "unknown", why: `the edge verifier refuses the request path: ${atEdge.description}` }, apiKey: false };
    if (atEdge.kind === "token") return { gate: { kind: "edge", scopes: atEdge.scopes, clients: atEdge.clients }, apiKey: false };
  }
  switch (auth.type) {
    case "NONE":
      return { gate: { kind: "open" }, apiKey: false };
    case "API_KEY":
      return { gate: { kind: "open" }, apiKey: true };
    case "EDGE":
      // Only when the spec has no edge section (else sealed or the edge verifier above): say so, never guess.
      return { gate: { kind: "unknown", why: "an EDGE route of a spec without an edge section" }, apiKey: false };
    case "AWS_IAM":
      return {
        gate: {
          kind: "iam",
          roles: [...(auth.groups ?? []).map((g) => groupRoleName(spec, g)), ...(auth.roles ?? []).map((r) => invokerRoleName(spec, r))],
        },
        apiKey: auth.usagePlan !== undefined,
      };
    case "COGNITO":
      return { gate: { kind: "cognito", scopes: [...(auth.scopes ?? [])] }, apiKey: auth.usagePlan !== undefined };
    case "LAMBDA": {
      // The authorizer's own route table, as the stack bundles it.
      const row = buildRouteTables(spec)[auth.authorizer]?.routes.find((r) => r.method === route.method && r.path === route.path);
      if (row === undefined) return { gate: { kind: "unknown", why: `authorizer "${auth.authorizer}" has no route-table row for this route` }, apiKey: false };
      return {
        gate: { kind: "lambda", scopes: row.scopes, groups: row.groups, tokenUse: row.tokenUse, clients: row.clients },
        apiKey: auth.usagePlan !== undefined,
      };
    }
  }
}

/** What the policy's entry requires; `intended` undefined when the policy does not list the route. */
export function policyRequirement(spec: AccessSpec, intended: IntendedRoute | undefined, entry: Entry): Requirement {
  if (intended === undefined) return { gate: { kind: "unknown", why: "the policy does not list this route" }, apiKey: false };
  const apiKey = intended.apiKey || intended.type === "API_KEY";
  // The gate is the type table's (kernel/authorization-types.ts): a type conformance has no credential class for says why.
  const conformance = authorizationType(intended.type).conformance;
  switch (conformance.gate) {
    case "open":
      return { gate: { kind: "open" }, apiKey };
    case "iam":
      return { gate: { kind: "iam", roles: [...intended.groups.map((g) => groupRoleName(spec, g)), ...intended.roles] }, apiKey };
    case "cognito":
      return { gate: { kind: "cognito", scopes: intended.scopes }, apiKey };
    case "lambda":
      // The policy states groups and scopes; token type and clients are the spec's detail.
      return { gate: { kind: "lambda", scopes: intended.scopes, groups: intended.groups, tokenUse: "any", clients: null }, apiKey };
    case "edge":
      // The policy accepts EDGE only while every stage admits CloudFront alone.
      if (entry === "stage")
        return { gate: { kind: "sealed", why: `the policy accepts ${intended.type} only while the stage admits CloudFront alone` }, apiKey };
      return { gate: { kind: "edge", scopes: intended.scopes, clients: intended.clients ?? null }, apiKey };
    case "unmodelled":
      return { gate: { kind: "unknown", why: conformance.why }, apiKey };
  }
}

/** The scopes a requirement asks for (one of them is enough); empty when it asks for none. */
export function scopesOf(r: Requirement): readonly string[] {
  const g = r.gate;
  return g.kind === "cognito" || g.kind === "lambda" || g.kind === "edge" ? g.scopes : [];
}
