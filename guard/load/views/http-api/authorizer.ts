// HTTP and WebSocket API authorizers (aws_apigatewayv2_authorizer) in the shape of REST authorizers: identity
// sources in the REST spelling, a JWT authorizer's issuer and audience, a Lambda authorizer's function and the
// route table bundled with it. Pure.
import { isUnknown, type Authorizer, type ResourceInstance, type Val } from "../../../model";
import { firstBlock } from "../../json";
import { optNum, optStr, str, strList } from "../../values";
import type { BuildContext } from "../build-context";
import type { HttpApiOf } from "./api";
import { restIdentitySource } from "./identity-source";
import { audienceOf, dynamicIssuer } from "./jwt";

export const V2_AUTHORIZER = "aws_apigatewayv2_authorizer";

function identitySourceOf(r: ResourceInstance): Val<string> {
  const sources = strList(r.values["identity_sources"]);
  return isUnknown(sources) ? sources : (sources.find(isUnknown) ?? sources.map((s) => restIdentitySource(s as string)).join(","));
}

function jwtOf(r: ResourceInstance): Partial<Authorizer> {
  const rawJwt = r.values["jwt_configuration"];
  const jwt = isUnknown(rawJwt) ? { issuer: rawJwt, audience: rawJwt } : firstBlock(rawJwt);
  if (jwt === undefined) return {};
  return {
    jwtIssuer: str(jwt["issuer"]),
    ...dynamicIssuer(r, jwt["issuer"]),
    jwtAudience: audienceOf(jwt["audience"], jwt["issuer"], r.references["jwt_configuration"] ?? []),
  };
}

function httpAuthorizerView(ctx: BuildContext, apiOf: HttpApiOf, r: ResourceInstance): Authorizer {
  const { resolver, stack } = ctx;
  const api = apiOf(r);
  const uri = optStr(r.values["authorizer_uri"]);
  const fnRes = uri === undefined ? undefined : resolver.resolve(r, "authorizer_uri", ["aws_lambda_function", "aws_lambda_alias"]);
  const fn = fnRes !== undefined && "ok" in fnRes ? fnRes.ok.target : undefined;
  const identitySource = identitySourceOf(r);
  const ttl = optNum(r.values["authorizer_result_ttl_in_seconds"]);
  return {
    address: r.address,
    ...(api !== undefined ? { apiAddress: api.address, api } : {}),
    name: str(r.values["name"]),
    type: str(r.values["authorizer_type"]),
    identitySource,
    ...(ttl !== undefined ? { resultTtlSeconds: ttl } : {}),
    providerArns: [],
    ...jwtOf(r),
    ...(uri !== undefined ? { authorizerUri: uri } : {}),
    ...(fn !== undefined ? { lambdaFunctionAddress: fn.address } : {}),
    ...(fn !== undefined && stack.routeTables?.has(fn.address) ? { routeTable: stack.routeTables.get(fn.address) } : {}),
    resource: r,
  };
}

export function httpAuthorizerViews(ctx: BuildContext, apiOf: HttpApiOf): Authorizer[] {
  return ctx.ofType(V2_AUTHORIZER).map((r) => httpAuthorizerView(ctx, apiOf, r));
}
