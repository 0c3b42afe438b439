// API Gateway's stage cache (REST APIs): which routes a stage serves from its cache and what the cache is keyed
// on. A cached response keyed without the caller's credential is served to the next authorized caller of the same
// URL (door class 6). Pure: a Model in, plain data out.
import { splitIdentitySource, CREDENTIAL_SOURCE } from "../../kernel/credential-source";
import { isUnknown, type Model, type ResourceInstance, type Route, type Stage } from "../model";
import { asString, firstBlock } from "../load/json";
import { known } from "./lookups";
import { referencedResource, resourceAt } from "./reference-identity";

/** `yes`, `no`, or `unknown` (known only after apply: fail closed, treated as maybe). */
export type Tristate = "yes" | "no" | "unknown";

const flag = (v: unknown): Tristate => (v === true || v === "true" ? "yes" : isUnknown(v) ? "unknown" : "no");

/** Whether the stage provisions a cache cluster at all (`cache_cluster_enabled`). */
export const stageCacheCluster = (s: Stage): Tristate => flag(s.resource.values["cache_cluster_enabled"]);

/** The `method_path` a method setting needs to name this route (`pets/{petId}/GET`, slashes also as `~1`). */
function methodPaths(r: Route): string[] {
  if (!known(r.path) || !known(r.httpMethod)) return [];
  const trimmed = r.path.replace(/^\//, "");
  return [`${trimmed}/${r.httpMethod}`, `${trimmed.replace(/\//g, "~1")}/${r.httpMethod}`, `~1${trimmed.replace(/\//g, "~1")}/${r.httpMethod}`];
}

/**
 * Whether the stage's method settings turn caching on for this route: the most specific setting wins (the route's
 * own path over `*\/*`); a setting whose path is known only after apply may be this route's.
 */
export function routeCaching(model: Model, s: Stage, r: Route): Tristate {
  const caching = (address: string): Tristate => flag(firstBlock(resourceAt(model, s.resource.source.stack, address)?.values["settings"])?.["caching_enabled"]);
  const paths = methodPaths(r);
  const own = s.methodSettings.filter((m) => known(m.methodPath) && paths.includes(m.methodPath));
  const unknownPath = s.methodSettings.filter((m) => !known(m.methodPath));
  const star = s.methodSettings.filter((m) => m.methodPath === "*/*");
  const decided = own.length > 0 ? own : star;
  const states = [...decided, ...unknownPath].map((m) => caching(m.address));
  if (own.length > 0 && states.slice(0, own.length).every((x) => x === "no") && unknownPath.length === 0) return "no";
  if (states.includes("yes")) return "yes";
  return states.includes("unknown") ? "unknown" : "no";
}

/** What identifies the resource a method or integration names: the referenced resource, else the literal id. */
function resourceKey(model: Model, holder: ResourceInstance): string | undefined {
  const target =
    referencedResource(model, holder, "resource_id", "aws_api_gateway_resource") ??
    referencedResource(model, holder, "resource_id", "aws_api_gateway_rest_api");
  if (target !== undefined) return target.address;
  const v = holder.values["resource_id"];
  return typeof v === "string" ? `id:${v}` : undefined;
}

/** The route's `aws_api_gateway_integration` (same resource, same method), when one is found. */
export function integrationOf(model: Model, r: Route): ResourceInstance | undefined {
  if (r.form !== undefined && r.form !== "rest-method") return undefined;
  const key = resourceKey(model, r.resource);
  if (key === undefined) return undefined;
  return model.resources.find((i) => {
    if (i.type !== "aws_api_gateway_integration" || i.source.stack !== r.resource.source.stack || i.source.file !== r.resource.source.file) return false;
    if (resourceKey(model, i) !== key) return false;
    const verb = i.values["http_method"];
    return typeof verb === "string" ? verb === r.httpMethod : referencedResource(model, i, "http_method", "aws_api_gateway_method")?.address === r.address;
  });
}

/**
 * The request parameters that carry the route's credential, in the form `cache_key_parameters` names them: the
 * authorizer's identity sources (CUSTOM, COGNITO_USER_POOLS), the signed Authorization header (AWS_IAM), the
 * API key header. Empty for an open route. Undefined when the identity source is known only after apply.
 */
export function credentialParameters(r: Route): string[] | undefined {
  const out: string[] = [];
  const auth = r.authorization;
  if (!known(auth)) return undefined;
  if (auth === "AWS_IAM") out.push(CREDENTIAL_SOURCE);
  if (auth === "CUSTOM" || auth === "COGNITO_USER_POOLS") {
    const src = r.authorizer?.identitySource;
    if (src === undefined || isUnknown(src)) return undefined;
    const sources = splitIdentitySource(src).filter((p) => p.startsWith("method.request."));
    // No request parameter carries the credential (empty, or context/stage variables only): not nameable, fail closed.
    if (sources.length === 0) return undefined;
    out.push(...sources);
  }
  if (r.apiKeyRequired === true) out.push("method.request.header.x-api-key");
  else if (!known(r.apiKeyRequired)) return undefined;
  return out;
}

/** Header names are case-insensitive; query strings and the rest are not. */
const norm = (p: string): string => (p.startsWith("method.request.header.") ? p.toLowerCase() : p);

/** The credential parameters the integration's cache key leaves out (all of them when there is no cache key). */
export function missingFromCacheKey(integration: ResourceInstance, credential: readonly string[]): string[] | undefined {
  const keys = integration.values["cache_key_parameters"];
  if (isUnknown(keys)) return undefined;
  const list = Array.isArray(keys) ? keys.map((k) => asString(k)).filter((k): k is string => k !== undefined) : [];
  const have = new Set(list.map(norm));
  return credential.filter((c) => !have.has(norm(c)));
}
