// Builds the typed views of the model (routes, authorizers, stages, IAM, Cognito, ...) from the resource
// instances of one stack, following references with StackResolver. Pure: no I/O.
import {
  isUnknown,
  unknownValue,
  type ApiKey,
  type Authorizer,
  type Deployment,
  type HttpStage,
  type IamPolicy,
  type IamRole,
  type LambdaPermission,
  type MethodSetting,
  type ResourceInstance,
  type ResourceServer,
  type RestApi,
  type Route,
  type Stage,
  type UnresolvedRef,
  type UsagePlan,
  type UserGroup,
  type UserPool,
  type UserPoolClient,
  type Val,
} from "../model";
import { referencesInString } from "./address";
import { documentFromDataSource, parsePolicy } from "./iam";
import { blocks, firstBlock, isObject } from "./json";
import type { RawStack } from "./raw";
import { StackResolver, type Resolution } from "./resolve";
import { buildHttpApiViews } from "./http-api";
import { bodyViews } from "./openapi-routes";
import { bool, knownStrList, optBool, optNum, optStr, str, strList } from "./values";

export interface StackViews {
  apis: RestApi[];
  routes: Route[];
  authorizers: Authorizer[];
  stages: Stage[];
  httpStages: HttpStage[];
  usagePlans: UsagePlan[];
  apiKeys: ApiKey[];
  deployments: Deployment[];
  iamPolicies: IamPolicy[];
  iamRoles: IamRole[];
  userPools: UserPool[];
  userPoolClients: UserPoolClient[];
  resourceServers: ResourceServer[];
  userGroups: UserGroup[];
  lambdaPermissions: LambdaPermission[];
  unresolved: UnresolvedRef[];
}

const ofType = (stack: RawStack, type: string, mode: "managed" | "data" = "managed"): ResourceInstance[] =>
  stack.resources.filter((r) => r.type === type && r.mode === mode);

const API = "aws_api_gateway_rest_api";
const RES = "aws_api_gateway_resource";

