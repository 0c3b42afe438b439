// The typed views of HTTP and WebSocket APIs (API Gateway v2: aws_apigatewayv2_api, _route, _authorizer,
// _integration, _stage) in the same shapes as REST: APIs, routes (form "http-route", route keys in the REST
// spelling), authorizers, and stages of their own (HttpStage). Pure: resources in, views out.
import {
  isUnknown,
  unknownValue,
  type Authorizer,
  type HttpStage,
  type ResourceInstance,
  type RestApi,
  type Route,
  type UnresolvedRef,
  type Val,
} from "../model";
import { CONNECT_ROUTE_KEY, parseAnyRouteKey, parseWebSocketRouteKey } from "../../kernel/match/route";
import { parseAddress } from "./address";
import { referencedTargets } from "./expressions";
import { firstBlock } from "./json";
import { routeAuthorizer } from "./route-authorizer";
import type { RawStack } from "./raw";
import type { StackResolver } from "./resolve";
import { bool, knownStrList, optNum, optStr, str, strList } from "./values";

const V2_API = "aws_apigatewayv2_api";
const V2_AUTHORIZER = "aws_apigatewayv2_authorizer";
const V2_INTEGRATION = "aws_apigatewayv2_integration";

/** Route keys without a path: an HTTP API's catch-all and a WebSocket API's connection request. */

export interface HttpApiViews {
  readonly apis: RestApi[];
  readonly routes: Route[];
  readonly authorizers: Authorizer[];
  readonly httpStages: HttpStage[];
}

/**
 * v2 identity sources in the REST spelling, so one definition of "keyed on the credential" judges both
 * (kernel/credential-source.ts): `$request.header.X` and WebSocket `route.request.header.X` ->
 * `method.request.header.X`; `$context.x` -> `context.x`; `$stageVariables.x` -> `stageVariables.x`.
 */
export function restIdentitySource(source: string): string {
  return source
    .trim()
    .replace(/^\$request\.querystring\./, "method.request.querystring.")
    .replace(/^\$request\.header\./, "method.request.header.")
    .replace(/^route\.request\./, "method.request.")
    .replace(/^\$context\./, "context.")
    .replace(/^\$stageVariables\./, "stageVariables.");
}

const ofType = (stack: RawStack, type: string): ResourceInstance[] => stack.resources.filter((r) => r.type === type && r.mode === "managed");

function protocolOf(v: unknown): RestApi["protocol"] {
  return v === "WEBSOCKET" ? "WEBSOCKET" : "HTTP";
}

function accessLogOf(raw: unknown): HttpStage["accessLog"] {
  // A whole block known only after apply is still configured: its fields are Unknown, not missing.
  const al = isUnknown(raw) ? { destination_arn: raw, format: raw } : firstBlock(raw);
  return al === undefined ? undefined : { destinationArn: str(al["destination_arn"]), format: str(al["format"]) };
}

// A reference to one attribute of a resource, in a module or not: `module.c.aws_cognito_user_pool_client.app.id`.
const ATTRIBUTE_REF = /^(module\.[\w-]+(\[[^\]]*\])?\.)*[a-z0-9_]+\.[\w-]+(\[[^\]]*\])?\.[a-z_]+$/;

/**
 * A JWT audience. A plan marks a list of references unknown as a whole and keeps only its first reference as the
 * expression: every reference of the block outside the issuer is an entry then, so a second client added beside
 * the first is never hidden behind it.
 */
function audienceOf(v: unknown, issuer: unknown, blockRefs: readonly string[]): Val<readonly Val<string>[]> {
  if (!isUnknown(v) || (v.expression ?? "").includes("${")) return strList(v);
  const issuerText = isUnknown(issuer) ? (issuer.expression ?? "") : typeof issuer === "string" ? issuer : "";
  const entries = [...new Set(blockRefs.filter((x) => ATTRIBUTE_REF.test(x) && !issuerText.includes(x)))];
  return entries.length > 0 ? entries.map((x) => unknownValue(x)) : v;
}

/**
 * A JWT issuer known only after apply and written in a `dynamic` jwt_configuration block (terraform-aws-modules
 * passes authorizers as a map): plan JSON shows no expression for it, only what the resource's for_each iterates
 * over. When that names exactly one user pool (or one resource at all), the issuer is marked as that candidate,
 * never as verified.
 */
