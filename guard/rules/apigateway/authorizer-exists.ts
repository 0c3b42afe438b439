// CUSTOM, COGNITO and JWT (HTTP API) routes point at an authorizer that exists on the same API.
import { apiKind, authorizerFits, plain, routeFinding, show } from "../../access/lookups";
import type { Rule, RuleFinding } from "../types";
import { authorizerProblem, needsAuthorizer } from "../private/route-authorizer-problems";
import { routeSubjects } from "../private/subjects";

export const AuthorizerExists: Rule = {
  id: "authorizer-exists",
  title: "Authorized methods point at an existing authorizer of their API",
  severity: "critical",
  rationale:
    "A CUSTOM or COGNITO_USER_POOLS method whose authorizer_id does not resolve to an authorizer of the same REST " +
    "API either fails to deploy or, worse, is checked by an authorizer the reviewer never saw.",
  equivalents: { kics: ["api_gateway_without_configured_authorizer"] },
  subjects: routeSubjects(needsAuthorizer),
  check(model) {
    const out: RuleFinding[] = [];
    for (const r of model.routes) {
      if (!needsAuthorizer(r)) continue;
      if (r.authorizer === undefined) {
        // A link the plan leaves open (several candidates) is said as such, with them: never as one of them. This
        // is the one finding for the cause: unresolved-reference leaves the route's authorizer_id to this rule.
        const why = authorizerProblem(r);
        const head = `${r.routeKey ?? r.address}: authorization ${show(r.authorization)}`;
        out.push(
          routeFinding(
            r,
            why === undefined
              ? `${head} but authorizer_id does not resolve to an authorizer`
              : why.reason.includes(" can be any of ")
                ? `${head}, authorizer not verified: ${why.reason}`
                : `${head} but authorizer_id does not resolve to an authorizer: ${why.reason}`,
            { detail: "unresolved" },
          ),
        );
        continue;
      }
      if (r.authorizer.api !== undefined && r.api !== undefined && r.authorizer.api !== r.api) {
        out.push(
          routeFinding(r, `${r.routeKey ?? r.address}: authorizer ${r.authorizer.address} belongs to another ${apiKind(r.authorizer.api)}`, {
            detail: `other-api ${r.authorizer.address}`,
          }),
        );
      }
      const t = r.authorizer.type;
      if (!authorizerFits(r.authorization, t))
        out.push(
          routeFinding(r, `${r.routeKey ?? r.address}: authorization ${show(r.authorization)} with an authorizer of type ${show(t)}`, {
            detail: `type-mismatch ${plain(r.authorization)} ${plain(t)}`,
          }),
        );
    }
    return out;
  },
};