export function buildViews(stack: RawStack): StackViews {
  const resolver = new StackResolver(stack);
  const unresolved: UnresolvedRef[] = [];
  const target = (res: Resolution): ResourceInstance | undefined => ("ok" in res ? res.ok.target : undefined);
  /** Resolve and record a failure; `required` turns an unset reference into an unresolved one. */
  const follow = (from: ResourceInstance, attr: string, types: readonly string[], sink?: UnresolvedRef[]): ResourceInstance | undefined => {
    const res = resolver.resolve(from, attr, types);
    if ("unresolved" in res) {
      unresolved.push(res.unresolved);
      sink?.push(res.unresolved);
    }
    return target(res);
  };

  const apis: RestApi[] = ofType(stack, API).map((r) => ({ address: r.address, name: str(r.values["name"]), resource: r }));
  const apiByAddress = new Map(apis.map((a) => [a.address, a]));
  const apiOf = (r: ResourceInstance, attr: string, sink?: UnresolvedRef[]): RestApi | undefined => {
    const t = follow(r, attr, [API], sink);
    return t === undefined ? undefined : apiByAddress.get(t.address);
  };

  // Authorizers
  const authorizers: Authorizer[] = ofType(stack, "aws_api_gateway_authorizer").map((r) => {
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
      out = { path: unknownValue(), problems: [{ address: r.address, attribute: "parent_id", target: r.address, reason: "parent_id chain loops", source: r.source }] };
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
          problems: [...out.problems, { address: r.address, attribute: "path_part", target: isUnknown(part) ? (part.expression ?? "(known after apply)") : String(part), reason: "path_part is not a known string", source: r.source }],
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
  const methods = ofType(stack, "aws_api_gateway_method");
  for (const i of ofType(stack, "aws_api_gateway_integration")) {
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
      const problem = "unresolved" in res ? res.unresolved : { address: m.address, attribute: "resource_id", target: "", reason: "resource_id is not set", source: m.source };
      problems.push(problem);
      unresolved.push(problem);
    }
    const authorization = str(m.values["authorization"]);
    let authorizer: Authorizer | undefined;
    const authorizerId = m.values["authorizer_id"];
    const needsAuthorizer = authorization === "CUSTOM" || authorization === "COGNITO_USER_POOLS";
    if (needsAuthorizer || (authorizerId !== null && authorizerId !== undefined && authorizerId !== "")) {
      const t = follow(m, "authorizer_id", ["aws_api_gateway_authorizer"], problems);
      authorizer = t === undefined ? undefined : authorizerByAddress.get(t.address);
      if (t === undefined && needsAuthorizer && !problems.some((p) => p.attribute === "authorizer_id")) {
        const p: UnresolvedRef = { address: m.address, attribute: "authorizer_id", target: "", reason: `authorization ${authorization} without an authorizer_id`, source: m.source };
        problems.push(p);
        unresolved.push(p);
      }
    }
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

  // Stages, with method settings, WAF associations and usage plans attached below. A deployment with
  // `stage_name` creates that stage itself (no aws_api_gateway_stage): it is a stage too, judged by the same rules.
  const stageRes = ofType(stack, "aws_api_gateway_stage");
  const deploymentStageRes = ofType(stack, "aws_api_gateway_deployment").filter((d) => {
    const n = d.values["stage_name"];
    return n !== undefined && n !== null && n !== "";
  });
  const STAGE_HOLDERS = ["aws_api_gateway_stage", "aws_api_gateway_deployment"];
  /** A stage by reference: an aws_api_gateway_stage first, else a deployment that creates one by stage_name. */
  const stageTarget = (from: ResourceInstance, attr: string): ResourceInstance | undefined => {
    const st = target(resolver.resolve(from, attr, ["aws_api_gateway_stage"]));
    if (st !== undefined) return st;
    const d = target(resolver.resolve(from, attr, STAGE_HOLDERS));
    return d !== undefined && deploymentStageRes.includes(d) ? d : undefined;
  };
  const stageByName = (name: unknown, apiT: ResourceInstance | undefined): ResourceInstance | undefined =>
    [...stageRes, ...deploymentStageRes].find(
      (x) => x.values["stage_name"] === name && (apiT === undefined || target(resolver.resolve(x, "rest_api_id", [API])) === apiT),
    );
  const settingsByStage = new Map<string, MethodSetting[]>();
  for (const s of ofType(stack, "aws_api_gateway_method_settings")) {
    let st = stageTarget(s, "stage_name");
    if (st === undefined && typeof s.values["stage_name"] === "string") {
      const apiT = target(resolver.resolve(s, "rest_api_id", [API]));
      st = stageByName(s.values["stage_name"], apiT);
    }
    if (st === undefined) {
      unresolved.push({ address: s.address, attribute: "stage_name", target: String(s.values["stage_name"]), reason: "method settings for a stage not in the configuration", source: s.source });
      continue;
    }
    const set = firstBlock(s.values["settings"]) ?? {};
    const ms: MethodSetting = {
      address: s.address,
      methodPath: str(s.values["method_path"]),
      ...(optStr(set["logging_level"]) !== undefined ? { loggingLevel: str(set["logging_level"]) } : {}),
      ...(optBool(set["metrics_enabled"]) !== undefined ? { metricsEnabled: bool(set["metrics_enabled"], false) } : {}),
      ...(optBool(set["data_trace_enabled"]) !== undefined ? { dataTraceEnabled: bool(set["data_trace_enabled"], false) } : {}),
      ...(optNum(set["throttling_rate_limit"]) !== undefined ? { throttlingRateLimit: optNum(set["throttling_rate_limit"]) } : {}),
      ...(optNum(set["throttling_burst_limit"]) !== undefined ? { throttlingBurstLimit: optNum(set["throttling_burst_limit"]) } : {}),
    };
    const list = settingsByStage.get(st.address) ?? [];
    list.push(ms);
    settingsByStage.set(st.address, list);
  }
  const wafByStage = new Map<string, string[]>();
  for (const w of ofType(stack, "aws_wafv2_web_acl_association")) {
    const st = target(resolver.resolve(w, "resource_arn", ["aws_api_gateway_stage"]));
    if (st !== undefined) wafByStage.set(st.address, [...(wafByStage.get(st.address) ?? []), w.address]);
  }
  // Usage plans and keys
  const apiKeyRes = ofType(stack, "aws_api_gateway_api_key");
  const planRes = ofType(stack, "aws_api_gateway_usage_plan");
  const keysByPlan = new Map<string, string[]>();
  const plansByKey = new Map<string, string[]>();
  for (const pk of ofType(stack, "aws_api_gateway_usage_plan_key")) {
    const k = follow(pk, "key_id", ["aws_api_gateway_api_key"]);
    const p = follow(pk, "usage_plan_id", ["aws_api_gateway_usage_plan"]);
    if (k !== undefined && p !== undefined) {
      keysByPlan.set(p.address, [...(keysByPlan.get(p.address) ?? []), k.address]);
      plansByKey.set(k.address, [...(plansByKey.get(k.address) ?? []), p.address]);
    }
  }
  const plansByStage = new Map<string, string[]>();
  const usagePlans: UsagePlan[] = planRes.map((p) => {
    const apiStages = blocks(p.values["api_stages"]).map((b, i) => {
      // Resolve each block's refs with this block's own references when we can tell them apart.
      const view: ResourceInstance = {
        ...p,
        values: { api_id: b["api_id"], stage: b["stage"] },
        references: refsOfBlock(p, "api_stages", i, ["api_id", "stage"]),
      };
      const apiT = target(resolver.resolve(view, "api_id", [API]));
      let stageT = stageTarget(view, "stage");
      if (stageT === undefined && typeof b["stage"] === "string") stageT = stageByName(b["stage"], apiT);
      if (stageT !== undefined) plansByStage.set(stageT.address, [...(plansByStage.get(stageT.address) ?? []), p.address]);
      return {
        ...(apiT !== undefined ? { apiAddress: apiT.address } : {}),
        stage: str(b["stage"]),
        ...(stageT !== undefined ? { stageAddress: stageT.address } : {}),
      };
    });
    const th = firstBlock(p.values["throttle_settings"]);
    const q = firstBlock(p.values["quota_settings"]);
    return {
      address: p.address,
      name: str(p.values["name"]),
      apiStages,
      ...(th !== undefined ? { throttle: { rateLimit: optNum(th["rate_limit"]), burstLimit: optNum(th["burst_limit"]) } } : {}),
      ...(q !== undefined ? { quota: { limit: optNum(q["limit"]), period: optStr(q["period"]) } } : {}),
      keys: keysByPlan.get(p.address) ?? [],
      resource: p,
    };
  });
  const apiKeys: ApiKey[] = apiKeyRes.map((k) => ({
    address: k.address,
    name: str(k.values["name"]),
    enabled: bool(k.values["enabled"], true),
    usagePlans: plansByKey.get(k.address) ?? [],
    resource: k,
  }));

  const stages: Stage[] = stageRes.map((s) => {
    const api = apiOf(s, "rest_api_id");
    const dep = target(resolver.resolve(s, "deployment_id", ["aws_api_gateway_deployment"]));
    const rawAl = s.values["access_log_settings"];
    // A whole block known only after apply is still configured: its fields are Unknown, not missing.
    const al = isUnknown(rawAl) ? { destination_arn: rawAl, format: rawAl } : firstBlock(rawAl);
    return {
      address: s.address,
      ...(api !== undefined ? { apiAddress: api.address, api } : {}),
      name: str(s.values["stage_name"]),
      ...(dep !== undefined ? { deploymentAddress: dep.address } : {}),
      xrayTracingEnabled: bool(s.values["xray_tracing_enabled"], false),
      ...(al !== undefined ? { accessLog: { destinationArn: str(al["destination_arn"]), format: str(al["format"]) } } : {}),
      methodSettings: settingsByStage.get(s.address) ?? [],
      wafAssociations: wafByStage.get(s.address) ?? [],
      usagePlans: plansByStage.get(s.address) ?? [],
      resource: s,
    };
  });

  for (const d of deploymentStageRes) {
    const apiT = target(resolver.resolve(d, "rest_api_id", [API]));
    const api = apiT === undefined ? undefined : apiByAddress.get(apiT.address);
    stages.push({
      address: d.address,
      ...(api !== undefined ? { apiAddress: api.address, api } : {}),
      name: str(d.values["stage_name"]),
      deploymentAddress: d.address,
      // The deployment cannot set tracing or access logs for the stage it creates.
      xrayTracingEnabled: false,
      methodSettings: settingsByStage.get(d.address) ?? [],
      wafAssociations: wafByStage.get(d.address) ?? [],
      usagePlans: plansByStage.get(d.address) ?? [],
      resource: d,
    });
  }

  const deployments: Deployment[] = ofType(stack, "aws_api_gateway_deployment").map((d) => {
    const api = apiOf(d, "rest_api_id");
    const rawTriggers = d.values["triggers"];
    const triggers = isUnknown(rawTriggers) ? { "(all)": rawTriggers } : isObject(rawTriggers) ? rawTriggers : (firstBlock(rawTriggers) ?? {});
    return {
      address: d.address,
      ...(api !== undefined ? { apiAddress: api.address } : {}),
      triggers,
      triggerReferences: [...new Set(resolver.referencedAddresses(d, d.references["triggers"] ?? []))],
      dependsOn: [...new Set(resolver.referencedAddresses(d, d.dependsOn))],
      createBeforeDestroy: d.createBeforeDestroy ?? unknownValue("lifecycle is not in plan JSON"),
      resource: d,
    };
  });

  // IAM
  const roleRes = ofType(stack, "aws_iam_role");
  const policyDocs = new Map(
    ofType(stack, "aws_iam_policy_document", "data").map((d) => [d.address, documentFromDataSource(d.values)]),
  );
  /** Parse a policy attribute; a reference to an aws_iam_policy_document data source reads its statements. */
  const policyOf = (r: ResourceInstance, attr: string) => {
    const dataT = target(resolver.resolve(r, attr, ["aws_iam_policy_document"]));
    const doc = dataT === undefined ? undefined : policyDocs.get(dataT.address);
    return doc !== undefined ? { document: doc } : parsePolicy(r.values[attr]);
  };
  const groupRes = ofType(stack, "aws_cognito_user_group");
  const groupsByRole = new Map<string, string[]>();
  const userGroups: UserGroup[] = groupRes.map((g) => {
    const pool = follow(g, "user_pool_id", ["aws_cognito_user_pool"]);
    const role = target(resolver.resolve(g, "role_arn", ["aws_iam_role"]));
    if (role !== undefined) groupsByRole.set(role.address, [...(groupsByRole.get(role.address) ?? []), g.address]);
    return {
      address: g.address,
      name: str(g.values["name"]),
      ...(pool !== undefined ? { userPoolAddress: pool.address } : {}),
      ...(role !== undefined ? { roleAddress: role.address } : {}),
      resource: g,
    };
  });
  const iamRoles: IamRole[] = roleRes.map((r) => {
    const trust = policyOf(r, "assume_role_policy");
    return {
      address: r.address,
      name: str(r.values["name"]),
      trustPolicy: trust.document,
      ...(trust.parseError !== undefined ? { trustParseError: trust.parseError } : {}),
      cognitoGroups: groupsByRole.get(r.address) ?? [],
      resource: r,
    };
  });
  const iamPolicies: IamPolicy[] = [];
  const push = (r: ResourceInstance, kind: IamPolicy["kind"], parsed: ReturnType<typeof policyOf>, roles: string[]) =>
    iamPolicies.push({
      address: r.address,
      kind,
      document: parsed.document,
      ...(parsed.parseError !== undefined ? { parseError: parsed.parseError } : {}),
      roleAddresses: roles,
      resource: r,
    });
  for (const r of roleRes) {
    push(r, "role-trust", policyOf(r, "assume_role_policy"), [r.address]);
    for (const ip of blocks(r.values["inline_policy"])) {
      if (ip["policy"] !== undefined && ip["policy"] !== null) push(r, "role-inline", parsePolicy(ip["policy"]), [r.address]);
    }
  }
  const attachments = ofType(stack, "aws_iam_role_policy_attachment");
  for (const p of ofType(stack, "aws_iam_policy")) {
    const roles = attachments
      .filter((a) => target(resolver.resolve(a, "policy_arn", ["aws_iam_policy"]))?.address === p.address)
      .map((a) => target(resolver.resolve(a, "role", ["aws_iam_role"]))?.address)
      .filter((x): x is string => x !== undefined);
    push(p, "managed", policyOf(p, "policy"), roles);
  }
  for (const p of ofType(stack, "aws_iam_role_policy")) {
    const role = target(resolver.resolve(p, "role", ["aws_iam_role"]));
    push(p, "role-inline", policyOf(p, "policy"), role === undefined ? [] : [role.address]);
  }
  for (const p of ofType(stack, "aws_api_gateway_rest_api_policy")) push(p, "api-resource-policy", policyOf(p, "policy"), []);
  for (const a of apis) {
    const pol = a.resource.values["policy"];
    // A computed (unset) policy shows as Unknown without an expression in plans: nothing configured.
    if (typeof pol === "string" ? pol !== "" : isUnknown(pol) && pol.expression !== undefined) push(a.resource, "api-resource-policy", policyOf(a.resource, "policy"), []);
  }

  // Cognito
  const userPools: UserPool[] = ofType(stack, "aws_cognito_user_pool").map((p) => ({ address: p.address, name: str(p.values["name"]), resource: p }));
  const userPoolClients: UserPoolClient[] = ofType(stack, "aws_cognito_user_pool_client").map((c) => {
    const pool = follow(c, "user_pool_id", ["aws_cognito_user_pool"]);
    return { address: c.address, name: str(c.values["name"]), ...(pool !== undefined ? { userPoolAddress: pool.address } : {}), resource: c };
  });
  const resourceServers: ResourceServer[] = ofType(stack, "aws_cognito_resource_server").map((s) => {
    const pool = follow(s, "user_pool_id", ["aws_cognito_user_pool"]);
    const identifier = str(s.values["identifier"]);
    const scopeBlocks = s.values["scope"];
    let scopes: Val<readonly string[]>;
    if (typeof identifier !== "string" || isUnknown(scopeBlocks)) scopes = unknownValue();
    else {
      const names = blocks(scopeBlocks).map((b) => b["scope_name"]);
      scopes = names.every((n): n is string => typeof n === "string") ? names.map((n) => `${identifier}/${n}`) : unknownValue();
    }
    return { address: s.address, identifier, ...(pool !== undefined ? { userPoolAddress: pool.address } : {}), scopes, resource: s };
  });
  const lambdaPermissions: LambdaPermission[] = ofType(stack, "aws_lambda_permission").map((p) => {
    const fn = target(resolver.resolve(p, "function_name", ["aws_lambda_function", "aws_lambda_alias"]));
    const src = optStr(p.values["source_arn"]);
    return {
      address: p.address,
      action: str(p.values["action"]),
      principal: str(p.values["principal"]),
      ...(src !== undefined ? { sourceArn: src } : {}),
      sourceArnReferences: resolver.referencedAddresses(p, p.references["source_arn"] ?? []),
      ...(fn !== undefined ? { functionAddress: fn.address } : {}),
      resource: p,
    };
  });

  const v2 = buildHttpApiViews(stack, resolver, unresolved, stack.routeTables);
  // Routes an OpenAPI body declares (REST and HTTP APIs), beside the method and route resources.
  const body = bodyViews(stack, [...apis, ...v2.apis], resolver);
  iamPolicies.push(...body.policies);
  return {
    apis: [...apis, ...v2.apis],
    routes: [...routes, ...v2.routes, ...body.routes],
    authorizers: [...authorizers, ...v2.authorizers, ...body.authorizers],
    stages,
    httpStages: v2.httpStages,
    usagePlans,
    apiKeys,
    deployments,
    iamPolicies,
    iamRoles,
    userPools,
    userPoolClients,
    resourceServers,
    userGroups,
    lambdaPermissions,
    unresolved,
  };
}

/**
 * References of one attribute inside the i-th nested block. cdk.tf.json keeps them in the values (we re-scan
 * the block); plan JSON keeps per-block expressions, but our instance stores references per top-level
 * attribute only, so we fall back to that list (fine when the plan has one api_stages block per plan).
 */
function refsOfBlock(r: ResourceInstance, attr: string, i: number, keys: readonly string[]): Record<string, readonly string[]> {
  const block = blocks(r.values[attr])[i] ?? {};
  const out: Record<string, readonly string[]> = {};
  for (const k of keys) {
    const v = block[k];
    if (isUnknown(v) && v.expression !== undefined && v.expression.includes("${")) {
      out[k] = referencesInString(v.expression);
    } else out[k] = r.references[attr] ?? [];
  }
  return out;
}
