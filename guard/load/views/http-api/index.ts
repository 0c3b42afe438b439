// HTTP and WebSocket APIs (API Gateway v2: aws_apigatewayv2_api, _route, _authorizer, _integration, _stage) in the
// same shapes as REST: APIs, routes (form "http-route", route keys in the REST spelling), authorizers, and stages of
// their own (HttpStage); one builder per resource type beside this file, composed here. Pure.
import type { Authorizer, HttpStage, RestApi, Route } from "../../../model";
import type { BuildContext } from "../build-context";
import { httpApiLookup, httpApiViews } from "./api";
import { httpAuthorizerViews } from "./authorizer";
import { httpRouteViews } from "./route";
import { httpStageViews } from "./stage";
import { webSocketRoutes } from "./websocket-routes";

export interface HttpApiViews {
  readonly apis: RestApi[];
  readonly routes: Route[];
  readonly authorizers: Authorizer[];
  readonly httpStages: HttpStage[];
}

export function buildHttpApiViews(ctx: BuildContext): HttpApiViews {
  const apis = httpApiViews(ctx);
  const apiOf = httpApiLookup(ctx, apis);
  const authorizers = httpAuthorizerViews(ctx, apiOf);
  const routes = httpRouteViews(ctx, { apiOf, authorizerByAddress: new Map(authorizers.map((a) => [a.address, a])) });
  const all = [...routes.filter((r) => r.api?.protocol !== "WEBSOCKET"), ...apis.flatMap((a) => webSocketRoutes(a, routes))];
  return { apis, routes: all, authorizers, httpStages: httpStageViews(ctx, apiOf) };
}
