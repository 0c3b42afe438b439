// Route templates as API Gateway (REST) matches them: `{name}` one non-empty path segment, `{name+}` one or more
// segments, `ANY` every method. One module for: the execute-api ARN pattern of a route (the invoke grants, the
// Lambda permissions, the review's grant targets), the normalized template that pairs two versions of a route
// (a renamed parameter is the same route), and which requests two routes share (coverage and overlap).
// Pure and without imports: the Lambda authorizer imports its segments and ARN globs from here too.

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

/** `<executionArn>/<stage>/<suffix>`: an ARN suffix (`GET/pets/*`) on one stage; `stage` may be `*`. */
export const executeApiArn = (executionArn: string, stage: string, suffix: string): string => `${executionArn}/${stage}/${suffix}`;

/** `<executionArn>/<stage>/<VERB>/<path>` for a route; `stage` may be `*`. */
export const routeArnPattern = (executionArn: string, stage: string, method: string, path: string): string =>
  executeApiArn(executionArn, stage, routeArnSuffix(method, path));

/** Glob `glob` with its `*` at character `index` widened to `*\/*`: the requests that cross a `/` there. */
const widenStarAt = (glob: string, index: number): string => `${glob.slice(0, index)}*/*${glob.slice(index + 1)}`;

/** Every `*` of an ARN glob, each widened in turn (see widenStarAt); `at` is the star's index in `glob`. */
export function starWidenings(glob: string): { readonly at: number; readonly glob: string }[] {
  const out: { at: number; glob: string }[] = [];
  for (let i = 0; i < glob.length; i++) if (glob[i] === "*") out.push({ at: i, glob: widenStarAt(glob, i) });
  return out;
}

/**
 * IAM's `*` also crosses `/`, so `GET/reports/*` (the ARN of `GET /reports/{id}`) admits `/reports/a/b` too. These
 * are the ARN suffixes of exactly those deeper requests, one per `*` of the route's suffix: a Deny on them keeps an
 * Allow on routeArnSuffix to its route. `{proxy+}` admits deeper paths by design, and so does a `*` with no literal
 * segment between it and a `{proxy+}` (what it would absorb, the proxy takes anyway).
 */
export function deeperArnSuffixes(method: string, path: string): string[] {
  const segs = segments(path);
  const proxy = segs.length > 0 && segs[segs.length - 1].kind === "proxy";
  const lastLiteral = segs.map((s) => s.kind).lastIndexOf("literal");
  const suffix = routeArnSuffix(method, path);
  const out = new Set<string>();
  for (const { at, glob } of starWidenings(suffix)) {
    const seg = suffix.slice(0, at).split("/").length - 2; // -1: the verb
    if (proxy && lastLiteral <= seg) continue;
    out.add(glob);
  }
  return [...out];
}

// `segment`: any run without `/`; `segment-char`: one character other than `/` (a segment is never empty).
type Token =
  | { readonly kind: "char"; readonly c: string }
  | { readonly kind: "any-char" }
  | { readonly kind: "any" }
  | { readonly kind: "segment" }
  | { readonly kind: "segment-char" };

const SEGMENT: readonly Token[] = [{ kind: "segment-char" }, { kind: "segment" }];

const globTokens = (glob: string): Token[] =>
  [...glob].map((c): Token => (c === "*" ? { kind: "any" } : c === "?" ? { kind: "any-char" } : { kind: "char", c }));

/** A route's requests as tokens: `{param}` and the ANY verb one segment (no `/`), `{proxy+}` anything. */
function routeTokens(method: string, path: string): Token[] {
  const verb: Token[] = method === "ANY" ? [...SEGMENT] : [...method].map((c) => ({ kind: "char", c }));
  const segs = segments(path);
  const rest: Token[] = segs.length === 0 ? [{ kind: "char", c: "/" }] : [];
  for (const s of segs) {
    rest.push({ kind: "char", c: "/" });
    if (s.kind === "literal") rest.push(...[...s.text].map((c): Token => ({ kind: "char", c })));
    else rest.push(...(s.kind === "param" ? SEGMENT : [{ kind: "segment-char" } as const, { kind: "any" } as const]));
  }
  return [...verb, ...rest];
}

const repeats = (t: Token): boolean => t.kind === "any" || t.kind === "segment";

/** Can one character be read by both tokens? */
function shareChar(a: Token, b: Token): boolean {
  if (a.kind === "char" && b.kind === "char") return a.c === b.c;
  const c = a.kind === "char" ? a.c : b.kind === "char" ? b.c : undefined;
  if (c === undefined) return true; // two wildcards: some character other than `/` suits both
  const other = a.kind === "char" ? b : a;
  return (other.kind !== "segment" && other.kind !== "segment-char") || c !== "/";
}

