// CloudFront (aws_cloudfront_*): the edge in front of the APIs: which origin it reaches, with which secret,
// which code and web ACL run on the way, and what it caches for whom.
import { CLOUDFRONT, DOC, LIFECYCLE, modelled, NAME, neutral, notVerified, ORIGIN, rule, type TypeTable } from "./types";

const EDGE_CODE = "code that runs on every request at the edge, before the origin";
const HEADERS = "which headers of the caller reach the origin, and which the browser gets back (CORS included)";
const SIGNED = "who may fetch content: signed URLs and cookies, and the keys that verify them";
const RECORDED = "what is recorded about callers, and where";
const DELIVERY = "how bytes are delivered (compression, HTTP version, price class, error pages): never who reaches the origin";

/** One cache behaviour (default or ordered): the same attributes in both places. */
function behaviour(prefix: string): TypeTable {
  const p = (names: readonly string[]) => names.map((n) => `${prefix}.${n}`);
  return {
    ...modelled(
      ORIGIN,
      "judged",
      p(["target_origin_id", "lambda_function_association.event_type", "lambda_function_association.lambda_arn", "lambda_function_association.include_body"]),
    ),
    ...rule("cloudfront-https-only", "any", p(["viewer_protocol_policy"])),
    ...rule(
      "cloudfront-authorization-in-cache-key",
      "any",
      p([
        "cache_policy_id",
        "forwarded_values.headers",
        "forwarded_values.query_string",
        "forwarded_values.query_string_cache_keys",
        "forwarded_values.cookies.forward",
        "forwarded_values.cookies.whitelisted_names",
      ]),
    ),
    ...rule("cloudfront-authorization-in-cache-key", "larger", p(["default_ttl", "max_ttl", "min_ttl"])),
    ...notVerified(HEADERS, p(["origin_request_policy_id", "response_headers_policy_id", "allowed_methods", "cached_methods"])),
    ...notVerified(EDGE_CODE, p(["function_association.event_type", "function_association.function_arn"])),
    ...notVerified(SIGNED, p(["trusted_key_groups", "trusted_signers", "field_level_encryption_id"])),
    ...notVerified(RECORDED, p(["realtime_log_config_arn"])),
    ...neutral(DELIVERY, p(["compress", "smooth_streaming", "grpc_config.enabled"])),
  };
}