function dynamicIssuer(r: ResourceInstance, issuer: unknown): { jwtIssuer: Val<string>; jwtIssuerFromDynamicBlock: true } | undefined {
  const dynamic = r.written !== undefined && !r.written.names.includes("jwt_configuration");
  if (!dynamic || !isUnknown(issuer) || issuer.expression !== undefined) return undefined;
  const targets = referencedTargets(r.forEachReferences ?? []);
  const pools = targets.filter((t) => parseAddress(t)?.type === "aws_cognito_user_pool");
  const candidate = pools.length === 1 ? pools[0] : targets.length === 1 ? targets[0] : undefined;
  return candidate === undefined ? undefined : { jwtIssuer: unknownValue(candidate), jwtIssuerFromDynamicBlock: true };
}

export function buildHttpApiViews(stack: RawStack, resolver: StackResolver, unresolved: UnresolvedRef[], routeTables: RawStack["routeTables"]): HttpApiViews {
  const follow = (from: ResourceInstance, attr: string, types: readonly string[], sink?: UnresolvedRef[]): ResourceInstance | undefined => {
    const res = resolver.resolve(from, attr, types);
    if ("unresolved" in res) {
      unresolved.push(res.unresolved);
      sink?.push(res.unresolved);
      return undefined;
    }
    return "ok" in res ? res.ok.target : undefined;
  };

  const apis: RestApi[] = ofType(stack, V2_API).map((r) => {
    const disable = r.values["disable_execute_api_endpoint"];
    return {
      address: r.address,
      name: str(r.values["name"]),
      protocol: protocolOf(r.values["protocol_type"]),
      disableExecuteApiEndpoint: bool(disable, false),
      builtInCors: firstBlock(r.values["cors_configuration"]) !== undefined || isUnknown(r.values["cors_configuration"]),
      resource: r,
    };
  });
  const apiByAddress = new Map(apis.map((a) => [a.address, a]));
  const apiOf = (r: ResourceInstance, sink?: UnresolvedRef[]): RestApi | undefined => {
    const t = follow(r, "api_id", [V2_API], sink);
    return t === undefined ? undefined : apiByAddress.get(t.address);
  };

  const authorizers: Authorizer[] = ofType(stack, V2_AUTHORIZER).map((r) => {
    const api = apiOf(r);
    const uri = optStr(r.values["authorizer_uri"]);
    const fnRes = uri === undefined ? undefined : resolver.resolve(r, "authorizer_uri", ["aws_lambda_function", "aws_lambda_alias"]);
    const fn = fnRes !== undefined && "ok" in fnRes ? fnRes.ok.target : undefined;
    const sources = strList(r.values["identity_sources"]);
    const identitySource: Val<string> = isUnknown(sources)
      ? sources
      : (sources.find(isUnknown) ?? sources.map((s) => restIdentitySource(s as string)).join(","));
    const rawJwt = r.values["jwt_configuration"];
    const jwt = isUnknown(rawJwt) ? { issuer: rawJwt, audience: rawJwt } : firstBlock(rawJwt);
    const ttl = optNum(r.values["authorizer_result_ttl_in_seconds"]);
    return {
      address: r.address,
      ...(api !== undefined ? { apiAddress: api.address, api } : {}),
      name: str(r.values["name"]),
      type: str(r.values["authorizer_type"]),
      identitySource,
      ...(ttl !== undefined ? { resultTtlSeconds: ttl } : {}),
      providerArns: [],
      ...(jwt !== undefined
        ? {
            jwtIssuer: str(jwt["issuer"]),
            ...dynamicIssuer(r, jwt["issuer"]),
            jwtAudience: audienceOf(jwt["audience"], jwt["issuer"], r.references["jwt_configuration"] ?? []),
          }
        : {}),
      ...(uri !== undefined ? { authorizerUri: uri } : {}),
      ...(fn !== undefined ? { lambdaFunctionAddress: fn.address } : {}),
      ...(fn !== undefined && routeTables?.has(fn.address) ? { routeTable: routeTables.get(fn.address) } : {}),
      resource: r,
    };
  });
  const authorizerByAddress = new Map(authorizers.map((a) => [a.address, a]));

  const routes: Route[] = [];
  for (const r of ofType(stack, "aws_apigatewayv2_route")) {
    const problems: UnresolvedRef[] = [];
    const api = apiOf(r, problems);
    const rawKey = r.values["route_key"];
    const webSocket = api?.protocol === "WEBSOCKET";
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
      unresolved.push(p);
    }
    // Omitted means NONE, even with an authorizer_id (that mismatch is rule http-route-authorizer-ignored).
    const rawAuth = r.values["authorization_type"];
    const authorization: Val<string> = rawAuth === undefined || rawAuth === null || rawAuth === "" ? "NONE" : str(rawAuth);
    const { authorizer, missing } = routeAuthorizer(
      {
        from: r,
        needsAuthorizer: authorization === "JWT" || authorization === "CUSTOM",
        authorizationText: `authorization_type ${String(authorization)}`,
        follow,
        types: [V2_AUTHORIZER],
        authorizerByAddress,
      },
      problems,
    );
    if (missing !== undefined) unresolved.push(missing);
    const integration = r.values["target"] === undefined || r.values["target"] === null ? undefined : resolver.resolve(r, "target", [V2_INTEGRATION]);
    const integrationType = integration !== undefined && "ok" in integration ? str(integration.ok.target.values["integration_type"]) : undefined;
    routes.push({
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
    });
  }

  const all = [...routes.filter((r) => r.api?.protocol !== "WEBSOCKET"), ...apis.flatMap((a) => webSocketRoutes(a, routes))];

  const httpStages: HttpStage[] = ofType(stack, "aws_apigatewayv2_stage").map((s) => {
    const api = apiOf(s);
    const settings = firstBlock(s.values["default_route_settings"]);
    const rate = settings === undefined ? undefined : optNum(settings["throttling_rate_limit"]);
    const burst = settings === undefined ? undefined : optNum(settings["throttling_burst_limit"]);
    const accessLog = accessLogOf(s.values["access_log_settings"]);
    return {
      address: s.address,
      ...(api !== undefined ? { apiAddress: api.address, api } : {}),
      name: str(s.values["name"]),
      autoDeploy: bool(s.values["auto_deploy"], false),
      ...(accessLog !== undefined ? { accessLog } : {}),
      ...(rate !== undefined ? { throttlingRateLimit: rate } : {}),
      ...(burst !== undefined ? { throttlingBurstLimit: burst } : {}),
      resource: s,
    };
  });

  return { apis, routes: all, authorizers, httpStages };
}

