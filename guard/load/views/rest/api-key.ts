// API keys (aws_api_gateway_api_key), with the usage plans that hold them. Pure.
import type { ApiKey } from "../../../model";
import { bool, str } from "../../values";
import type { BuildContext } from "../build-context";

export function apiKeyViews(ctx: BuildContext, plansByKey: ReadonlyMap<string, string[]>): ApiKey[] {
  return ctx.ofType("aws_api_gateway_api_key").map((k) => ({
    address: k.address,
    name: str(k.values["name"]),
    enabled: bool(k.values["enabled"], true),
    usagePlans: plansByKey.get(k.address) ?? [],
    resource: k,
  }));
}
