// IAM grants of execute-api:Invoke name specific methods, never every API or a whole API by wildcard, and reach no
// deeper than their routes (a `*` that crosses `/` is denied below the route).
import { globMatch } from "../../policy/match";
import type { PolicyStatement } from "../../model";
import { known, plain, show } from "../../access/lookups";
import { allowedCallers, breadth, callersLeftByDeny, grantsInvoke, mayGrantInvoke, toEveryone } from "../../access/iam-statements";
import { invokeDenies, rolesAt, uncoveredDeeperGlobs } from "../private/invoke-depth";
import type { Rule, RuleFinding } from "../types";

const narrowsCallers = (s: PolicyStatement): boolean => {
  const read = allowedCallers(s);
  return "constraints" in read && read.constraints.length > 0;
};

/** A Deny to everyone in the same document that leaves only one class of callers on `res` (or everything). */
const narrowedByDeny = (statements: readonly PolicyStatement[], res: unknown): boolean =>
  statements.some((d) => toEveryone(d) && callersLeftByDeny(d) !== undefined && d.resources.some((x) => x === res || x === "*" || x === "execute-api:/*"));

export const ExecuteApiInvokeScoped: Rule = {
  id: "execute-api-invoke-scoped",
  title: "execute-api:Invoke grants are scoped to methods and reach no deeper than their routes",
  severity: "critical",
  rationale:
    'With AWS_IAM authorization the IAM policy is the access decision. `Resource: "*"` lets the role call every ' +
    "API in the account, and `<api>/*` every method of this one, including methods added later that the reviewer " +
    "never saw. Whole-API grants need an explicit allowance in the policy. IAM's `*` also crosses `/`: the grant " +
    "`GET/reports/*` for `GET /reports/{id}` also reaches `/reports/{id}/secret` added later for someone else, unless " +
    "a Deny covers `GET/reports/*/*` (what the constructs generate).",
  equivalents: {},
  check(model, policies) {
    const allowed = policies.policies.flatMap((p) => p.allowWholeApiInvoke);
    const out: RuleFinding[] = [];
    for (const p of model.iamPolicies) {
      if (p.kind === "role-trust") continue;
      const file = p.resource.source.file;
      if (!known(p.document)) {
        if (mayGrantInvoke(p))
          out.push({
            address: p.address,
            detail: "document unknown",
            message: `policy document ${show(p.document)} is known only after apply and may grant execute-api:Invoke`,
            file,
            severity: "medium",
          });
        continue;
      }
      const roleNames = rolesAt(model, p.roleAddresses)
        .map((r) => r.name)
        .filter(known);
      const denies = invokeDenies(model, p);
      const isAllowed = (res: string) => allowed.some((pat) => globMatch(pat, res) || globMatch(pat, p.address) || roleNames.some((n) => globMatch(pat, n)));
      for (const s of p.document.statements) {
        if (!grantsInvoke(s)) continue;
        if (s.notResources.length > 0)
          out.push({
            address: p.address,
            detail: `not-resource ${JSON.stringify(s.notResources.map(plain).sort())}`,
            message: `execute-api:Invoke with NotResource grants every other API method`,
            file,
          });
        // A resource policy's Allow narrowed by conditions the check reads (a VPC endpoint, an address range, an
        // organisation) admits those callers only; who they are is judged per route (guard/access/resource-policy.ts).
        if (p.kind === "api-resource-policy" && narrowsCallers(s)) continue;
        for (const res of s.resources) {
          // A resource policy's `execute-api:/...` names the API it is attached to, never every API.
          const shorthand = p.kind === "api-resource-policy" && typeof res === "string" && res.startsWith("execute-api:/");
          const b = shorthand ? breadth(`arn:aws:execute-api:region:account:this-api/${res.slice("execute-api:/".length)}`) : breadth(res);
          if (shorthand && b === "scoped") continue;
          // The documented pattern: Allow everyone, Deny everyone outside one VPC endpoint, VPC or range on the same resources.
          if (p.kind === "api-resource-policy" && narrowedByDeny(p.document.statements, res)) continue;
          if (b === "any-api")
            out.push({ address: p.address, detail: `any-api ${plain(res)}`, message: `execute-api:Invoke on ${show(res)} reaches every API`, file });
          else if (b === "whole-api" && !isAllowed(known(res) ? res : ""))
            out.push({
              address: p.address,
              detail: `whole-api ${plain(res)}`,
              message: `execute-api:Invoke on ${show(res)} covers a whole API; list it in allowWholeApiInvoke if intended`,
              file,
            });
          else if (b === "scoped" && known(res)) {
            const deeper = uncoveredDeeperGlobs(model, res, denies);
            if (deeper.length > 0) {
              out.push({
                address: p.address,
                detail: `deeper ${plain(res)} ${JSON.stringify([...deeper].sort())}`,
                message: `execute-api:Invoke on ${show(res)} also reaches deeper paths than its route (IAM's * crosses "/"): deny ${deeper.map((g) => show(g)).join(", ")} or grant exact ARNs`,
                file,
                severity: "high",
              });
            }
          }
        }
      }
    }
    return out;
  },
};
