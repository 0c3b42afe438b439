// What a check run covered: every REST API with the policy file that matched it and how many of its routes the
// policy speaks for, and what it did not cover (APIs no single policy matched or whose OpenAPI body cannot be read,
// routes whose authorization or route is unknown, routes no policy entry describes). Pure; policies are matched by
// the rules' own lookups, so the report never claims coverage the rules did not have.
import type { Model, Route } from "./model";
import { parseRouteKey, routeCovers } from "../kernel/match/route";
import { intendedFor, isIntendedPreflight, known, lookupPolicy, show, type PolicyLookup } from "./access/lookups";
import type { PolicySet } from "./policy/types";
import { unreadRoutes } from "./access/unread-routes";

interface ApiCoverage {
  /** REST API name, or its address when the name is known only after apply. */
  readonly api: string;
  readonly address: string;
  /** Stack of a cdktf.out input; "" for a single file. */
  readonly stack: string;
  /** The policy file that matched it; null when none or several did. */
  readonly policy: string | null;
  /** Methods of the API; null when its routes are unknown (`routesUnknown` says why): no count is true then. */
  readonly routes: number | null;
  /** Of those, the ones a policy entry (or the policy's CORS preflight list) speaks for; null with `routes`. */
  readonly covered: number | null;
  /** Why the API's routes are unknown, not verified (an OpenAPI body known only after apply); null when known. */
  readonly routesUnknown: string | null;
}

interface NotCovered {
  /** API name (or address); null when the method's API did not resolve. */
  readonly api: string | null;
  /** Route key; null for an API, or a method whose route is unknown. */
  readonly route: string | null;
  readonly address: string;
  readonly reason: string;
}

export interface Coverage {
  readonly apis: readonly ApiCoverage[];
  /** Routes of the APIs whose routes are known; `unknownApis` APIs have routes nobody can count (not verified). */
  readonly routes: { readonly total: number; readonly covered: number; readonly unknownApis: number };
  /** Every API and route the run did not verify against a policy, with why. */
  readonly notCovered: readonly NotCovered[];
}

function apiReason(l: PolicyLookup): string | undefined {
  if (l.kind === "none") return "no policy matches its name";
  if (l.kind === "many") return `several policies match its name (${l.files.join(", ")})`;
  if (l.kind === "unknown-name") return "its name is known only after apply, so no policy can be matched";
  return undefined;
}

/** Why a route of an API with exactly one policy is not covered, or undefined when it is. */
function routeReason(r: Route, policies: PolicySet, policyKeys: readonly string[]): string | undefined {
  if (r.routeKey === undefined) return `its route is unknown (method ${show(r.httpMethod)}, path ${show(r.path)})`;
  if (!known(r.authorization)) return `authorization ${show(r.authorization)}`;
  if (!known(r.apiKeyRequired)) return `api_key_required ${show(r.apiKeyRequired)}`;
  if (intendedFor(policies, r) !== undefined || isIntendedPreflight(policies, r)) return undefined;
  // A method the policy does not list may still serve policy routes (`ANY /{proxy+}` for `GET /pets`).
  const shape = parseRouteKey(r.routeKey);
  if (
    shape !== undefined &&
    policyKeys.some((k) => {
      const want = parseRouteKey(k);
      return want !== undefined && routeCovers(shape, want);
    })
  )
    return undefined;
  return "no policy route describes it";
}

export function coverageOf(model: Model, policies: PolicySet): Coverage {
  const apis: ApiCoverage[] = [];
  const notCovered: NotCovered[] = [];
  let covered = 0;
  let total = 0;
  let unknownApis = 0;
  for (const api of model.apis) {
    const name = known(api.name) ? api.name : api.address;
    const lookup = lookupPolicy(policies, api.name);
    const mine = model.routes.filter((r) => r.api === api);
    const why = apiReason(lookup);
    let n = 0;
    // Its route count says nothing when its body cannot be read: any route may be there, open or not.
    const unread = unreadRoutes(api);
    if (unread !== undefined)
      notCovered.push({
        api: name,
        route: null,
        address: api.address,
        reason: `its routes are unknown, not verified: ${unread}, so the routes its OpenAPI body declares cannot be listed`,
      });
    if (why !== undefined) notCovered.push({ api: name, route: null, address: api.address, reason: why });
    else {
      const keys = lookup.kind === "one" ? Object.keys(lookup.effective.routes) : [];
      for (const r of mine) {
        const reason = routeReason(r, policies, keys);
        if (reason === undefined) n++;
        else notCovered.push({ api: name, route: r.routeKey ?? null, address: r.address, reason });
      }
    }
    if (unread === undefined) {
      covered += n;
      total += mine.length;
    } else unknownApis++;
    apis.push({
      api: name,
      address: api.address,
      stack: api.resource.source.stack,
      policy: lookup.kind === "one" ? lookup.effective.policy.file : null,
      routes: unread === undefined ? mine.length : null,
      covered: unread === undefined ? n : null,
      routesUnknown: unread ?? null,
    });
  }
  for (const r of model.routes) {
    if (r.api === undefined) {
      total++;
      notCovered.push({ api: null, route: r.routeKey ?? null, address: r.address, reason: "its API did not resolve" });
    }
  }
  return { apis, routes: { total, covered, unknownApis }, notCovered };
}
