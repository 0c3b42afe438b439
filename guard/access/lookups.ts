// Shared lookups for rules: a route's API name, its effective intended policy entry, and finding builders.
import { authorizationType, typeAtGateway } from "../../kernel/authorization-types";
import { normalizeRouteKey, normalizeTemplate, parseRouteKey } from "../../kernel/match/route";
import { isUnknown, type RestApi, type Route, type Val } from "../model";
import { effectivePolicy, policiesFor, type EffectivePolicy } from "../policy/match";
import type { IntendedRoute, PolicySet, Severity } from "../policy/types";

/**
 * A finding about one resource, as a rule reports it (guard/rules/types.ts RuleFinding is this type; the access layer
 * builds findings without importing the rules, which sit above it). The engine adds the rule id, severity and waiver.
 */
export interface ResourceFinding {
  readonly address: string;
  /** API name, when the finding is about one. */
  readonly api?: string;
  /** Route key (`GET /pets`), when the finding is about one method. */
  readonly route?: string;
  readonly message: string;
  /** File the resource came from (SARIF location). */
  readonly file?: string;
  /** Overrides the rule's default severity for this one finding (e.g. "cannot verify" cases). */
  readonly severity?: Severity;
  /**
   * Tells apart the findings a rule can report on one address (and API and route): which door and whom it admits,
   * which problem. Built from identifiers and values, never from the message's wording, so a baseline entry that
   * names it (guard/baseline) keeps accepting the same finding across versions and never the rule's next one.
   * @default - the rule reports at most one finding per address, API and route
   */
  readonly detail?: string;
}

export const known = <T>(v: Val<T> | undefined): v is T => v !== undefined && !isUnknown(v);

// `local.name` alone (a plan's reference) or `${local.name}`: terraform show -json carries no locals, so what a local
// value names cannot be read from a plan.
const LOCAL_ONLY = /^(?:\$\{)?local\.[\w-]+\}?$/;

/** Whether a trusted pool or issuer shows only as a local value, which may name any pool of the configuration. */
export const isUnexpandedLocal = (label: string): boolean => LOCAL_ONLY.test(label);

/**
 * Why a trusted pool (or issuer) shown as `label` is not verified: a local value the input does not expand, or,
 * for anything else, that it is no user pool of this configuration. Either way it is never a pass.
 */
export const untrustedPoolWhy = (label: string): string =>
  isUnexpandedLocal(label)
    ? "a local value this input does not expand (terraform show -json carries no locals): which user pool it names is not verified"
    : "which is no user pool of this configuration: not verified";

/** A value in a finding's `detail`: a string as it is (no quotes to escape in a baseline), anything else as `show` says it. */
export const plain = (v: unknown): string => (typeof v === "string" ? v : show(v));

export const show = (v: unknown): string =>
  isUnknown(v)
    ? `(known after apply${v.expression !== undefined ? `: ${v.expression}` : ""})`
    : // A list with entries known only after apply (a JWT audience of references) shows each entry as such.
      Array.isArray(v) && v.some(isUnknown)
      ? `[${v.map(show).join(",")}]`
      : JSON.stringify(v);

export const apiNameOf = (r: Route): string | undefined => (known(r.apiName) ? r.apiName : undefined);

/** How every message names an API's kind: `aws_apigatewayv2_api.protocol_type` says HTTP or WEBSOCKET. */
export function apiKind(api: RestApi | undefined): "REST API" | "HTTP API" | "WebSocket API" | "API" {
  if (api === undefined) return "API";
  return api.protocol === "HTTP" ? "HTTP API" : api.protocol === "WEBSOCKET" ? "WebSocket API" : "REST API";
}

/**
 * Where a WebSocket route's authorization comes from, as messages say it after the route key: "" for any other
 * route. Only `$connect` is authorized; every other route runs on the connection.
 */
export function connectionNote(r: Route): string {
  if (r.implicit === true) return " (no $connect route: API Gateway accepts every connection)";
  if (r.connection === undefined) return "";
  return r.connection.implicit === true
    ? " (runs on the connection, and with no $connect route API Gateway accepts every connection)"
    : " (runs on the connection: $connect's authorization)";
}

/** Finding about a route, with its API and route key filled in. */
export function routeFinding(r: Route, message: string, extra: Partial<ResourceFinding> = {}): ResourceFinding {
  const api = apiNameOf(r);
  return {
    address: r.address,
    ...(api !== undefined ? { api } : {}),
    ...(r.routeKey !== undefined ? { route: r.routeKey } : {}),
    message,
    file: r.resource.source.file,
    ...extra,
  };
}

export type PolicyLookup =
  | { readonly kind: "one"; readonly effective: EffectivePolicy }
  | { readonly kind: "none" }
  | { readonly kind: "many"; readonly files: readonly string[] }
  | { readonly kind: "unknown-name" };