/**
 * Do two token sequences admit at least one common string? Either side may repeat (`*`, a segment); a walk over
 * pairs of positions, no backtracking: time linear in the product of the lengths.
 */
function tokensOverlap(a: readonly Token[], b: readonly Token[]): boolean {
  const seen = new Set<number>();
  const stack: [number, number][] = [[0, 0]];
  const width = b.length + 1;
  while (stack.length > 0) {
    const [i, j] = stack.pop() as [number, number];
    if (seen.has(i * width + j)) continue;
    seen.add(i * width + j);
    if (i === a.length && j === b.length) return true;
    if (i < a.length && repeats(a[i])) stack.push([i + 1, j]);
    if (j < b.length && repeats(b[j])) stack.push([i, j + 1]);
    if (i < a.length && j < b.length && shareChar(a[i], b[j])) stack.push([repeats(a[i]) ? i : i + 1, repeats(b[j]) ? j : j + 1]);
  }
  return false;
}

/**
 * Does ARN-suffix glob `glob` (`GET/reports/*\/*`) admit at least one request of route `method path`? Exact, case
 * sensitive, linear in glob × route.
 */
export const globReachesRoute = (glob: string, method: string, path: string): boolean => tokensOverlap(globTokens(glob), routeTokens(method, path));

/** Do two IAM ARN globs (`*` any run, `?` one character) admit at least one common string? */
export const arnGlobsOverlap = (a: string, b: string): boolean => tokensOverlap(globTokens(a), globTokens(b));

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
function templatesOverlap(a: string, b: string): boolean {
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
export const routeCovers = (outer: RouteShape, inner: RouteShape): boolean =>
  methodCovers(outer.method, inner.method) && templateCovers(outer.path, inner.path);

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

/** An HTTP API's catch-all route and a WebSocket API's connect route: route keys that name no method and no path. */
export const DEFAULT_ROUTE_KEY = "$default";
export const CONNECT_ROUTE_KEY = "$connect";
/** A WebSocket API's disconnect route. */
const DISCONNECT_ROUTE_KEY = "$disconnect";

/** The methods a policy's route key may name (REST and HTTP APIs; `ANY` is every method). */
const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;

/**
 * Parse `GET /pets/{petId}` (a route key as the model, the HTTP API and policies write it) into its method and path
 * template. Undefined for anything else, the catch-all keys included: they match requests by key, not by template.
 */
export function parseRouteKey(key: string): RouteShape | undefined {
  const m = /^([A-Z]+) (\/\S*)$/.exec(key);
  return m === null ? undefined : { method: m[1], path: m[2] };
}

/** A route key of any API form: a method route (parseRouteKey), or a catch-all key as its own method with path "". */
export function parseAnyRouteKey(key: string): RouteShape | undefined {
  return key === DEFAULT_ROUTE_KEY || key === CONNECT_ROUTE_KEY ? { method: key, path: "" } : parseRouteKey(key);
}

/**
 * A WebSocket API's route key as the model writes it (the key as its method, path ""): `$connect`, `$disconnect`,
 * `$default`, or a custom key the route selection expression yields (`sendmessage`). A custom key a policy can name
 * has no whitespace, no `/` and no leading `$` (API Gateway reserves `$` for its own keys), so a mistyped method
 * route (`GET/pets`) is never taken for one.
 */
export function parseWebSocketRouteKey(key: string): RouteShape | undefined {
  if (key === CONNECT_ROUTE_KEY || key === DISCONNECT_ROUTE_KEY || key === DEFAULT_ROUTE_KEY) return { method: key, path: "" };
  return /^[^\s/$]\S*$/.test(key) && !key.includes("/") ? { method: key, path: "" } : undefined;
}

/** Whether a policy may name `key`: one of ROUTE_METHODS and a path, a catch-all key, or a WebSocket route key. */
export function isPolicyRouteKey(key: string): boolean {
  const shape = parseAnyRouteKey(key);
  if (shape !== undefined) return shape.path === "" || (ROUTE_METHODS as readonly string[]).includes(shape.method);
  return parseRouteKey(key) === undefined && parseWebSocketRouteKey(key) !== undefined;
}

/** One concrete request path of a template (`{param}` -> `x`, `{proxy+}` -> `a/b`), for "does this ARN reach it". */
export function sampleRequestPath(path: string): string {
  const segs = segments(path);
  if (segs.length === 0) return "/";
  return segs.map((s) => `/${s.kind === "literal" ? s.text : s.kind === "param" ? "x" : "a/b"}`).join("");
}
