// IAM role policy attachments (aws_iam_role_policy_attachment): the roles each managed policy is attached to. Pure.
import type { BuildContext } from "../build-context";

/**
 * Policy address -> role addresses, in attachment order. Each attachment is resolved once: resolving every
 * attachment again for every policy was quadratic in module instances.
 */
export function rolesByPolicy(ctx: BuildContext): ReadonlyMap<string, string[]> {
  const { resolver, target } = ctx;
  const byPolicy = new Map<string, string[]>();
  for (const a of ctx.ofType("aws_iam_role_policy_attachment")) {
    const policy = target(resolver.resolve(a, "policy_arn", ["aws_iam_policy"]))?.address;
    if (policy === undefined) continue;
    const role = target(resolver.resolve(a, "role", ["aws_iam_role"]))?.address;
    if (role === undefined) continue;
    const list = byPolicy.get(policy);
    if (list === undefined) byPolicy.set(policy, [role]);
    else list.push(role);
  }
  return byPolicy;
}
