// Ways around the controls of a stage: every stage an API is served on (explicit `aws_api_gateway_stage`s and
// the implicit ones a deployment's `stage_name` creates) with its WAF, logging and throttling, and Lambda
// authorizer permissions that any API Gateway could use. Pure: a Model in, plain data out; the review's stage
// comparer and the check's rules (lambda-authorizer-permission-scoped, deployment-stage-name) read these facts.
import { isUnknown, type Authorizer, type Model, type ResourceInstance, type Stage, type Val } from "../model";
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
  /** `unscoped`: no source_arn, another API, or a wildcard API id; `missing`: no permission (API Gateway cannot call it). */
  readonly kind: "unscoped" | "missing" | "unresolved";
  readonly resource: ResourceInstance;
}

export function authorizerPermissionGaps(model: Model): AuthorizerPermissionGap[] {
  const out: AuthorizerPermissionGap[] = [];
  for (const a of model.authorizers) {
    const name = text(a.name);
    if (a.lambdaFunctionAddress === undefined) {
      if (a.type === "TOKEN" || a.type === "REQUEST") {
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
  }
  return out;
}
