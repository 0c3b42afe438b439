// IAM judgement helpers: does a statement grant execute-api:Invoke, how wide is an execute-api resource,
// and does it cover a given route. Interpolations (`${...}`) in resources are kept verbatim by the loader.
import { coversArnGlob, matchesAction, matchesArn } from "../match/glob";
import { arnVerb, routeArnSuffix, sampleRequestPath } from "../match/route";
import { isUnknown, type IamPolicy, type Model, type PolicyStatement, type ResourceInstance, type Val } from "../model";

const INVOKE = "execute-api:Invoke";

/**
 * An unconditional explicit Deny of execute-api:Invoke on listed resources: the only kind that certainly applies to
 * every request. A Deny with a condition, NotAction or NotResource denies nothing here (fail closed: it may not apply).
 */
export const deniesInvoke = (s: PolicyStatement): boolean =>
  s.effect === "Deny" &&
  s.conditions.length === 0 &&
  s.notActions.length === 0 &&
  s.notResources.length === 0 &&
  s.actions.some((a) => typeof a === "string" && matchesAction(a, INVOKE));

export function grantsInvoke(s: PolicyStatement): boolean {
  if (s.effect !== "Allow") return false;
  if (s.notActions.length > 0) return !s.notActions.some((a) => typeof a === "string" && matchesAction(a, INVOKE));
  return s.actions.some((a) => isUnknown(a) || matchesAction(a, INVOKE));
}

/** Split `${aws_api_gateway_rest_api.x.execution_arn}/stage/GET/p` or `arn:aws:execute-api:r:a:id/...`. */
export function splitExecuteApiArn(resource: string): { api: string; rest: string } | undefined {
  if (resource.startsWith("${")) {
    const end = resource.indexOf("}");
    return { api: resource.slice(0, end + 1), rest: resource.slice(end + 1) };
  }
  const m = /^arn:[^:]*:execute-api:[^:]*:[^:]*:([^/]*)(.*)$/.exec(resource);
  return m === null ? undefined : { api: m[1], rest: m[2] };
}

export type Breadth = "any-api" | "whole-api" | "scoped" | "not-execute-api";

export function breadth(resource: Val<string>): Breadth {
  if (isUnknown(resource)) return "any-api";
  if (resource === "*" || /^arn:[^:]*:execute-api:\*/.test(resource)) return "any-api";
  const parts = splitExecuteApiArn(resource);
  if (parts === undefined) return resource.includes("execute-api") ? "any-api" : "not-execute-api";
  if (parts.api.includes("*")) return "any-api";
  const segs = parts.rest
    .replace(/^\//, "")
    .split("/")
    .filter((s) => s !== "");
  // stage / VERB / path...: nothing after the stage but wildcards means every method of the API.
  return segs.slice(1).every((s) => s === "*") ? "whole-api" : "scoped";
}

/** Whether an execute-api resource pattern covers `VERB /path` of the given REST or HTTP API. */
export function coversRoute(resource: Val<string>, api: ResourceInstance, verb: string, path: string): boolean {
  if (isUnknown(resource)) return true;
  if (resource === "*") return true;
  const pattern = routePattern(resource, api);
  if (pattern === undefined) return false;
  // `$default` and `$connect` have no path: their method ARN is `<api>/<stage>/$default`.
  const concrete = path === "" ? `stage/${verb}` : `stage/${verb}${sampleRequestPath(path)}`;
  return matchesArn(pattern, concrete) || matchesArn(pattern.replace(/^stage\//, "*/"), concrete);
}

/** The resource's pattern after the API (`stage/GET/reports/*`) when it names the route's API, else undefined. */
function routePattern(resource: string, api: ResourceInstance): string | undefined {
  const parts = splitExecuteApiArn(resource);
  if (parts === undefined) return undefined;
  const apiId = api.values["id"];
  const sameApi = parts.api.includes("*") || parts.api.includes(`${api.configAddress}.`) || (typeof apiId === "string" && parts.api === apiId);
  if (!sameApi) return undefined;
  // An interpolation inside the rest (the stage name) stands for one path segment.
  return parts.rest.replace(/^\//, "").replace(/\$\{[^}]*\}/g, "stage");
}

/**
 * The part after `<api>/` of an execute-api resource that CERTAINLY designates this API (every region and account it
 * could be in), or undefined. What a Deny needs, unlike an Allow's approximation (routePattern): `*`, the ARN with
 * `*` for region, account and id, this API's own `${<address>.execution_arn}`, or a literal ARN matching its known
 * execution ARN. An ARN naming a region, account or id that is not certainly this API's designates nothing.
 */
export function certainApiRest(resource: string, api: ResourceInstance): string | undefined {
  if (resource === "*" || /^arn:[^:]*:execute-api:\*:\*:\*$/.test(resource)) return "*";
  const ref = /^\$\{([^}]+)\.execution_arn\}\/(.*)$/.exec(resource);
  if (ref !== null) return ref[1] === api.address ? ref[2] : undefined;
  if (resource.includes("${")) return undefined;
  const m = /^(arn:[^:]*:execute-api:[^:]*:[^:]*:[^/]*)\/(.*)$/.exec(resource);
  if (m === null) return undefined;
  const executionArn = api.values["execution_arn"];
  const certain = typeof executionArn === "string" ? matchesArn(m[1], executionArn) : /^arn:[^:]*:execute-api:\*:\*:\*$/.test(m[1]);
  return certain ? m[2] : undefined;
}

/**
 * Whether an execute-api resource certainly covers every request of `VERB /path` on stage `stage` (the stage part of
 * an ARN verbatim: `*`, a name, or an interpolation such as `${aws_api_gateway_stage.s.stage_name}`, compared as
 * text). A Deny must, to refuse what an Allow on that stage grants. An interpolated stage is covered only by the same
 * interpolation or by `*`; a Deny naming another region or account, or not certainly this API, covers nothing.
 */
export function coversRouteOnStage(resource: string, api: ResourceInstance, stage: string, verb: string, path: string): boolean {
  const rest = certainApiRest(resource, api);
  return rest !== undefined && coversArnGlob(rest, `${stage}/${path === "" ? arnVerb(verb) : routeArnSuffix(verb, path)}`);
}

/** Policies attached to a role (inline, role policies, attached managed policies). */
export const policiesOfRole = (model: Model, role: ResourceInstance): IamPolicy[] =>
  model.iamPolicies.filter((p) => p.kind !== "role-trust" && p.resource.source.stack === role.source.stack && p.roleAddresses.includes(role.address));

/** An unknown document might grant anything unless its expression shows it cannot mention execute-api. */
export function mayGrantInvoke(p: IamPolicy): boolean {
  if (!isUnknown(p.document)) return p.document.statements.some(grantsInvoke);
  const e = p.document.expression;
  if (e === undefined) return true;
  return /execute-api|"\*"|"execute-api:\*"/.test(e);
}
