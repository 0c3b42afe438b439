// What each principal of the AWS_IAM routes may invoke, as execute-api ARN suffixes (`GET/reports/*`): Allow on
// each route's ARN pattern and Deny on the deeper paths that pattern also admits (IAM's `*` crosses `/`), so a grant
// reaches exactly its routes. Pure; the constructs write it (constructs/invoke-grants.ts), validation reports the
// routes no exact grant can express (a Deny of one route that would refuse another route of the same principal).
import { deeperArnSuffixes, globReachesRoute, routeArnSuffix } from "../kernel/match/route";
import type { AccessSpec } from "./types";
import { routeKey } from "./types";

export interface InvokePrincipal {
  readonly kind: "group" | "role";
  /** Cognito group name or invoker role name from the spec. */
  readonly name: string;
}

interface InvokeGrant {
  readonly principal: InvokePrincipal;
  /** ARN suffixes the principal may invoke (one per route naming it). */
  readonly allow: readonly string[];
  /** ARN suffixes below those routes, denied. */
  readonly deny: readonly string[];
}

/** A Deny that keeps route `deniedBy` exact would also refuse route `refused` of the same principal. */
export interface InvokeGrantConflict {
  readonly principal: InvokePrincipal;
  /** Index in `spec.routes` of the route whose deeper paths are denied. */
  readonly deniedBy: number;
  /** Index in `spec.routes` of the route the Deny would refuse. */
  readonly refused: number;
  readonly deny: string;
}

export interface InvokeGrantPlan {
  readonly grants: readonly InvokeGrant[];
  readonly conflicts: readonly InvokeGrantConflict[];
}

export const principalKey = (p: InvokePrincipal): string => `${p.kind}-${p.name}`;

export function planInvokeGrants(spec: AccessSpec): InvokeGrantPlan {
  const routesOf = new Map<string, { principal: InvokePrincipal; routes: number[] }>();
  spec.routes.forEach((route, i) => {
    if (route.auth.type !== "AWS_IAM") return;
    const principals: InvokePrincipal[] = [
      ...(route.auth.groups ?? []).map((name) => ({ kind: "group" as const, name })),
      ...(route.auth.roles ?? []).map((name) => ({ kind: "role" as const, name })),
    ];
    for (const principal of principals) {
      const entry = routesOf.get(principalKey(principal)) ?? { principal, routes: [] };
      if (!entry.routes.includes(i)) entry.routes.push(i);
      routesOf.set(principalKey(principal), entry);
    }
  });
  const grants: InvokeGrant[] = [];
  const conflicts: InvokeGrantConflict[] = [];
  for (const { principal, routes } of routesOf.values()) {
    const allow = new Set<string>();
    const deny = new Set<string>();
    for (const i of routes) {
      const r = spec.routes[i];
      allow.add(routeArnSuffix(r.method, r.path));
      for (const d of deeperArnSuffixes(r.method, r.path)) {
        deny.add(d);
        for (const j of routes) {
          const other = spec.routes[j];
          if (j !== i && globReachesRoute(d, other.method, other.path)) conflicts.push({ principal, deniedBy: i, refused: j, deny: d });
        }
      }
    }
    grants.push({ principal, allow: [...allow], deny: [...deny] });
  }
  return { grants, conflicts };
}

/** The conflict in words, naming both routes and what the principal may do instead. */
export function describeConflict(spec: AccessSpec, c: InvokeGrantConflict): string {
  const denied = spec.routes[c.deniedBy];
  const refused = spec.routes[c.refused];
  return (
    `route ${JSON.stringify(routeKey(refused.method, refused.path))}: ${c.principal.kind} ${JSON.stringify(c.principal.name)} is also granted ` +
    `${JSON.stringify(routeKey(denied.method, denied.path))}, whose grant must deny the deeper paths ${JSON.stringify(c.deny)} ` +
    `(IAM's * crosses "/"), which would refuse this route; grant the two routes to different principals, or use a {proxy+} route if every deeper path is meant`
  );
}
