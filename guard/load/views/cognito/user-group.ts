// Cognito user groups (aws_cognito_user_group): their pool and the IAM role they hand out. Pure.
import type { ResourceInstance, UserGroup } from "../../../model";
import { str } from "../../values";
import type { BuildContext } from "../build-context";

function userGroupView(ctx: BuildContext, g: ResourceInstance): UserGroup {
  const pool = ctx.follow(g, "user_pool_id", ["aws_cognito_user_pool"]);
  const role = ctx.target(ctx.resolver.resolve(g, "role_arn", ["aws_iam_role"]));
  return {
    address: g.address,
    name: str(g.values["name"]),
    ...(pool !== undefined ? { userPoolAddress: pool.address } : {}),
    ...(role !== undefined ? { roleAddress: role.address } : {}),
    resource: g,
  };
}

export function userGroupViews(ctx: BuildContext): UserGroup[] {
  return ctx.ofType("aws_cognito_user_group").map((g) => userGroupView(ctx, g));
}
