// The routes and authorizers an API's OpenAPI `body` declares, as model Routes (form "openapi-operation",
// address `<api>#paths["/pets"].get`) and Authorizers (`<api>#securitySchemes["cognito"]`), so every rule and the
// review read them like method resources. Bodies are read once per resource instance (bodyOf).
import { isUnknown, unknownValue, type Authorizer, type IamPolicy, type ResourceInstance, type RestApi, type Route, type Val } from "../model";
import { documentFromJson } from "./iam";
import { referencesInString } from "./address";
import { DEFAULT_ROUTE_KEY } from "../../kernel/match/route";
import { restIdentitySource } from "./views/http-api/identity-source";
import { readBody, type BodyAuthorizer, type BodyProtocol, type BodyRead } from "./openapi";
import type { RawStack } from "./raw";
import type { StackResolver } from "./resolve";

/** The API types whose `body` is an OpenAPI document, with the protocol its schemes are read for. */
export const BODY_APIS: Readonly<Record<string, BodyProtocol>> = { aws_api_gateway_rest_api: "rest", aws_apigatewayv2_api: "http" };

const cache = new WeakMap<ResourceInstance, BodyRead | undefined>();

/** What an API resource's `body` declares; undefined when it has none. Read once per instance. */
export function bodyOf(api: ResourceInstance): BodyRead | undefined {
  if (cache.has(api)) return cache.get(api);
  const body = api.values["body"];
  const protocol = BODY_APIS[api.type];
  // `body` is not a computed attribute: unknown in a plan only when the configuration sets it to an expression
  // (even one without references, such as a function of timestamp()): a body, known only after apply.
  const has = protocol !== undefined && body !== undefined && body !== null && body !== "";
  const read = has ? readBody(body, protocol) : undefined;
  cache.set(api, read);
  return read;
}

/** A body operation's address: `aws_api_gateway_rest_api.api#paths["/pets"].get`. */
const operationAddress = (api: string, pointer: string): string => `${api}#${pointer}`;

/**
 * Routes and authorizers of every API with a readable body. Both a body operation and a method resource for
 * the same route are kept: with put_rest_api_mode merge the one written last wins (the body again on its next
 * update), with overwrite the next body update deletes the method; either may be live, so both are judged.
 */
export function bodyViews(
  stack: RawStack,
  apis: readonly RestApi[],
  resolver: StackResolver,
): { routes: Route[]; authorizers: Authorizer[]; policies: IamPolicy[] } {
  const routes: Route[] = [];
  const authorizers: Authorizer[] = [];
  const policies: IamPolicy[] = [];
  for (const api of apis) {
    const read = bodyOf(api.resource);
    if (read?.kind !== "operations") continue;
    // The import attaches it unless a `policy` argument or an aws_api_gateway_rest_api_policy replaces it: its
    // grants count (they may be live), its denies do not (see rules/private/resource-policy.ts).
    if (read.policy !== undefined) {
      policies.push({
        address: `${api.address}#x-amazon-apigateway-policy`,
        kind: "api-resource-policy",
        document: documentFromJson(read.policy),
        roleAddresses: [],
        resource: api.resource,
      });
    }
    const byName = new Map<string, Authorizer>();
    const authorizerOf = (a: BodyAuthorizer): Authorizer => {
      const hit = byName.get(a.name);
      if (hit !== undefined) return hit;
      const made = toAuthorizer(stack, api, a, resolver);
      byName.set(a.name, made);
      authorizers.push(made);
      return made;
    };
    const http = BODY_APIS[api.resource.type] === "http";
    const prefix = http ? "" : importPrefix(api.resource, read.basePath);
    for (const op of read.operations) {
      const authorizer = op.authorizer === undefined ? undefined : authorizerOf(op.authorizer);
      // An HTTP API body declares its catch-all as `/$default` (any method): the model's `$default` route.
      const catchAll = http && op.path === `/${DEFAULT_ROUTE_KEY}`;
      const path = catchAll
        ? ""
        : typeof op.path !== "string"
          ? op.path
          : typeof prefix === "string"
            ? `${prefix}${op.path === "/" && prefix !== "" ? "" : op.path}`
            : prefix;
      const httpMethod = catchAll ? DEFAULT_ROUTE_KEY : op.method;
      routes.push({
        address: operationAddress(api.address, op.pointer),
        form: "openapi-operation",
        apiAddress: api.address,
        api,
        apiName: api.name,
        httpMethod,
        path,
        ...(catchAll ? { routeKey: DEFAULT_ROUTE_KEY } : typeof path === "string" ? { routeKey: `${op.method} ${path}` } : {}),
        authorization: op.authorization,
        ...(authorizer !== undefined ? { authorizerAddress: authorizer.address, authorizer } : {}),
        scopes: op.scopes,
        apiKeyRequired: op.apiKeyRequired,
        ...(op.integrationType !== undefined ? { integrationType: op.integrationType } : {}),
        ...(op.unverified !== undefined ? { unverified: op.unverified } : {}),
        unresolved: [],
        resource: api.resource,
      });
    }
  }
  return { routes, authorizers, policies };
}

