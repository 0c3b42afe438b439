// REST API integrations (aws_api_gateway_integration): the integration type of each method, keyed by the resource
// the method sits on and its HTTP method. Pure.
import type { Val } from "../../../model";
import type { Resolution } from "../../resolve";
import { str } from "../../values";
import { API, RES, type BuildContext } from "../build-context";

/** Where a method or an integration sits: `<api>#root` on the API's root resource, else the resource's address. */
export function methodTargetKey(res: Resolution): string | undefined {
  if (!("ok" in res)) return undefined;
  return res.ok.target.type === API ? `${res.ok.target.address}#root` : res.ok.target.address;
}

/** The integration type of the method `verb` on the resource `key` (methodTargetKey). */
export type IntegrationTypeOf = (key: string, verb: string) => Val<string> | undefined;

export function restIntegrationTypes(ctx: BuildContext): IntegrationTypeOf {
  const { resolver, target } = ctx;
  const types = new Map<string, Val<string>>();
  for (const i of ctx.ofType("aws_api_gateway_integration")) {
    let verb: unknown = i.values["http_method"];
    if (typeof verb !== "string") {
      const m = target(resolver.resolve(i, "http_method", ["aws_api_gateway_method"]));
      verb = m?.values["http_method"];
    }
    const key = methodTargetKey(resolver.resolve(i, "resource_id", [API, RES]));
    if (key !== undefined && typeof verb === "string") types.set(`${key}|${verb}`, str(i.values["type"]));
  }
  return (key, verb) => types.get(`${key}|${verb}`);
}
