// IAM as the provider keeps it in state: users, groups, roles (with their trust policy), their inline policies,
// managed-policy attachments and group memberships, and the attached managed policies with their default version's
// document. Linked by name and ARN as the check's resolver links state. Policy documents come URL-encoded from
// GetAccountAuthorizationDetails and are decoded here. Pure.
import type { ManagedPolicyDetail } from "@aws-sdk/client-iam";
import { resource, type StateResource } from "./state-doc";
import type { IamRead } from "./snapshot";

/** A policy document as IAM returns it (URL-encoded JSON), decoded; an undecodable one is kept as it came. */
export function policyDocument(encoded: string | undefined): string | null {
  if (encoded === undefined) return null;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

const defaultDocument = (p: ManagedPolicyDetail): string | null =>
  policyDocument((p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion === true || v.VersionId === p.DefaultVersionId)?.Document);

export function iamResources(read: IamRead): StateResource[] {
  const out: StateResource[] = [];
  const attach = (type: string, holderAttr: string, holder: string, arns: readonly (string | undefined)[]) => {
    for (const arn of arns) {
      if (arn === undefined) continue;
      out.push(resource(type, `iam ${holder} attached ${arn}`, { id: `${holder}-${arn}`, [holderAttr]: holder, policy_arn: arn }));
    }
  };
  const inline = (type: string, holderAttr: string, holder: string, list: readonly { PolicyName?: string; PolicyDocument?: string }[]) => {
    for (const p of list) {
      const name = p.PolicyName ?? "";
      out.push(
        resource(type, `iam ${holder} inline ${name}`, { id: `${holder}:${name}`, name, [holderAttr]: holder, policy: policyDocument(p.PolicyDocument) }),
      );
    }
  };
  for (const r of read.roles) {
    const name = r.RoleName ?? "";
    out.push(
      resource("aws_iam_role", `iam role ${name}`, {
        id: name,
        name,
        arn: r.Arn ?? "",
        path: r.Path ?? "/",
        assume_role_policy: policyDocument(r.AssumeRolePolicyDocument),
        permissions_boundary: r.PermissionsBoundary?.PermissionsBoundaryArn ?? "",
      }),
    );
    inline("aws_iam_role_policy", "role", name, r.RolePolicyList ?? []);
    attach(
      "aws_iam_role_policy_attachment",
      "role",
      name,
      (r.AttachedManagedPolicies ?? []).map((a) => a.PolicyArn),
    );
  }
  for (const u of read.users) {
    const name = u.UserName ?? "";
    out.push(resource("aws_iam_user", `iam user ${name}`, { id: name, name, arn: u.Arn ?? "", path: u.Path ?? "/" }));
    inline("aws_iam_user_policy", "user", name, u.UserPolicyList ?? []);
    attach(
      "aws_iam_user_policy_attachment",
      "user",
      name,
      (u.AttachedManagedPolicies ?? []).map((a) => a.PolicyArn),
    );
    if ((u.GroupList ?? []).length > 0) {
      out.push(resource("aws_iam_user_group_membership", `iam user ${name} groups`, { id: `${name}-groups`, user: name, groups: u.GroupList ?? [] }));
    }
  }
  for (const g of read.groups) {
    const name = g.GroupName ?? "";
    out.push(resource("aws_iam_group", `iam group ${name}`, { id: name, name, arn: g.Arn ?? "", path: g.Path ?? "/" }));
    inline("aws_iam_group_policy", "group", name, g.GroupPolicyList ?? []);
    attach(
      "aws_iam_group_policy_attachment",
      "group",
      name,
      (g.AttachedManagedPolicies ?? []).map((a) => a.PolicyArn),
    );
  }
  for (const p of read.policies) {
    out.push(
      resource("aws_iam_policy", `iam policy ${p.Arn ?? p.PolicyName ?? ""}`, {
        id: p.Arn ?? "",
        arn: p.Arn ?? "",
        name: p.PolicyName ?? "",
        path: p.Path ?? "/",
        policy: defaultDocument(p),
      }),
    );
  }
  return out;
}
