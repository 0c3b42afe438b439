// What a policy set intends, asked by the review of a change: may a new route be public, is a new invoke grant one the
// policy names, which backend functions decide access themselves. Pure predicates over the policy and the head model.
import type { ReviewWord } from "../../kernel/authorization-types";
import { matchesName } from "../../kernel/match/glob";
import { parseRouteKey } from "../../kernel/match/route";
import type { Model } from "../model";
import { effectivePolicy, policiesFor } from "./match";
import type { PolicySet } from "./types";

/** A route of an API, by the API's label and its route key (`GET /pets/{petId}`). */
export interface ApiRoute {
  readonly api: string;
  readonly route: string;
}

/**
 * New public routes (of an open type: NONE, API_KEY) pass only when a policy for the API names the route with exactly that public type (and
 * its written reason), or lists the path as an intended CORS preflight (OPTIONS).
 */
export function publicRouteAllowedBy(set: PolicySet): (api: string, route: string, type: ReviewWord) => boolean {
  return (api, route, type) =>
    policiesFor(set, api).some((p) => {
      const effective = effectivePolicy(p, api);
      const intended = effective.routes[route];
      if (intended !== undefined) return intended.type === type && (intended.reason ?? "").trim() !== "";
      const shape = parseRouteKey(route);
      return shape?.method === "OPTIONS" && type === "NONE" && effective.corsPreflight.includes(shape.path);
    });
}

/**
 * A grant is intended when, for every AWS_IAM route the principal can invoke, the policy's route names it: by role
 * name pattern (`roles`), or through a Cognito group (`groups`) whose role it is.
 */
export function grantIntendedBy(set: PolicySet, head: Model): (principal: string, routes: readonly ApiRoute[]) => boolean {
  return (principal, routes) => {
    const roleName = /^role (.+)$/.exec(principal)?.[1];
    if (roleName === undefined) return false;
    const role = head.iamRoles.find((r) => r.name === roleName);
    const groups = head.userGroups.filter((g) => role?.cognitoGroups.includes(g.address)).map((g) => g.name);
    return routes.every((r) =>
      policiesFor(set, r.api).some((p) => {
        const want = effectivePolicy(p, r.api).routes[r.route];
        if (want === undefined || want.type !== "AWS_IAM") return false;
        return want.roles.some((pattern) => matchesName(pattern, roleName)) || want.groups.some((g) => groups.includes(g));
      }),
    );
  };
}

/** The function name patterns every policy's `deciders` section names. */
export const deciderPatterns = (set: PolicySet): readonly string[] => set.policies.flatMap((p) => (p.deciders ?? []).map((d) => d.function));
