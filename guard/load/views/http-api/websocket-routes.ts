// WebSocket API routes as API Gateway authorizes them: every route runs on the connection `$connect` opened. Pure.
import { unknownValue, type RestApi, type Route } from "../../../model";
import { CONNECT_ROUTE_KEY } from "../../../../kernel/match/route";

/** Without a `$connect` route API Gateway accepts every connection: an implicit `$connect`, NONE, stands for it. */
function implicitConnect(api: RestApi): Route {
  return {
    address: `${api.address}#${CONNECT_ROUTE_KEY}`,
    form: "http-route",
    apiAddress: api.address,
    api,
    apiName: api.name,
    httpMethod: CONNECT_ROUTE_KEY,
    path: "",
    routeKey: CONNECT_ROUTE_KEY,
    authorization: "NONE",
    scopes: [],
    apiKeyRequired: false,
    implicit: true,
    unresolved: [],
    resource: api.resource,
  };
}

/** A route other than `$connect` with the connection's authorization, authorizer and scopes (its own API key stays). */
function onConnection(r: Route, connection: Route | undefined, connects: number): Route {
  if (r.routeKey === CONNECT_ROUTE_KEY) return r;
  if (connection === undefined) {
    return { ...r, authorization: unknownValue(`${CONNECT_ROUTE_KEY} is defined by ${connects} routes`), scopes: [] };
  }
  // The route's own authorizer_id, if any, is ignored by API Gateway on a WebSocket route other than $connect.
  const { authorizer: _authorizer, authorizerAddress: _authorizerAddress, ...own } = r;
  const { authorizer } = connection;
  return {
    ...own,
    authorization: connection.authorization,
    ...(authorizer !== undefined ? { authorizer, authorizerAddress: authorizer.address } : {}),
    scopes: connection.scopes,
    connection,
  };
}

/**
 * A WebSocket API's routes as API Gateway authorizes them: an authorizer attaches to `$connect` only, and every other
 * route runs on the connection, so it carries `$connect`'s authorization, authorizer and scopes (its own API key
 * requirement stays). Without a `$connect` route API Gateway accepts every connection: an implicit `$connect`,
 * NONE, stands for it. Two `$connect` routes leave the connection's authorization unknown.
 */
export function webSocketRoutes(api: RestApi, routes: readonly Route[]): Route[] {
  if (api.protocol !== "WEBSOCKET") return [];
  const mine = routes.filter((r) => r.api === api);
  if (mine.length === 0) return [];
  const connects = mine.filter((r) => r.routeKey === CONNECT_ROUTE_KEY);
  const implicit = connects.length > 0 ? undefined : implicitConnect(api);
  const connection = implicit ?? (connects.length === 1 ? connects[0] : undefined);
  return [...(implicit !== undefined ? [implicit] : []), ...mine.map((r) => onConnection(r, connection, connects.length))];
}
