// HTTP and WebSocket API routes (aws_apigatewayv2_route) as routes of form "http-route": the route key in the REST
// spelling, the authorization (omitted is NONE), authorizer, scopes, API key requirement, integration type. Pure.
import { isUnknown, unknownValue, type Authorizer, type ResourceInstance, type Route, type UnresolvedRef, type Val } from "../../../model";
import { parseAnyRouteKey, parseWebSocketRouteKey } from "../../../../kernel/match/route";
import { routeAuthorizer } from "../../route-authorizer";
import { bool, knownStrList, str } from "../../values";
import type { BuildContext } from "../build-context";
import type { HttpApiOf } from "./api";
import { V2_AUTHORIZER } from "./authorizer";
import { routeIntegrationType } from "./integration";

type RouteShape = ReturnType<typeof parseAnyRouteKey>;

/** The route key's method and path; a key that is not a known route key is a problem of the route and the stack. */
function routeShape(ctx: BuildContext, r: ResourceInstance, webSocket: boolean, problems: UnresolvedRef[]): RouteShape {
  const rawKey = r.values["route_key"];
  const shape = typeof rawKey === "string" ? (webSocket ? parseWebSocketRouteKey(rawKey) : parseAnyRouteKey(rawKey)) : undefined;
  if (shape === undefined) {
    const p: UnresolvedRef = {
      address: r.address,
      attribute: "route_key",
      target: isUnknown(rawKey) ? (rawKey.expression ?? "(known after apply)") : String(rawKey),
      reason: `route_key is not a known ${webSocket ? "WebSocket" : "HTTP"} API route key`,
      source: r.source,
    };
    problems.push(p);
    ctx.unresolved.push(p);
  }
  return shape;
}

function authorizationOf(r: ResourceInstance): Val<string> {
  // Omitted means NONE, even with an authorizer_id (that mismatch is rule http-route-authorizer-ignored).
  const rawAuth = r.values["authorization_type"];
  return rawAuth === undefined || rawAuth === null || rawAuth === "" ? "NONE" : str(rawAuth);
}

/** What a route is built from: the views of the resource types it refers to. */
export interface HttpRouteInputs {
  readonly apiOf: HttpApiOf;
  readonly authorizerByAddress: ReadonlyMap<string, Authorizer>;
}

function httpRouteView(ctx: BuildContext, { apiOf, authorizerByAddress }: HttpRouteInputs, r: ResourceInstance): Route {
  const problems: UnresolvedRef[] = [];
  const api = apiOf(r, problems);
  const rawKey = r.values["route_key"];
  const shape = routeShape(ctx, r, api?.protocol === "WEBSOCKET", problems);
  const authorization = authorizationOf(r);
  const { authorizer, missing } = routeAuthorizer(
    {
      from: r,
      needsAuthorizer: authorization === "JWT" || authorization === "CUSTOM",
      authorizationText: `authorization_type ${String(authorization)}`,
      follow: ctx.follow,
      types: [V2_AUTHORIZER],
      authorizerByAddress,
    },
    problems,
  );
  if (missing !== undefined) ctx.unresolved.push(missing);
  const integrationType = routeIntegrationType(ctx, r);
  return {
    address: r.address,
    form: "http-route",
    ...(api !== undefined ? { apiAddress: api.address, api } : {}),
    apiName: api?.name ?? unknownValue(),
    httpMethod: shape?.method ?? (isUnknown(rawKey) ? rawKey : unknownValue()),
    path: shape?.path ?? (isUnknown(rawKey) ? rawKey : unknownValue()),
    ...(shape !== undefined ? { routeKey: rawKey as string } : {}),
    authorization,
    ...(authorizer !== undefined ? { authorizerAddress: authorizer.address, authorizer } : {}),
    scopes: knownStrList(r.values["authorization_scopes"]),
    apiKeyRequired: bool(r.values["api_key_required"], false),
    ...(integrationType !== undefined ? { integrationType } : {}),
    unresolved: problems,
    resource: r,
  };
}

export function httpRouteViews(ctx: BuildContext, inputs: HttpRouteInputs): Route[] {
  return ctx.ofType("aws_apigatewayv2_route").map((r) => httpRouteView(ctx, inputs, r));
}
