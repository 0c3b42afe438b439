// Cognito methods that need access tokens carry scopes, and every scope exists on a resource server.
import { jwtIssuerTarget } from "../../access/jwt-issuer";
import { known, intendedFor, routeFinding, show } from "../../access/lookups";
import type { Rule, RuleFinding } from "../types";
import { routeSubjects } from "../private/subjects";
import type { Model, Route } from "../../model";

/** A Cognito route: COGNITO_USER_POOLS, or an HTTP API's JWT route whose issuer is a user pool of this configuration. */
const isCognitoRoute = (r: Route, model: Model): boolean =>
  r.authorization === "COGNITO_USER_POOLS" ||
  (r.authorization === "JWT" && r.authorizer !== undefined && jwtIssuerTarget(model, r.authorizer).literal === undefined);

export const CognitoScopesExist: Rule = {
  id: "cognito-scopes-exist",
  title: "Cognito methods needing access tokens carry scopes that exist",
  severity: "high",
  rationale:
    "A COGNITO_USER_POOLS method without authorization_scopes accepts ID tokens only; with scopes it requires an " +
    "access token carrying one of them. A route meant for access tokens must list its scopes, and a scope that no " +
    "resource server defines can never be granted (or silently matches a future one).",
  equivalents: {},
  subjects: routeSubjects(isCognitoRoute),
  check(model, policies) {
    const out: RuleFinding[] = [];
    for (const r of model.routes) {
      if (!isCognitoRoute(r, model)) continue;
      const want = intendedFor(policies, r);
      if (want !== undefined && (want.type === "COGNITO" || want.type === "JWT") && want.scopes.length > 0 && known(r.scopes) && r.scopes.length === 0) {
        out.push(
          routeFinding(
            r,
            `${r.routeKey}: the policy needs access tokens (scopes ${want.scopes.join(", ")}) but the method has no authorization_scopes, so it accepts ID tokens`,
            { detail: "id-tokens" },
          ),
        );
      }
      if (!known(r.scopes)) {
        out.push(routeFinding(r, `authorization_scopes ${show(r.scopes)} cannot be checked before apply`, { severity: "medium", detail: "scopes unknown" }));
        continue;
      }
      const defined = new Set<string>();
      let unknownServers = false;
      for (const s of model.resourceServers) {
        if (s.resource.source.stack !== r.resource.source.stack) continue;
        if (known(s.scopes)) s.scopes.forEach((x) => defined.add(x));
        else unknownServers = true;
      }
      for (const scope of r.scopes) {
        if (!defined.has(scope)) {
          out.push(
            routeFinding(
              r,
              `${r.routeKey ?? r.address}: scope "${scope}" is not defined by any resource server of this configuration${unknownServers ? " (some resource servers are known only after apply)" : ""}`,
              { detail: `undefined-scope ${scope}` },
            ),
          );
        }
      }
    }
    return out;
  },
};
