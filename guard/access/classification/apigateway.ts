// API Gateway REST APIs (aws_api_gateway_*): who reaches which integration, through which stage and domain.
import {
  DOC,
  DOORS,
  LIFECYCLE,
  modelled,
  NAME,
  neutral,
  NOT_MODELLED,
  notVerified,
  notVerifiedEvenWhenNew,
  OPENAPI,
  PARENT,
  ROUTE_SHAPE,
  RESOURCE_POLICY,
  ROUTES,
  rule,
  STAGES,
  CODE,
  IDENTITY_MAPPING,
  STAGE_SERVING,
  type TypeTable,
} from "./types";

const CACHE = "a response cache can hand one caller's response to another; nothing models what the cache key holds";
const MAPPING = "maps what the caller sent (identity included) into the backend request or the reply; not modelled yet";
const DOMAIN = "exposes a stage under another host name, or sets its TLS and client certificates; not modelled yet";

export const API_GATEWAY: Readonly<Record<string, TypeTable>> = {
  aws_api_gateway_account: {
    ...rule("stage-access-logs", "any", ["cloudwatch_role_arn"]),
    ...neutral(LIFECYCLE, ["reset_on_delete"]),
  },
  aws_api_gateway_api_key: {
    ...rule("secret-literal", "any", ["value"]),
    ...notVerifiedEvenWhenNew("an API key meters callers: its owner", ["customer_id"]),
    ...rule("api-key-in-usage-plan", "enabling", ["enabled"]),
    ...neutral(NAME, ["name"]),
    ...neutral(DOC, ["description"]),
  },
  aws_api_gateway_authorizer: {
    // Which function or pool decides: compared per route (authorizer-swapped, authorizer-pool-changed).
    ...modelled(ROUTES, "judged", ["authorizer_uri", "provider_arns"]),
    ...modelled(ROUTES, "any", ["type", "rest_api_id"]),
    ...modelled(CODE, "any", ["identity_source"]),
    ...modelled(CODE, "larger", ["authorizer_result_ttl_in_seconds"]),
    ...notVerified("the role API Gateway assumes to invoke the authorizer, and a pre-check that rejects tokens", [
      "authorizer_credentials",
      "identity_validation_expression",
    ]),
    ...neutral(NAME, ["name"]),
  },
  aws_api_gateway_base_path_mapping: modelled(DOORS, "any", ["api_id", "base_path", "domain_name", "domain_name_id", "stage_name"]),
  aws_api_gateway_client_certificate: neutral(DOC, ["description"]),
  aws_api_gateway_deployment: {
    // Whether the deployment redeploys with the API's methods and authorizers, which decides what the stages serving
    // it serve (the stage-serving comparer blocks a stage whose deployment stops covering them; the check's rule
    // deployment-redeploys-on-auth-change judges the head alone). A route added to the triggers is no widening.
    ...modelled(STAGE_SERVING, "judged", ["triggers"]),
    ...rule("deployment-stage-name", "any", ["stage_name"]),
    ...modelled(STAGES, "any", ["rest_api_id"]),
    ...notVerified("a canary serves another deployment's routes, with other variables, to part of the traffic", [
      "canary_settings.percent_traffic",
      "canary_settings.stage_variable_overrides",
      "canary_settings.use_stage_cache",
      "variables",
    ]),
    ...neutral(DOC, ["description", "stage_description"]),
  },
  aws_api_gateway_documentation_part: neutral(DOC, ["location.*", "properties", "rest_api_id"]),
  aws_api_gateway_documentation_version: neutral(DOC, ["description", "rest_api_id", "version"]),
  aws_api_gateway_domain_name: {
    ...modelled(DOORS, "any", ["domain_name"]),
    ...notVerified(DOMAIN, [
      "certificate_arn",
      "certificate_body",
      "certificate_chain",
      "certificate_name",
      "certificate_private_key",
      "endpoint_configuration.ip_address_type",
      "endpoint_configuration.types",
      "mutual_tls_authentication.truststore_uri",
      "mutual_tls_authentication.truststore_version",
      "ownership_verification_certificate_arn",
      "policy",
      "regional_certificate_arn",
      "regional_certificate_name",
      "security_policy",
    ]),
  },
  aws_api_gateway_domain_name_access_association: notVerified(DOMAIN, ["access_association_source", "access_association_source_type", "domain_name_arn"]),
  aws_api_gateway_gateway_response: {
    ...notVerified("what API Gateway answers when it refuses a caller (headers such as CORS origins included)", [
      "response_parameters",
      "response_templates",
      "response_type",
      "status_code",
    ]),
    ...neutral(PARENT, ["rest_api_id"]),
  },
  aws_api_gateway_integration: {
    ...modelled(ROUTES, "any", ["type", "uri", "http_method", "resource_id", "rest_api_id", "integration_http_method"]),
    // Where each value handed to the backend comes from: a change widens when the caller chooses what a verified
    // identity or the configuration gave (compared per route, identity-from-caller and its kin).
    ...modelled(IDENTITY_MAPPING, "judged", ["request_parameters", "request_templates", "passthrough_behavior"]),
    ...notVerified(MAPPING, ["content_handling"]),
    ...notVerified("which backend and as whom API Gateway calls it: a VPC link, the role it assumes, TLS verification", [
      "connection_id",
      "connection_type",
      "credentials",
      "tls_config.insecure_skip_verification",
    ]),
    ...rule("api-cache-keyed-on-credential", "any", ["cache_key_parameters"]),
    ...notVerified(CACHE, ["cache_namespace"]),
    ...neutral("how long API Gateway waits for the backend", ["timeout_milliseconds"]),
  },
  aws_api_gateway_integration_response: {
    ...notVerified(MAPPING, ["response_parameters", "response_templates", "selection_pattern", "status_code", "content_handling"]),
    ...neutral(PARENT, ["http_method", "resource_id", "rest_api_id"]),
  },
  aws_api_gateway_method: {
    ...modelled(ROUTES, "any", ["authorization"]),
    // A reference: the route's authorizer is compared by what it is (type, function, pool), not by address.
    ...modelled(ROUTES, "judged", ["authorizer_id"]),
    // Which route the method is: the review pairs routes by what they match and judges a new one by its authorization.
    ...modelled(ROUTES, "judged", ["http_method", "resource_id", "rest_api_id"]),
    ...modelled(ROUTES, "adding", ["authorization_scopes"]),
    ...modelled(ROUTES, "disabling", ["api_key_required"]),
    ...notVerified("which request parameters and bodies API Gateway requires and validates before the backend", [
      "request_parameters",
      "request_models",
      "request_validator_id",
    ]),
    ...neutral(NAME, ["operation_name"]),
  },
  aws_api_gateway_method_response: {
    ...notVerified(MAPPING, ["response_parameters", "response_models", "status_code"]),
    ...neutral(PARENT, ["http_method", "resource_id", "rest_api_id"]),
  },
  aws_api_gateway_method_settings: {
    ...modelled(STAGES, "any", ["method_path", "rest_api_id", "stage_name"]),
    ...modelled(STAGES, "judged", ["settings.logging_level"]),
    ...modelled(STAGES, "larger", ["settings.throttling_burst_limit", "settings.throttling_rate_limit"]),
    // Data trace writes whole requests, credentials included, to CloudWatch: turning it on widens who holds them.
    ...rule("stage-data-trace-off", "enabling", ["settings.data_trace_enabled"]),
    ...neutral("CloudWatch metrics: counts, not access", ["settings.metrics_enabled"]),
    ...rule("api-cache-keyed-on-credential", "enabling", ["settings.caching_enabled"]),
    ...notVerified(CACHE, [
      "settings.cache_ttl_in_seconds",
      "settings.cache_data_encrypted",
      "settings.require_authorization_for_cache_control",
      "settings.unauthorized_cache_control_header_strategy",
    ]),
  },
  aws_api_gateway_model: {
    ...notVerified("a request model validates what callers may send", ["schema", "content_type"]),
    ...neutral(NAME, ["name"]),
    ...neutral(DOC, ["description"]),
    ...neutral(PARENT, ["rest_api_id"]),
  },
  aws_api_gateway_request_validator: {
    ...notVerified("whether API Gateway validates request bodies and parameters before the backend", ["validate_request_body", "validate_request_parameters"]),
    ...neutral(NAME, ["name"]),
    ...neutral(PARENT, ["rest_api_id"]),
  },
  aws_api_gateway_resource: modelled(ROUTE_SHAPE, "judged", ["parent_id", "path_part", "rest_api_id"]),
  aws_api_gateway_rest_api: {
    ...modelled(OPENAPI, "judged", ["body", "put_rest_api_mode"]),
    ...modelled(ROUTES, "disabling", ["disable_execute_api_endpoint"]),
    ...modelled(ROUTES, "any", ["name"]),
    ...modelled(ROUTES, "any", ["policy"]),
    // PRIVATE or not decides who reaches an open method (guard/access/resource-policy.ts): any change may widen.
    ...modelled(RESOURCE_POLICY, "any", ["endpoint_configuration.types"]),
    ...notVerified(NOT_MODELLED, [
      "api_key_source",
      "endpoint_configuration.vpc_endpoint_ids",
      "endpoint_configuration.ip_address_type",
      "parameters",
      "fail_on_warnings",
    ]),
    ...neutral("payload encoding and compression: what bytes travel, not who reaches the API", ["binary_media_types", "minimum_compression_size"]),
    ...neutral(DOC, ["description"]),
  },
  aws_api_gateway_rest_api_policy: modelled(ROUTES, "any", ["policy", "rest_api_id"]),
  aws_api_gateway_rest_api_put: notVerified("replaces the API's routes from an OpenAPI body outside the review's model", [
    "body",
    "fail_on_warnings",
    "parameters",
    "rest_api_id",
    "triggers",
  ]),
  aws_api_gateway_stage: {
    ...modelled(STAGES, "any", ["rest_api_id", "stage_name"]),
    // Which deployment's routes the stage and its canary serve, to what share, with which variables: a change widens
    // when they serve routes the plan does not show or weaker ones, or a variable a backend or authorizer reads changes.
    ...modelled(STAGE_SERVING, "judged", [
      "deployment_id",
      "canary_settings.deployment_id",
      "canary_settings.percent_traffic",
      "canary_settings.stage_variable_overrides",
      "canary_settings.use_stage_cache",
      "variables",
    ]),
    ...modelled(STAGES, "removal", ["access_log_settings.destination_arn", "access_log_settings.format"]),
    ...rule("stage-xray", "disabling", ["xray_tracing_enabled"]),
    ...rule("api-cache-keyed-on-credential", "enabling", ["cache_cluster_enabled"]),
    ...notVerified(CACHE, ["cache_cluster_size"]),
    ...notVerified("the client certificate the backend uses to authenticate API Gateway", ["client_certificate_id"]),
    ...neutral(DOC, ["description", "documentation_version"]),
  },
  aws_api_gateway_usage_plan: {
    ...modelled(STAGES, "judged", ["api_stages.api_id", "api_stages.stage"]),
    ...modelled(STAGES, "larger", [
      "throttle_settings.burst_limit",
      "throttle_settings.rate_limit",
      "api_stages.throttle.burst_limit",
      "api_stages.throttle.rate_limit",
    ]),
    ...modelled(STAGES, "removal", ["throttle_settings.*", "api_stages.throttle.*"]),
    ...rule("usage-plan-on-api-key-stages", "larger", ["quota_settings.limit"]),
    ...rule("usage-plan-on-api-key-stages", "removal", ["quota_settings.*"]),
    ...notVerified("which method path the per-stage throttle applies to", ["api_stages.throttle.path"]),
    ...neutral(NAME, ["name", "product_code"]),
    ...neutral(DOC, ["description"]),
  },
  aws_api_gateway_usage_plan_key: rule("api-key-in-usage-plan", "any", ["key_id", "key_type", "usage_plan_id"]),
  aws_api_gateway_vpc_link: {
    ...notVerified("which load balancers a private integration reaches", ["target_arns"]),
    ...neutral(NAME, ["name"]),
    ...neutral(DOC, ["description"]),
  },
};
