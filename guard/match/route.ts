// Route templates as API Gateway (REST) matches them: `{name}` one non-empty path segment, `{name+}` one or more
// segments, `ANY` every method. One module for: the execute-api ARN pattern of a route (the invoke grants, the
// Lambda permissions, the review's grant targets), the normalized template that pairs two versions of a route
// (a renamed parameter is the same route), and which requests two routes share (coverage and overlap).
// Pure; the Lambda authorizer keeps its own copy in lambdas/authorizer/routes.ts (it is bundled on its own).

type Segment = { readonly kind: "literal"; readonly text: string } | { readonly kind: "param" } | { readonly kind: "proxy" };

/** A template's segments; `/` has none. */
export function segments(path: string): Segment[] {
  if (path === "/" || path === "") return [];
  return path
    .replace(/^\//, "")
    .split("/")
    .map((s): Segment => (/^\{[^{}/]+\+\}$/.test(s) ? { kind: "proxy" } : /^\{[^{}/]+\}$/.test(s) ? { kind: "param" } : { kind: "literal", text: s }));
}

/** `/pets/{petId}` and `/pets/{id}` are one route: parameters lose their names (`/pets/{}`, `/{+}`). */
export function normalizeTemplate(path: string): string {
  const segs = segments(path);
  if (segs.length === 0) return "/";
  return segs.map((s) => (s.kind === "literal" ? `/${s.text}` : s.kind === "param" ? "/{}" : "/{+}")).join("");
}

/** `GET /pets/{petId}` -> `GET /pets/{}`: the key two versions of a route pair on. */
export const normalizeRouteKey = (method: string, path: string): string => `${method} ${normalizeTemplate(path)}`;

/** The method-ARN path API Gateway matches: `{param}` and `{proxy+}` become `*` (which also crosses `/` in IAM). */
export function arnPath(path: string): string {
  const segs = segments(path);
  if (segs.length === 0) return "/";
  return segs.map((s) => `/${s.kind === "literal" ? s.text : "*"}`).join("");
}

/** The method-ARN verb: `ANY` is `*`. */
export const arnVerb = (method: string): string => (method === "ANY" ? "*" : method);

/** `GET/pets/*`: the part of an execute-api ARN after `<api>/<stage>/`. */
export const routeArnSuffix = (method: string, path: string): string => `${arnVerb(method)}${arnPath(path)}`;

/** `<executionArn>/<stage>/<VERB>/<path>` for a route; `stage` may be `*`. */
export const routeArnPattern = (executionArn: string, stage: string, method: string, path: string): string =>
  `${executionArn}/${stage}/${routeArnSuffix(method, path)}`;

const methodCovers = (outer: string, inner: string): boolean => outer === "ANY" || outer === inner;
const methodsOverlap = (a: string, b: string): boolean => a === "ANY" || b === "ANY" || a === b;

/** Does template `outer` match every request path template `inner` matches? */
export function templateCovers(outer: string, inner: string): boolean {
  const o = segments(outer);
  const n = segments(inner);
  for (let i = 0; i < o.length; i++) {
    const s = o[i];
    if (s.kind === "proxy") return n.length > i; // one or more segments of anything
    const t = n[i];
    if (t === undefined || t.kind === "proxy") return false;
    if (s.kind === "literal" && (t.kind !== "literal" || t.text !== s.text)) return false;
  }
  return o.length === n.length;
}

/** Is there a request path both templates match? */
export function templatesOverlap(a: string, b: string): boolean {
  const x = segments(a);
  const y = segments(b);
  for (let i = 0; ; i++) {
    const s = x[i];
    const t = y[i];
    if (s === undefined || t === undefined) return s === undefined && t === undefined;
    if (s.kind === "proxy" || t.kind === "proxy") {
      // The proxy takes the rest; the other side needs nothing literal that the proxy cannot match: any rest works.
      return true;
    }
    if (s.kind === "literal" && t.kind === "literal" && s.text !== t.text) return false;
  }
}

export interface RouteShape {
  readonly method: string;
  readonly path: string;
}

/** Does route `outer` receive every request of route `inner` when `inner` is not there (ANY covers GET, `{proxy+}` deeper paths)? */
export const routeCovers = (outer: RouteShape, inner: RouteShape): boolean => methodCovers(outer.method, inner.method) && templateCovers(outer.path, inner.path);

/** Can one request match both routes? */
export const routesOverlap = (a: RouteShape, b: RouteShape): boolean => methodsOverlap(a.method, b.method) && templatesOverlap(a.path, b.path);

/**
 * API Gateway's precedence between routes that match one request: per segment, left to right, a literal beats
 * `{param}`, which beats `{proxy+}`; on one resource an explicit method beats ANY. Negative: `a` wins.
 */
export function compareRoutePrecedence(a: RouteShape, b: RouteShape): number {
  const rank = (p: string) => segments(p).map((s) => (s.kind === "literal" ? 3 : s.kind === "param" ? 2 : 1));
  const ra = rank(a.path);
  const rb = rank(b.path);
  for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
    const d = (rb[i] ?? 0) - (ra[i] ?? 0);
    if (d !== 0) return d;
  }
  return (a.method === "ANY" ? 1 : 0) - (b.method === "ANY" ? 1 : 0);
}

/** Parse `GET /pets/{petId}` (a route key as the model and policies write it). */
export function parseRouteKey(key: string): RouteShape | undefined {
  const m = /^([A-Z]+) (\/\S*)$/.exec(key);
  return m === null ? undefined : { method: m[1], path: m[2] };
}

/** One concrete request path of a template (`{param}` -> `x`, `{proxy+}` -> `a/b`), for "does this ARN reach it". */
export function sampleRequestPath(path: string): string {
  const segs = segments(path);
  if (segs.length === 0) return "/";
  return segs.map((s) => `/${s.kind === "literal" ? s.text : s.kind === "param" ? "x" : "a/b"}`).join("");
}
