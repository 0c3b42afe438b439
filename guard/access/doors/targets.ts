// Targets: what each route's integration runs or calls. A Lambda function (an alias or version resolves to its
// function: one code, one target), an HTTP backend by URL, an AWS service by ARN; a MOCK integration has none.
// A URI that cannot be read is an "unknown" target, never dropped.
import { isUnknown, type Model, type ResourceInstance, type Route } from "../../model";
import { targetOf } from "../reference-identity";
import { managed, referenced, textOf } from "./refs";
import type { Target } from "./types";
import { perModel } from "../per-model";

const FUNCTION_TYPES = ["aws_lambda_function"];
const QUALIFIED_TYPES = ["aws_lambda_alias", "aws_lambda_function_version"];

/** The function target of a configuration function. */
export function functionTarget(model: Model, fn: ResourceInstance): Target {
  const t = targetOf(model, fn);
  return { key: `lambda:${fn.source.stack}:${t.label}`, kind: "lambda", label: t.label, stack: fn.source.stack, address: fn.address };
}

/** The function an attribute names: directly, or through an alias or version of it. */
export function functionsNamedBy(model: Model, holder: ResourceInstance, attr: string): ResourceInstance[] {
  const direct = referenced(model, holder, attr, FUNCTION_TYPES);
  const qualified = referenced(model, holder, attr, QUALIFIED_TYPES).flatMap((q) => referenced(model, q, "function_name", FUNCTION_TYPES));
  return [...new Set([...direct, ...qualified])];
}

/**
 * `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/arn:aws:lambda:...:function:NAME[:qualifier]/invocations`,
 * or the function's ARN itself (an HTTP API's integration_uri); a qualifier (alias or version) is the function's.
 */
const LAMBDA_URI = /:function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9_$-]+)?(?:\/invocations)?$/;
/** The unqualified function ARN inside such a URI. */
const FUNCTION_ARN = /(arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+)(?::[A-Za-z0-9_$-]+)?(?:\/invocations)?$/;

/**
 * The function a literal URI names: the stack's function of that name, unless both ARNs are known and differ (a
 * function of that name in another account or region is not this one: a target of its own, by its ARN).
 */
function byLiteralName(model: Model, stack: string, name: string, arn: string | undefined): Target {
  const fn = managed(model, "aws_lambda_function").find((f) => f.source.stack === stack && f.values["function_name"] === name);
  const own = fn?.values["arn"];
  if (arn !== undefined && typeof own === "string" && own !== arn) return { key: `lambda:${arn}`, kind: "lambda", label: arn, stack };
  return fn !== undefined ? functionTarget(model, fn) : { key: `lambda:${stack}:${name}`, kind: "lambda", label: name, stack };
}

