// Lookups shared by the edge rules: CloudFront distributions in front of a REST API, their cache behaviors,
// and following `${...}` / plan references from one resource to another of a given type in the same stack.
import { isUnknown, type Model, type ResourceInstance, type Stage } from "../model";
import { parseAddress } from "../load/address";
import { asString, blocks, firstBlock, type JsonObject } from "../load/json";
import type { ResourceFinding } from "./lookups";
import { distributionValueLinks, linkedByValue, originLink } from "./edge-links";
import { perModel } from "./per-model";
import { appendTo } from "./group";

/** The secret origin header, lower case (WAF matches header names in lower case). */
export const ORIGIN_VERIFY = "x-origin-verify";
/** AWS managed cache policy "CachingDisabled". */
export const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

export interface ApiDistribution {
  readonly resource: ResourceInstance;
  /** Origins whose domain is an API Gateway endpoint (or a custom domain of an API, by value). */
  readonly apiOrigins: readonly JsonObject[];
  /** REST APIs the origins name (addresses): by reference, or by value (edge-links.ts). */
  readonly apiAddresses: readonly string[];
  /**
   * Some API origin names no API that could be followed, or several: it may reach any API of the stack, so every
   * stage counts (frontedStages). The APIs named by the other origins stay named: an unnamed origin added beside
   * a named one must not take the distribution out of the named APIs' requirements (edge verifiers).
   */
  readonly unnamedOrigin: boolean;
}

const sameStack = (a: ResourceInstance, b: ResourceInstance): boolean => a.source.file === b.source.file && a.source.stack === b.source.stack;

/** Positions in model.resources by address and by configuration address. */
interface RefIndex {
  readonly byAddress: ReadonlyMap<string, number[]>;
  readonly byConfig: ReadonlyMap<string, number[]>;
}

// Built once per model: scanning every resource for every reference was quadratic in module instances.
const refIndex = perModel((model): RefIndex => {
  const byAddress = new Map<string, number[]>();
  const byConfig = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string, i: number) => appendTo(m, k, i);
  model.resources.forEach((r, i) => {
    add(byAddress, r.address, i);
    add(byConfig, r.configAddress, i);
  });
  return { byAddress, byConfig };
});

/**
 * Resources of `type` that `refs` point at, in the holder's stack: a reference equal to a resource's address or
 * configuration address, or one that starts with its configuration address followed by `.` or `[`, in the model's
 * order. Looked up by every prefix of the reference that ends before a `.` or `[`.
 */
export function resolveRefs(model: Model, holder: ResourceInstance, refs: readonly string[], type: string): ResourceInstance[] {
  const { byAddress, byConfig } = refIndex(model);
  const positions = new Set<number>();
  const take = (list: readonly number[] | undefined) => {
    for (const i of list ?? []) positions.add(i);
  };
  for (const ref of refs) {
    take(byAddress.get(ref));
    take(byConfig.get(ref));
    for (let i = 0; i < ref.length; i++) if (ref[i] === "." || ref[i] === "[") take(byConfig.get(ref.slice(0, i)));
  }
  return [...positions]
    .sort((a, b) => a - b)
    .map((i) => model.resources[i])
    .filter((r) => r.type === type && sameStack(r, holder));
}

/** References held by one value (an Unknown from cdk.tf.json carries its `${...}` expression). */
export function refsOf(v: unknown): string[] {
  if (!isUnknown(v) || v.expression === undefined) return [];
  // With its module path: a plan's expression names a resource of another module absolutely (`module.api.aws_x.y.id`).
  return [...v.expression.matchAll(/(?:module\.[\w-]+(?:\[[^\]]*\])?\.)*[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*/g)].map((m) => m[0]);
}

/** Whether a reference names a managed resource of `type`, in whichever module (plan references are absolute). */
const namesType = (ref: string, type: string): boolean => {
  const p = parseAddress(ref);
  return p !== undefined && p.mode === "managed" && p.type === type;
};

