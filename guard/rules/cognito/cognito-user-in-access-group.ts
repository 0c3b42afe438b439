// Users are not put into groups that grant access from Terraform.
import { groupGrantsAccess, memberships } from "../../access/cognito";
import type { Rule } from "../types";

export const CognitoUserInAccessGroup: Rule = {
  id: "cognito-user-in-access-group",
  title: "No Cognito user is added to a group that grants access in Terraform",
  severity: "high",
  rationale:
    "A group that hands out an IAM role or that a Lambda authorizer requires is an access grant. A membership created " +
    "in Terraform grants it from a pull request, and the user's password ends up in the Terraform state.",
  equivalents: {},
  check: (model) =>
    memberships(model)
      .filter((m) => groupGrantsAccess(model, m))
      .map((m) => ({
        address: m.address,
        // The user and the group: the same membership moved to another group or user is another finding.
        detail: `${m.username} in ${m.group}`,
        message: `user ${m.username} is added to group ${m.group}${m.pool !== undefined ? ` of pool ${m.pool.label}` : ""}, which grants access`,
        file: model.resources.find((r) => r.address === m.address)?.source.file,
      })),
};
