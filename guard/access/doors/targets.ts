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

/** `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/arn:aws:lambda:...:function:NAME[:qualifier]/invocations`. */
const LAMBDA_URI = /:function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9_$-]+)?(?:\/invocations)?$/;

function byLiteralName(model: Model, stack: string, name: string): Target {
  const fn = managed(model, "aws_lambda_function").find((f) => f.source.stack === stack && f.values["function_name"] === name);
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
    if (fn !== null) return byLiteralName(model, stack, fn[1] as string);
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

/** The integration resource of a route: REST by the method it names (or resource and verb), HTTP/WebSocket by the route's target. */
export function integrationOf(model: Model, route: Route): ResourceInstance | undefined {
  const stack = route.resource.source.stack;
  if (route.resource.type === "aws_apigatewayv2_route") return referenced(model, route.resource, "target", ["aws_apigatewayv2_integration"])[0];
  if (route.resource.type !== "aws_api_gateway_method") return undefined;
  const method = route.resource;
  const index = integrationIndex(model);
  const named = index.byMethod.get(`${stack}::${method.address}`) ?? index.byMethod.get(`${stack}::${method.configAddress}`);
  if (named !== undefined) return named;
  const res = (method.references["resource_id"] ?? [])[0];
  const verb = method.values["http_method"];
  if (res !== undefined && typeof verb === "string") return index.byResource.get(`${stack}::${res}::${verb}`);
  // No references (a state document): by the values both carry, when exactly one integration has them.
  const k = valueKey(method);
  const byValue = k === undefined ? undefined : index.byValue.get(k);
  return byValue?.length === 1 ? byValue[0] : undefined;
}
