// The edge verifier's decision, free of I/O: which requirement applies to a viewer request (route, then the
// longest path prefix) and whether its bearer token meets it. Token verification is injected so tests can
// use aws-jwt-verify with a preloaded JWKS. Anything ambiguous is a rejection.
import type { EdgeBakedConfig, EdgeRouteRule } from "../../kernel/contracts/edge-config";
import type { EdgeRuntimeConfig } from "./config";

/** The parts of a CloudFront viewer request the decision reads (header names in lower case, as CloudFront gives them). */
export interface EdgeRequest {
  readonly method: string;
  readonly uri: string;
  readonly headers: Readonly<Record<string, readonly { readonly key?: string; readonly value: string }[]>>;
}

export type Requirement =
  /** Forwarded without a token: CORS preflight, or a route API Gateway authenticates itself. */
  | { readonly kind: "pass"; readonly reason: "preflight" | "gateway" }
  /** A valid token from one of `clients` (null = any configured client) carrying any one of `scopes`. */
  | { readonly kind: "token"; readonly scopes: readonly string[]; readonly clients: readonly string[] | null }
  | { readonly kind: "malformed"; readonly description: string };

/** Verifies signature, issuer, expiry, token_use and client; throws when any fails. Returns the claims. */
export type VerifyToken = (
  token: string,
  opts: { readonly clientIds: readonly string[]; readonly tokenUse: "access" | null },
) => Readonly<Record<string, unknown>>;

export type EdgeDecision =
  | { readonly kind: "forward"; readonly reason: "preflight" | "gateway" | "verified"; readonly subject?: string }
  | {
      readonly kind: "reject";
      readonly status: 400 | 401 | 403;
      /** RFC 6750 error code; absent when the request carried no credentials at all. */
      readonly error?: "invalid_request" | "invalid_token" | "insufficient_scope";
      readonly description: string;
      /** Scopes that would have been enough (403 only). */
      readonly scopes?: readonly string[];
    };

/** Splits a URI path into decoded segments; null when it could be read two ways (encoded `/`, dot segments). */
export function pathSegments(uri: string): string[] | null {
  if (!uri.startsWith("/")) return null;
  const raw = uri.slice(1).split("/");
  const out: string[] = [];
  for (const seg of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(seg);
    } catch {
      return null;
    }
    // API Gateway and the edge must agree on the route; paths whose meaning depends on who decodes them never pass.
    if (decoded.includes("/") || decoded === "." || decoded === ".." || decoded.includes("\\")) return null;
    if (seg === "" && raw.length > 1) return null;
    out.push(decoded);
  }
  return out.length === 1 && out[0] === "" ? [] : out;
}

/**
 * How specifically `template` matches, segment by segment (literal 2, `{param}` 1, `{proxy+}` 0); null = no match.
 * Compared lexicographically this is API Gateway's own precedence: a literal child beats a parameter sibling.
 */
function matchRank(template: string, segments: readonly string[]): number[] | null {
  const parts = template === "/" ? [] : template.slice(1).split("/");
  const rank: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (/^\{[^}]+\+\}$/.test(part)) return segments.length > i ? [...rank, 0] : null;
    if (i >= segments.length) return null;
    if (/^\{[^}]+\}$/.test(part)) {
      if (segments[i] === "") return null;
      rank.push(1);
    } else if (part === segments[i]) {
      rank.push(2);
    } else {
      return null;
    }
  }
  return parts.length === segments.length ? rank : null;
}

