// HTTP and WebSocket APIs as the provider keeps them in state: API, routes, authorizers, integrations, stages.
// Pure: SDK responses in.
import { block, resource, type StateResource } from "./state-doc";
import type { HttpApiRead } from "./snapshot";

export function httpResources(region: string, account: string, apis: readonly HttpApiRead[]): StateResource[] {
  const out: StateResource[] = [];
  for (const { api, routes, authorizers, integrations, stages } of apis) {
    const id = api.ApiId ?? "";
    const label = api.Name ?? id;
    const cors = api.CorsConfiguration;
    out.push(
      resource("aws_apigatewayv2_api", `${region} ${label} (${id})`, {
        id,
        name: api.Name ?? "",
        protocol_type: api.ProtocolType ?? "",
        api_endpoint: api.ApiEndpoint ?? "",
        arn: `arn:aws:apigateway:${region}::/apis/${id}`,
        execution_arn: `arn:aws:execute-api:${region}:${account}:${id}`,
        disable_execute_api_endpoint: api.DisableExecuteApiEndpoint === true,
        route_selection_expression: api.RouteSelectionExpression ?? "",
        cors_configuration: block(
          cors === undefined
            ? undefined
            : {
                allow_credentials: cors.AllowCredentials === true,
                allow_headers: cors.AllowHeaders ?? [],
                allow_methods: cors.AllowMethods ?? [],
                allow_origins: cors.AllowOrigins ?? [],
                expose_headers: cors.ExposeHeaders ?? [],
                max_age: cors.MaxAge ?? 0,
              },
        ),
      }),
    );
    for (const r of routes) {
      out.push(
        resource("aws_apigatewayv2_route", `${region} ${label} ${r.RouteKey ?? r.RouteId ?? ""}`, {
          id: r.RouteId ?? "",
          api_id: id,
          route_key: r.RouteKey ?? "",
          authorization_type: r.AuthorizationType ?? "NONE",
          authorizer_id: r.AuthorizerId ?? null,
          authorization_scopes: r.AuthorizationScopes ?? [],
          api_key_required: r.ApiKeyRequired === true,
          target: r.Target ?? null,
        }),
      );
    }
    for (const a of authorizers) {
      out.push(
        resource("aws_apigatewayv2_authorizer", `${region} ${label} authorizer ${a.Name ?? a.AuthorizerId ?? ""}`, {
          id: a.AuthorizerId ?? "",
          api_id: id,
          name: a.Name ?? "",
          authorizer_type: a.AuthorizerType ?? "",
          identity_sources: a.IdentitySource ?? [],
          authorizer_uri: a.AuthorizerUri ?? "",
          authorizer_result_ttl_in_seconds: a.AuthorizerResultTtlInSeconds ?? 0,
          authorizer_payload_format_version: a.AuthorizerPayloadFormatVersion ?? null,
          enable_simple_responses: a.EnableSimpleResponses === true,
          jwt_configuration: block(
            a.JwtConfiguration === undefined ? undefined : { audience: a.JwtConfiguration.Audience ?? [], issuer: a.JwtConfiguration.Issuer ?? "" },
          ),
        }),
      );
    }
    for (const i of integrations) {
      out.push(
        resource("aws_apigatewayv2_integration", `${region} ${label} integration ${i.IntegrationId ?? ""}`, {
          id: i.IntegrationId ?? "",
          api_id: id,
          integration_type: i.IntegrationType ?? "",
          integration_uri: i.IntegrationUri ?? "",
          integration_method: i.IntegrationMethod ?? "",
          connection_type: i.ConnectionType ?? "INTERNET",
          payload_format_version: i.PayloadFormatVersion ?? "1.0",
        }),
      );
    }
    for (const s of stages) {
      const d = s.DefaultRouteSettings;
      out.push(
        resource("aws_apigatewayv2_stage", `${region} ${label} stage ${s.StageName ?? ""}`, {
          id: s.StageName ?? "",
          api_id: id,
          name: s.StageName ?? "",
          arn: `arn:aws:apigateway:${region}::/apis/${id}/stages/${s.StageName ?? ""}`,
          auto_deploy: s.AutoDeploy === true,
          deployment_id: s.DeploymentId ?? "",
          access_log_settings:
            s.AccessLogSettings?.DestinationArn === undefined
              ? []
              : [{ destination_arn: s.AccessLogSettings.DestinationArn, format: s.AccessLogSettings.Format ?? "" }],
          default_route_settings: block(
            d === undefined
              ? undefined
              : {
                  logging_level: d.LoggingLevel ?? "OFF",
                  detailed_metrics_enabled: d.DetailedMetricsEnabled === true,
                  data_trace_enabled: d.DataTraceEnabled === true,
                  throttling_burst_limit: d.ThrottlingBurstLimit ?? 0,
                  throttling_rate_limit: d.ThrottlingRateLimit ?? 0,
                },
          ),
        }),
      );
    }
  }
  return out;
}
