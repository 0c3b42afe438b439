// The authorizer's decision: token → verified claims → the set of routes this principal may call → a
// cache-safe policy. `decide` is synchronous and pure given the verifier's cached JWKS (tests and the
// benchmark call it directly); `authorize` adds the bounded JWKS fetch for a cold cache or a new `kid`.
import { assertTokenClaims } from "../shared/token-claims";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { JwksNotAvailableInCacheError, KidNotFoundInJwksError } from "aws-jwt-verify/error";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import type { Fetcher } from "aws-jwt-verify/https";
import type { RouteRequirement } from "../../kernel/contracts/route-table";
import type { AuthorizerConfig } from "./config";
import { withDeadline } from "../shared/deadline";
import { BoundedFetcher } from "../shared/jwks-fetcher";
import { maskKey, PolicyBuilder, type PolicyDocument } from "./policy";
import { compareSpecificity, parseMethodArn, templateMatches } from "./routes";
import { extractToken } from "./token";

/** Budget for fetching the JWKS inside one request (cold start or unknown kid); API Gateway allows 10 s. */
export const DEFAULT_JWKS_TIMEOUT_MS = 2000;

export interface AuthorizerResponse {
  readonly principalId: string;
  readonly policyDocument: PolicyDocument;
  readonly context: Readonly<Record<string, string | number | boolean>>;
  readonly usageIdentifierKey?: string;
}

export type Decision =
  /** 401: the handler throws exactly `Error("Unauthorized")`. */
  | { readonly effect: "Unauthorized"; readonly reason: string; readonly route: string | null; readonly sub: null }
  | {
      readonly effect: "Allow" | "Deny";
      readonly reason: string;
      /** Matched route (`GET /pets/{petId}`), or null when the method is not in the table. */
      readonly route: string | null;
      readonly sub: string;
      readonly response: AuthorizerResponse;
    };

/** The claims the decision reads, after aws-jwt-verify has checked signature, issuer, expiry and client. */
interface Claims {
  readonly sub: string;
  readonly tokenUse: "access" | "id";
  readonly clientId: string;
  readonly username: string;
  readonly groups: readonly string[];
  readonly scopes: readonly string[];
  readonly exp: number;
  readonly nbf: number | null;
}

export interface AuthorizerOptions {
  /** Where JWKS come from; tests pass one with `resolveUri` to a loopback server. @default BoundedFetcher(jwksTimeoutMs) */
  readonly fetcher?: Fetcher;
  /** @default DEFAULT_JWKS_TIMEOUT_MS */
  readonly jwksTimeoutMs?: number;
  /** Verified tokens remembered (by exact token string) to skip re-verifying a repeated token. @default 1000 */
  readonly verifiedCacheSize?: number;
}

const UNAUTHORIZED_CACHE_MISS = "jwks-cache-miss";
/** Bound of each memo table (method ARNs, policy documents); cleared wholesale when full. */
const MEMO_SIZE = 1000;

interface Principal {
  readonly claims: Claims;
  /** Per route of the table: may this principal call it? */
  readonly allowed: readonly boolean[];
  readonly mask: string;
  readonly context: Readonly<Record<string, string>>;
  readonly usageIdentifierKey: string | undefined;
}

interface Target {
  /** `arn:aws:execute-api:{region}:{acct}:{apiId}/{stage}/` */
  readonly prefix: string;
  /** `GET/pets/1`: the method ARN without its prefix. */
  readonly verbAndPath: string;
  readonly routeIndex: number;
  readonly route: string | null;
}

export class Authorizer {
  readonly verifier: ReturnType<typeof createVerifier>;
  private readonly routes: readonly RouteRequirement[];
  /** Per route: accepted client ids, or null for every configured client. */
  private readonly routeClientIds: readonly (ReadonlySet<string> | null)[];
  private readonly clientNames: ReadonlyMap<string, string>;
  private readonly policies: PolicyBuilder;
  private readonly verified = new Map<string, Principal>();
  private readonly targets = new Map<string, Target>();
  private readonly policyDocs = new Map<string, PolicyDocument>();
  private readonly verifiedCacheSize: number;
  private readonly jwksTimeoutMs: number;

  constructor(
    private readonly config: AuthorizerConfig,
    options: AuthorizerOptions = {},
  ) {
    this.jwksTimeoutMs = options.jwksTimeoutMs ?? DEFAULT_JWKS_TIMEOUT_MS;
    this.verifiedCacheSize = options.verifiedCacheSize ?? 1000;
    const fetcher = options.fetcher ?? new BoundedFetcher({ timeoutMs: this.jwksTimeoutMs });
    this.verifier = createVerifier(config, fetcher);
    this.routes = config.routeTable.routes;
    this.clientNames = new Map(Object.entries(config.clientIds).map(([name, id]) => [id, name]));
    this.routeClientIds = this.routes.map((r) =>
      r.clients === null ? null : new Set(r.clients.map((name) => config.clientIds[name]).filter((id): id is string => id !== undefined)),
    );
    this.policies = new PolicyBuilder(this.routes);
  }