/**
 * What a REST API's import `parameters.basepath` puts in front of every path: ignore (the default) nothing,
 * prepend the base path, split the base path without its first segment (that one names the stage). Anything
 * else, or a base path known only after apply, makes every path Unknown.
 */
function importPrefix(api: ResourceInstance, basePath: Val<string> | undefined): Val<string> {
  const params = api.values["parameters"];
  const mode = isUnknown(params) ? params : typeof params === "object" && params !== null ? (params as Record<string, unknown>)["basepath"] : undefined;
  if (mode === undefined || mode === null || mode === "ignore") return "";
  if (isUnknown(mode) || (mode !== "prepend" && mode !== "split")) return unknownValue(`parameters.basepath ${JSON.stringify(mode)}`);
  if (basePath === undefined) return "";
  if (isUnknown(basePath)) return basePath;
  const trimmed = basePath.replace(/\/+$/, "");
  if (mode === "prepend") return trimmed === "" || trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
  const segments = trimmed.split("/").filter((x) => x !== "");
  return segments
    .slice(1)
    .map((x) => `/${x}`)
    .join("");
}

function toAuthorizer(stack: RawStack, api: RestApi, a: BodyAuthorizer, resolver: StackResolver): Authorizer {
  const uri = a.authorizerUri;
  let fn: ResourceInstance | undefined;
  if (uri !== undefined) {
    // Resolved like an authorizer_uri attribute: by the reference in the literal, or a plan's known ARN.
    const view: ResourceInstance = {
      ...api.resource,
      values: { authorizer_uri: uri },
      references: { authorizer_uri: isUnknown(uri) && uri.expression !== undefined ? referencesInString(uri.expression) : [] },
    };
    const res = resolver.resolve(view, "authorizer_uri", ["aws_lambda_function", "aws_lambda_alias"]);
    fn = "ok" in res ? res.ok.target : undefined;
  }
  return {
    address: `${api.address}#securitySchemes[${JSON.stringify(a.name)}]`,
    apiAddress: api.address,
    api,
    name: a.name,
    type: a.type,
    // HTTP API sources in the REST spelling, as for aws_apigatewayv2_authorizer (one definition judges both).
    identitySource:
      BODY_APIS[api.resource.type] === "http" && typeof a.identitySource === "string"
        ? a.identitySource.split(",").map(restIdentitySource).join(",")
        : a.identitySource,
    ...(a.resultTtlSeconds !== undefined ? { resultTtlSeconds: a.resultTtlSeconds } : {}),
    providerArns: a.providerArns,
    ...(uri !== undefined ? { authorizerUri: uri } : {}),
    ...(a.jwt !== undefined ? { jwtIssuer: a.jwt.issuer, jwtAudience: a.jwt.audience } : {}),
    ...(fn !== undefined ? { lambdaFunctionAddress: fn.address } : {}),
    ...(fn !== undefined && stack.routeTables?.has(fn.address) ? { routeTable: stack.routeTables.get(fn.address) } : {}),
    resource: api.resource,
  };
}