/** What an integration resource (REST or v2) calls; undefined for MOCK. */
export function integrationTarget(model: Model, integration: ResourceInstance): Target | undefined {
  const stack = integration.source.stack;
  const type = integration.values["type"] ?? integration.values["integration_type"];
  if (type === "MOCK") return undefined;
  const attr = integration.type === "aws_apigatewayv2_integration" ? "integration_uri" : "uri";
  const fns = functionsNamedBy(model, integration, attr);
  if (fns.length === 1) return functionTarget(model, fns[0] as ResourceInstance);
  const uri = integration.values[attr];
  if (typeof uri === "string") {
    const fn = LAMBDA_URI.exec(uri);
    if (fn !== null) return byLiteralName(model, stack, fn[1] as string, FUNCTION_ARN.exec(uri)?.[1]);
    if (/^https?:\/\//.test(uri)) return { key: `http:${uri}`, kind: "http", label: uri, stack };
    if (uri.startsWith("arn:")) return { key: `aws-service:${uri}`, kind: "aws-service", label: uri, stack };
  }
  const shown = textOf(uri) ?? "(no uri)";
  return {
    key: `unknown:${stack}:${integration.address}`,
    kind: "unknown",
    label: `integration ${integration.address} (uri ${isUnknown(uri) ? `known after apply: ${shown}` : shown})`,
    stack,
  };
}

/** A REST method's or integration's API, resource and verb by known, non-empty values; undefined otherwise. */
function valueKey(r: ResourceInstance): string | undefined {
  const parts = ["rest_api_id", "resource_id", "http_method"].map((a) => r.values[a]);
  return parts.every((v): v is string => typeof v === "string" && v !== "") ? [r.source.stack, ...parts].join("::") : undefined;
}

interface IntegrationIndex {
  /** `stack::method config address` (from the integration's http_method reference) -> integration. */
  readonly byMethod: ReadonlyMap<string, ResourceInstance>;
  /** `stack::resource_id reference::verb` -> integration. */
  readonly byResource: ReadonlyMap<string, ResourceInstance>;
  /**
   * `stack::rest_api_id::resource_id::verb` by known values (a state document, the live audit) -> the integrations
   * with them: one is the method's, several are ambiguous and link none.
   */
  readonly byValue: ReadonlyMap<string, readonly ResourceInstance[]>;
}

const METHOD_REF = /^((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*aws_api_gateway_method\.[\w-]+(?:\[[^\]]*\])?)\./;

// Built once per model: a thousand routes each look up their integration.
const integrationIndex = perModel((model): IntegrationIndex => {
  const byMethod = new Map<string, ResourceInstance>();
  const byResource = new Map<string, ResourceInstance>();
  const byValue = new Map<string, ResourceInstance[]>();
  for (const i of model.resources) {
    if (i.type !== "aws_api_gateway_integration") continue;
    const k = valueKey(i);
    if (k !== undefined) byValue.set(k, [...(byValue.get(k) ?? []), i]);
    for (const ref of i.references["http_method"] ?? []) {
      const m = METHOD_REF.exec(ref);
      if (m !== null) byMethod.set(`${i.source.stack}::${m[1] as string}`, i);
    }
    const res = (i.references["resource_id"] ?? [])[0];
    if (res !== undefined && typeof i.values["http_method"] === "string") byResource.set(`${i.source.stack}::${res}::${i.values["http_method"] as string}`, i);
  }
  return { byMethod, byResource, byValue };
});

/** An HTTP/WebSocket route's or integration's API id by known, non-empty value; undefined otherwise. */
const apiIdOf = (r: ResourceInstance): string | undefined =>
  typeof r.values["api_id"] === "string" && r.values["api_id"] !== "" ? r.values["api_id"] : undefined;

/** A route's `target` as API Gateway keeps it: `integrations/<integration id>`. */
const V2_TARGET = /^integrations\/([^/]+)$/;

// Built once per model: `stack::api id::integration id` -> the HTTP/WebSocket integrations with those values.
const v2Indexes = new WeakMap<Model, ReadonlyMap<string, readonly ResourceInstance[]>>();

function v2IntegrationIndex(model: Model): ReadonlyMap<string, readonly ResourceInstance[]> {
  const cached = v2Indexes.get(model);
  if (cached !== undefined) return cached;
  const index = new Map<string, ResourceInstance[]>();
  for (const i of managed(model, "aws_apigatewayv2_integration")) {
    const api = apiIdOf(i);
    const id = i.values["id"];
    if (api === undefined || typeof id !== "string" || id === "") continue;
    const k = [i.source.stack, api, id].join("::");
    index.set(k, [...(index.get(k) ?? []), i]);
  }
  v2Indexes.set(model, index);
  return index;
}

/**
 * How a route's integration is linked: by reference (a configuration), else by the values both carry (a state
 * document, the live audit) when exactly one integration has them; `unlinked` says why a route that names an
 * integration by value has none (no such integration, or several): a door to a target that is not verified.
 */
type IntegrationLink = { readonly integration: ResourceInstance } | { readonly unlinked: string } | undefined;

function v2Link(model: Model, route: ResourceInstance): IntegrationLink {
  const byRef = referenced(model, route, "target", ["aws_apigatewayv2_integration"])[0];
  if (byRef !== undefined) return { integration: byRef };
  const target = route.values["target"];
  if (typeof target !== "string" || target === "") return undefined;
  const id = V2_TARGET.exec(target)?.[1];
  const api = apiIdOf(route);
  if (id === undefined) return { unlinked: `target "${target}" is not integrations/<id>` };
  if (api === undefined) return { unlinked: `target "${target}" of a route whose api_id is not known` };
  const found = v2IntegrationIndex(model).get([route.source.stack, api, id].join("::")) ?? [];
  if (found.length === 1) return { integration: found[0] as ResourceInstance };
  return { unlinked: `target "${target}" names ${found.length === 0 ? "no integration" : `${found.length} integrations`} of API ${api}` };
}

function restLink(model: Model, method: ResourceInstance): IntegrationLink {
  const stack = method.source.stack;
  const index = integrationIndex(model);
  const named = index.byMethod.get(`${stack}::${method.address}`) ?? index.byMethod.get(`${stack}::${method.configAddress}`);
  if (named !== undefined) return { integration: named };
  const res = (method.references["resource_id"] ?? [])[0];
  const verb = method.values["http_method"];
  if (res !== undefined && typeof verb === "string") {
    const byRes = index.byResource.get(`${stack}::${res}::${verb}`);
    return byRes === undefined ? undefined : { integration: byRes };
  }
  // No references (a state document): by the values both carry, when exactly one integration has them.
  const k = valueKey(method);
  const byValue = k === undefined ? [] : (index.byValue.get(k) ?? []);
  if (byValue.length === 1) return { integration: byValue[0] as ResourceInstance };
  return byValue.length === 0 ? undefined : { unlinked: `${byValue.length} integrations carry its API, resource and verb` };
}

/** How a route's integration is linked (REST by the method, HTTP/WebSocket by the route's target), or why not. */
export function integrationLink(model: Model, route: Route): IntegrationLink {
  if (route.resource.type === "aws_apigatewayv2_route") return v2Link(model, route.resource);
  if (route.resource.type === "aws_api_gateway_method") return restLink(model, route.resource);
  return undefined;
}

/** The integration resource of a route, when exactly one is linked. */
export function integrationOf(model: Model, route: Route): ResourceInstance | undefined {
  const link = integrationLink(model, route);
  return link !== undefined && "integration" in link ? link.integration : undefined;
}
