// CloudFront as the provider keeps it in state: aws_cloudfront_distribution with its origin blocks (custom headers
// redacted at read time), origin_group blocks, default and ordered cache behaviors with their
// lambda_function_association and function_association blocks, web_acl_id and viewer_certificate;
// aws_cloudfront_cache_policy for the custom policies the behaviors name; aws_cloudfront_function for the functions
// they associate, with the digest of their LIVE code in place of the code (`code_sha256`, not a provider attribute). The edge rules link them to the APIs and functions by value (guard/access/edge-links.ts).
// Pure.
import type { CachePolicy, CacheBehavior, DefaultCacheBehavior, DistributionSummary, Origin, OriginGroup } from "@aws-sdk/client-cloudfront";
import { block, resource, type StateResource } from "./state-doc";
import type { CloudFrontFunctionRead, EdgeRead } from "./snapshot";

function originValues(o: Origin): Record<string, unknown> {
  const c = o.CustomOriginConfig;
  return {
    origin_id: o.Id ?? "",
    domain_name: o.DomainName ?? "",
    origin_path: o.OriginPath ?? "",
    origin_access_control_id: o.OriginAccessControlId ?? "",
    custom_header: (o.CustomHeaders?.Items ?? []).map((h) => ({ name: h.HeaderName ?? "", value: h.HeaderValue ?? "" })),
    custom_origin_config: block(
      c === undefined
        ? undefined
        : {
            http_port: c.HTTPPort ?? 80,
            https_port: c.HTTPSPort ?? 443,
            origin_protocol_policy: c.OriginProtocolPolicy ?? "",
            origin_ssl_protocols: c.OriginSslProtocols?.Items ?? [],
          },
    ),
  };
}

/** An origin group as the provider's `origin_group` block: its id, failover status codes and member origins. */
const originGroupValues = (g: OriginGroup): Record<string, unknown> => ({
  origin_id: g.Id ?? "",
  failover_criteria: [{ status_codes: g.FailoverCriteria?.StatusCodes?.Items ?? [] }],
  member: (g.Members?.Items ?? []).map((m) => ({ origin_id: m.OriginId ?? "" })),
});

function behaviorValues(b: DefaultCacheBehavior | CacheBehavior): Record<string, unknown> {
  const fv = b.ForwardedValues;
  return {
    ...("PathPattern" in b && b.PathPattern !== undefined ? { path_pattern: b.PathPattern } : {}),
    target_origin_id: b.TargetOriginId ?? "",
    viewer_protocol_policy: b.ViewerProtocolPolicy ?? "",
    allowed_methods: b.AllowedMethods?.Items ?? [],
    cache_policy_id: b.CachePolicyId ?? "",
    origin_request_policy_id: b.OriginRequestPolicyId ?? "",
    lambda_function_association: (b.LambdaFunctionAssociations?.Items ?? []).map((a) => ({
      event_type: a.EventType ?? "",
      lambda_arn: a.LambdaFunctionARN ?? "",
      include_body: a.IncludeBody === true,
    })),
    function_association: (b.FunctionAssociations?.Items ?? []).map((a) => ({ event_type: a.EventType ?? "", function_arn: a.FunctionARN ?? "" })),
    // Signed URLs and cookies: who may fetch at all. Disabled lists are none, as the provider keeps them.
    trusted_key_groups: b.TrustedKeyGroups?.Enabled === true ? (b.TrustedKeyGroups.Items ?? []) : [],
    trusted_signers: b.TrustedSigners?.Enabled === true ? (b.TrustedSigners.Items ?? []) : [],
    forwarded_values: block(
      fv === undefined
        ? undefined
        : { query_string: fv.QueryString === true, headers: fv.Headers?.Items ?? [], cookies: [{ forward: fv.Cookies?.Forward ?? "none" }] },
    ),
    min_ttl: b.MinTTL ?? 0,
    default_ttl: b.DefaultTTL ?? 0,
    max_ttl: b.MaxTTL ?? 0,
  };
}

function distributionValues(d: DistributionSummary): Record<string, unknown> {
  const v = d.ViewerCertificate;
  return {
    id: d.Id ?? "",
    arn: d.ARN ?? "",
    domain_name: d.DomainName ?? "",
    comment: d.Comment ?? "",
    enabled: d.Enabled === true,
    aliases: d.Aliases?.Items ?? [],
    web_acl_id: d.WebACLId ?? "",
    origin: (d.Origins?.Items ?? []).map(originValues),
    origin_group: (d.OriginGroups?.Items ?? []).map(originGroupValues),
    default_cache_behavior: block(d.DefaultCacheBehavior === undefined ? undefined : behaviorValues(d.DefaultCacheBehavior)),
    ordered_cache_behavior: (d.CacheBehaviors?.Items ?? []).map(behaviorValues),
    viewer_certificate: block(
      v === undefined
        ? undefined
        : {
            cloudfront_default_certificate: v.CloudFrontDefaultCertificate === true,
            acm_certificate_arn: v.ACMCertificateArn ?? "",
            minimum_protocol_version: v.MinimumProtocolVersion ?? null,
            ssl_support_method: v.SSLSupportMethod ?? "",
          },
    ),
  };
}

function cachePolicyValues(p: CachePolicy): Record<string, unknown> {
  const c = p.CachePolicyConfig;
  const k = c?.ParametersInCacheKeyAndForwardedToOrigin;
  return {
    id: p.Id ?? "",
    name: c?.Name ?? "",
    min_ttl: c?.MinTTL ?? 0,
    default_ttl: c?.DefaultTTL ?? 0,
    max_ttl: c?.MaxTTL ?? 0,
    parameters_in_cache_key_and_forwarded_to_origin: block(
      k === undefined
        ? undefined
        : {
            headers_config: [{ header_behavior: k.HeadersConfig?.HeaderBehavior ?? "none", headers: block({ items: k.HeadersConfig?.Headers?.Items ?? [] }) }],
          },
    ),
  };
}

const cloudfrontFunctionValues = (f: CloudFrontFunctionRead): Record<string, unknown> => ({
  name: f.name,
  arn: f.arn,
  stage: f.stage,
  code_sha256: f.codeSha256,
});

/** CloudFront is global: its objects are named `global <id>`, never by the region whose document holds them. */
export function cloudfrontResources(edge: EdgeRead): StateResource[] {
  return [
    ...edge.distributions.map((d) =>
      resource("aws_cloudfront_distribution", `global distribution ${d.Id ?? ""}${d.Comment ? ` ${d.Comment}` : ""}`, distributionValues(d)),
    ),
    ...edge.cloudfrontFunctions.map((f) => resource("aws_cloudfront_function", `global function ${f.name}`, cloudfrontFunctionValues(f))),
    ...edge.cachePolicies.map((p) =>
      resource("aws_cloudfront_cache_policy", `global cache policy ${p.CachePolicyConfig?.Name ?? p.Id ?? ""}`, cachePolicyValues(p)),
    ),
  ];
}
