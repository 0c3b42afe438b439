// Pairs the routes of two versions by what they match, not by their key strings: APIs by identity (stack and
// address; then by a name unique on both sides, for a refactor that renames the construct), routes by normalized
// template (`/pets/{petId}` == `/pets/{id}`). A base route without a successor is followed to the head route that
// now receives its requests (`ANY /pets` replacing `GET /pets`); a new head route that shares requests with a
// base route is reported against it. Pure: RouteAuth lists in, pairs out.
import { compareRoutePrecedence, normalizeRouteKey, parseRouteKey, routeCovers, routesOverlap, type RouteShape } from "../../kernel/match/route";
import type { RouteAuth } from "./types";

export interface RoutePairing {
  /** The same route in both versions (same API, same normalized template and method); head side relabelled. */
  readonly same: readonly (readonly [RouteAuth, RouteAuth])[];
  /** A base route gone from the head whose requests a head route now receives (the most specific one). */
  readonly covered: readonly { readonly before: RouteAuth; readonly by: RouteAuth }[];
  /** Head routes with no base counterpart. */
  readonly added: readonly RouteAuth[];
  /** Base routes gone, nothing covering them, in an API that keeps other routes. */
  readonly removed: readonly RouteAuth[];
  /** A new head route that can receive requests of a base route still served (or covered). */
  readonly overlaps: readonly { readonly before: RouteAuth; readonly by: RouteAuth }[];
  /** Base APIs none of whose routes is left in the head (the API itself removed, or emptied). */
  readonly removedApis: readonly { readonly api: string; readonly routes: readonly RouteAuth[] }[];
}

const apiId = (r: RouteAuth): string => (r.apiRef === undefined ? `label:${r.api}` : `${r.apiRef.stack}::${r.apiRef.address}`);
const shapeOf = (r: RouteAuth): RouteShape | undefined => parseRouteKey(r.route);
const keyOf = (r: RouteAuth): string => {
  const s = shapeOf(r);
  return s === undefined ? r.route : normalizeRouteKey(s.method, s.path);
};

interface ApiSide {
  readonly id: string;
  readonly stack: string;
  readonly name: string;
  readonly label: string;
  readonly routes: RouteAuth[];
}

function apisOf(routes: readonly RouteAuth[]): Map<string, ApiSide> {
  const out = new Map<string, ApiSide>();
  for (const r of routes) {
    const id = apiId(r);
    let a = out.get(id);
    if (a === undefined) {
      a = { id, stack: r.apiRef?.stack ?? "", name: r.apiRef?.name ?? r.api, label: r.api, routes: [] };
      out.set(id, a);
    }
    a.routes.push(r);
  }
  return out;
}

/** Head API id -> base API id: same identity first, then a name that is unique among the rest on both sides. */
function pairApis(base: Map<string, ApiSide>, head: Map<string, ApiSide>): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of head.keys()) if (base.has(id)) out.set(id, id);
  const pairedBase = new Set(out.values());
  const restBase = [...base.values()].filter((a) => !pairedBase.has(a.id) && a.name !== "");
  const restHead = [...head.values()].filter((a) => !out.has(a.id) && a.name !== "");
  const sameName = (xs: ApiSide[], a: ApiSide) => xs.filter((x) => x.stack === a.stack && x.name === a.name);
  for (const h of restHead) {
    const bs = sameName(restBase, h);
    if (bs.length === 1 && sameName(restHead, h).length === 1) out.set(h.id, bs[0].id);
  }
  return out;
}

/** The most specific route among candidates (API Gateway's pick). */
const mostSpecific = (routes: readonly RouteAuth[]): RouteAuth | undefined =>
  [...routes].sort((a, b) => compareRoutePrecedence(shapeOf(a) as RouteShape, shapeOf(b) as RouteShape))[0];

