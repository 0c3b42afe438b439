// The kinds of the identity-pool comparer (identity-pools.ts): credentials for AWS_IAM routes.
import { defineKinds } from "../kind-catalogue";

export const IDENTITY_POOL_KINDS = defineKinds({
  "identity-pool-unauthenticated-invoke": {
    severity: "blocking",
    title: "unauthenticated identities invoke",
    explanation:
      "unauthenticated identities now get a role that can invoke the route (unauthenticated identities enabled, or the unauthenticated role changed or widened)",
  },
  "identity-pool-provider-added": {
    severity: "blocking",
    title: "login provider added",
    explanation: "a login provider the pool did not admit now gets a role that can invoke the route",
  },
  "identity-pool-role-mapping-widened": {
    severity: "blocking",
    title: "role mapping widened",
    explanation:
      "a role that can invoke the route is handed to more users: the authenticated role, a mapping rule's claim or value, token mapping, or a new pool",
  },
});
