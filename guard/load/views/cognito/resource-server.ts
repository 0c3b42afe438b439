// Cognito resource servers (aws_cognito_resource_server) with their scopes' full names (`<identifier>/<scope>`).
// Pure.
import { isUnknown, unknownValue, type ResourceInstance, type ResourceServer, type Val } from "../../../model";
import { blocks } from "../../json";
import { str } from "../../values";
import type { BuildContext } from "../build-context";

function scopesOf(identifier: Val<string>, scopeBlocks: unknown): Val<readonly string[]> {
  if (typeof identifier !== "string" || isUnknown(scopeBlocks)) return unknownValue();
  const names = blocks(scopeBlocks).map((b) => b["scope_name"]);
  return names.every((n): n is string => typeof n === "string") ? names.map((n) => `${identifier}/${n}`) : unknownValue();
}

function resourceServerView(ctx: BuildContext, s: ResourceInstance): ResourceServer {
  const pool = ctx.follow(s, "user_pool_id", ["aws_cognito_user_pool"]);
  const identifier = str(s.values["identifier"]);
  const scopes = scopesOf(identifier, s.values["scope"]);
  return { address: s.address, identifier, ...(pool !== undefined ? { userPoolAddress: pool.address } : {}), scopes, resource: s };
}

export function resourceServerViews(ctx: BuildContext): ResourceServer[] {
  return ctx.ofType("aws_cognito_resource_server").map((s) => resourceServerView(ctx, s));
}