function compareRank(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * The spec route API Gateway would run: the most specific matching resource first, then the method on it
 * (exact before ANY). Undefined when that resource has no such method (the gateway answers 403 itself).
 */
function routeFor(method: string, segments: readonly string[], routes: readonly EdgeRouteRule[]): EdgeRouteRule | undefined {
  let best: { rank: number[]; path: string } | undefined;
  for (const rule of routes) {
    const rank = matchRank(rule.path, segments);
    if (rank && (!best || compareRank(rank, best.rank) > 0)) best = { rank, path: rule.path };
  }
  if (!best) return undefined;
  const onResource = routes.filter((r) => r.path === best.path);
  return onResource.find((r) => r.method === method) ?? onResource.find((r) => r.method === "ANY");
}

function longestPrefixScopes(segments: readonly string[], config: EdgeBakedConfig): readonly string[] {
  let best: { length: number; scopes: readonly string[] } | undefined;
  for (const rule of config.prefixes) {
    const prefix = rule.prefix === "/" ? [] : rule.prefix.replace(/\/+$/, "").slice(1).split("/");
    if (prefix.length > segments.length) continue;
    if (!prefix.every((p, i) => p === segments[i])) continue;
    if (!best || prefix.length > best.length) best = { length: prefix.length, scopes: rule.scopes };
  }
  return best?.scopes ?? [];
}

function header(req: EdgeRequest, name: string): readonly string[] {
  return (req.headers[name] ?? []).map((h) => h.value);
}

/**
 * The requirement for one request: preflight and gateway-authenticated routes pass; everything else needs a token.
 * The route is resolved on the decoded path and on the raw (still percent-encoded) one: CloudFront forwards the
 * URI as received, and whether API Gateway matches `/pets/%6Dine` to the literal `/pets/mine` or to
 * `/pets/{petId}` is not ours to guess. When the two readings ask for different things, the path is refused.
 */
export function requirementFor(req: EdgeRequest, config: EdgeBakedConfig): Requirement {
  const method = req.method.toUpperCase();
  const segments = pathSegments(req.uri);
  if (segments === null) return { kind: "malformed", description: "ambiguous request path" };
  const decoded = requirementForSegments(req, method, segments, config);
  const raw = segments.length === 0 ? [] : req.uri.slice(1).split("/");
  if (raw.some((s, i) => s !== segments[i]) && JSON.stringify(requirementForSegments(req, method, raw, config)) !== JSON.stringify(decoded)) {
    return { kind: "malformed", description: "ambiguous request path" };
  }
  return decoded;
}

function requirementForSegments(req: EdgeRequest, method: string, segments: readonly string[], config: EdgeBakedConfig): Requirement {
  const route = routeFor(method, segments, config.routes);
  // A preflight passes unless API Gateway would hand this OPTIONS to an edge-authenticated method (an ANY route):
  // preflight headers are the caller's to set, so they must never open a method that is NONE at the gateway.
  const preflight = method === "OPTIONS" && header(req, "origin").length > 0 && header(req, "access-control-request-method").length > 0;
  if (preflight && route?.mode !== "edge") return { kind: "pass", reason: "preflight" };
  // Unverified only when the route API Gateway will run authenticates the caller itself (or is public by the spec).
  if (route?.mode === "gateway") return { kind: "pass", reason: "gateway" };
  const scopes = route && route.scopes.length > 0 ? route.scopes : longestPrefixScopes(segments, config);
  return { kind: "token", scopes, clients: route?.clients ?? config.clients };
}

/** The bearer token, or why there is none. More than one Authorization header is refused, not guessed at. */
export function bearerToken(req: EdgeRequest): { token: string } | { missing: true } | { malformed: string } {
  const values = header(req, "authorization");
  if (values.length === 0) return { missing: true };
  if (values.length > 1) return { malformed: "more than one Authorization header" };
  const m = /^Bearer +([A-Za-z0-9_.~+/=-]+) *$/i.exec(values[0]);
  if (!m) return { malformed: "Authorization is not a Bearer token" };
  return { token: m[1] };
}

export function decide(req: EdgeRequest, config: EdgeBakedConfig, runtime: EdgeRuntimeConfig, verify: VerifyToken): EdgeDecision {
  const requirement = requirementFor(req, config);
  if (requirement.kind === "pass") return { kind: "forward", reason: requirement.reason };
  if (requirement.kind === "malformed") return { kind: "reject", status: 400, error: "invalid_request", description: requirement.description };

  const bearer = bearerToken(req);
  if ("missing" in bearer) return { kind: "reject", status: 401, description: "a bearer token is required" };
  if ("malformed" in bearer) return { kind: "reject", status: 401, error: "invalid_token", description: bearer.malformed };

  const names = requirement.clients ?? Object.keys(runtime.clientIds);
  const clientIds = names.map((n) => runtime.clientIds[n]).filter((id): id is string => typeof id === "string" && id !== "");
  // parseRuntimeConfig guarantees the names resolve; this is the last line should it ever not.
  if (clientIds.length === 0 || clientIds.length !== names.length) {
    return { kind: "reject", status: 401, error: "invalid_token", description: "no accepted client configured" };
  }

  let claims: Readonly<Record<string, unknown>>;
  try {
    claims = verify(bearer.token, { clientIds, tokenUse: requirement.scopes.length > 0 ? "access" : null });
  } catch {
    // The reason stays in our logs, not in the answer: an attacker learns nothing about which check failed.
    return { kind: "reject", status: 401, error: "invalid_token", description: "the token is invalid or expired" };
  }

  if (requirement.scopes.length > 0) {
    const granted = typeof claims.scope === "string" ? claims.scope.split(" ") : [];
    if (!requirement.scopes.some((s) => granted.includes(s))) {
      return { kind: "reject", status: 403, error: "insufficient_scope", description: "the token lacks a required scope", scopes: requirement.scopes };
    }
  }
  return { kind: "forward", reason: "verified", subject: typeof claims.sub === "string" ? claims.sub : undefined };
}
