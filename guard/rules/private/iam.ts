// IAM judgement helpers: does a statement grant execute-api:Invoke, how wide is an execute-api resource,
// and does it cover a given route. Interpolations (`${...}`) in resources are kept verbatim by the loader.
import { matchesAction, matchesArn } from "../../match/glob";
import { sampleRequestPath } from "../../match/route";
import { isUnknown, type IamPolicy, type Model, type PolicyStatement, type ResourceInstance, type Val } from "../../model";

const INVOKE = "execute-api:Invoke";

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
  const segs = parts.rest.replace(/^\//, "").split("/").filter((s) => s !== "");
  // stage / VERB / path...: nothing after the stage but wildcards means every method of the API.
  return segs.slice(1).every((s) => s === "*") ? "whole-api" : "scoped";
}

/** Whether an execute-api resource pattern covers `VERB /path` of the given REST or HTTP API. */
export function coversRoute(resource: Val<string>, api: ResourceInstance, verb: string, path: string): boolean {
  if (isUnknown(resource)) return true;
  if (resource === "*") return true;
  const parts = splitExecuteApiArn(resource);
  if (parts === undefined) return false;
  const apiId = api.values["id"];
  const sameApi =
    parts.api.includes("*") ||
    parts.api.includes(`${api.configAddress}.`) ||
    (typeof apiId === "string" && parts.api === apiId);
  if (!sameApi) return false;
  // `$default` and `$connect` have no path: their method ARN is `<api>/<stage>/$default`.
  const concrete = path === "" ? `stage/${verb}` : `stage/${verb}${sampleRequestPath(path)}`;
  // An interpolation inside the rest (the stage name) stands for one path segment.
  const pattern = parts.rest.replace(/^\//, "").replace(/\$\{[^}]*\}/g, "stage");
  return matchesArn(pattern, concrete) || matchesArn(pattern.replace(/^stage\//, "*/"), concrete);
}

/** Policies attached to a role (inline, role policies, attached managed policies). */
export const policiesOfRole = (model: Model, role: ResourceInstance): IamPolicy[] =>
  model.iamPolicies.filter(
    (p) => p.kind !== "role-trust" && p.resource.source.stack === role.source.stack && p.roleAddresses.includes(role.address),
  );

/** An unknown document might grant anything unless its expression shows it cannot mention execute-api. */
export function mayGrantInvoke(p: IamPolicy): boolean {
  if (!isUnknown(p.document)) return p.document.statements.some(grantsInvoke);
  const e = p.document.expression;
  if (e === undefined) return true;
  return /execute-api|"\*"|"execute-api:\*"/.test(e);
}
