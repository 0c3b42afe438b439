// IAM: roles with their trust policies, and every policy document with the roles it applies to (role trust and
// inline, managed, inline role policies, REST API resource policies), one builder per resource type beside this
// file, composed here in that order. Pure.
import type { IamPolicy, IamRole, RestApi, UserGroup } from "../../../model";
import type { BuildContext } from "../build-context";
import { apiResourcePolicyViews } from "./api-policy";
import { managedPolicyViews } from "./managed-policy";
import { policyReader } from "./policy-of";
import { iamRoleViews, rolePolicyViewsOfRoles } from "./role";
import { rolePolicyViews } from "./role-policy";

export interface IamViews {
  readonly iamRoles: IamRole[];
  readonly iamPolicies: IamPolicy[];
}

/** `apis`: the REST APIs, whose `policy` attribute is a resource policy; `userGroups`: the groups that hand roles out. */
export function iamViews(ctx: BuildContext, apis: readonly RestApi[], userGroups: readonly UserGroup[]): IamViews {
  const policyOf = policyReader(ctx);
  const iamRoles = iamRoleViews(ctx, policyOf, userGroups);
  const iamPolicies = [
    ...rolePolicyViewsOfRoles(ctx, policyOf),
    ...managedPolicyViews(ctx, policyOf),
    ...rolePolicyViews(ctx, policyOf),
    ...apiResourcePolicyViews(ctx, policyOf, apis),
  ];
  return { iamRoles, iamPolicies };
}
