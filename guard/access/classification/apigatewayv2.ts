// API Gateway HTTP and WebSocket APIs (aws_apigatewayv2_*).
import {
  DOC,
  DOORS,
  HTTP_API,
  IDENTITY_MAPPING,
  modelled,
  NAME,
  neutral,
  NOT_MODELLED,
  notVerified,
  OPENAPI,
  PARENT,
  rule,
  STAGE_SERVING,
  STAGES,
  type TypeTable,
} from "./types";

const CORS = "which browser origins may read responses with the caller's credentials";
const MAPPING = "maps what the caller sent (identity included) into the backend request or the reply; not modelled yet";
const DOMAIN = "exposes a stage under another host name, or sets its TLS and client certificates; not modelled yet";

export const API_GATEWAY_V2: Readonly<Record<string, TypeTable>> = {
  aws_apigatewayv2_api: {
    ...modelled(OPENAPI, "judged", ["body"]),
    ...modelled(HTTP_API, "any", ["protocol_type", "name"]),
    ...modelled(HTTP_API, "disabling", ["disable_execute_api_endpoint"]),
    ...notVerified(CORS, [
      "cors_configuration.allow_origins",
      "cors_configuration.allow_headers",
      "cors_configuration.allow_methods",
      "cors_configuration.expose_headers",
    ]),
    ...notVerified(CORS, ["cors_configuration.allow_credentials"]),
    ...neutral("how long a browser caches a CORS preflight answer", ["cors_configuration.max_age"]),
    ...notVerified("quick create: a default route and integration, and the role API Gateway assumes for it", [
      "route_key",
      "target",
      "credentials_arn",
      "api_key_selection_expression",
      "route_selection_expression",
      "fail_on_warnings",
      "ip_address_type",
    ]),
    ...neutral(DOC, ["description", "version"]),
  },
  aws_apigatewayv2_api_mapping: modelled(DOORS, "any", ["api_id", "api_mapping_key", "domain_name", "stage"]),
  aws_apigatewayv2_authorizer: {
    ...modelled(HTTP_API, "any", ["api_id", "authorizer_type", "authorizer_uri", "identity_sources"]),
    // Which pool and clients' tokens pass: compared per route by identity (authorizer-pool-changed, jwt-audience-widened).
    ...modelled(HTTP_API, "judged", ["jwt_configuration.issuer", "jwt_configuration.audience"]),
    ...rule("authorizer-identity-source", "larger", ["authorizer_result_ttl_in_seconds"]),
    ...notVerified("the role API Gateway assumes to invoke the authorizer, and how it reads its answer", [
      "authorizer_credentials_arn",
      "authorizer_payload_format_version",
      "enable_simple_responses",
    ]),
    ...neutral(NAME, ["name"]),
  },
  aws_apigatewayv2_deployment: {
    // Whether the deployment redeploys with the API's routes, which decides what the stages serving it serve.
    ...modelled(STAGE_SERVING, "judged", ["triggers"]),
    ...neutral(PARENT, ["api_id"]),
    ...neutral(DOC, ["description"]),
  },
  aws_apigatewayv2_domain_name: notVerified(DOMAIN, [
    "domain_name",
    "domain_name_configuration.certificate_arn",
    "domain_name_configuration.endpoint_type",
    "domain_name_configuration.ip_address_type",
    "domain_name_configuration.ownership_verification_certificate_arn",
    "domain_name_configuration.security_policy",
    "mutual_tls_authentication.truststore_uri",
    "mutual_tls_authentication.truststore_version",
  ]),
  aws_apigatewayv2_integration: {
    ...modelled(HTTP_API, "any", ["api_id", "integration_type", "integration_uri"]),
    // Where each value handed to the backend comes from (append/overwrite/remove included): compared per route.
    ...modelled(IDENTITY_MAPPING, "judged", ["request_parameters", "request_templates", "passthrough_behavior"]),
    ...notVerified(MAPPING, [
      "response_parameters.mappings",
      "response_parameters.status_code",
      "template_selection_expression",
      "content_handling_strategy",
      "payload_format_version",
    ]),
    ...notVerified("which backend and as whom API Gateway calls it: a VPC link, the role it assumes, TLS verification", [
      "connection_id",
      "connection_type",
      "credentials_arn",
      "integration_method",
      "integration_subtype",
      "tls_config.server_name_to_verify",
    ]),
    ...neutral("how long API Gateway waits for the backend", ["timeout_milliseconds"]),
    ...neutral(DOC, ["description"]),
  },
  aws_apigatewayv2_integration_response: {
    ...notVerified(MAPPING, ["response_templates", "template_selection_expression", "integration_response_key", "content_handling_strategy"]),
    ...neutral(PARENT, ["api_id", "integration_id"]),
  },
  aws_apigatewayv2_model: {
    ...notVerified("a request model validates what callers may send", ["schema", "content_type"]),
    ...neutral(NAME, ["name"]),
    ...neutral(DOC, ["description"]),
    ...neutral(PARENT, ["api_id"]),
  },
  aws_apigatewayv2_route: {
    ...modelled(HTTP_API, "any", ["api_id", "authorization_type", "route_key", "target"]),
    // A reference: the route's authorizer is compared by what it is (type, function, issuer, audience), not by address.
    ...modelled(HTTP_API, "judged", ["authorizer_id"]),
    ...modelled(HTTP_API, "adding", ["authorization_scopes"]),
    ...modelled(HTTP_API, "disabling", ["api_key_required"]),
    ...notVerified("which request parameters and models the route requires", [
      "request_parameter.request_parameter_key",
      "request_parameter.required",
      "request_models",
      "model_selection_expression",
      "route_response_selection_expression",
    ]),
    ...neutral(NAME, ["operation_name"]),
  },
  aws_apigatewayv2_route_response: {
    ...notVerified(MAPPING, ["response_models", "model_selection_expression", "route_response_key"]),
    ...neutral(PARENT, ["api_id", "route_id"]),
  },
  aws_apigatewayv2_stage: {
    ...modelled(HTTP_API, "any", ["api_id", "name"]),
    // Which deployment the stage serves, and which variables its backends and authorizers read.
    ...modelled(STAGE_SERVING, "judged", ["deployment_id", "auto_deploy", "stage_variables"]),
    ...modelled(STAGES, "removal", ["access_log_settings.destination_arn", "access_log_settings.format"]),
    ...modelled(STAGES, "larger", ["default_route_settings.throttling_burst_limit", "default_route_settings.throttling_rate_limit"]),
    ...rule("stage-execution-logging", "any", ["default_route_settings.logging_level", "default_route_settings.data_trace_enabled"]),
    ...neutral("CloudWatch metrics: counts, not access", ["default_route_settings.detailed_metrics_enabled", "route_settings.detailed_metrics_enabled"]),
    ...notVerified(NOT_MODELLED, [
      "route_settings.route_key",
      "route_settings.throttling_burst_limit",
      "route_settings.throttling_rate_limit",
      "route_settings.logging_level",
      "route_settings.data_trace_enabled",
      "client_certificate_id",
    ]),
    ...neutral(DOC, ["description"]),
  },
  aws_apigatewayv2_vpc_link: {
    ...notVerified("which subnets and security groups a private integration reaches through", ["security_group_ids", "subnet_ids"]),
    ...neutral(NAME, ["name"]),
  },
};
