// Roles of Cognito groups trust named principals only; identity-pool trust carries aud and amr conditions.
import { isUnknown, type PolicyStatement } from "../../model";
import { known, show } from "../../access/lookups";
import type { Rule, RuleFinding } from "../types";
import { groupRoleSubjects } from "../private/subjects";

const COGNITO_IDENTITY = "cognito-identity.amazonaws.com";

/**
 * Whether a condition on `key` closes the trust: a positive string operator (no Not, no IfExists: an absent
 * key would pass) whose known values all satisfy `ok`. Having the key with any value is not enough
 * (`amr = unauthenticated`, `aud` like `*`).
 */
function closes(s: PolicyStatement, key: string, ok: (v: string) => boolean): boolean {
  return s.conditions.some((c) => {
    const op = c.operator.toLowerCase();
    if (c.key.toLowerCase() !== key || !op.includes("string") || op.includes("not") || op.includes("ifexists")) return false;
    return c.values.length > 0 && c.values.every((v) => typeof v === "string" && ok(v));
  });
}
const noWildcard = (v: string): boolean => v !== "" && !/[*?]/.test(v);

export const CognitoGroupRoleTrust: Rule = {
  id: "cognito-group-role-trust",
  title: "Cognito group roles have a closed trust policy",
  severity: "critical",
  rationale:
    "A group's role carries the group's AWS permissions. A trust policy open to `*` lets any AWS principal assume " +
    "it; a cognito-identity federated trust without `aud` (the identity pool) and `amr` (authenticated) conditions " +
    "lets identities of any identity pool, or unauthenticated ones, assume it.",
  equivalents: {},
  subjects: groupRoleSubjects,
  check(model) {
    const out: RuleFinding[] = [];
    for (const role of model.iamRoles) {
      if (role.cognitoGroups.length === 0) continue;
      const file = role.resource.source.file;
      if (!known(role.trustPolicy)) {
        out.push({
          address: role.address,
          message: `trust policy ${show(role.trustPolicy)} cannot be checked before apply${role.trustParseError !== undefined ? `: ${role.trustParseError}` : ""}`,
          file,
        });
        continue;
      }
      for (const s of role.trustPolicy.statements) {
        if (s.effect !== "Allow") continue;
        for (const p of s.principals) {
          const open = p.type === "*" || p.ids.some((id) => id === "*" || isUnknown(id));
          if (open && p.ids.some((id) => id === "*"))
            out.push({ address: role.address, message: `trust policy allows principal ${p.type === "*" ? '"*"' : `${p.type}: "*"`}`, file });
          if (p.type === "Federated" && p.ids.includes(COGNITO_IDENTITY)) {
            if (!closes(s, `${COGNITO_IDENTITY}:aud`, noWildcard))
              out.push({
                address: role.address,
                message: `${COGNITO_IDENTITY} trust without a ${COGNITO_IDENTITY}:aud condition naming the identity pool (any identity pool)`,
                file,
              });
            if (!closes(s, `${COGNITO_IDENTITY}:amr`, (v) => v === "authenticated"))
              out.push({
                address: role.address,
                message: `${COGNITO_IDENTITY} trust without a ${COGNITO_IDENTITY}:amr condition requiring "authenticated" (unauthenticated identities)`,
                file,
              });
          }
        }
      }
    }
    return out;
  },
};
