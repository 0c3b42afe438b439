// The SSM parameters a function's execution role may read: the edge verifier's runtime configuration, which
// decides routes as much as its code does. Pure: Model in.
import { isUnknown, type Model, type ResourceInstance } from "../model";
import { resourceAt } from "./reference-identity";

/** The SSM parameters a function's execution role may read: the edge verifier's runtime configuration. */
export function parametersReadBy(model: Model, fn: ResourceInstance): ResourceInstance[] {
  const stack = fn.source.stack;
  const roleText = fn.values["role"];
  const role = /aws_iam_role\.([\w-]+)\./.exec(isUnknown(roleText) ? (roleText.expression ?? "") : String(roleText ?? ""))?.[1];
  if (role === undefined) return [];
  const roleAddress = `aws_iam_role.${role}`;
  const out = new Map<string, ResourceInstance>();
  for (const p of model.iamPolicies) {
    if (p.resource.source.stack !== stack || !p.roleAddresses.includes(roleAddress)) continue;
    const text = JSON.stringify(p.resource.values["policy"] ?? p.resource.values["inline_policy"] ?? "");
    if (!text.includes("ssm:")) continue;
    for (const m of text.matchAll(/aws_ssm_parameter\.([\w-]+)\./g)) {
      const param = resourceAt(model, stack, `aws_ssm_parameter.${m[1]}`);
      if (param !== undefined) out.set(param.address, param);
    }
  }
  return [...out.values()];
}