  /** Fetches the JWKS (cold start), bounded; resolves false instead of throwing when it cannot. */
  async hydrate(): Promise<boolean> {
    try {
      await withDeadline(this.verifier.hydrate(), this.jwksTimeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  /** The decision from cached keys only; never throws, never does I/O. */
  decide(event: unknown, nowSeconds: number = Date.now() / 1000): Decision {
    const methodArn = (event as { methodArn?: unknown } | null)?.methodArn;
    const target = this.target(methodArn);
    if (target === null) return unauthorized("bad-method-arn", null);
    const token = extractToken(event);
    if (token === null) return unauthorized("no-bearer-token", target.route);
    let principal = this.verified.get(token);
    if (principal !== undefined) {
      // Same bytes as a token verified before: only time can have changed.
      if (principal.claims.exp <= nowSeconds || (principal.claims.nbf !== null && principal.claims.nbf > nowSeconds)) {
        this.verified.delete(token);
        return unauthorized("JwtExpiredError", target.route);
      }
    } else {
      let payload: Record<string, unknown>;
      try {
        payload = this.verifier.verifySync(token) as Record<string, unknown>;
      } catch (err) {
        if (err instanceof JwksNotAvailableInCacheError || err instanceof KidNotFoundInJwksError) return unauthorized(UNAUTHORIZED_CACHE_MISS, target.route);
        return unauthorized(err instanceof Error ? err.constructor.name : "verify-failed", target.route);
      }
      const claims = readClaims(payload);
      if (claims === null) return unauthorized("unexpected-claims", target.route);
      principal = this.principal(claims);
      if (this.verified.size >= this.verifiedCacheSize) this.verified.clear();
      this.verified.set(token, principal);
    }

    let currentAllowed = target.routeIndex !== -1 && principal.allowed[target.routeIndex];
    // Rare: a Deny glob needed to fence off a denied route also covers this allowed call (e.g. a denied
    // `ANY /a/{proxy+}` beside an allowed `GET /a/{x}`). API Gateway will refuse it, so say so.
    const conflict = currentAllowed && this.policies.deniesByGlob(principal.allowed, target.verbAndPath, principal.mask);
    if (conflict) currentAllowed = false;
    const response: AuthorizerResponse = {
      principalId: principal.claims.sub,
      policyDocument: this.policy(target, principal, currentAllowed ? null : (methodArn as string)),
      context: principal.context,
      ...(principal.usageIdentifierKey !== undefined ? { usageIdentifierKey: principal.usageIdentifierKey } : {}),
    };
    const reason = currentAllowed
      ? "allowed"
      : conflict
        ? "policy-conflict"
        : target.routeIndex === -1
          ? "route-not-in-table"
          : (this.refusal(this.routes[target.routeIndex], target.routeIndex, principal.claims) ?? "denied");
    return { effect: currentAllowed ? "Allow" : "Deny", reason, route: target.route, sub: principal.claims.sub, response };
  }

  /** Everything about a verified principal that does not depend on the request, computed once per token. */
  private principal(claims: Claims): Principal {
    const allowed = this.routes.map((r, i) => this.refusal(r, i, claims) === null);
    let usageIdentifierKey: string | undefined;
    if (this.config.routeTable.apiKeyFromAuthorizer) {
      const clientName = this.clientNames.get(claims.clientId);
      usageIdentifierKey = clientName === undefined ? undefined : this.config.apiKeysByClient?.[clientName];
    }
    return {
      claims,
      allowed,
      mask: maskKey(allowed),
      context: {
        sub: claims.sub,
        username: claims.username,
        client_id: claims.clientId,
        token_use: claims.tokenUse,
        groups: claims.groups.join(" "),
        scopes: claims.scopes.join(" "),
      },
      usageIdentifierKey,
    };
  }

  /** The parsed method ARN and its route, memoized: an API has few distinct method ARNs per container. */
  private target(methodArn: unknown): Target | null {
    if (typeof methodArn !== "string") return null;
    let target = this.targets.get(methodArn);
    if (target === undefined) {
      const arn = parseMethodArn(methodArn);
      if (arn === null) return null;
      const routeIndex = this.matchRoute(arn.verb, arn.path);
      target = {
        prefix: arn.prefix,
        verbAndPath: `${arn.verb}${arn.path}`,
        routeIndex,
        route: routeIndex === -1 ? null : `${this.routes[routeIndex].method} ${this.routes[routeIndex].path}`,
      };
      if (this.targets.size >= MEMO_SIZE) this.targets.clear();
      this.targets.set(methodArn, target);
    }
    return target;
  }

  /** Policy documents are shared between decisions with the same allowed set and ARN prefix (never mutated). */
  private policy(target: Target, principal: Principal, refusedMethodArn: string | null): PolicyDocument {
    const key = `${principal.mask}|${refusedMethodArn ?? target.prefix}`;
    let doc = this.policyDocs.get(key);
    if (doc === undefined) {
      doc = deepFreeze(this.policies.build(target.prefix, principal.allowed, refusedMethodArn));
      if (this.policyDocs.size >= MEMO_SIZE) this.policyDocs.clear();
      this.policyDocs.set(key, doc);
    }
    return doc;
  }

  /**
   * `decide`, and when the signing key is not cached (cold start failed, or a `kid` we have not seen: key
   * rotation or a forgery) one bounded JWKS fetch and a second decision. An outage stays a 401.
   */
  async authorize(event: unknown): Promise<Decision> {
    const first = this.decide(event);
    if (first.effect !== "Unauthorized" || first.reason !== UNAUTHORIZED_CACHE_MISS) return first;
    const token = extractToken(event);
    if (token === null) return first;
    try {
      // verify() fetches through the JWKS cache, whose penalty box refuses a refetch for an unknown kid
      // for 10 s, so forged kids cannot turn the authorizer into a JWKS flooder.
      await withDeadline(this.verifier.verify(token), this.jwksTimeoutMs);
    } catch (err) {
      return unauthorized(`jwks-unavailable:${err instanceof Error ? err.constructor.name : "error"}`, first.route);
    }
    return this.decide(event);
  }

  /** Index of the route API Gateway would have matched, among this authorizer's routes; -1 if none. */
  private matchRoute(verb: string, path: string): number {
    let best = -1;
    for (let i = 0; i < this.routes.length; i++) {
      const r = this.routes[i];
      if (r.method !== verb && r.method !== "ANY") continue;
      if (!templateMatches(r.path, path)) continue;
      if (best === -1) {
        best = i;
        continue;
      }
      const b = this.routes[best];
      const cmp = compareSpecificity(r.path, b.path);
      // More specific path wins; on the same resource an explicit verb beats ANY.
      if (cmp < 0 || (cmp === 0 && b.method === "ANY" && r.method !== "ANY")) best = i;
    }
    return best;
  }

  private refusal(r: RouteRequirement, i: number, c: Claims): string | null {
    if (r.tokenUse !== "any" && r.tokenUse !== c.tokenUse) return `token-use:${c.tokenUse}`;
    const clients = this.routeClientIds[i];
    if (clients !== null && !clients.has(c.clientId)) return "client-not-allowed";
    if (r.groups.length > 0 && !r.groups.some((g) => c.groups.includes(g))) return "missing-group";
    if (r.scopes.length > 0 && !r.scopes.some((s) => c.scopes.includes(s))) return "missing-scope";
    return null;
  }
}

function createVerifier(config: AuthorizerConfig, fetcher: Fetcher) {
  return CognitoJwtVerifier.create(
    {
      userPoolId: config.userPoolId,
      // Token type is a per-route requirement (one token may pass one route and not another).
      tokenUse: null,
      clientId: Object.values(config.clientIds),
      // exp, iat, auth_time, nbf and sub: one definition with the edge verifier.
      customJwtCheck: ({ payload }) => assertTokenClaims(payload),
    },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
}

function unauthorized(reason: string, route: string | null): Decision {
  return { effect: "Unauthorized", reason, route, sub: null };
}

/** Reads what the decision needs from a verified payload; null when a claim has an unexpected type. */
function readClaims(p: Record<string, unknown>): Claims | null {
  const tokenUse = p.token_use;
  if (tokenUse !== "access" && tokenUse !== "id") return null;
  const clientId = tokenUse === "id" ? p.aud : p.client_id;
  const groups = p["cognito:groups"] ?? [];
  const scope = p.scope ?? "";
  const username = (tokenUse === "id" ? p["cognito:username"] : p.username) ?? "";
  if (typeof p.sub !== "string" || typeof clientId !== "string" || typeof scope !== "string" || typeof username !== "string") return null;
  if (!Array.isArray(groups) || !groups.every((g): g is string => typeof g === "string")) return null;
  if (typeof p.exp !== "number" || (p.nbf !== undefined && typeof p.nbf !== "number")) return null;
  return {
    sub: p.sub,
    tokenUse,
    clientId,
    username,
    groups,
    scopes: scope === "" ? [] : scope.split(" ").filter((s) => s !== ""),
    exp: p.exp,
    nbf: typeof p.nbf === "number" ? p.nbf : null,
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
