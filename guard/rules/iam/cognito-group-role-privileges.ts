// Roles Cognito hands out (to a group's members, or through an identity pool to its users) carry no iam:PassRole,
// `*` actions, every-API invoke, admin policies or the API Gateway and Cognito control planes.
import { iamAccess } from "../../access/iam";
import { identityPools } from "../../access/identity-pools";
import type { Rule, RuleFinding } from "../types";

export const CognitoGroupRolePrivileges: Rule = {
  id: "cognito-group-role-privileges",
  title: "Roles Cognito hands out hold no privilege-escalating permissions",
  severity: "critical",
  rationale:
    "A group's role credentials are handed to every member of the group (the group-role function, an identity " +
    "pool), and an identity pool's authenticated (or unauthenticated) role to every user it admits. `iam:PassRole`, " +
    "`*` actions, NotAction grants, AdministratorAccess or PowerUserAccess, execute-api:Invoke on every API, the API " +
    "Gateway control plane, or the Cognito control planes (changing identity pools and the roles they hand out, " +
    "creating users and group members) turn a signed-in user into an administrator of the account, the API or its " +
    "identities.",
  equivalents: {},
  check(model) {
    const out: RuleFinding[] = [];
    const handed = new Map<string, string[]>();
    for (const pool of identityPools(model)) {
      for (const h of pool.handed) {
        if (h.roleAddress === undefined) continue;
        const key = `${pool.stack}::${h.roleAddress}`;
        handed.set(key, [...(handed.get(key) ?? []), h.callers]);
      }
    }
    for (const role of iamAccess(model).roles) {
      const callers = [...new Set(handed.get(`${role.resource.source.stack}::${role.address}`) ?? [])].sort();
      if (role.groups.length === 0 && callers.length === 0) continue;
      const whose = role.groups.length > 0 ? `of Cognito group ${role.groups.join(", ")}` : `handed to ${callers.join("; ")}`;
      for (const p of role.privileges) {
        // The privilege is its own detail (privilegesOf's words name the action and resource); who holds it is in the message.
        out.push({ address: role.address, detail: `holds ${p} ${whose}`, message: `role ${role.name} ${whose} holds ${p}`, file: role.resource.source.file });
      }
    }
    return out;
  },
};
