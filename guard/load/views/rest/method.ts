// REST API methods (aws_api_gateway_method) as routes: the method's path (resource_id -> parent_id -> the API
// root), its authorization and authorizer, scopes, API key requirement and integration type. Pure.
import { unknownValue, type Authorizer, type ResourceInstance, type Route, type UnresolvedRef, type Val } from "../../../model";
import { routeAuthorizer } from "../../route-authorizer";
import { bool, knownStrList, str } from "../../values";
import { API, RES, notSet, type BuildContext } from "../build-context";
import type { RestApiOf } from "./api";
import { methodTargetKey, type IntegrationTypeOf } from "./integration";
import type { ResourcePathOf } from "./resource-path";

/** What a method's route is built from: the views of the resource types it refers to. */
export interface RestMethodInputs {
  readonly apiOf: RestApiOf;
  readonly authorizerByAddress: ReadonlyMap<string, Authorizer>;
  readonly pathOf: ResourcePathOf;
  readonly integrationTypeOf: IntegrationTypeOf;
}

interface MethodPath {
  readonly path: Val<string>;
  /** The resource the method sits on (methodTargetKey); undefined when resource_id cannot be followed. */
  readonly key?: string;
}

/** The method's path; what cannot be followed goes to the route's problems and the stack's list. */
function methodPath(ctx: BuildContext, m: ResourceInstance, pathOf: ResourcePathOf, problems: UnresolvedRef[]): MethodPath {
  const { resolver, unresolved } = ctx;
  const res = resolver.resolve(m, "resource_id", [API, RES]);
  if ("ok" in res) {
    if (res.ok.target.type === API) return { path: "/", key: methodTargetKey(res) };
    const p = pathOf(res.ok.target);
    problems.push(...p.problems);
    unresolved.push(...p.problems.filter((x) => !unresolved.includes(x)));
    return { path: p.path, key: methodTargetKey(res) };
  }
  const problem = "unresolved" in res ? res.unresolved : notSet(m, "resource_id");
  problems.push(problem);
  unresolved.push(problem);
  return { path: unknownValue() };
}

function restMethodView(ctx: BuildContext, inputs: RestMethodInputs, m: ResourceInstance): Route {
  const problems: UnresolvedRef[] = [];
  const api = inputs.apiOf(m, "rest_api_id", problems);
  const httpMethod = str(m.values["http_method"]);
  const { path, key } = methodPath(ctx, m, inputs.pathOf, problems);
  const authorization = str(m.values["authorization"]);
  const { authorizer, missing } = routeAuthorizer(
    {
      from: m,
      needsAuthorizer: authorization === "CUSTOM" || authorization === "COGNITO_USER_POOLS",
      authorizationText: `authorization ${String(authorization)}`,
      follow: ctx.follow,
      types: ["aws_api_gateway_authorizer"],
      authorizerByAddress: inputs.authorizerByAddress,
    },
    problems,
  );
  if (missing !== undefined) ctx.unresolved.push(missing);
  const integrationType = key !== undefined && typeof httpMethod === "string" ? inputs.integrationTypeOf(key, httpMethod) : undefined;
  return {
    address: m.address,
    ...(api !== undefined ? { apiAddress: api.address, api } : {}),
    apiName: api?.name ?? unknownValue(),
    httpMethod,
    path,
    ...(typeof httpMethod === "string" && typeof path === "string" ? { routeKey: `${httpMethod} ${path}` } : {}),
    authorization,
    ...(authorizer !== undefined ? { authorizerAddress: authorizer.address, authorizer } : {}),
    scopes: knownStrList(m.values["authorization_scopes"]),
    apiKeyRequired: bool(m.values["api_key_required"], false),
    ...(integrationType !== undefined ? { integrationType } : {}),
    unresolved: problems,
    resource: m,
  };
}

export function restMethodViews(ctx: BuildContext, inputs: RestMethodInputs): Route[] {
  return ctx.ofType("aws_api_gateway_method").map((m) => restMethodView(ctx, inputs, m));
}
