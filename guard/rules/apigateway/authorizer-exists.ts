// CUSTOM, COGNITO and JWT (HTTP API) routes point at an authorizer that exists on the same API.
import { apiKind, authorizerFits, routeFinding, show } from "../../access/context";
import type { Rule, RuleFinding } from "../types";
import { routeSubjects } from "../private/subjects";

export const AuthorizerExists: Rule = {
  id: "authorizer-exists",
  title: "Authorized methods point at an existing authorizer of their API",
  severity: "critical",
  rationale:
    "A CUSTOM or COGNITO_USER_POOLS method whose authorizer_id does not resolve to an authorizer of the same REST " +
    "API either fails to deploy or, worse, is checked by an authorizer the reviewer never saw.",
  equivalents: { kics: ["api_gateway_without_configured_authorizer"] },
  subjects: routeSubjects((r) => r.authorization === "CUSTOM" || r.authorization === "COGNITO_USER_POOLS" || r.authorization === "JWT"),
  check(model) {
    const out: RuleFinding[] = [];
    for (const r of model.routes) {
      if (r.authorization !== "CUSTOM" && r.authorization !== "COGNITO_USER_POOLS" && r.authorization !== "JWT") continue;
      if (r.authorizer === undefined) {
        // A link the plan leaves open (several candidates) is said as such, with them: never as one of them.
        const why = r.unresolved.find((u) => u.attribute === "authorizer_id" && u.reason.includes(" can be any of "));
        out.push(
          routeFinding(
            r,
            why !== undefined
              ? `${r.routeKey ?? r.address}: authorization ${show(r.authorization)}, authorizer not verified: ${why.reason}`
              : `${r.routeKey ?? r.address}: authorization ${show(r.authorization)} but authorizer_id does not resolve to an authorizer`,
          ),
        );
        continue;
      }
      if (r.authorizer.api !== undefined && r.api !== undefined && r.authorizer.api !== r.api) {
        out.push(routeFinding(r, `${r.routeKey ?? r.address}: authorizer ${r.authorizer.address} belongs to another ${apiKind(r.authorizer.api)}`));
      }
      const t = r.authorizer.type;
      if (!authorizerFits(r.authorization, t))
        out.push(routeFinding(r, `${r.routeKey ?? r.address}: authorization ${show(r.authorization)} with an authorizer of type ${show(t)}`));
    }
    return out;
  },
};
