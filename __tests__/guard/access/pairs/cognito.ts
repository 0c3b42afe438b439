// Cognito widenings (issue 9, item 2): a pool swap by identity, app clients, flows, callback URLs, triggers,
// users and group memberships created in Terraform; each with a harmless twin.
import { only, nameOf, type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const POOL = "aws_cognito_user_pool";
const CLIENT = "aws_cognito_user_pool_client";

const realPool = (d: Doc): Json => only(d, POOL);
const realPoolRef = (d: Doc, attr: string): string => `\${${POOL}.${nameOf(d, POOL, realPool(d))}.${attr}}`;

/** A second pool under a new logical id: a copy of the real one (same settings), named `name`. */
function addPool(d: Doc, id: string, name: string): string {
  d.resource[POOL][id] = { ...structuredClone(realPool(d)), name };
  return id;
}

/**
 * A new app client, a copy of `web` with the flows the sample synthesizes today (SRP and refresh; the frozen synth
 * predates dropping ALLOW_USER_PASSWORD_AUTH), in the pool `poolId` (logical id).
 */
function addClient(d: Doc, id: string, name: string, poolId: string): void {
  d.resource[CLIENT][id] = {
    ...structuredClone(only(d, CLIENT, "client-web")),
    name,
    user_pool_id: `\${${POOL}.${poolId}.id}`,
    explicit_auth_flows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  };
}

const web = (d: Doc): Json => only(d, CLIENT, "client-web");
const partner = (d: Doc): Json => only(d, CLIENT, "client-partner-sync");
const cognitoAuthorizer = (d: Doc): Json => only(d, "aws_api_gateway_authorizer", "authorizer-cognito");
const FOREIGN_POOL = "arn:aws:cognito-idp:eu-west-1:999999999999:userpool/eu-west-1_Decoy1234";
const FOREIGN_FN = "arn:aws:lambda:eu-west-1:999999999999:function:add-admin-group";

function addUser(d: Doc, group: string): void {
  const pool = nameOf(d, POOL, realPool(d));
  d.resource["aws_cognito_user"] = { mallory: { user_pool_id: `\${${POOL}.${pool}.id}`, username: "mallory@example.net", password: "Corr3ct-Horse-Battery!" } };
  const g = Object.entries(d.resource["aws_cognito_user_group"]).find(([, b]) => b["name"] === group)?.[0];
  d.resource["aws_cognito_user_in_group"] = {
    mallory_in: {
      user_pool_id: `\${${POOL}.${pool}.id}`,
      group_name: `\${aws_cognito_user_group.${g}.name}`,
      username: "${aws_cognito_user.mallory.username}",
    },
  };
}

export const COGNITO_PAIRS: Readonly<Record<string, AccessPair>> = {
  "cognito-pool-decoy-swap": {
    env: "dev",
    description: "a second pool with the same name petstore-dev-users, and the Cognito authorizer now trusts it",
    mutate: (d) => {
      addPool(d, "decoy_pool", "petstore-dev-users");
      cognitoAuthorizer(d)["provider_arns"] = [`\${${POOL}.decoy_pool.arn}`];
    },
    blocking: ["authorizer-pool-changed"],
    names: "GET /pets",
    check: [],
  },
  "cognito-pool-decoy-unused": {
    env: "dev",
    description: "twin: the same decoy pool exists, but the authorizer still trusts the real pool",
    mutate: (d) => void addPool(d, "decoy_pool", "petstore-dev-users"),
    blocking: [],
    check: [],
  },
  "cognito-pool-foreign-arn": {
    env: "dev",
    description: "the Cognito authorizer trusts another account's pool by literal ARN",
    mutate: (d) => void (cognitoAuthorizer(d)["provider_arns"] = [FOREIGN_POOL]),
    blocking: ["authorizer-pool-changed"],
    names: "GET /profile",
    check: ["cognito-authorizer-pool-known"],
  },
  "cognito-pool-same-pool-twice": {
    env: "dev",
    description: "twin: the authorizer lists its own pool twice (still only that pool)",
    mutate: (d) => void (cognitoAuthorizer(d)["provider_arns"] = [realPoolRef(d, "arn"), realPoolRef(d, "arn")]),
    blocking: [],
    check: [],
  },
  "cognito-client-added": {
    env: "dev",
    description: "a new app client web-2 of the trusted pool, able to sign users in and to get petstore/read",
    mutate: (d) => addClient(d, "client_web2", "web-2", nameOf(d, POOL, realPool(d))),
    blocking: ["app-client-added"],
    names: "GET /pets",
    check: [],
  },
  "cognito-client-added-untrusted-pool": {
    env: "dev",
    description: "twin: the same client in a new pool that no route trusts",
    mutate: (d) => addClient(d, "client_web2", "web-2", addPool(d, "other_pool", "petstore-dev-other")),
    blocking: [],
    check: [],
  },
  "cognito-client-implicit-flow": {
    env: "dev",
    description: "the web client may now use the OAuth implicit grant",
    mutate: (d) => void (web(d)["allowed_oauth_flows"] = ["code", "implicit"]),
    blocking: ["app-client-flow-added"],
    names: "GET /pets",
    check: ["app-client-implicit-flow"],
  },
  "cognito-client-flow-removed": {
    env: "dev",
    description: "twin: the web client drops ALLOW_USER_PASSWORD_AUTH (fewer flows)",
    mutate: (d) => void (web(d)["explicit_auth_flows"] = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
    blocking: [],
    check: [],
  },
  "cognito-client-password-auth": {
    env: "dev",
    description:
      "the web client (SRP and refresh only, as the sample synthesizes it today) may now sign users in with ALLOW_USER_PASSWORD_AUTH: the password itself goes to Cognito, from a client without a secret",
    both: (d) => void (web(d)["explicit_auth_flows"] = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
    mutate: (d) => void (web(d)["explicit_auth_flows"] = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
    blocking: ["app-client-flow-added"],
    names: "ALLOW_USER_PASSWORD_AUTH",
    check: ["app-client-password-auth"],
  },
  "cognito-client-admin-password-auth": {
    env: "dev",
    description: "the machine client partner-sync may now sign users in with ADMIN_USER_PASSWORD_AUTH (ID tokens)",
    mutate: (d) => void (partner(d)["explicit_auth_flows"] = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
    blocking: ["app-client-flow-added"],
    names: "GET /profile",
    check: ["app-client-password-auth"],
  },
  "cognito-client-callback-added": {
    env: "dev",
    description: "the web client gets a callback URL on another domain",
    mutate: (d) => void (web(d)["callback_urls"] = [...(web(d)["callback_urls"] as string[]), "https://petstore.example.net.evil.example/cb"]),
    blocking: ["app-client-callback-added"],
    names: "GET /pets",
    check: [],
  },
  "cognito-client-logout-url-changed": {
    env: "dev",
    description: "twin: the web client's logout URL changes (no tokens are sent there)",
    mutate: (d) => void (web(d)["logout_urls"] = ["https://petstore.example.com/bye"]),
    blocking: [],
    check: [],
  },
  "cognito-trigger-added": {
    env: "dev",
    description: "the trusted pool gets a pre-token-generation trigger (a function of the configuration)",
    mutate: (d) => {
      const fn = nameOf(d, "aws_lambda_function", only(d, "aws_lambda_function", "fn-backend"));
      realPool(d)["lambda_config"] = { pre_token_generation: `\${aws_lambda_function.${fn}.arn}` };
    },
    blocking: ["pool-trigger-changed"],
    names: "GET /pets",
    check: [],
  },
  "cognito-trigger-foreign": {
    env: "dev",
    description: "the trusted pool's pre-token-generation trigger is another account's function",
    mutate: (d) => void (realPool(d)["lambda_config"] = { pre_token_generation: FOREIGN_FN }),
    blocking: ["pool-trigger-changed"],
    names: "GET /admin",
    check: ["cognito-trigger-known"],
  },
  "cognito-trigger-untrusted-pool": {
    env: "dev",
    description: "twin: the same trigger on a new pool that no route trusts",
    mutate: (d) => {
      addPool(d, "other_pool", "petstore-dev-other");
      const fn = nameOf(d, "aws_lambda_function", only(d, "aws_lambda_function", "fn-backend"));
      d.resource[POOL]["other_pool"]["lambda_config"] = { pre_token_generation: `\${aws_lambda_function.${fn}.arn}` };
    },
    blocking: [],
    check: [],
  },
  "cognito-user-in-admins": {
    env: "dev",
    description: "a user created in Terraform and added to the admins group (whose role may invoke GET /reports/{reportId})",
    mutate: (d) => addUser(d, "admins"),
    blocking: ["user-created", "user-added-to-group"],
    names: "GET /reports/{reportId}",
    check: ["cognito-user-in-access-group"],
  },
  "cognito-user-untrusted-pool": {
    env: "dev",
    description: "twin: a test user in a new pool that no route trusts, in no group",
    mutate: (d) => {
      addPool(d, "other_pool", "petstore-dev-other");
      d.resource["aws_cognito_user"] = { tester: { user_pool_id: `\${${POOL}.other_pool.id}`, username: "tester@example.com" } };
    },
    blocking: [],
    check: [],
  },
};