function isApiDomain(origin: JsonObject, holder: ResourceInstance): boolean {
  const d = origin["domain_name"];
  if (typeof d === "string") return d.includes(".execute-api.");
  if (isUnknown(d) && d.expression !== undefined) return d.expression.includes("execute-api") || /aws_api_gateway_rest_api\./.test(d.expression);
  // Plan JSON: the domain is unknown until apply; the origin's references say where it comes from.
  return (holder.references["origin"] ?? []).some((r) => namesType(r, "aws_api_gateway_rest_api"));
}

/**
 * Whether one API origin names its API: by a reference to a REST API in its domain (cdk.tf.json), by a linked value,
 * or, unknown in a plan (no expression), by the distribution's origin references when they name one.
 */
function originNamed(model: Model, d: ResourceInstance, origin: JsonObject, refsNameOne: boolean): boolean {
  const domain = origin["domain_name"];
  if (isUnknown(domain)) {
    if (domain.expression === undefined) return refsNameOne;
    return (
      resolveRefs(model, d, refsOf(domain), "aws_api_gateway_rest_api").length > 0 || resolveRefs(model, d, refsOf(domain), "aws_apigatewayv2_api").length > 0
    );
  }
  return originLink(model, d, origin).kind === "api";
}

export function apiDistributions(model: Model): ApiDistribution[] {
  const out: ApiDistribution[] = [];
  for (const r of model.resources) {
    if (r.type !== "aws_cloudfront_distribution" || r.mode !== "managed") continue;
    const byValue = distributionValueLinks(model, r);
    const apiOrigins = blocks(r.values["origin"]).filter((o) => isApiDomain(o, r) || byValue.apiOrigins.includes(o));
    if (apiOrigins.length === 0) continue;
    const refs = (r.references["origin"] ?? []).filter((x) => namesType(x, "aws_api_gateway_rest_api"));
    const byRef = resolveRefs(model, r, refs, "aws_api_gateway_rest_api");
    const named = [...byRef, ...byValue.apis.filter((a) => a.type === "aws_api_gateway_rest_api")];
    const apiAddresses = [...new Set(named.map((a) => a.address))];
    // An API origin that names none (or several): a value that did not link, or a literal or expression that is
    // neither a followed reference nor a linked value. Which API it reaches is not verified.
    const unnamedOrigin = apiOrigins.some((o) => !originNamed(model, r, o, byRef.length > 0));
    out.push({ resource: r, apiOrigins, apiAddresses, unnamedOrigin });
  }
  return out;
}

export interface Behavior {
  /** `default` or the ordered behavior's path pattern. */
  readonly name: string;
  readonly block: JsonObject;
  /** Attribute of the distribution the behavior lives in (for reference lookups). */
  readonly attribute: "default_cache_behavior" | "ordered_cache_behavior";
}

export function behaviors(distribution: ResourceInstance): Behavior[] {
  const out: Behavior[] = [];
  const def = firstBlock(distribution.values["default_cache_behavior"]);
  if (def) out.push({ name: "default", block: def, attribute: "default_cache_behavior" });
  for (const b of blocks(distribution.values["ordered_cache_behavior"])) {
    out.push({ name: asString(b["path_pattern"]) ?? "(unknown path)", block: b, attribute: "ordered_cache_behavior" });
  }
  return out;
}

/**
 * The REST stages a distribution's API origins reach, when every one of them pins one: an execute-api origin whose
 * origin_path is a known `/stage` (or `/stage/...`) forwards to that stage only. Undefined when one does not (no
 * origin_path or one known only after apply, a custom domain whose path is a base path mapping): any stage is
 * reachable through it.
 */
function pinnedRestStages(d: ApiDistribution): ReadonlySet<string> | undefined {
  const names = new Set<string>();
  for (const origin of d.apiOrigins) {
    const path = origin["origin_path"];
    const stage = typeof path === "string" ? /^\/([^/]+)/.exec(path)?.[1] : undefined;
    if (stage === undefined || !isApiDomain(origin, d.resource)) return undefined;
    names.add(stage);
  }
  return names;
}

