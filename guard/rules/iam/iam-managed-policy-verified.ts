// Managed policies attached to roles are ones the model knows (or defined in the configuration).
import { iamAccess } from "../../access/iam";
import type { Rule, RuleFinding } from "../types";

export const IamManagedPolicyVerified: Rule = {
  id: "iam-managed-policy-verified",
  title: "Attached managed policies can be verified",
  severity: "medium",
  rationale:
    "A managed policy ARN attached by name (managed_policy_arns, a policy attachment) whose document is neither in " +
    "the configuration nor in the table of AWS managed policies the check knows may grant execute-api:Invoke or " +
    "anything else. It is reported as not verified, never assumed harmless.",
  equivalents: {},
  check(model) {
    const out: RuleFinding[] = [];
    for (const role of iamAccess(model).roles) {
      for (const arn of role.unverifiedManaged) {
        out.push({
          address: role.address,
          detail: `managed ${arn}`,
          message: `role ${role.name}: managed policy ${arn} not verified (unknown document)`,
          file: role.resource.source.file,
        });
      }
    }
    return out;
  },
};