// Rules look a policy up per route; resolving overrides copies the route table, so memoize per set and API.
const lookups = new WeakMap<PolicySet, Map<string, PolicyLookup>>();

export function lookupPolicy(policies: PolicySet, apiName: Val<string>): PolicyLookup {
  if (!known(apiName)) return { kind: "unknown-name" };
  let cache = lookups.get(policies);
  if (cache === undefined) {
    cache = new Map();
    lookups.set(policies, cache);
  }
  const hit = cache.get(apiName);
  if (hit !== undefined) return hit;
  const result = lookupUncached(policies, apiName);
  cache.set(apiName, result);
  return result;
}

function lookupUncached(policies: PolicySet, apiName: string): PolicyLookup {
  const matched = policiesFor(policies, apiName);
  if (matched.length === 0) return { kind: "none" };
  if (matched.length > 1) return { kind: "many", files: matched.map((p) => p.file) };
  return { kind: "one", effective: effectivePolicy(matched[0], apiName) };
}

/** The intended entry of a route, when exactly one policy matches its API and lists it. */
export function intendedFor(policies: PolicySet, r: Route): IntendedRoute | undefined {
  const l = lookupPolicy(policies, r.apiName);
  if (l.kind !== "one" || r.routeKey === undefined) return undefined;
  return intendedEntry(
    l.effective,
    r.routeKey,
    typeof r.httpMethod === "string" && typeof r.path === "string" ? { method: r.httpMethod, path: r.path } : undefined,
  );
}

/**
 * A policy's entry for route key `key`: exact, else (given the route's method and path) the entry whose key names
 * the same route with its path parameters under other names (kernel/match/route.ts).
 */
export function intendedEntry(effective: EffectivePolicy, key: string, shape?: { readonly method: string; readonly path: string }): IntendedRoute | undefined {
  const exact = effective.routes[key];
  if (exact !== undefined || shape === undefined) return exact;
  const normalized = normalizeRouteKey(shape.method, shape.path);
  const hit = Object.keys(effective.routes).find((k) => {
    const s = parseRouteKey(k);
    return s !== undefined && normalizeRouteKey(s.method, s.path) === normalized;
  });
  return hit === undefined ? undefined : effective.routes[hit];
}

/**
 * CORS preflight as the policy allows it: OPTIONS, NONE, no key, MOCK integration, path listed. An HTTP API with
 * `cors_configuration` answers preflights itself (no integration runs): an open OPTIONS route there is one when no
 * policy speaks for the API, and with one, when its path is listed.
 */
export function isIntendedPreflight(policies: PolicySet, r: Route): boolean {
  if (r.httpMethod !== "OPTIONS" || r.authorization !== "NONE" || r.apiKeyRequired !== false) return false;
  if (onHttpApi(r)) {
    if (r.api?.builtInCors !== true) return false;
    const l = lookupPolicy(policies, r.apiName);
    if (l.kind === "none") return true;
    return l.kind === "one" && known(r.path) && l.effective.corsPreflight.some((p) => normalizeTemplate(p) === normalizeTemplate(r.path as string));
  }
  if (r.integrationType !== "MOCK") return false;
  const l = lookupPolicy(policies, r.apiName);
  // No policy speaks for the API: a REST preflight with a MOCK integration reaches no backend, so it is no open door.
  if (l.kind === "none") return true;
  return l.kind === "one" && known(r.path) && l.effective.corsPreflight.some((p) => normalizeTemplate(p) === normalizeTemplate(r.path as string));
}

/**
 * The authorization a route must carry for a policy type, API Gateway's spelling from the type table: an HTTP API
 * route checks Cognito tokens as JWT. EDGE is authenticated at the edge; the gateway itself sees an open method
 * (see origin.ts edgeProtectionGap).
 */
export const gatewayTypeFor = (r: Route, type: IntendedRoute["type"]): string => {
  const row = authorizationType(type);
  return onHttpApi(r) ? (row.httpGateway ?? row.restGateway) : row.restGateway;
};

/** A route of an HTTP API: an aws_apigatewayv2_route, or an operation of the API's OpenAPI body. */
const onHttpApi = (r: Route): boolean => r.form === "http-route" || r.api?.protocol === "HTTP";

/**
 * Whether an authorizer of this type can decide a route of this authorization (REST and HTTP APIs): for a type with
 * an authorizer, the table's authorizer types; any other authorization takes a Lambda authorizer (TOKEN, REQUEST).
 */
export function authorizerFits(authorization: Val<string>, authorizerType: Val<string>): boolean {
  const type = typeof authorization === "string" ? typeAtGateway(authorization) : undefined;
  const row = type === undefined ? undefined : authorizationType(type);
  if (row !== undefined && row.needsAuthorizer) return typeof authorizerType === "string" && row.authorizerTypes.includes(authorizerType);
  return authorizerType === "TOKEN" || authorizerType === "REQUEST";
}