/**
 * Stages of the APIs a distribution fronts; every stage in its stack when an origin named no API we could follow. A
 * REST stage that no origin_path pins is not behind the distribution (the deployment's implicit stage beside the
 * one CloudFront forwards to); an HTTP or WebSocket API's origin_path is a route prefix, never a stage.
 */
export function frontedStages(model: Model, d: ApiDistribution): Stage[] {
  const inStack = model.stages.filter((s) => sameStack(s.resource, d.resource));
  // Naming only HTTP APIs (no REST API) leaves every stage too, as before value links.
  if (d.unnamedOrigin || d.apiAddresses.length === 0) return inStack;
  const pinned = pinnedRestStages(d);
  const reached = (s: Stage): boolean =>
    pinned === undefined || s.resource.type === "aws_apigatewayv2_stage" || typeof s.name !== "string" || pinned.has(s.name);
  return inStack.filter((s) => s.apiAddress !== undefined && d.apiAddresses.includes(s.apiAddress) && reached(s));
}

/** A Lambda@Edge association that runs on a request (viewer-request, origin-request): one that could decide access. */
export const requestFunctions = (b: Behavior): JsonObject[] =>
  blocks(b.block["lambda_function_association"]).filter((a) => a["event_type"] === "viewer-request" || a["event_type"] === "origin-request");

/** A viewer-request Lambda@Edge association on a behavior. */
export const viewerRequestFunctions = (b: Behavior): JsonObject[] =>
  blocks(b.block["lambda_function_association"]).filter((a) => a["event_type"] === "viewer-request");

/**
 * The Lambda functions a distribution runs on viewer-request, followed from `lambda_arn` (a `${...qualified_arn}`
 * in cdk.tf.json, the behavior's references in a plan), and how many associations did not resolve to one.
 */
export function viewerRequestTargets(
  model: Model,
  d: ResourceInstance,
  which: readonly Behavior[] = behaviors(d),
): { functions: ResourceInstance[]; unresolved: number } {
  const functions = new Map<string, ResourceInstance>();
  let unresolved = 0;
  for (const b of which) {
    const planRefs = (d.references[b.attribute] ?? []).filter((r) => namesType(r, "aws_lambda_function"));
    for (const a of viewerRequestFunctions(b)) {
      const arn = a["lambda_arn"];
      // A known ARN (a literal, a state document's version ARN) is that value and nothing else: the one function
      // whose qualified_arn it is. The behavior's references belong to its other associations, never to a literal
      // (an allow-all ARN on viewer-request beside the verifier's reference on origin-response is not the verifier).
      const byValue = linkedByValue(model, d, arn, ["aws_lambda_function"], ["qualified_arn"]);
      // An expression (cdk.tf.json) is followed by its own references; unknown in a plan (no expression), the
      // behavior block's references say which function it can be.
      const byRef = !isUnknown(arn) ? [] : resolveRefs(model, d, arn.expression !== undefined ? refsOf(arn) : planRefs, "aws_lambda_function");
      const hits = !isUnknown(arn) ? (byValue.length === 1 ? byValue : []) : byRef;
      if (hits.length === 0) unresolved++;
      for (const h of hits) functions.set(h.address, h);
    }
  }
  return { functions: [...functions.values()], unresolved };
}

/** Edge authentication: some behavior of the distribution runs a Lambda@Edge function on viewer-request. */
export const hasEdgeAuth = (d: ResourceInstance): boolean => behaviors(d).some((b) => viewerRequestFunctions(b).length > 0);

export function distributionFinding(d: ResourceInstance, message: string, extra: Partial<ResourceFinding> = {}): ResourceFinding {
  return { address: d.address, message, file: d.source.file, ...extra };
}
