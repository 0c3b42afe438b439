// Ways around the controls of a stage: every stage an API is served on (explicit `aws_api_gateway_stage`s and
// the implicit ones a deployment's `stage_name` creates) with its WAF, logging and throttling, and Lambda
// authorizer permissions that any API Gateway could use. Pure: a Model in, plain data out; the review's stage
// comparer and the check's rules (lambda-authorizer-permission-scoped, deployment-stage-name) read these facts.
import { isUnknown, type Authorizer, type LambdaPermission, type Model, type ResourceInstance, type Stage, type Val } from "../model";
import { apiKind } from "./lookups";

export interface StageExposure {
  /** `api/stage`: pairs a stage across versions. */
  readonly key: string;
  readonly apiName: string;
  readonly stageName: string;
  readonly address: string;
  /** Created by a deployment's `stage_name`, outside any aws_api_gateway_stage. */
  readonly implicit: boolean;
  readonly waf: boolean;
  readonly accessLogging: boolean;
  readonly executionLogging: boolean;
  /** Throttled by a usage plan with throttle settings or by `*\/*` method settings. */
  readonly limits: boolean;
  /** `GET /pets` ... of the stage's API: what a stage without controls exposes. */
  readonly routes: readonly string[];
  readonly resource: ResourceInstance;
}

/** Access logging: an access_log_settings block with a destination (one known only after apply counts). */
export const hasAccessLogging = (s: Stage): boolean => s.accessLog !== undefined && s.accessLog.destinationArn !== "";

/** The execution logging level of the stage's `*\/*` method settings; undefined when unset (API Gateway: OFF). */
export const executionLoggingLevel = (s: Stage): Val<string> | undefined => s.methodSettings.find((m) => m.methodPath === "*/*")?.loggingLevel;

const text = (v: unknown): string => (typeof v === "string" ? v : isUnknown(v) ? (v.expression ?? "(known after apply)") : "?");
const positive = (v: unknown): boolean => typeof v === "number" && v > 0;

export function stageExposures(model: Model): StageExposure[] {
  const routesOf = (stack: string, api: string | undefined): string[] =>
    model.routes
      .filter((r) => r.apiAddress === api && r.resource.source.stack === stack)
      .map((r) => r.routeKey ?? r.address)
      .sort();
  const apiName = (stack: string, api: string | undefined): string => {
    const a = model.apis.find((x) => x.address === api && x.resource.source.stack === stack);
    return a === undefined ? "(API unresolved)" : text(a.name);
  };
  const explicit = model.stages.map((s): StageExposure => {
    const stack = s.resource.source.stack;
    const all = s.methodSettings.find((m) => m.methodPath === "*/*");
    const plans = model.usagePlans.filter((p) => s.usagePlans.includes(p.address) && p.resource.source.stack === stack);
    const level = executionLoggingLevel(s);
    return {
      key: `${stack === "" ? "" : `${stack}/`}${apiName(stack, s.apiAddress)}/${text(s.name)}`,
      apiName: apiName(stack, s.apiAddress),
      stageName: text(s.name),
      address: s.address,
      implicit: false,
      waf: s.wafAssociations.length > 0,
      accessLogging: hasAccessLogging(s),
      executionLogging: level !== undefined && level !== "OFF",
      limits: positive(all?.throttlingRateLimit) || plans.some((p) => positive(p.throttle?.rateLimit)),
      routes: routesOf(stack, s.apiAddress),
      resource: s.resource,
    };
  });
  // `aws_api_gateway_deployment.stage_name` (deprecated, still honoured) creates a stage of its own.
  const implicit = model.deployments
    .filter((d) => {
      const v = d.resource.values["stage_name"];
      return v !== undefined && v !== null && v !== "";
    })
    .map((d): StageExposure => {
      const stack = d.resource.source.stack;
      const name = text(d.resource.values["stage_name"]);
      return {
        key: `${stack === "" ? "" : `${stack}/`}${apiName(stack, d.apiAddress)}/${name}`,
        apiName: apiName(stack, d.apiAddress),
        stageName: name,
        address: d.address,
        implicit: true,
        waf: false,
        accessLogging: false,
        executionLogging: false,
        limits: false,
        routes: routesOf(stack, d.apiAddress),
        resource: d.resource,
      };
    });
  return [...explicit, ...implicit];
}

/** A Lambda authorizer's invoke permission that lets more than its own API use it, or none at all. */
export interface AuthorizerPermissionGap {
  readonly address: string;
  readonly authorizer: Authorizer;
  readonly message: string;
  /**
   * `unscoped`: no source_arn, another API, or a wildcard API id; `missing`: no permission (API Gateway cannot call
   * it); `unresolved`: the function is not known (an authorizer_uri that names no function, or a function outside
   * this configuration that no permission here names); `external`: a function outside this configuration, whose
   * permissions here were judged, but what it admits and any permission granted elsewhere are not seen.
   */
  readonly kind: "unscoped" | "missing" | "unresolved" | "external";
  readonly resource: ResourceInstance;
}

/** A Lambda function named by ARN: region, account, name and qualifier (alias or version), when stated. */
interface FunctionRef {
  readonly region?: string;
  readonly account?: string;
  readonly name: string;
  readonly qualifier?: string;
}

/** The function an authorizer_uri invokes when it is a literal ARN: `.../functions/arn:aws:lambda:...:function:x/invocations`. */
function uriFunction(uri: Val<string> | undefined): { arn: string; ref: FunctionRef } | undefined {
  if (typeof uri !== "string") return undefined;
  const m = /\/functions\/(arn:aws[\w-]*:lambda:([^:/]+):(\d{12}):function:([^:/]+)(?::([^:/]+))?)\/invocations$/.exec(uri);
  if (m === null) return undefined;
  return { arn: m[1], ref: { region: m[2], account: m[3], name: m[4], ...(m[5] !== undefined ? { qualifier: m[5] } : {}) } };
}

