// IAM managed policies (aws_iam_policy), with the roles they are attached to. Pure.
import type { IamPolicy } from "../../../model";
import type { BuildContext } from "../build-context";
import { rolesByPolicy } from "./policy-attachment";
import { policyView, type PolicyOf } from "./policy-of";

export function managedPolicyViews(ctx: BuildContext, policyOf: PolicyOf): IamPolicy[] {
  const roles = rolesByPolicy(ctx);
  return ctx.ofType("aws_iam_policy").map((p) => policyView(p, "managed", policyOf(p, "policy"), [...(roles.get(p.address) ?? [])]));
}
