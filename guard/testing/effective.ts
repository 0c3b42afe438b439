// A route's effective authorization in the policy's words (COGNITO, CUSTOM, AWS_IAM, API_KEY, EDGE, NONE), read
// from the one model the check uses: what hand-written policy tests compare with and what their failures show.
// What cannot be read is UNKNOWN with the reason, never a guess: no expectation is met by it.
import { authorizationType, typeAtGateway, type AuthorizationTypeRow, type ReviewWord } from "../../kernel/authorization-types";
import { invokers } from "../rules/access/method-matches-policy";
import { known, show } from "../access/lookups";
import { edgeRequirementOf } from "../access/edge-config";
import { edgeProtectionGap } from "../access/origin";
import { normalizeRouteKey, parseRouteKey } from "../../kernel/match/route";
import type { Model, Route } from "../model";

export interface EffectiveAuthorization {
  /** The type table's review word: an HTTP API's JWT authorizer reads as COGNITO. */
  readonly type: ReviewWord | "UNKNOWN";
  /** COGNITO: `authorization_scopes`; CUSTOM / EDGE: what the authorizer's route table / edge verifier requires. */
  readonly scopes?: readonly string[];
  /** CUSTOM: the groups in the authorizer's route table; AWS_IAM: the Cognito groups whose roles may invoke it. */
  readonly groups?: readonly string[];
  /** AWS_IAM: other roles that may invoke it. */
  readonly roles?: readonly string[];
  /** COGNITO / CUSTOM: the authorizer's name. */
  readonly authorizer?: string;
  /** Why a part could not be read (UNKNOWN, or a route table or edge config not on disk). */
  readonly notVerified?: string;
}

/** A route of the model, with the model it belongs to (IAM grants and edge protection are read from it). */
export interface RouteUnderTest {
  readonly model: Model;
  readonly route: Route;
  /** `petstore-dev GET /pets`. */
  readonly label: string;
}

export const routeLabel = (r: Route): string => `${known(r.apiName) ? `${r.apiName} ` : ""}${r.routeKey ?? r.address}`;

const KEY = /^(?:(\S+) )?([A-Z]+ \/\S*|\$default|\$connect)$/;

/** Every route `key` names (`GET /pets` on any API, or `petstore-dev GET /pets`); path parameters may carry other names. */
export function routesFor(model: Model, key: string): Route[] {
  const m = KEY.exec(key.trim());
  if (m === null) throw new Error(`route "${key}": expected "METHOD /path" or "<api> METHOD /path"`);
  const [, api, routeKey] = m;
  const norm = (k: string): string => {
    const s = parseRouteKey(k);
    return s === undefined ? k : normalizeRouteKey(s.method, s.path);
  };
  const target = norm(routeKey);
  return model.routes.filter((r) => r.routeKey !== undefined && norm(r.routeKey) === target && (api === undefined || r.apiName === api));
}

/** The one route `key` names. Throws naming the candidates when no route or more than one (several APIs) match. */
export function route(model: Model, key: string): RouteUnderTest {
  const hits = routesFor(model, key);
  if (hits.length === 0) {
    const all = [...new Set(model.routes.map(routeLabel))].sort();
    throw new Error(`route "${key}" is not in the model; its routes are: ${all.join(", ") || "(none)"}`);
  }
  if (hits.length > 1) throw new Error(`route "${key}" is on ${hits.map(routeLabel).join(" and ")}: name the API ("<api> ${key.trim()}")`);
  return { model, route: hits[0], label: routeLabel(hits[0]) };
}

export function effectiveAuthorization(model: Model, r: Route): EffectiveAuthorization {
  const authorization = r.authorization;
  if (!known(authorization)) return { type: "UNKNOWN", notVerified: r.unverified ?? `authorization ${show(authorization)} is known only after apply` };
  const authorizer = r.authorizer !== undefined && known(r.authorizer.name) ? { authorizer: r.authorizer.name } : {};
  const upper = authorization.toUpperCase();
  if (upper !== "NONE") {
    const type = typeAtGateway(upper);
    if (type === undefined) return { type: "UNKNOWN", notVerified: `authorization ${show(authorization)} is not one API Gateway knows` };
    return closedAuthorization(model, r, authorizationType(type), authorizer);
  }
  if (r.apiKeyRequired === true) return { type: "API_KEY" };
  if (r.api !== undefined && edgeProtectionGap(model, r.api) === undefined && known(r.httpMethod) && known(r.path)) {
    const got = edgeRequirementOf(model, r.api, r.httpMethod, r.path);
    if ("requirement" in got && got.requirement.mode === "edge") return { type: "EDGE", scopes: got.requirement.scopes };
    if ("unknown" in got) return { type: "EDGE", notVerified: `the edge verifier's configuration is not available for ${got.unknown}` };
  }
  return { type: "NONE" };
}

/**
 * A route of a type API Gateway tells by its own value, read where the type table says its callers are decided:
 * token holders by the gateway's scopes, a Lambda authorizer by its bundled route table, IAM by the grants.
 */
function closedAuthorization(model: Model, r: Route, row: AuthorizationTypeRow, authorizer: { authorizer?: string }): EffectiveAuthorization {
  const type = row.reviewWord;
  switch (row.admits) {
    case "pool-tokens":
    case "issuer-tokens":
      return { type, scopes: known(r.scopes) ? r.scopes : [], ...authorizer };
    case "authorizer": {
      const table = r.authorizer?.routeTable;
      if (table === undefined || "problem" in table)
        return { type, ...authorizer, notVerified: "the authorizer's route table is not available, so its groups and scopes are not verified" };
      const entry = table.routes.find((e) => e.method === r.httpMethod && e.path === r.path);
      return entry === undefined
        ? { type, ...authorizer, notVerified: `the authorizer's route table (${table.file}) has no entry for this route` }
        : { type, ...authorizer, scopes: entry.scopes, groups: entry.groups };
    }
    case "iam": {
      const who = invokers(model, r);
      return {
        type,
        groups: [...new Set(who.groups)].sort(),
        roles: [...new Set(who.roles)].sort(),
        ...(who.unverifiable.length > 0 ? { notVerified: `cannot tell whether ${who.unverifiable.join(", ")} grant execute-api:Invoke` } : {}),
      };
    }
    // Open at the gateway or behind the edge: not a value of its own (NONE), so never here; unknown, not a guess.
    case "anyone":
    case "key-holders":
    case "edge":
      return { type: "UNKNOWN", notVerified: `authorization ${row.restGateway} of type ${row.type} is not read by the policy tests` };
  }
}

/** `COGNITO (scopes: petstore/read; authorizer: petstore-dev-cognito)`, `NONE`, `UNKNOWN (not verified: ...)`. */
export function describeAuthorization(a: {
  readonly type: string;
  readonly scopes?: readonly string[];
  readonly groups?: readonly string[];
  readonly roles?: readonly string[];
  readonly authorizer?: string;
  readonly notVerified?: string;
}): string {
  const parts = [
    ...(a.scopes !== undefined && a.scopes.length > 0 ? [`scopes: ${a.scopes.join(", ")}`] : []),
    ...(a.groups !== undefined && a.groups.length > 0 ? [`groups: ${a.groups.join(", ")}`] : []),
    ...(a.roles !== undefined && a.roles.length > 0 ? [`roles: ${a.roles.join(", ")}`] : []),
    ...(a.authorizer !== undefined ? [`authorizer: ${a.authorizer}`] : []),
    ...(a.notVerified !== undefined ? [`not verified: ${a.notVerified}`] : []),
  ];
  return parts.length === 0 ? a.type : `${a.type} (${parts.join("; ")})`;
}
