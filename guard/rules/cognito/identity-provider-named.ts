// A federated identity provider on a user pool whose tokens authorize routes is named in the API's policy.
import { apiNameOf, lookupPolicy } from "../../access/lookups";
import { federatedProviders, routesTrustingPool, type FederatedProvider } from "../../access/federation";
import type { Route } from "../../model";
import type { PolicySet } from "../../policy/types";
import { poolFinding } from "../private/pool";
import { userPoolSubjects } from "../private/subjects";
import type { Rule, RuleFinding } from "../types";

/** The APIs (by name) whose policy does not name the provider; an API no single policy speaks for counts. */
function unnamedFor(policies: PolicySet, routes: readonly Route[], provider: FederatedProvider): string[] {
  const apis = new Map<string, Route>();
  for (const r of routes) apis.set(apiNameOf(r) ?? r.address, r);
  const out: string[] = [];
  for (const [api, r] of apis) {
    const l = lookupPolicy(policies, r.apiName);
    const named = l.kind === "one" && (l.effective.policy.identityProviders ?? []).some((p) => p.name === provider.name);
    if (!named) out.push(api);
  }
  return out.sort();
}

export const IdentityProviderNamed: Rule = {
  id: "identity-provider-named",
  title: "Federated identity providers of user pools that authorize routes are named in the policy",
  severity: "high",
  rationale:
    "An identity provider on a user pool (aws_cognito_identity_provider, or a name in an app client's " +
    "supported_identity_providers besides COGNITO) lets its users sign in and receive the pool's tokens: every route " +
    "that accepts those tokens gets a new population of callers, with no change to any route. A multi-tenant provider " +
    "(Google, Facebook, Amazon, Apple, an OIDC issuer such as login.microsoftonline.com/common or accounts.google.com) " +
    "means anyone with such an account (critical). The API's policy must name each provider with a reason " +
    "(`identityProviders: [{name, reason}]`).",
  equivalents: {},
  subjects: userPoolSubjects,
  check(model, policies) {
    const out: RuleFinding[] = [];
    for (const pool of model.userPools) {
      const providers = federatedProviders(model, pool);
      if (providers.length === 0) continue;
      const routes = routesTrustingPool(model, pool);
      if (routes.length === 0) continue;
      for (const p of providers) {
        const apis = unnamedFor(policies, routes, p);
        if (apis.length === 0) continue;
        const who = p.population !== undefined ? `: ${p.population} can sign in and call its routes` : ": its users can sign in and call its routes";
        out.push({
          ...poolFinding(
            pool.resource,
            `federated identity provider ${JSON.stringify(p.name)} (${p.where})${who}, and the policy of ${apis.join(", ")} does not name it in identityProviders`,
            `provider ${p.name} apis=${JSON.stringify([...apis].sort())}`,
          ),
          ...(p.population !== undefined ? { severity: "critical" as const } : {}),
        });
      }
    }
    return out;
  },
};
