// IAM inline role policies (aws_iam_role_policy), with the role they belong to. Pure.
import type { IamPolicy } from "../../../model";
import type { BuildContext } from "../build-context";
import { policyView, type PolicyOf } from "./policy-of";

export function rolePolicyViews(ctx: BuildContext, policyOf: PolicyOf): IamPolicy[] {
  return ctx.ofType("aws_iam_role_policy").map((p) => {
    const role = ctx.target(ctx.resolver.resolve(p, "role", ["aws_iam_role"]));
    return policyView(p, "role-inline", policyOf(p, "policy"), role === undefined ? [] : [role.address]);
  });
}
