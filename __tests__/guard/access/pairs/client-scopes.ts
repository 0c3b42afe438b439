// A client that may now request a scope (issue 9, item 2): the change names the routes requiring that scope
// (Cognito methods, Lambda authorizer route tables, the edge verifier's config) with who passes before and after.
import { only, type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const client = (d: Doc, name: string): Json => only(d, "aws_cognito_user_pool_client", `client-${name}`);

export const CLIENT_SCOPE_PAIRS: Readonly<Record<string, AccessPair>> = {
  "client-scope-added": {
    env: "dev",
    description: "the machine client partner-sync may now request petstore/write, which POST /pets requires",
    mutate: (d) => void (client(d, "partner-sync")["allowed_oauth_scopes"] = ["petstore/read", "petstore/orders", "petstore/write"]),
    blocking: ["client-scopes-added"],
    names: "POST /pets",
    check: [],
  },
  "client-scopes-reordered": {
    env: "dev",
    description: "twin: the web client lists the same scopes in another order, one of them twice",
    mutate: (d) => void (client(d, "web")["allowed_oauth_scopes"] = ["petstore/write", "petstore/read", "email", "openid", "petstore/read"]),
    blocking: [],
    check: [],
  },
};