/** What a permission's `function_name` (a name, a partial or a full ARN) and `qualifier` name. */
function permissionFunction(p: LambdaPermission): FunctionRef | undefined {
  const raw = p.resource.values["function_name"];
  if (typeof raw !== "string" || raw === "") return undefined;
  const m = /^(?:arn:aws[\w-]*:lambda:([^:]+):)?(?:(\d{12}):function:)?([^:]+)(?::([^:]+))?$/.exec(raw);
  if (m === null) return undefined;
  const q = p.resource.values["qualifier"];
  const qualifier = m[4] ?? (typeof q === "string" && q !== "" ? q : undefined);
  return {
    ...(m[1] !== undefined ? { region: m[1] } : {}),
    ...(m[2] !== undefined ? { account: m[2] } : {}),
    name: m[3],
    ...(qualifier !== undefined ? { qualifier } : {}),
  };
}

/** The permission names the authorizer's function: same name and qualifier, and the region and account it states. */
const sameFunction = (fn: FunctionRef, perm: FunctionRef): boolean =>
  perm.name === fn.name &&
  perm.qualifier === fn.qualifier &&
  (perm.region === undefined || perm.region === fn.region) &&
  (perm.account === undefined || perm.account === fn.account);

/** Every permission for `a` that lets more than its API invoke it. */
function unscopedGaps(a: Authorizer, perms: readonly LambdaPermission[]): AuthorizerPermissionGap[] {
  const out: AuthorizerPermissionGap[] = [];
  const name = text(a.name);
  const api = a.api;
  for (const p of perms) {
    const src = p.sourceArn;
    const expr = src === undefined ? undefined : isUnknown(src) ? src.expression : src;
    const id = api?.resource.values["id"];
    const namesApi =
      api !== undefined && (p.sourceArnReferences.includes(api.address) || (expr !== undefined && typeof id === "string" && id !== "" && expr.includes(id)));
    const gap = (message: string) => out.push({ address: p.address, authorizer: a, kind: "unscoped", message, resource: p.resource });
    if (src === undefined) gap(`permission for authorizer ${JSON.stringify(name)} has no source_arn: any API Gateway API may invoke it`);
    else if (!namesApi) gap(`permission for authorizer ${JSON.stringify(name)} has source_arn ${text(src)}, which does not name its ${apiKind(api)}`);
    else if (expr !== undefined && /execute-api:[^:]*:[^:]*:\*/.test(expr)) gap(`permission source_arn ${expr} wildcards the API id`);
  }
  return out;
}

/**
 * An authorizer whose function is a literal ARN outside this configuration: what the function admits is not seen
 * (one gap on the authorizer), and the permissions here that name the same function are judged like any other.
 */
function externalFunctionGaps(model: Model, a: Authorizer, fn: { arn: string; ref: FunctionRef }): AuthorizerPermissionGap[] {
  const perms = model.lambdaPermissions.filter((p) => {
    if (p.resource.source.stack !== a.resource.source.stack || p.functionAddress !== undefined || p.principal !== "apigateway.amazonaws.com") return false;
    const named = permissionFunction(p);
    return named !== undefined && sameFunction(fn.ref, named);
  });
  const base = `Lambda authorizer ${JSON.stringify(text(a.name))}: the authorizer function is outside this configuration (${fn.arn}); what it admits is not verified`;
  const note: AuthorizerPermissionGap =
    perms.length === 0
      ? {
          address: a.address,
          authorizer: a,
          kind: "unresolved",
          message: `${base}, and no permission here lets API Gateway invoke it: the one that does, and its scope, are outside this configuration too`,
          resource: a.resource,
        }
      : {
          address: a.address,
          authorizer: a,
          kind: "external",
          message: `${base}; its permissions here (${perms.map((p) => p.address).join(", ")}) are judged, any granted elsewhere are not seen`,
          resource: a.resource,
        };
  return [note, ...unscopedGaps(a, perms)];
}

export function authorizerPermissionGaps(model: Model): AuthorizerPermissionGap[] {
  const out: AuthorizerPermissionGap[] = [];
  for (const a of model.authorizers) {
    const name = text(a.name);
    if (a.lambdaFunctionAddress === undefined) {
      if (a.type === "TOKEN" || a.type === "REQUEST") {
        const external = uriFunction(a.authorizerUri);
        if (external !== undefined) out.push(...externalFunctionGaps(model, a, external));
        else
          out.push({
            address: a.address,
            authorizer: a,
            kind: "unresolved",
            message: `Lambda authorizer ${JSON.stringify(name)}: authorizer_uri ${text(a.authorizerUri)} does not resolve to a Lambda function`,
            resource: a.resource,
          });
      }
      continue;
    }
    const perms = model.lambdaPermissions.filter(
      (p) => p.resource.source.stack === a.resource.source.stack && p.functionAddress === a.lambdaFunctionAddress && p.principal === "apigateway.amazonaws.com",
    );
    if (perms.length === 0) {
      out.push({
        address: a.address,
        authorizer: a,
        kind: "missing",
        message: `Lambda authorizer ${JSON.stringify(name)}: no lambda permission lets API Gateway invoke ${a.lambdaFunctionAddress}`,
        resource: a.resource,
      });
    }
    out.push(...unscopedGaps(a, perms));
  }
  return out;
}
