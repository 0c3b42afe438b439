// A user pool whose tokens authorize routes lets only administrators create users (no self sign-up).
import { clientAccess, trustedPools } from "../../access/cognito";
import { rolesForUsersOf } from "../../access/identity-pools";
import { isUnexpandedLocal, known, show } from "../../access/lookups";
import { sameTarget, targetOf } from "../../access/reference-identity";
import type { Model, Route, UserPool } from "../../model";
import { poolFinding } from "../private/pool";
import { userPoolSubjects } from "../private/subjects";
import type { Rule, RuleFinding } from "../types";

/** Routes whose Cognito authorizer trusts the pool, or whose JWT authorizer's issuer is the pool. */
function routesAuthorizedBy(model: Model, pool: UserPool): Route[] {
  const target = targetOf(model, pool.resource);
  return model.routes.filter(
    (r) =>
      (r.authorization === "COGNITO_USER_POOLS" || r.authorization === "JWT") &&
      r.authorizer !== undefined &&
      r.resource.source.stack === pool.resource.source.stack &&
      trustedPools(model, r.authorizer).some((t) => sameTarget(t, target)),
  );
}

/**
 * Routes that may be authorized by the pool: their authorizer (same stack) trusts only local values the input does not
 * expand, which may name this pool or any other. Never a pass: such a pool with open sign-up is reported, "may".
 */
function routesPossiblyAuthorizedBy(model: Model, pool: UserPool): Route[] {
  return model.routes.filter((r) => {
    if ((r.authorization !== "COGNITO_USER_POOLS" && r.authorization !== "JWT") || r.authorizer === undefined) return false;
    if (r.resource.source.stack !== pool.resource.source.stack) return false;
    const trusted = trustedPools(model, r.authorizer);
    return trusted.length > 0 && trusted.every((t) => t.literal !== undefined && isUnexpandedLocal(t.label));
  });
}

/**
 * Routes a self-registered user can call: one without scopes takes any ID token of the pool (COGNITO) or any token
 * for its audience (JWT); one with scopes, when an app client of the pool hands those scopes to signed-in users
 * (OAuth code or implicit flow). Scopes known only after apply count as reachable: fail closed.
 */
function reachableBySignUp(model: Model, pool: UserPool, routes: readonly Route[]): Route[] {
  const target = targetOf(model, pool.resource);
  const userScopes = new Set(
    clientAccess(model)
      .filter((c) => c.pool !== undefined && sameTarget(c.pool, target) && c.oauthFlows.some((f) => f === "code" || f === "implicit"))
      .flatMap((c) => c.scopes),
  );
  return routes.filter((r) => !known(r.scopes) || r.scopes.length === 0 || r.scopes.some((s) => userScopes.has(s)));
}

const routeNames = (routes: readonly Route[]): string[] => [
  ...new Set(routes.map((r) => `${r.api !== undefined && known(r.api.name) ? `${r.api.name} ` : ""}${r.routeKey ?? r.address}`)),
];

/** What anyone who registers gets, as a finding's detail: one more route or role is another finding, not the accepted one. */
const reach = (what: string, names: readonly string[]): string => `${what} ${JSON.stringify([...names].sort())}`;

const named = (routes: readonly Route[]): string => {
  const keys = routeNames(routes);
  return keys.length > 4 ? `${keys.slice(0, 4).join(", ")} and ${keys.length - 4} more` : keys.join(", ");
};

export const UserPoolSelfSignUp: Rule = {
  id: "user-pool-self-sign-up",
  title: "User pools whose tokens authorize routes or buy AWS credentials allow no self sign-up",
  severity: "high",
  rationale:
    "admin_create_user_config.allow_admin_create_user_only defaults to false: anyone who knows an app client id (it is " +
    "in every web page that signs users in) can call SignUp, confirm, sign in and call every route that accepts any " +
    "token of the pool. Worst on routes without scopes (any ID token passes); routes whose scopes only " +
    "client_credentials clients can obtain are not reachable that way, which leaves the open sign-up medium. An identity " +
    "pool that hands the pool's signed-in users a role gives whoever registers that role's AWS credentials (high), " +
    "whatever routes the pool authorizes. An authorizer that names its pool only through a local value (a plan " +
    'carries no locals) may name any pool of its stack: such routes count for every pool with open sign-up ("may call").',
  // cdk-nag's Cognito rules (COG1-COG8) judge passwords, MFA, threat protection and unauthenticated identities,
  // checkov, KICS and trivy nothing about sign-up: no peer has this check.
  equivalents: {},
  subjects: userPoolSubjects,
  check(model) {
    const out: RuleFinding[] = [];
    for (const pool of model.userPools) {
      const adminOnly = pool.settings.adminCreateUserOnly;
      if (adminOnly === true) continue;
      const routes = routesAuthorizedBy(model, pool);
      // An identity pool that hands its users of this pool a role sells AWS credentials to whoever registers.
      const credentials = rolesForUsersOf(model, pool.resource);
      const possibly = routes.length === 0 && credentials.length === 0 ? reachableBySignUp(model, pool, routesPossiblyAuthorizedBy(model, pool)) : [];
      if (routes.length === 0 && credentials.length === 0 && possibly.length === 0) continue;
      const reachable = reachableBySignUp(model, pool, routes);
      const setting = known(adminOnly)
        ? "self sign-up is open (admin_create_user_config.allow_admin_create_user_only is not true)"
        : `self sign-up may be open (admin_create_user_config.allow_admin_create_user_only is ${show(adminOnly)})`;
      const finding = poolFinding(pool.resource, setting);
      const roles = credentials.map((c) => `role ${c.roles.join(", role ")} through identity pool ${c.identityPool}`).join("; ");
      if (possibly.length > 0) {
        const locals = [...new Set(possibly.flatMap((r) => (r.authorizer === undefined ? [] : trustedPools(model, r.authorizer).map((t) => t.label))))];
        out.push({
          ...finding,
          message:
            `${finding.message}: anyone can register and may call ${named(possibly)}: its authorizers trust ${locals.join(", ")}, ` +
            "local values this input does not expand, so whether they name this pool is not verified",
          detail: reach("may-call", routeNames(possibly)),
        });
      } else if (routes.length === 0) {
        out.push({
          ...finding,
          message: `${finding.message}: anyone can register and obtain the AWS credentials of ${roles}`,
          detail: reach(
            "credentials",
            credentials.flatMap((c) => c.roles.map((r) => `${r} via ${c.identityPool}`)),
          ),
        });
      } else if (reachable.length > 0) {
        out.push({
          ...finding,
          message: `${finding.message}: anyone can register and call ${named(reachable)}`,
          detail: reach("calls", routeNames(reachable)),
        });
      } else {
        out.push({
          ...finding,
          message: `${finding.message}: anyone can register, though the routes it authorizes (${named(routes)}) need scopes no client hands to signed-in users`,
          severity: "medium",
          detail: reach("scoped-out", routeNames(routes)),
        });
      }
    }
    return out;
  },
};
