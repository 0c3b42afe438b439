// The kinds of the Cognito comparer (cognito.ts): which pool, which clients, which users.
import { defineKinds } from "../kind-catalogue";

export const COGNITO_KINDS = defineKinds({
  "app-client-added": {
    severity: "blocking",
    title: "app client added",
    explanation: "a new app client of a trusted pool that can obtain a token some route accepts",
  },
  "client-scopes-added": {
    severity: "blocking",
    title: "client scope added",
    explanation:
      "a client may now request a scope that some route it did not pass requires (any one of a route's scopes suffices): `COGNITO` methods, `CUSTOM` routes whose route table and `EDGE` routes whose edge config require it, never routes restricted to other clients; the message says per route who passes before → after (*access tokens of pool petstore-dev-users with scope petstore/write from clients web → … from clients partner-sync, web*). The same definition (`routesOfClient`) names the routes of a new client; a route whose requirement cannot be read counts as passed by every client",
  },
  "client-scopes-added-no-route": {
    severity: "info",
    title: "client scope added, no route",
    explanation: "a client may now request a scope that no route it did not already pass requires",
  },
  "app-client-flow-added": {
    severity: "blocking",
    title: "sign-in flow added",
    explanation: "a client gets a new OAuth flow (e.g. `implicit`) or explicit auth flow (e.g. `ALLOW_USER_PASSWORD_AUTH`, `ALLOW_ADMIN_USER_PASSWORD_AUTH`)",
  },
  "app-client-callback-added": {
    severity: "blocking",
    title: "callback URL added",
    explanation: "a client gets a new callback URL (authorization codes and tokens are sent there)",
  },
  "pool-trigger-changed": {
    severity: "blocking",
    title: "pool trigger changed",
    explanation:
      "a trusted pool's Lambda trigger (pre-token-generation and the others) is added or points at another function: it can add groups and scopes to every token",
  },
  "user-added-to-group": {
    severity: "blocking",
    title: "user added to group",
    explanation: "a membership created in Terraform puts a user in a group whose role invokes a route or that a Lambda authorizer requires",
  },
  "user-created": {
    severity: "blocking",
    title: "user created",
    explanation: "a user created in Terraform in a trusted pool (a signed-in user passes every route that requires no group)",
  },
  "cognito-change-no-route": {
    severity: "info",
    title: "Cognito change, no route",
    explanation: "a new flow, callback URL, trigger, membership or user whose tokens no route accepts",
  },
});
