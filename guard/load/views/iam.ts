// IAM: roles with their trust policies, every policy document and the roles it applies to (inline, attached,
// managed, API resource policies), and the Cognito groups that hand roles out. Pure.
import { isUnknown, type IamPolicy, type IamRole, type ResourceInstance, type RestApi, type UserGroup } from "../../model";
import { documentFromDataSource, parsePolicy } from "../iam";
import { blocks } from "../json";
import { str } from "../values";
import type { BuildContext } from "./build-context";

export interface IamViews {
  readonly userGroups: UserGroup[];
  readonly iamRoles: IamRole[];
  readonly iamPolicies: IamPolicy[];
}

export function iamViews(ctx: BuildContext, apis: readonly RestApi[]): IamViews {
  const { resolver, ofType, target, follow } = ctx;
  // IAM
  const roleRes = ofType("aws_iam_role");
  const policyDocs = new Map(ofType("aws_iam_policy_document", "data").map((d) => [d.address, documentFromDataSource(d.values)]));
  /** Parse a policy attribute; a reference to an aws_iam_policy_document data source reads its statements. */
  const policyOf = (r: ResourceInstance, attr: string) => {
    const dataT = target(resolver.resolve(r, attr, ["aws_iam_policy_document"]));
    const doc = dataT === undefined ? undefined : policyDocs.get(dataT.address);
    return doc !== undefined ? { document: doc } : parsePolicy(r.values[attr]);
  };
  const groupRes = ofType("aws_cognito_user_group");
  const groupsByRole = new Map<string, string[]>();
  const userGroups: UserGroup[] = groupRes.map((g) => {
    const pool = follow(g, "user_pool_id", ["aws_cognito_user_pool"]);
    const role = target(resolver.resolve(g, "role_arn", ["aws_iam_role"]));
    if (role !== undefined) groupsByRole.set(role.address, [...(groupsByRole.get(role.address) ?? []), g.address]);
    return {
      address: g.address,
      name: str(g.values["name"]),
      ...(pool !== undefined ? { userPoolAddress: pool.address } : {}),
      ...(role !== undefined ? { roleAddress: role.address } : {}),
      resource: g,
    };
  });
  const iamRoles: IamRole[] = roleRes.map((r) => {
    const trust = policyOf(r, "assume_role_policy");
    return {
      address: r.address,
      name: str(r.values["name"]),
      trustPolicy: trust.document,
      ...(trust.parseError !== undefined ? { trustParseError: trust.parseError } : {}),
      cognitoGroups: groupsByRole.get(r.address) ?? [],
      resource: r,
    };
  });
  const iamPolicies: IamPolicy[] = [];
  const push = (r: ResourceInstance, kind: IamPolicy["kind"], parsed: ReturnType<typeof policyOf>, roles: string[]) =>
    iamPolicies.push({
      address: r.address,
      kind,
      document: parsed.document,
      ...(parsed.parseError !== undefined ? { parseError: parsed.parseError } : {}),
      roleAddresses: roles,
      resource: r,
    });
  for (const r of roleRes) {
    push(r, "role-trust", policyOf(r, "assume_role_policy"), [r.address]);
    for (const ip of blocks(r.values["inline_policy"])) {
      if (ip["policy"] !== undefined && ip["policy"] !== null) push(r, "role-inline", parsePolicy(ip["policy"]), [r.address]);
    }
  }
  // Each attachment resolved once, its role listed under its policy (in attachment order): resolving every
  // attachment again for every policy was quadratic in module instances.
  const rolesByPolicy = new Map<string, string[]>();
  for (const a of ofType("aws_iam_role_policy_attachment")) {
    const policy = target(resolver.resolve(a, "policy_arn", ["aws_iam_policy"]))?.address;
    if (policy === undefined) continue;
    const role = target(resolver.resolve(a, "role", ["aws_iam_role"]))?.address;
    if (role === undefined) continue;
    const list = rolesByPolicy.get(policy);
    if (list === undefined) rolesByPolicy.set(policy, [role]);
    else list.push(role);
  }
  for (const p of ofType("aws_iam_policy")) push(p, "managed", policyOf(p, "policy"), [...(rolesByPolicy.get(p.address) ?? [])]);
  for (const p of ofType("aws_iam_role_policy")) {
    const role = target(resolver.resolve(p, "role", ["aws_iam_role"]));
    push(p, "role-inline", policyOf(p, "policy"), role === undefined ? [] : [role.address]);
  }
  for (const p of ofType("aws_api_gateway_rest_api_policy")) push(p, "api-resource-policy", policyOf(p, "policy"), []);
  for (const a of apis) {
    const pol = a.resource.values["policy"];
    // A computed (unset) policy shows as Unknown without an expression in plans: nothing configured.
    if (typeof pol === "string" ? pol !== "" : isUnknown(pol) && pol.expression !== undefined)
      push(a.resource, "api-resource-policy", policyOf(a.resource, "policy"), []);
  }

  return { userGroups, iamRoles, iamPolicies };
}
