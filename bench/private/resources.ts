// Terraform resources the benchmark configurations share, written so the check's rules pass on them: a Cognito
// pool (MFA, advanced security, a strong password policy) with the `bench/read` scope, and a REST stage with
// X-Ray and access logging. Each benchmark adds its own API and routes.
export type Json = Record<string, unknown>;
export type Resources = Record<string, Record<string, Json>>;

/** `${<expr>}`: a Terraform reference. */
export const ref = (expr: string): string => "${" + expr + "}";

/** `aws_cognito_user_pool.pool` and its resource server `bench` with the scope `read`. */
export const benchPool = (): Resources => ({
  aws_cognito_user_pool: {
    pool: {
      name: "bench-users",
      deletion_protection: "ACTIVE",
      mfa_configuration: "ON",
      software_token_mfa_configuration: { enabled: true },
      user_pool_add_ons: { advanced_security_mode: "ENFORCED" },
      password_policy: { minimum_length: 14, require_lowercase: true, require_uppercase: true, require_numbers: true, require_symbols: true },
    },
  },
  aws_cognito_resource_server: {
    rs: {
      identifier: "bench",
      name: "bench",
      user_pool_id: ref("aws_cognito_user_pool.pool.id"),
      scope: [{ scope_name: "read", scope_description: "read" }],
    },
  },
});

/** Stage `dev` (`aws_api_gateway_stage.s`) of REST API `api` from `aws_api_gateway_deployment.d`, traced and logged. */
export const benchRestStage = (api: string, logGroup: string): Resources => ({
  aws_cloudwatch_log_group: { access: { name: logGroup } },
  aws_api_gateway_stage: {
    s: {
      rest_api_id: ref(`${api}.id`),
      deployment_id: ref("aws_api_gateway_deployment.d.id"),
      stage_name: "dev",
      xray_tracing_enabled: true,
      access_log_settings: { destination_arn: ref("aws_cloudwatch_log_group.access.arn"), format: "$context.requestId" },
    },
  },
});
