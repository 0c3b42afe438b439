// IAM judgement helpers: does a statement grant execute-api:Invoke, how wide is an execute-api resource,
// and does it cover a given route. Interpolations (`${...}`) in resources are kept verbatim by the loader.
import { coversArnGlob, matchesAction, matchesArn } from "../../kernel/match/glob";
import { arnVerb, routeArnSuffix, sampleRequestPath } from "../../kernel/match/route";
import { isUnknown, type IamPolicy, type PolicyCondition, type PolicyStatement, type ResourceInstance, type Val } from "../model";

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
  // A literal stage (a state, or a plan with known values: `dev/GET/reports/*`) names one stage of the API: the
  // route is reachable there, as through an interpolated one.
  const literalStage = /^[^/*$]+\//.exec(pattern)?.[0];
  return (
    matchesArn(pattern, concrete) ||
    matchesArn(pattern.replace(/^stage\//, "*/"), concrete) ||
    (literalStage !== undefined && matchesArn(pattern, concrete.replace(/^stage\//, literalStage)))
  );
}

/**
 * A statement's resources on one API, indexed for matching every route of it: what covers any route, the exact
 * routes its literal patterns name (`VERB/path` after the stage), and the patterns with wildcards, matched by
 * coversRoute. The same answers as coversRoute on each resource, without re-reading the resources per route.
 */
interface ResourceIndex {
  readonly any: boolean;
  readonly exact: ReadonlySet<string>;
  readonly globs: readonly string[];
}

const indexes = new WeakMap<PolicyStatement, WeakMap<ResourceInstance, ResourceIndex>>();

function resourceIndex(s: PolicyStatement, api: ResourceInstance): ResourceIndex {
  let byApi = indexes.get(s);
  if (byApi === undefined) indexes.set(s, (byApi = new WeakMap()));
  const hit = byApi.get(api);
  if (hit !== undefined) return hit;
  let any = s.notResources.length > 0;
  const exact = new Set<string>();
  const globs: string[] = [];
  for (const r of s.resources) {
    if (isUnknown(r) || breadth(r) === "any-api") {
      any = true;
      continue;
    }
    const pattern = routePattern(r, api);
    if (pattern === undefined) continue;
    const slash = pattern.indexOf("/");
    const literal = !pattern.includes("*") && !pattern.includes("?");
    // A literal pattern names one route on one stage (interpolated: `stage`, or a literal stage name); a first
    // segment with `$` names no stage coversRoute accepts.
    if (literal) {
      if (slash > 0 && !pattern.slice(0, slash).includes("$")) exact.add(pattern.slice(slash + 1));
    } else globs.push(r);
  }
  const index = { any, exact, globs };
  byApi.set(api, index);
  return index;
}

/** Whether an Allow statement's resources (or NotResource) reach `VERB /path` of the API: see ResourceIndex. */
export function statementCoversRoute(s: PolicyStatement, api: ResourceInstance, verb: string, path: string): boolean {
  const index = resourceIndex(s, api);
  if (index.any) return true;
  if (index.exact.has(path === "" ? verb : `${verb}${sampleRequestPath(path)}`)) return true;
  return index.globs.some((r) => coversRoute(r, api, verb, path));
}

/** routePattern per API and resource: the same grants are matched against every route of the API. */
const patternsByApi = new WeakMap<ResourceInstance, Map<string, string | undefined>>();

function routePattern(resource: string, api: ResourceInstance): string | undefined {
  let known = patternsByApi.get(api);
  if (known === undefined) patternsByApi.set(api, (known = new Map()));
  if (known.has(resource)) return known.get(resource);
  const pattern = computeRoutePattern(resource, api);
  known.set(resource, pattern);
  return pattern;
}

/** The resource's pattern after the API (`stage/GET/reports/*`) when it names the route's API, else undefined. */
function computeRoutePattern(resource: string, api: ResourceInstance): string | undefined {
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

/** An unknown document might grant anything unless its expression shows it cannot mention execute-api. */
export function mayGrantInvoke(p: IamPolicy): boolean {
  if (!isUnknown(p.document)) return p.document.statements.some(grantsInvoke);
  const e = p.document.expression;
  if (e === undefined) return true;
  return /execute-api|"\*"|"execute-api:\*"/.test(e);
}

// ---- Resource-policy conditions: who a statement admits or leaves in, as classes of callers ----

/** The condition keys a resource policy narrows its callers by, as the check reads them. */
const CALLER_KEYS = ["aws:SourceVpce", "aws:SourceVpc", "aws:SourceIp", "aws:PrincipalOrgID", "aws:PrincipalAccount"] as const;
type CallerKey = (typeof CALLER_KEYS)[number];

/** Callers whose request has `key` equal to (for aws:SourceIp: within) one of `values`. */
export interface CallerConstraint {
  readonly key: CallerKey;
  readonly values: readonly string[];
}

/** Condition keys compare case-insensitively in IAM: `aws:sourcevpce` is `aws:SourceVpce`. */
const callerKey = (key: string): CallerKey | undefined => CALLER_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());

// Operators whose match admits exactly the listed values. `...IfExists` is absent on purpose: a request without the
// key (an anonymous call from the internet has no aws:SourceVpce) matches it, so it narrows nothing.
const ADMITS: Readonly<Record<string, "string" | "ip">> = { StringEquals: "string", StringEqualsIgnoreCase: "string", StringLike: "string", IpAddress: "ip" };
// Negated operators: a Deny with one of them refuses every request outside the listed values, with the key or without.
const REFUSES_OTHERS: Readonly<Record<string, "string" | "ip">> = {
  StringNotEquals: "string",
  StringNotEqualsIfExists: "string",
  StringNotEqualsIgnoreCase: "string",
  StringNotLike: "string",
  StringNotLikeIfExists: "string",
  NotIpAddress: "ip",
  NotIpAddressIfExists: "ip",
};

/** A condition's values as the check can compare them, or why not (known only after apply, an interpolation, a wildcard). */
function literalValues(c: PolicyCondition, kind: "string" | "ip", key: CallerKey): string[] | string {
  const out: string[] = [];
  for (const v of c.values) {
    if (isUnknown(v) || v.includes("${"))
      return `${c.operator} ${c.key} is ${isUnknown(v) ? `known only after apply${v.expression !== undefined ? ` (${v.expression})` : ""}` : JSON.stringify(v)}`;
    if (kind === "string" && /[*?]/.test(v)) return `${c.operator} ${c.key} has a wildcard (${JSON.stringify(v)})`;
    if ((kind === "ip") !== (key === "aws:SourceIp")) return `${c.operator} does not compare ${c.key}`;
    out.push(v);
  }
  return out.length === 0 ? `${c.operator} ${c.key} lists no value` : out;
}

/**
 * The callers an Allow admits by its conditions: every constraint must hold (none: anyone the principal names), or
 * why the conditions cannot be read (an operator or key the check does not model, a value known only after apply).
 * Unread conditions never narrow: the caller then reports "not verified".
 */
export function allowedCallers(s: PolicyStatement): { readonly constraints: readonly CallerConstraint[] } | { readonly unread: string } {
  const constraints: CallerConstraint[] = [];
  for (const c of s.conditions) {
    const key = callerKey(c.key);
    const kind = ADMITS[c.operator];
    if (key === undefined || kind === undefined) return { unread: `condition ${c.operator} ${c.key} is not one the check reads` };
    const values = literalValues(c, kind, key);
    if (typeof values === "string") return { unread: values };
    constraints.push({ key, values });
  }
  return { constraints };
}

/**
 * What a Deny leaves allowed: a Deny with exactly one negated condition on a caller key (`StringNotEquals
 * aws:SourceVpce vpce-1`) refuses everyone else, so every caller it leaves meets the constraint. Undefined when the
 * Deny narrows nothing the check can state (no condition: see deniesInvoke; several; an unmodelled operator or key;
 * values not readable): such a Deny is left out, which only ever widens.
 */
export function callersLeftByDeny(s: PolicyStatement): CallerConstraint | undefined {
  if (s.effect !== "Deny" || s.conditions.length !== 1 || s.notActions.length > 0 || s.notResources.length > 0) return undefined;
  if (!s.actions.some((a) => typeof a === "string" && matchesAction(a, INVOKE))) return undefined;
  const c = s.conditions[0];
  const key = callerKey(c.key);
  const kind = REFUSES_OTHERS[c.operator];
  if (key === undefined || kind === undefined) return undefined;
  const values = literalValues(c, kind, key);
  return typeof values === "string" ? undefined : { key, values };
}

/** A statement addressed to every caller, anonymous ones included: `"Principal": "*"` or `{"AWS": "*"}`, no NotPrincipal. */
export const toEveryone = (s: PolicyStatement): boolean =>
  s.notPrincipals.length === 0 && s.principals.some((p) => (p.type === "*" || p.type === "AWS") && p.ids.some((id) => id === "*"));
