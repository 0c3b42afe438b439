// REST API authorizers (aws_api_gateway_authorizer): type, identity source, cache TTL, Cognito pools, and the
// Lambda function behind a TOKEN/REQUEST authorizer with the route table bundled with it. Pure.
import type { Authorizer, ResourceInstance } from "../../../model";
import { optNum, optStr, str, strList } from "../../values";
import type { BuildContext } from "../build-context";
import type { RestApiOf } from "./api";

const LAMBDA_TYPES = ["aws_lambda_function", "aws_lambda_alias"];

function restAuthorizerView(ctx: BuildContext, apiOf: RestApiOf, r: ResourceInstance): Authorizer {
  const { stack, resolver, target } = ctx;
  const api = apiOf(r, "rest_api_id");
  const uri = optStr(r.values["authorizer_uri"]);
  const fnRes = uri === undefined ? undefined : resolver.resolve(r, "authorizer_uri", LAMBDA_TYPES);
  const fn = fnRes === undefined ? undefined : target(fnRes);
  const ttl = optNum(r.values["authorizer_result_ttl_in_seconds"]);
  const rawType = r.values["type"];
  return {
    address: r.address,
    ...(api !== undefined ? { apiAddress: api.address, api } : {}),
    name: str(r.values["name"]),
    type: rawType === undefined || rawType === null ? "TOKEN" : str(rawType),
    identitySource: str(r.values["identity_source"]),
    ...(ttl !== undefined ? { resultTtlSeconds: ttl } : {}),
    providerArns: strList(r.values["provider_arns"]),
    ...(uri !== undefined ? { authorizerUri: uri } : {}),
    ...(fn !== undefined ? { lambdaFunctionAddress: fn.address } : {}),
    ...(fn !== undefined && stack.routeTables?.has(fn.address) ? { routeTable: stack.routeTables.get(fn.address) } : {}),
    resource: r,
  };
}

export function restAuthorizerViews(ctx: BuildContext, apiOf: RestApiOf): Authorizer[] {
  return ctx.ofType("aws_api_gateway_authorizer").map((r) => restAuthorizerView(ctx, apiOf, r));
}
