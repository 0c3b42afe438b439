// REST APIs (API Gateway v1) and what hangs off them, one builder per resource type beside this file; this
// composes them in the order their unresolved references are recorded. Pure.
import type { Authorizer, RestApi, Route } from "../../../model";
import type { BuildContext } from "../build-context";
import { restApiLookup, restApiViews, type RestApiOf } from "./api";
import { restAuthorizerViews } from "./authorizer";
import { restIntegrationTypes } from "./integration";
import { restMethodViews } from "./method";
import { resourcePaths } from "./resource-path";

export interface RestViews {
  readonly apis: RestApi[];
  readonly apiByAddress: ReadonlyMap<string, RestApi>;
  /** The REST API a resource's attribute refers to (recording a failure). */
  readonly apiOf: RestApiOf;
  readonly authorizers: Authorizer[];
  readonly routes: Route[];
}

export function restViews(ctx: BuildContext): RestViews {
  const apis = restApiViews(ctx);
  const { apiByAddress, apiOf } = restApiLookup(ctx, apis);
  const authorizers = restAuthorizerViews(ctx, apiOf);
  const authorizerByAddress = new Map(authorizers.map((a) => [a.address, a]));
  const pathOf = resourcePaths(ctx);
  const integrationTypeOf = restIntegrationTypes(ctx);
  const routes = restMethodViews(ctx, { apiOf, authorizerByAddress, pathOf, integrationTypeOf });
  return { apis, apiByAddress, apiOf, authorizers, routes };
}
