// Fixtures of the Cognito rules (user pools, app clients, the pools authorizers trust). Written to
// <rule-id>/{fail,pass}.tf.json by ../generate.ts.
import { block } from "../../load/http-api/fixture";
import { BASES, type Json, type RuleFixtures } from "../private/fixture-types";
import { breakage, pair } from "../private/fixture-sources";

const jwtConfig = (d: Parameters<typeof block>[0]): Json => block(d, "aws_apigatewayv2_authorizer", "jwt")["jwt_configuration"] as Json;

export const COGNITO_FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "app-client-implicit-flow": pair("cognito-client-implicit-flow", "cognito-client-flow-removed"),
  "app-client-password-auth": pair("cognito-client-password-auth", "cognito-client-flow-removed"),
  "app-client-token-validity": breakage("app-client-token-validity", {
    why: "the same limits in other units: access and ID tokens 1 hour, refresh tokens 720 hours (30 days)",
    apply: (d) => {
      const web = d.resource["aws_cognito_user_pool_client"]?.["web"] ?? {};
      Object.assign(web, { id_token_validity: 1, access_token_validity: 1, refresh_token_validity: 720 });
      web["token_validity_units"] = [{ id_token: "hours", access_token: "hours", refresh_token: "hours" }];
    },
  }),
  "cognito-authorizer-pool-known": pair("cognito-pool-foreign-arn", "cognito-pool-same-pool-twice"),
  "cognito-scopes-exist": breakage("cognito-scopes-exist"),
  "cognito-trigger-known": pair("cognito-trigger-foreign", "cognito-trigger-untrusted-pool"),
  "cognito-user-in-access-group": pair("cognito-user-in-admins", "cognito-user-untrusted-pool"),
  "identity-provider-named": pair("federation-google", "client-tags"),
  "jwt-authorizer-issuer-known": {
    base: BASES.ordersHttp,
    fail: {
      why: "the JWT authorizer trusts a literal user pool of another account",
      apply: (d) => (jwtConfig(d)["issuer"] = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Attacker1"),
    },
    pass: {
      why: "the JWT authorizer trusts https://cognito-idp.<region>.amazonaws.com/${pool.id} with the pool's app client as audience",
    },
  },
  "user-pool-advanced-security": breakage("user-pool-advanced-security"),
  "user-pool-deletion-protection": breakage("user-pool-deletion-protection"),
  "user-pool-mfa": breakage("user-pool-mfa", {
    why: "MFA is OPTIONAL with TOTP (software token) enabled",
    apply: (d) => ((d.resource["aws_cognito_user_pool"]?.["pool"] ?? {})["mfa_configuration"] = "OPTIONAL"),
  }),
  "user-pool-password-policy": breakage("user-pool-password-policy"),
  "user-pool-self-sign-up": breakage("user-pool-self-sign-up"),
};
