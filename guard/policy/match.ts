// Matching policies to REST APIs by name pattern and resolving per-API overrides into the effective routes.
import { matchesName } from "../../kernel/match/glob";
import type { ApiPolicy, IntendedRoute, PolicySet } from "./types";

/** A policy file's name pattern (API names, role names, addresses): `*` any run, `?` one character; case-sensitive. */
export const globMatch = matchesName;

export const policiesFor = (set: PolicySet, apiName: string): ApiPolicy[] => set.policies.filter((p) => p.apis.some((pat) => globMatch(pat, apiName)));

export interface EffectivePolicy {
  readonly policy: ApiPolicy;
  readonly routes: Readonly<Record<string, IntendedRoute>>;
  readonly corsPreflight: readonly string[];
}

/** Base routes with every override whose pattern matches this API applied in file order. */
export function effectivePolicy(policy: ApiPolicy, apiName: string): EffectivePolicy {
  let routes: Record<string, IntendedRoute> = { ...policy.routes };
  let corsPreflight = policy.corsPreflight;
  for (const o of policy.overrides) {
    if (!o.apis.some((pat) => globMatch(pat, apiName))) continue;
    routes = { ...routes, ...o.routes };
    if (o.corsPreflight !== undefined) corsPreflight = o.corsPreflight;
  }
  return { policy, routes, corsPreflight };
}

/** `${api}` in an authorizer name stands for the REST API name. */
export const expandAuthorizer = (name: string, apiName: string): string => name.split("${api}").join(apiName);
