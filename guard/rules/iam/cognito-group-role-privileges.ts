// Roles handed to Cognito group members carry no iam:PassRole, `*` actions, every-API invoke or admin policies.
import { iamAccess } from "../../access/iam";
import type { Rule, RuleFinding } from "../types";

export const CognitoGroupRolePrivileges: Rule = {
  id: "cognito-group-role-privileges",
  title: "Cognito group roles hold no privilege-escalating permissions",
  severity: "critical",
  rationale:
    "A group's role credentials are handed to every member of the group (the group-role function, an identity " +
    "pool). `iam:PassRole`, `*` actions, NotAction grants, AdministratorAccess or PowerUserAccess, execute-api:Invoke " +
    "on every API, or the API Gateway control plane turn a signed-in user into an administrator of the account or API.",
  equivalents: {},
  check(model) {
    const out: RuleFinding[] = [];
    for (const role of iamAccess(model).roles) {
      if (role.groups.length === 0) continue;
      for (const p of role.privileges) {
        out.push({
          address: role.address,
          message: `role ${role.name} of Cognito group ${role.groups.join(", ")} holds ${p}`,
          file: role.resource.source.file,
        });
      }
    }
    return out;
  },
};
