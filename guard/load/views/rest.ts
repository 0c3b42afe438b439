// REST APIs, their authorizers and their methods (routes), with each method's path rebuilt by following
// resource_id -> parent_id -> the API root. Pure.
import { isUnknown, unknownValue, type Authorizer, type ResourceInstance, type RestApi, type Route, type UnresolvedRef, type Val } from "../../model";
import { bool, knownStrList, optNum, optStr, str, strList } from "../values";
import { API, RES, type BuildContext } from "./build-context";
import { routeAuthorizer } from "../route-authorizer";
import { firstBlock } from "../json";

/**
 * `endpoint_configuration.types`; undefined when the block is not set (EDGE). A plan shows an unset block as a
 * computed value without an expression: not set. A block known only after apply otherwise is Unknown.
 */
function endpointTypesOf(raw: unknown): Val<readonly Val<string>[]> | undefined {
  if (isUnknown(raw)) return raw.expression === undefined ? undefined : raw;
  const block = firstBlock(raw);
  return block === undefined ? undefined : strList(block["types"]);
}

export interface RestViews {
  readonly apis: RestApi[];
  readonly apiByAddress: ReadonlyMap<string, RestApi>;
  /** The REST API a resource's attribute refers to (recording a failure). */
  readonly apiOf: (r: ResourceInstance, attr: string, sink?: UnresolvedRef[]) => RestApi | undefined;
  readonly authorizers: Authorizer[];
  readonly routes: Route[];
}

