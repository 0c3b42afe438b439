// REST APIs as the provider keeps them in state: the API (with its resource policy), resources, methods and their
// integrations, authorizers, stages (with method settings, a web ACL association, their deployment), usage plans
// and their keys, API keys (never a value), custom domains and base path mappings. Pure: SDK responses in.
import type { Stage } from "@aws-sdk/client-api-gateway";
import { block, resource, type StateResource } from "./state-doc";
import type { RegionSnapshot, RestApiRead } from "./snapshot";

/** API Gateway returns a resource policy with its quotes escaped (`{\"Version\":...}`); the provider unescapes it. */
export function policyText(p: string | undefined): string | null {
  if (p === undefined || p === "") return null;
  return p.replace(/\\"/g, '"').replace(/\\\\/g, "\\");
}

const stageArn = (region: string, apiId: string, stage: string): string => `arn:aws:apigateway:${region}::/restapis/${apiId}/stages/${stage}`;

function stageResources(region: string, apiLabel: string, apiId: string, s: Stage): StateResource[] {
  const name = s.stageName ?? "";
  const key = `${region} ${apiLabel} stage ${name}`;
  const arn = stageArn(region, apiId, name);
  const out: StateResource[] = [
    resource("aws_api_gateway_stage", key, {
      id: `ags-${apiId}-${name}`,
      rest_api_id: apiId,
      stage_name: name,
      deployment_id: s.deploymentId ?? null,
      arn,
      xray_tracing_enabled: s.tracingEnabled === true,
      access_log_settings:
        s.accessLogSettings?.destinationArn === undefined
          ? []
          : [{ destination_arn: s.accessLogSettings.destinationArn, format: s.accessLogSettings.format ?? "" }],
      web_acl_arn: s.webAclArn ?? "",
      cache_cluster_enabled: s.cacheClusterEnabled === true,
      client_certificate_id: s.clientCertificateId ?? "",
      variables: s.variables ?? {},
    }),
  ];
  if (s.deploymentId !== undefined) {
    out.push(resource("aws_api_gateway_deployment", `${key} deployment ${s.deploymentId}`, { id: s.deploymentId, rest_api_id: apiId }));
  }
  for (const [path, m] of Object.entries(s.methodSettings ?? {})) {
    out.push(
      resource("aws_api_gateway_method_settings", `${key} ${path}`, {
        id: `${apiId}-${name}-${path}`,
        rest_api_id: apiId,
        stage_name: name,
        method_path: path,
        settings: [
          {
            logging_level: m.loggingLevel ?? "OFF",
            metrics_enabled: m.metricsEnabled === true,
            data_trace_enabled: m.dataTraceEnabled === true,
            throttling_burst_limit: m.throttlingBurstLimit ?? -1,
            throttling_rate_limit: m.throttlingRateLimit ?? -1,
            caching_enabled: m.cachingEnabled === true,
          },
        ],
      }),
    );
  }
  if (s.webAclArn !== undefined && s.webAclArn !== "") {
    out.push(resource("aws_wafv2_web_acl_association", `${key} web acl`, { id: `${s.webAclArn},${arn}`, resource_arn: arn, web_acl_arn: s.webAclArn }));
  }
  return out;
}

function restApiResources(region: string, account: string, read: RestApiRead): StateResource[] {
  const { api } = read;
  const id = api.id ?? "";
  const label = api.name ?? id;
  const root = api.rootResourceId ?? read.resources.find((r) => r.path === "/")?.id ?? "";
  const out: StateResource[] = [
    resource("aws_api_gateway_rest_api", `${region} ${label} (${id})`, {
      id,
      name: api.name ?? "",
      description: api.description ?? "",
      root_resource_id: root,
      arn: `arn:aws:apigateway:${region}::/restapis/${id}`,
      execution_arn: `arn:aws:execute-api:${region}:${account}:${id}`,
      policy: policyText(api.policy),
      api_key_source: api.apiKeySource ?? "HEADER",
      disable_execute_api_endpoint: api.disableExecuteApiEndpoint === true,
      endpoint_configuration: block(
        api.endpointConfiguration === undefined
          ? undefined
          : { types: api.endpointConfiguration.types ?? [], vpc_endpoint_ids: api.endpointConfiguration.vpcEndpointIds ?? [] },
      ),
    }),
  ];
  for (const r of read.resources) {
    const path = r.path ?? "";
    if (r.id !== root && path !== "/") {
      out.push(
        resource("aws_api_gateway_resource", `${region} ${label} ${path}`, {
          id: r.id ?? "",
          rest_api_id: id,
          parent_id: r.parentId ?? "",
          path_part: r.pathPart ?? "",
          path,
        }),
      );
    }
    for (const [verb, m] of Object.entries(r.resourceMethods ?? {})) {
      const httpMethod = m.httpMethod ?? verb;
      const key = `${region} ${label} ${httpMethod} ${path}`;
      out.push(
        resource("aws_api_gateway_method", key, {
          id: `agm-${id}-${r.id ?? ""}-${httpMethod}`,
          rest_api_id: id,
          resource_id: r.id ?? "",
          http_method: httpMethod,
          authorization: m.authorizationType ?? "NONE",
          authorizer_id: m.authorizerId ?? null,
          authorization_scopes: m.authorizationScopes ?? [],
          api_key_required: m.apiKeyRequired === true,
          request_parameters: m.requestParameters ?? {},
          request_validator_id: m.requestValidatorId ?? null,
          operation_name: m.operationName ?? null,
        }),
      );
      const i = m.methodIntegration;
      if (i !== undefined) {
        out.push(
          resource("aws_api_gateway_integration", `${key} integration`, {
            id: `agi-${id}-${r.id ?? ""}-${httpMethod}`,
            rest_api_id: id,
            resource_id: r.id ?? "",
            http_method: httpMethod,
            type: i.type ?? "",
            uri: i.uri ?? "",
            integration_http_method: i.httpMethod ?? null,
            connection_type: i.connectionType ?? "INTERNET",
            connection_id: i.connectionId ?? "",
            credentials: i.credentials ?? "",
          }),
        );
      }
    }
  }
  for (const a of read.authorizers) {
    out.push(
      resource("aws_api_gateway_authorizer", `${region} ${label} authorizer ${a.name ?? a.id ?? ""}`, {
        id: a.id ?? "",
        rest_api_id: id,
        name: a.name ?? "",
        type: a.type ?? "TOKEN",
        identity_source: a.identitySource ?? "",
        identity_validation_expression: a.identityValidationExpression ?? "",
        provider_arns: a.providerARNs ?? [],
        authorizer_uri: a.authorizerUri ?? "",
        authorizer_credentials: a.authorizerCredentials ?? "",
        authorizer_result_ttl_in_seconds: a.authorizerResultTtlInSeconds ?? 300,
      }),
    );
  }
  for (const s of read.stages) out.push(...stageResources(region, label, id, s));
  return out;
}

export function restResources(region: string, account: string, snap: Pick<RegionSnapshot, "restApis" | "usagePlans" | "apiKeys" | "domains">): StateResource[] {
  const out = snap.restApis.flatMap((a) => restApiResources(region, account, a));
  for (const { plan, keys } of snap.usagePlans) {
    const id = plan.id ?? "";
    const key = `${region} usage plan ${plan.name ?? id} (${id})`;
    out.push(
      resource("aws_api_gateway_usage_plan", key, {
        id,
        name: plan.name ?? "",
        api_stages: (plan.apiStages ?? []).map((s) => ({ api_id: s.apiId ?? "", stage: s.stage ?? "", throttle: [] })),
        throttle_settings: block(
          plan.throttle === undefined ? undefined : { burst_limit: plan.throttle.burstLimit ?? 0, rate_limit: plan.throttle.rateLimit ?? 0 },
        ),
        quota_settings: block(
          plan.quota === undefined ? undefined : { limit: plan.quota.limit ?? 0, offset: plan.quota.offset ?? 0, period: plan.quota.period ?? "" },
        ),
      }),
    );
    for (const k of keys) {
      out.push(
        resource("aws_api_gateway_usage_plan_key", `${key} key ${k.name ?? k.id ?? ""}`, {
          id: k.id ?? "",
          key_id: k.id ?? "",
          key_type: k.type ?? "API_KEY",
          usage_plan_id: id,
          name: k.name ?? "",
        }),
      );
    }
  }
  // Never a key's value: the provider keeps it (sensitive); the audit never has it.
  for (const k of snap.apiKeys) {
    out.push(
      resource("aws_api_gateway_api_key", `${region} api key ${k.name ?? k.id ?? ""} (${k.id ?? ""})`, {
        id: k.id ?? "",
        name: k.name ?? "",
        enabled: k.enabled === true,
        description: k.description ?? "",
      }),
    );
  }
  for (const { domain, mappings, apiMappings } of snap.domains) {
    const name = domain.domainName ?? "";
    out.push(
      resource("aws_api_gateway_domain_name", `${region} domain ${name}`, {
        id: name,
        domain_name: name,
        // How CloudFront names it as an origin (the edge rules link a distribution to the API by these values).
        regional_domain_name: domain.regionalDomainName ?? "",
        cloudfront_domain_name: domain.distributionDomainName ?? "",
        security_policy: domain.securityPolicy ?? "",
        endpoint_configuration: block(domain.endpointConfiguration === undefined ? undefined : { types: domain.endpointConfiguration.types ?? [] }),
      }),
    );
    for (const m of mappings) {
      out.push(
        resource("aws_api_gateway_base_path_mapping", `${region} domain ${name} /${m.basePath ?? ""}`, {
          domain_name: name,
          api_id: m.restApiId ?? "",
          stage_name: m.stage ?? "",
          base_path: m.basePath ?? "",
        }),
      );
    }
    // API Gateway v2 lists every mapping of the domain, REST APIs' too: a mapping the base path mappings already
    // hold (same API, same path; v1 spells the root "(none)") is not a second door.
    const listed = new Set(mappings.map((m) => `${m.restApiId ?? ""} ${m.basePath === "(none)" ? "" : (m.basePath ?? "")}`));
    for (const m of apiMappings) {
      if (listed.has(`${m.ApiId ?? ""} ${m.ApiMappingKey ?? ""}`)) continue;
      out.push(
        resource("aws_apigatewayv2_api_mapping", `${region} domain ${name} api mapping ${m.ApiMappingId ?? ""}`, {
          id: m.ApiMappingId ?? "",
          domain_name: name,
          api_id: m.ApiId ?? "",
          stage: m.Stage ?? "",
          api_mapping_key: m.ApiMappingKey ?? "",
        }),
      );
    }
  }
  return out;
}
