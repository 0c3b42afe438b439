// No identity pool hands unauthenticated identities a role that can invoke an AWS_IAM route.
import { identityCallers } from "../../access/identity-pools";
import type { Rule, RuleFinding } from "../types";

export const IdentityPoolUnauthenticatedInvoke: Rule = {
  id: "identity-pool-unauthenticated-invoke",
  title: "Unauthenticated identity-pool identities cannot invoke AWS_IAM routes",
  severity: "critical",
  rationale:
    "An identity pool that allows unauthenticated identities gives AWS credentials of its unauthenticated role " +
    "to anyone who asks, with no sign-in. If that role's policies cover an AWS_IAM route, the route is public: " +
    "SigV4 only proves the caller holds the credentials. A role that is not part of this configuration cannot " +
    "be verified and counts as able to invoke.",
  equivalents: {},
  check(model) {
    const out: RuleFinding[] = [];
    for (const { route, callers } of identityCallers(model)) {
      for (const c of callers.filter((x) => x.audience === "unauthenticated")) {
        out.push({
          address: c.identityPoolAddress,
          ...(typeof route.apiName === "string" ? { api: route.apiName } : {}),
          ...(route.routeKey !== undefined ? { route: route.routeKey } : {}),
          detail: `role ${c.role}`,
          message: `${c.callers} get role ${c.role}, which can invoke ${route.routeKey ?? route.address}`,
          file: route.resource.source.file,
        });
      }
    }
    return out;
  },
};