export function pairRoutes(baseRoutes: readonly RouteAuth[], headRoutes: readonly RouteAuth[]): RoutePairing {
  const base = apisOf(baseRoutes);
  const head = apisOf(headRoutes);
  const apiPairs = pairApis(base, head);
  // A paired API keeps its base label (a same-named newcomer never relabels it) unless it was renamed.
  const labelOf = new Map<string, string>();
  for (const [h, b] of apiPairs) {
    const hs = head.get(h) as ApiSide;
    const bs = base.get(b) as ApiSide;
    labelOf.set(h, hs.name === bs.name ? bs.label : hs.label);
  }
  // A new API never takes a label a paired one shows: it carries its address.
  const taken = new Set(labelOf.values());
  for (const a of head.values()) {
    if (!apiPairs.has(a.id) && taken.has(a.label)) labelOf.set(a.id, `${a.label} (${a.id.slice(a.id.indexOf("::") + 2)})`);
  }
  const relabel = (r: RouteAuth): RouteAuth => {
    const l = labelOf.get(apiId(r));
    return l === undefined || l === r.api ? r : { ...r, api: l };
  };

  const same: [RouteAuth, RouteAuth][] = [];
  const covered: { before: RouteAuth; by: RouteAuth }[] = [];
  const added: RouteAuth[] = [];
  const removed: RouteAuth[] = [];
  const overlaps: { before: RouteAuth; by: RouteAuth }[] = [];
  const removedApis: { api: string; routes: RouteAuth[] }[] = [];

  const headByBase = new Map<string, ApiSide>();
  for (const [h, b] of apiPairs) headByBase.set(b, head.get(h) as ApiSide);
  for (const a of head.values()) if (!apiPairs.has(a.id)) added.push(...a.routes.map(relabel));

  for (const b of base.values()) {
    const h = headByBase.get(b.id);
    if (h === undefined || h.routes.length === 0) {
      removedApis.push({ api: b.label, routes: b.routes });
      continue;
    }
    const headRoutes = h.routes.map(relabel);
    const left = new Map<string, RouteAuth[]>();
    for (const r of headRoutes) left.set(keyOf(r), [...(left.get(keyOf(r)) ?? []), r]);
    const gone: RouteAuth[] = [];
    const stillThere: RouteAuth[] = [];
    for (const r of b.routes) {
      const bucket = left.get(keyOf(r));
      const successor = bucket?.shift();
      if (successor === undefined) gone.push(r);
      else {
        same.push([r, successor]);
        stillThere.push(r);
      }
    }
    const fresh = [...left.values()].flat();
    added.push(...fresh);
    const coveredBy = new Map<RouteAuth, RouteAuth>();
    for (const r of gone) {
      const shape = shapeOf(r);
      const by =
        shape === undefined ? undefined : mostSpecific(headRoutes.filter((x) => shapeOf(x) !== undefined && routeCovers(shapeOf(x) as RouteShape, shape)));
      if (by === undefined) removed.push(r);
      else {
        covered.push({ before: r, by });
        coveredBy.set(r, by);
      }
    }
    // New routes that can take requests of a protected route that is still served (or served by another route).
    for (const n of fresh) {
      const ns = shapeOf(n);
      if (ns === undefined) continue;
      for (const r of [...stillThere, ...coveredBy.keys()]) {
        const rs = shapeOf(r) as RouteShape | undefined;
        if (rs === undefined || coveredBy.get(r) === n || !routesOverlap(ns, rs)) continue;
        // On one resource an explicit method always beats ANY (API Gateway): ANY beside GET never gets GET's requests.
        const sameResource = keyOf({ ...r, route: `X ${rs.path}` }) === keyOf({ ...n, route: `X ${ns.path}` });
        if (sameResource && ns.method === "ANY" && rs.method !== "ANY" && stillThere.includes(r)) continue;
        overlaps.push({ before: r, by: n });
      }
    }
  }
  return { same, covered, added, removed, overlaps, removedApis };
}
