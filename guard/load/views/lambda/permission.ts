// Lambda permissions (aws_lambda_permission): who may invoke which function, from which source ARN. Pure.
import type { LambdaPermission, ResourceInstance } from "../../../model";
import { optStr, str } from "../../values";
import type { BuildContext } from "../build-context";

function lambdaPermissionView(ctx: BuildContext, p: ResourceInstance): LambdaPermission {
  const { resolver, target } = ctx;
  const fn = target(resolver.resolve(p, "function_name", ["aws_lambda_function", "aws_lambda_alias"]));
  const src = optStr(p.values["source_arn"]);
  return {
    address: p.address,
    action: str(p.values["action"]),
    principal: str(p.values["principal"]),
    ...(src !== undefined ? { sourceArn: src } : {}),
    sourceArnReferences: resolver.referencedAddresses(p, p.references["source_arn"] ?? []),
    ...(fn !== undefined ? { functionAddress: fn.address } : {}),
    resource: p,
  };
}

export function lambdaPermissionViews(ctx: BuildContext): LambdaPermission[] {
  return ctx.ofType("aws_lambda_permission").map((p) => lambdaPermissionView(ctx, p));
}
