// Roles of Cognito groups trust named principals only; identity-pool trust carries aud and amr conditions.
import { isUnknown, type PolicyStatement } from "../../model";
import { known, show } from "../../access/lookups";
import type { Rule, RuleFinding } from "../types";
import { groupRoleSubjects } from "../private/subjects";

const COGNITO_IDENTITY = "cognito-identity.amazonaws.com";

/**
 * Whether a condition on `key` closes the trust: a positive string operator (no Not, no IfExists: an absent
 * key would pass) whose values all satisfy `ok`. Having the key with any value is not enough (`amr =
 * unauthenticated`, `aud` like `*`). A value known only after apply closes it only when `okUnknown` says its
 * reference does; otherwise the condition is "unknown" (not verified), never closed.
 */
function closes(s: PolicyStatement, key: string, ok: (v: string) => boolean, okUnknown: (expression: string) => boolean): "closed" | "open" | "unknown" {
  let unknown = false;
  for (const c of s.conditions) {
    const op = c.operator.toLowerCase();
    if (c.key.toLowerCase() !== key || !op.includes("string") || op.includes("not") || op.includes("ifexists") || c.values.length === 0) continue;
    if (c.values.every((v) => (typeof v === "string" ? ok(v) : okUnknown(v.expression ?? "")))) return "closed";
    if (c.values.some(isUnknown)) unknown = true;
  }
  return unknown ? "unknown" : "open";
}
const noWildcard = (v: string): boolean => v !== "" && !/[*?]/.test(v);
// A plan's aud value known only after apply: the id of an identity pool of the configuration (followed through modules).
const identityPoolId = (expression: string): boolean => /^(module\.[\w-]+(\[[^\]]*\])?\.)*aws_cognito_identity_pool\.[\w-]+(\[[^\]]*\])?\.id$/.test(expression);
const never = (): boolean => false;
// A plan carries no text of a string that interpolates a value known only after apply (a heredoc, jsonencode): the
// whole document is unknown there, while a data source's statements are shown with only their unknown parts marked.
const PLAN_HINT =
  ": a plan shows none of a policy string that interpolates a value known only after apply (heredoc, jsonencode); written as an aws_iam_policy_document data source, its statements are judged and only the unknown parts are not verified";
const shown = (ids: readonly unknown[]): string => ids.map((id) => (isUnknown(id) ? (id.expression ?? "(known after apply)") : String(id))).join(", ");

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
          detail: "trust-policy unknown",
          message: `trust policy ${show(role.trustPolicy)} cannot be checked before apply${role.trustParseError !== undefined ? `: ${role.trustParseError}` : PLAN_HINT}`,
          file,
        });
        continue;
      }
      // Judged statement by statement: what is known is judged, only a statement whose principal is unknown is
      // not verified (a plan shows an aws_iam_policy_document's statements with their unknown parts marked).
      role.trustPolicy.statements.forEach((s, i) => {
        if (s.effect !== "Allow") return;
        const statement = s.sid !== undefined && s.sid !== "" ? `statement ${s.sid}` : `statement ${i + 1}`;
        const unknownIds = s.principals.flatMap((p) => p.ids.filter(isUnknown));
        if (unknownIds.length > 0) {
          out.push({
            address: role.address,
            detail: `${statement} principal unknown`,
            message: `trust policy ${statement}: principal ${shown(unknownIds)} is known only after apply: not verified`,
            file,
          });
          return;
        }
        for (const p of s.principals) {
          if (p.ids.some((id) => id === "*"))
            out.push({
              address: role.address,
              detail: `${statement} principal ${p.type}:*`,
              message: `trust policy allows principal ${p.type === "*" ? '"*"' : `${p.type}: "*"`}`,
              file,
            });
          if (p.type === "Federated" && p.ids.includes(COGNITO_IDENTITY)) {
            const aud = closes(s, `${COGNITO_IDENTITY}:aud`, noWildcard, identityPoolId);
            if (aud !== "closed")
              out.push({
                address: role.address,
                detail: `${statement} aud ${aud}`,
                message:
                  aud === "unknown"
                    ? `${COGNITO_IDENTITY} trust: the ${COGNITO_IDENTITY}:aud condition's value is known only after apply and names no identity pool: not verified`
                    : `${COGNITO_IDENTITY} trust without a ${COGNITO_IDENTITY}:aud condition naming the identity pool (any identity pool)`,
                file,
              });
            const amr = closes(s, `${COGNITO_IDENTITY}:amr`, (v) => v === "authenticated", never);
            if (amr !== "closed")
              out.push({
                address: role.address,
                detail: `${statement} amr ${amr}`,
                message:
                  amr === "unknown"
                    ? `${COGNITO_IDENTITY} trust: the ${COGNITO_IDENTITY}:amr condition's value is known only after apply: not verified`
                    : `${COGNITO_IDENTITY} trust without a ${COGNITO_IDENTITY}:amr condition requiring "authenticated" (unauthenticated identities)`,
                file,
              });
          }
        }
      });
    }
    return out;
  },
};