export function restViews(ctx: BuildContext): RestViews {
  const { stack, resolver, unresolved, ofType, target, follow } = ctx;
  const apis: RestApi[] = ofType(API).map((r) => {
    const types = endpointTypesOf(r.values["endpoint_configuration"]);
    // Unset is false (API Gateway's default): a plan shows the computed attribute unknown when the configuration does
    // not write it (a body may still disable the endpoint; counting it open fails closed). A value written and known
    // only after apply stays Unknown, never "disabled".
    const raw = r.values["disable_execute_api_endpoint"];
    const disable = isUnknown(raw) && r.written !== undefined && !r.written.names.includes("disable_execute_api_endpoint") ? undefined : raw;
    return {
      address: r.address,
      name: str(r.values["name"]),
      ...(types !== undefined ? { endpointTypes: types } : {}),
      ...(disable !== undefined && disable !== null ? { disableExecuteApiEndpoint: bool(disable, false) } : {}),
      resource: r,
    };
  });
  const apiByAddress = new Map(apis.map((a) => [a.address, a]));
  const apiOf = (r: ResourceInstance, attr: string, sink?: UnresolvedRef[]): RestApi | undefined => {
    const t = follow(r, attr, [API], sink);
    return t === undefined ? undefined : apiByAddress.get(t.address);
  };

  // Authorizers
  const authorizers: Authorizer[] = ofType("aws_api_gateway_authorizer").map((r) => {
    const api = apiOf(r, "rest_api_id");
    const uri = optStr(r.values["authorizer_uri"]);
    const fnRes = uri === undefined ? undefined : resolver.resolve(r, "authorizer_uri", ["aws_lambda_function", "aws_lambda_alias"]);
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
  });
  const authorizerByAddress = new Map(authorizers.map((a) => [a.address, a]));

  // Resource paths: resource address -> path, following parent_id to the API root.
  const pathCache = new Map<string, { path: Val<string>; problems: UnresolvedRef[] }>();
  const resourcePath = (r: ResourceInstance, seen: Set<string>): { path: Val<string>; problems: UnresolvedRef[] } => {
    const cached = pathCache.get(r.address);
    if (cached !== undefined) return cached;
    let out: { path: Val<string>; problems: UnresolvedRef[] };
    const part = r.values["path_part"];
    if (seen.has(r.address)) {
      out = {
        path: unknownValue(),
        problems: [{ address: r.address, attribute: "parent_id", target: r.address, reason: "parent_id chain loops", source: r.source }],
      };
    } else {
      seen.add(r.address);
      const res = resolver.resolve(r, "parent_id", [API, RES]);
      if ("ok" in res && res.ok.target.type === API) {
        out = { path: typeof part === "string" ? `/${part}` : unknownValue(), problems: [] };
      } else if ("ok" in res) {
        const parent = resourcePath(res.ok.target, seen);
        out = {
          path: typeof part === "string" && typeof parent.path === "string" ? `${parent.path === "/" ? "" : parent.path}/${part}` : unknownValue(),
          problems: parent.problems,
        };
      } else {
        const problem: UnresolvedRef =
          "unresolved" in res ? res.unresolved : { address: r.address, attribute: "parent_id", target: "", reason: "parent_id is not set", source: r.source };
        out = { path: unknownValue(), problems: [problem] };
      }
      if (typeof part !== "string") {
        out = {
          path: unknownValue(),
          problems: [
            ...out.problems,
            {
              address: r.address,
              attribute: "path_part",
              target: isUnknown(part) ? (part.expression ?? "(known after apply)") : String(part),
              reason: "path_part is not a known string",
              source: r.source,
            },
          ],
        };
      }
    }
    pathCache.set(r.address, out);
    return out;
  };

  // Integrations keyed by "<resource target>|<http method>"
  const methodTargetKey = (r: ResourceInstance): string | undefined => {
    const res = resolver.resolve(r, "resource_id", [API, RES]);
    if (!("ok" in res)) return undefined;
    return res.ok.target.type === API ? `${res.ok.target.address}#root` : res.ok.target.address;
  };
  const integrationTypes = new Map<string, Val<string>>();
  const methods = ofType("aws_api_gateway_method");
  for (const i of ofType("aws_api_gateway_integration")) {
    let verb: unknown = i.values["http_method"];
    if (typeof verb !== "string") {
      const m = target(resolver.resolve(i, "http_method", ["aws_api_gateway_method"]));
      verb = m?.values["http_method"];
    }
    const key = methodTargetKey(i);
    if (key !== undefined && typeof verb === "string") integrationTypes.set(`${key}|${verb}`, str(i.values["type"]));
  }

  const routes: Route[] = methods.map((m) => {
    const problems: UnresolvedRef[] = [];
    const api = apiOf(m, "rest_api_id", problems);
    const httpMethod = str(m.values["http_method"]);
    let path: Val<string> = unknownValue();
    const res = resolver.resolve(m, "resource_id", [API, RES]);
    if ("ok" in res) {
      if (res.ok.target.type === API) path = "/";
      else {
        const p = resourcePath(res.ok.target, new Set());
        path = p.path;
        problems.push(...p.problems);
        unresolved.push(...p.problems.filter((x) => !unresolved.includes(x)));
      }
    } else {
      const problem =
        "unresolved" in res ? res.unresolved : { address: m.address, attribute: "resource_id", target: "", reason: "resource_id is not set", source: m.source };
      problems.push(problem);
      unresolved.push(problem);
    }
    const authorization = str(m.values["authorization"]);
    const { authorizer, missing } = routeAuthorizer(
      {
        from: m,
        needsAuthorizer: authorization === "CUSTOM" || authorization === "COGNITO_USER_POOLS",
        authorizationText: `authorization ${String(authorization)}`,
        follow,
        types: ["aws_api_gateway_authorizer"],
        authorizerByAddress,
      },
      problems,
    );
    if (missing !== undefined) unresolved.push(missing);
    const scopesRaw = m.values["authorization_scopes"];
    const key = "ok" in res ? (res.ok.target.type === API ? `${res.ok.target.address}#root` : res.ok.target.address) : undefined;
    const integrationType = key !== undefined && typeof httpMethod === "string" ? integrationTypes.get(`${key}|${httpMethod}`) : undefined;
    return {
      address: m.address,
      ...(api !== undefined ? { apiAddress: api.address, api } : {}),
      apiName: api?.name ?? unknownValue(),
      httpMethod,
      path,
      ...(typeof httpMethod === "string" && typeof path === "string" ? { routeKey: `${httpMethod} ${path}` } : {}),
      authorization,
      ...(authorizer !== undefined ? { authorizerAddress: authorizer.address, authorizer } : {}),
      scopes: knownStrList(scopesRaw),
      apiKeyRequired: bool(m.values["api_key_required"], false),
      ...(integrationType !== undefined ? { integrationType } : {}),
      unresolved: problems,
      resource: m,
    };
  });

  return { apis, apiByAddress, apiOf, authorizers, routes };
}