/**
 * A WebSocket API's routes as API Gateway authorizes them: an authorizer attaches to `$connect` only, and every other
 * route runs on the connection, so it carries `$connect`'s authorization, authorizer and scopes (its own API key
 * requirement stays). Without a `$connect` route API Gateway accepts every connection: an implicit `$connect`,
 * NONE, stands for it. Two `$connect` routes leave the connection's authorization unknown.
 */
function webSocketRoutes(api: RestApi, routes: readonly Route[]): Route[] {
  if (api.protocol !== "WEBSOCKET") return [];
  const mine = routes.filter((r) => r.api === api);
  if (mine.length === 0) return [];
  const connects = mine.filter((r) => r.routeKey === CONNECT_ROUTE_KEY);
  const implicit: Route | undefined =
    connects.length > 0
      ? undefined
      : {
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
  const connection = implicit ?? (connects.length === 1 ? connects[0] : undefined);
  const inherit = (r: Route): Route => {
    if (r.routeKey === CONNECT_ROUTE_KEY) return r;
    if (connection === undefined) return { ...r, authorization: unknownValue(`${CONNECT_ROUTE_KEY} is defined by ${connects.length} routes`), scopes: [] };
    // The route's own authorizer_id, if any, is ignored by API Gateway on a WebSocket route other than $connect.
    const { authorizer: _authorizer, authorizerAddress: _authorizerAddress, ...own } = r;
    return {
      ...own,
      authorization: connection.authorization,
      ...(connection.authorizer !== undefined ? { authorizer: connection.authorizer, authorizerAddress: connection.authorizer.address } : {}),
      scopes: connection.scopes,
      connection,
    };
  };
  return [...(implicit !== undefined ? [implicit] : []), ...mine.map(inherit)];
}
