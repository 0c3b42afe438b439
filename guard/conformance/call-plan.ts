// Which request stands for each route: its method (ANY is called with GET) and its path with every parameter filled
// by the project's harmless placeholder (kernel/match/route.ts sampleRequestPath), checked to be served by that route
// and no other under API Gateway's precedence. Unsafe methods are left out unless asked for.
import { compareRoutePrecedence, routeCovers, sampleRequestPath } from "../../kernel/match/route";
import { routeKey, type RouteSpec } from "../../access-spec/types";

const SAFE_METHODS: readonly string[] = ["GET", "HEAD", "OPTIONS"];

export interface PlannedRoute {
  readonly route: RouteSpec;
  /** `GET /pets/{petId}` */
  readonly key: string;
  /** The method sent. */
  readonly method: string;
  /** `/pets/x` */
  readonly requestPath: string;
  /** Why the route is not called; undefined when it is. */
  readonly skip?: string;
}

export function planRoutes(routes: readonly RouteSpec[], includeUnsafe: boolean): PlannedRoute[] {
  return routes.map((route) => {
    const key = routeKey(route.method, route.path);
    const method = route.method === "ANY" ? "GET" : route.method;
    const requestPath = sampleRequestPath(route.path);
    const base = { route, key, method, requestPath };
    if (!includeUnsafe && !SAFE_METHODS.includes(method)) return { ...base, skip: `${method} is not a safe method (--include-unsafe calls it)` };
    // The request is one concrete path: the most specific route covering it is the one API Gateway runs.
    const request = { method, path: requestPath };
    const winner = routes.filter((r) => routeCovers(r, request)).sort(compareRoutePrecedence)[0];
    if (winner !== route) {
      const other = winner === undefined ? "no route" : `route ${routeKey(winner.method, winner.path)}`;
      return { ...base, skip: `the placeholder request ${method} ${requestPath} is served by ${other}` };
    }
    return base;
  });
}
