// Fixtures of the IAM rules (who may invoke AWS_IAM routes, and what the roles that may hold). Written to
// <rule-id>/{fail,pass}.tf.json by ../generate.ts.
import type { RuleFixtures } from "../private/fixture-types";
import { breakage, pair } from "../private/fixture-sources";

export const IAM_FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "cognito-group-role-privileges": pair("iam-passrole-group-permissions", "iam-s3-list-group-permissions"),
  "cognito-group-role-trust": breakage("cognito-group-role-trust"),
  "execute-api-invoke-scoped": breakage("execute-api-invoke-scoped"),
  "iam-invoker-trust": pair("iam-trust-foreign-account", "iam-trust-rewritten"),
  "iam-managed-policy-verified": pair("iam-unknown-managed-policy", "iam-known-managed-policy"),
  "identity-pool-unauthenticated-invoke": pair("identity-pool-unauthenticated-enabled", "identity-pool-unauthenticated-enabled-harmless"),
};
