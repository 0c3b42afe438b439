// IAM roles (aws_iam_role): the role with its trust policy and the Cognito groups that hand it out, and the
// policies a role resource carries itself (trust, inline_policy blocks). Pure.
import type { IamPolicy, IamRole, ResourceInstance, UserGroup } from "../../../model";
import { parsePolicy } from "../../iam";
import { blocks } from "../../json";
import { str } from "../../values";
import type { BuildContext } from "../build-context";
import { policyView, type PolicyOf } from "./policy-of";

/** Role address -> the Cognito groups whose role_arn names it, in group order. */
function groupsByRole(userGroups: readonly UserGroup[]): ReadonlyMap<string, string[]> {
  const byRole = new Map<string, string[]>();
  for (const g of userGroups) {
    if (g.roleAddress !== undefined) byRole.set(g.roleAddress, [...(byRole.get(g.roleAddress) ?? []), g.address]);
  }
  return byRole;
}

function iamRoleView(policyOf: PolicyOf, groups: ReadonlyMap<string, string[]>, r: ResourceInstance): IamRole {
  const trust = policyOf(r, "assume_role_policy");
  return {
    address: r.address,
    name: str(r.values["name"]),
    trustPolicy: trust.document,
    ...(trust.parseError !== undefined ? { trustParseError: trust.parseError } : {}),
    cognitoGroups: groups.get(r.address) ?? [],
    resource: r,
  };
}

export function iamRoleViews(ctx: BuildContext, policyOf: PolicyOf, userGroups: readonly UserGroup[]): IamRole[] {
  const groups = groupsByRole(userGroups);
  return ctx.ofType("aws_iam_role").map((r) => iamRoleView(policyOf, groups, r));
}

/** Each role's trust policy, then its inline_policy blocks. */
export function rolePolicyViewsOfRoles(ctx: BuildContext, policyOf: PolicyOf): IamPolicy[] {
  const out: IamPolicy[] = [];
  for (const r of ctx.ofType("aws_iam_role")) {
    out.push(policyView(r, "role-trust", policyOf(r, "assume_role_policy"), [r.address]));
    for (const ip of blocks(r.values["inline_policy"])) {
      const policy = ip["policy"];
      if (policy !== undefined && policy !== null) out.push(policyView(r, "role-inline", parsePolicy(policy), [r.address]));
    }
  }
  return out;
}