export const CLOUDFRONT_TYPES: Readonly<Record<string, TypeTable>> = {
  aws_cloudfront_cache_policy: {
    ...rule("cloudfront-authorization-in-cache-key", "any", ["parameters_in_cache_key_and_forwarded_to_origin.*"]),
    ...rule("cloudfront-authorization-in-cache-key", "larger", ["default_ttl", "max_ttl", "min_ttl"]),
    ...neutral(DELIVERY, [
      "parameters_in_cache_key_and_forwarded_to_origin.enable_accept_encoding_brotli",
      "parameters_in_cache_key_and_forwarded_to_origin.enable_accept_encoding_gzip",
    ]),
    ...neutral(NAME, ["name"]),
    ...neutral(DOC, ["comment"]),
  },
  aws_cloudfront_continuous_deployment_policy: notVerified("sends part of the traffic to a staging distribution with its own origins and controls", [
    "enabled",
    "staging_distribution_dns_names.*",
    "traffic_config.*",
  ]),
  aws_cloudfront_distribution: {
    ...behaviour("default_cache_behavior"),
    ...behaviour("ordered_cache_behavior"),
    ...notVerified("which requests an ordered behaviour takes from the default one", ["ordered_cache_behavior.path_pattern"]),
    ...modelled(CLOUDFRONT, "any", ["origin.domain_name", "origin.origin_id", "origin.origin_path", "origin.custom_header.name", "origin.custom_header.value"]),
    ...rule("cloudfront-https-only", "any", ["origin.custom_origin_config.origin_protocol_policy"]),
    ...rule("cloudfront-tls-1-2", "any", ["origin.custom_origin_config.origin_ssl_protocols", "viewer_certificate.minimum_protocol_version"]),
    ...neutral(DELIVERY, [
      "origin.connection_attempts",
      "origin.connection_timeout",
      "origin.custom_origin_config.http_port",
      "origin.custom_origin_config.https_port",
      "origin.custom_origin_config.origin_keepalive_timeout",
      "origin.custom_origin_config.origin_read_timeout",
      "origin.origin_shield.enabled",
      "origin.origin_shield.origin_shield_region",
      "origin.vpc_origin_config.origin_keepalive_timeout",
      "origin.vpc_origin_config.origin_read_timeout",
      "custom_error_response.*",
      "default_root_object",
      "http_version",
      "is_ipv6_enabled",
      "price_class",
    ]),
    ...notVerified("how CloudFront signs requests to the origin or reaches a private one", [
      "origin.origin_access_control_id",
      "origin.s3_origin_config.origin_access_identity",
      "origin.vpc_origin_config.vpc_origin_id",
    ]),
    ...notVerified("a failover origin receives the requests when the primary fails", ["origin_group.*"]),
    ...rule("cloudfront-web-acl", "any", ["web_acl_id"]),
    ...notVerified("which host names serve the distribution, with which certificate", [
      "aliases",
      "viewer_certificate.acm_certificate_arn",
      "viewer_certificate.cloudfront_default_certificate",
      "viewer_certificate.iam_certificate_id",
      "viewer_certificate.ssl_support_method",
    ]),
    ...notVerified("who may fetch by country", ["restrictions.geo_restriction.locations", "restrictions.geo_restriction.restriction_type"]),
    ...notVerified("a disabled distribution serves nobody; enabling one opens a door", ["enabled"]),
    ...notVerified("a staging distribution, or continuous deployment to one", ["staging", "continuous_deployment_policy_id"]),
    ...notVerified(RECORDED, ["logging_config.bucket", "logging_config.include_cookies", "logging_config.prefix"]),
    ...neutral(LIFECYCLE, ["retain_on_delete", "wait_for_deployment"]),
    ...neutral(DOC, ["comment"]),
  },
  aws_cloudfront_field_level_encryption_config: {
    ...notVerified("which request fields are encrypted at the edge before the origin", ["content_type_profile_config.*", "query_arg_profile_config.*"]),
    ...neutral(DOC, ["comment"]),
  },
  aws_cloudfront_field_level_encryption_profile: {
    ...notVerified("which request fields are encrypted at the edge before the origin", ["encryption_entities.*"]),
    ...neutral(NAME, ["name"]),
    ...neutral(DOC, ["comment"]),
  },
  aws_cloudfront_function: {
    ...notVerified(EDGE_CODE, ["code", "runtime", "publish", "key_value_store_associations"]),
    ...neutral(NAME, ["name"]),
    ...neutral(DOC, ["comment"]),
  },
  aws_cloudfront_key_group: {
    ...notVerified(SIGNED, ["items"]),
    ...neutral(NAME, ["name"]),
    ...neutral(DOC, ["comment"]),
  },
  aws_cloudfront_key_value_store: {
    ...neutral(NAME, ["name"]),
    ...neutral(DOC, ["comment"]),
  },
  aws_cloudfront_monitoring_subscription: neutral("real-time delivery metrics: counts, not access", ["distribution_id", "monitoring_subscription.*"]),
  aws_cloudfront_origin_access_control: {
    ...notVerified("how CloudFront signs requests to the origin", ["origin_access_control_origin_type", "signing_behavior", "signing_protocol"]),
    ...neutral(NAME, ["name"]),
    ...neutral(DOC, ["description"]),
  },
  aws_cloudfront_origin_access_identity: neutral(DOC, ["comment"]),
  aws_cloudfront_origin_request_policy: {
    ...notVerified(HEADERS, ["cookies_config.*", "headers_config.*", "query_strings_config.*"]),
    ...neutral(NAME, ["name"]),
    ...neutral(DOC, ["comment"]),
  },
  aws_cloudfront_public_key: {
    ...notVerified(SIGNED, ["encoded_key"]),
    ...neutral(NAME, ["name", "name_prefix"]),
    ...neutral(DOC, ["comment"]),
  },
  aws_cloudfront_realtime_log_config: {
    ...notVerified(RECORDED, ["endpoint.*", "fields", "sampling_rate"]),
    ...neutral(NAME, ["name"]),
  },
  aws_cloudfront_response_headers_policy: {
    ...notVerified(HEADERS, ["cors_config.*", "custom_headers_config.*", "remove_headers_config.*"]),
    ...notVerified("browser protections (HSTS, CSP, framing) on responses", ["security_headers_config.*"]),
    ...neutral("server timing headers: performance data", ["server_timing_headers_config.*"]),
    ...neutral(NAME, ["name"]),
    ...neutral(DOC, ["comment"]),
    ...neutral("the provider's version marker of the policy", ["etag"]),
  },
  aws_cloudfront_vpc_origin: notVerified("a private origin inside a VPC that CloudFront reaches", ["vpc_origin_endpoint_config.*"]),
};
