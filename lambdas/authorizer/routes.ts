// Route templates as API Gateway matches them, and as IAM-style ARN globs: `{param}` matches one non-empty
// path segment, `{proxy+}` one or more segments; in a policy Resource, `*` matches any characters,
// `/` included (API Gateway's execute-api ARN matching), so a glob may match more paths than its route.
// Pure code: shared by the authorizer's decision, its tests and the benchmark.
// Template segments and the route's ARN glob come from kernel/match/route.ts (the one definition, which imports
// nothing, so the bundle gains only those functions); the request matching and the glob automaton below are the
// authorizer's own decisions.

import { segments } from "../../kernel/match/route";

/** One token of a route template or a glob, as a tiny automaton item. */
type Item =
  | { readonly kind: "lit"; readonly ch: string }
  /** exactly one character of the class */
  | { readonly kind: "one"; readonly noSlash: boolean }
  /** zero or more characters of the class */
  | { readonly kind: "star"; readonly noSlash: boolean };

/** The parts of a method ARN: `arn:aws:execute-api:{region}:{acct}:{apiId}/{stage}/{VERB}/{path}`. */
export interface MethodArn {
  /** `arn:aws:execute-api:{region}:{acct}:{apiId}/{stage}/` */
  readonly prefix: string;
  readonly verb: string;
  /** Request path with its leading slash, e.g. `/pets/1`; `/` for the root. */
  readonly path: string;
}

const METHOD_ARN = /^(arn:aws[a-z-]*:execute-api:[a-z0-9-]+:\d{12}:[A-Za-z0-9]+\/[^/*?]+\/)([A-Z]+)(\/[^*?]*)?$/;

/** Parses API Gateway's methodArn; null for anything unexpected (the caller fails closed). */
export function parseMethodArn(methodArn: unknown): MethodArn | null {
  if (typeof methodArn !== "string" || methodArn.length > 2048) return null;
  const m = METHOD_ARN.exec(methodArn);
  if (!m) return null;
  return { prefix: m[1], verb: m[2], path: m[3] === undefined || m[3] === "" ? "/" : m[3] };
}

/** Does a concrete request path match the route template, as API Gateway routes it? */
export function templateMatches(template: string, requestPath: string): boolean {
  const segs = segments(template);
  const parts = requestPath === "/" ? [] : requestPath.replace(/^\//, "").split("/");
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    if (seg.kind === "proxy") return parts.length > i && parts.slice(i).every((p) => p !== "");
    if (i >= parts.length || parts[i] === "") return false;
    if (seg.kind === "literal" && seg.text !== parts[i]) return false;
  }
  return parts.length === segs.length;
}

/** API Gateway's pick among matching routes: literal segments beat `{param}`, which beats `{proxy+}`, left to right. */
function specificity(template: string): number[] {
  return segments(template).map((s) => (s.kind === "literal" ? 3 : s.kind === "param" ? 2 : 1));
}

export function compareSpecificity(a: string, b: string): number {
  const sa = specificity(a);
  const sb = specificity(b);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const d = (sb[i] ?? 0) - (sa[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Does an ARN glob (`*` any characters, `?` one character) match a concrete string? */
export function globMatches(glob: string, value: string): boolean {
  return intersects(
    globItems(glob),
    [...value].map((ch): Item => ({ kind: "lit", ch })),
  );
}

/**
 * Can a Resource glob match any concrete request of the route? Used to find which Deny statements are
 * needed (an Allow glob reaches into a denied route) — over-approximate on purpose: a Deny too many is a 403,
 * never an exposure.
 */
export function globOverlapsRoute(glob: string, method: string, template: string): boolean {
  return intersects(globItems(glob), routeItems(method, template));
}

function globItems(glob: string): Item[] {
  return [...glob].map((ch): Item => (ch === "*" ? { kind: "star", noSlash: false } : ch === "?" ? { kind: "one", noSlash: false } : { kind: "lit", ch }));
}

function routeItems(method: string, template: string): Item[] {
  const items: Item[] = [];
  if (method === "ANY") items.push({ kind: "one", noSlash: true }, { kind: "star", noSlash: true });
  else for (const ch of method) items.push({ kind: "lit", ch });
  items.push({ kind: "lit", ch: "/" });
  segments(template).forEach((seg, i) => {
    if (i > 0) items.push({ kind: "lit", ch: "/" });
    if (seg.kind === "literal") for (const ch of seg.text) items.push({ kind: "lit", ch });
    // {proxy+}: one or more segments, approximated by "one or more characters" (a superset).
    else items.push({ kind: "one", noSlash: seg.kind === "param" }, { kind: "star", noSlash: seg.kind === "param" });
  });
  return items;
}

/** Non-emptiness of the intersection of two item sequences (product automaton, breadth first). */
function intersects(a: readonly Item[], b: readonly Item[]): boolean {
  const seen = new Set<number>();
  const width = b.length + 1;
  const stack: number[] = [0];
  const push = (i: number, j: number): void => {
    const key = i * width + j;
    if (!seen.has(key)) {
      seen.add(key);
      stack.push(key);
    }
  };
  seen.add(0);
  while (stack.length > 0) {
    const key = stack.pop() as number;
    const i = Math.floor(key / width);
    const j = key % width;
    if (i === a.length && j === b.length) return true;
    const x = a[i];
    const y = b[j];
    // epsilon moves: a star may match nothing
    if (x?.kind === "star") push(i + 1, j);
    if (y?.kind === "star") push(i, j + 1);
    if (x === undefined || y === undefined || !sameChar(x, y)) continue;
    push(x.kind === "star" ? i : i + 1, y.kind === "star" ? j : j + 1);
  }
  return false;
}

/** Is there one character both items accept? */
function sameChar(x: Item, y: Item): boolean {
  if (x.kind === "lit" && y.kind === "lit") return x.ch === y.ch;
  if (x.kind === "lit") return !(y.kind !== "lit" && y.noSlash && x.ch === "/");
  if (y.kind === "lit") return !(x.noSlash && y.ch === "/");
  return true;
}
