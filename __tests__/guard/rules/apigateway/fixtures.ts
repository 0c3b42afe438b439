// Fixtures of the API Gateway rules (REST, HTTP and WebSocket APIs, their authorizers, stages, keys and
// deployments). Written to <rule-id>/{fail,pass}.tf.json by ../generate.ts.
import { route } from "../../load/http-api/fixture";
import { BASES, type Doc, type RuleFixtures } from "../private/fixture-types";
import { breakage, pair } from "../private/fixture-sources";

// The sample synth's one aws_api_gateway_method_settings (method_path "*/*"): its settings block.
const settingsOf = (d: Doc): Record<string, unknown> => {
  const all = Object.values(d.resource["aws_api_gateway_method_settings"] ?? {});
  const settings = all[0]?.["settings"];
  if (all.length !== 1 || typeof settings !== "object" || settings === null) throw new Error("fixture: want one method settings block");
  return settings as Record<string, unknown>;
};

/** The sample's deployment: depends_on every method, integration and authorizer, and triggers over `attributes`. */
function sampleDeployment(attributes: Readonly<Record<string, readonly string[]>>) {
  return (d: Doc): void => {
    const [deployment] = Object.values(d.resource["aws_api_gateway_deployment"] ?? {});
    if (deployment === undefined) throw new Error("fixture: the sample has no deployment");
    const names = (type: string): string[] => Object.keys(d.resource[type] ?? {}).map((n) => `${type}.${n}`);
    const inputs = ["aws_api_gateway_method", "aws_api_gateway_integration", "aws_api_gateway_authorizer"].flatMap(names);
    const refs = inputs.flatMap((r) => (attributes[r.split(".")[0] as string] ?? []).map((a) => `${r}.${a}`));
    deployment["depends_on"] = inputs;
    deployment["triggers"] = { redeployment: `\${sha1(jsonencode([${refs.join(", ")}]))}` };
  };
}

export const APIGATEWAY_FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "api-cache-keyed-on-credential": pair("stage-cache-authorized", "stage-description"),
  "api-key-in-usage-plan": breakage("api-key-in-usage-plan"),
  "api-key-is-not-authentication": breakage("api-key-is-not-authentication"),
  "authorizer-cache-ttl-bounded": pair("authorizer-ttl-raised", "authorizer-ttl-lowered"),
  "authorizer-exists": breakage("authorizer-exists"),
  "authorizer-identity-source": breakage("authorizer-identity-source"),
  "deployment-redeploys-on-auth-change": {
    base: BASES.petstoreDev,
    fail: {
      why: "the deployment's triggers hash only the ids of every method, integration and authorizer, and it depends_on all of them: depends_on only orders creation, so a method whose authorization changes in place is never deployed",
      apply: sampleDeployment({ aws_api_gateway_method: ["id"], aws_api_gateway_integration: ["id"], aws_api_gateway_authorizer: ["id"] }),
    },
    pass: {
      why: "the same depends_on, and triggers hashing each method's authorization, authorizer_id and scopes and each authorizer's type and identity_source",
      apply: sampleDeployment({
        aws_api_gateway_method: ["id", "authorization", "authorizer_id", "authorization_scopes"],
        aws_api_gateway_integration: ["id", "uri"],
        aws_api_gateway_authorizer: ["id", "type", "identity_source"],
      }),
    },
  },
  "deployment-stage-name": pair("deployment-stage-name", "stage-description"),
  "http-identity-appended": {
    base: BASES.ordersHttp,
    fail: {
      why: "the integration appends the token's sub to x-user-id: the caller's own x-user-id stays in front of it",
      apply: (d) =>
        ((d.resource["aws_apigatewayv2_integration"]?.["backend"] ?? {})["request_parameters"] = {
          "append:header.x-user-id": "$context.authorizer.claims.sub",
        }),
    },
    pass: {
      why: "the caller's x-user-id is overwritten by the token's sub; a request id is appended (not an identity)",
      apply: (d) =>
        ((d.resource["aws_apigatewayv2_integration"]?.["backend"] ?? {})["request_parameters"] = {
          "overwrite:header.x-user-id": "$context.authorizer.claims.sub",
          "append:header.x-trace": "$context.requestId",
        }),
    },
  },
  "http-route-authorizer-ignored": {
    base: BASES.ordersHttp,
    fail: {
      why: "GET /orders keeps its authorizer_id but leaves authorization_type out, which means NONE",
      apply: (d) => delete route(d, "GET /orders")["authorization_type"],
    },
    pass: {
      why: "a public GET /health route has authorization_type NONE and no authorizer_id: nothing it names is ignored",
      apply: (d) => {
        d.resource["aws_apigatewayv2_route"] = {
          ...d.resource["aws_apigatewayv2_route"],
          health: {
            api_id: "${aws_apigatewayv2_api.orders.id}",
            route_key: "GET /health",
            target: "integrations/${aws_apigatewayv2_integration.backend.id}",
            authorization_type: "NONE",
          },
        };
      },
    },
  },
  "stage-access-logs": breakage("stage-access-logs"),
  "stage-execution-logging": breakage("stage-execution-logging", {
    why: "execution logging at INFO, the other level the rule accepts, with metrics",
    apply: (d) => ((d.resource["aws_api_gateway_method_settings"]?.["all"] ?? {})["settings"] = { logging_level: "INFO", metrics_enabled: true }),
  }),
  "stage-data-trace-off": {
    base: BASES.petstoreDev,
    fail: {
      why: "the stage's */* method settings turn data trace on: every request, Authorization header included, goes to CloudWatch",
      apply: (d) => (settingsOf(d)["data_trace_enabled"] = true),
    },
    pass: {
      why: "data trace stays off; logging at ERROR instead of INFO (what is logged changes, no request bodies or headers)",
      apply: (d) => Object.assign(settingsOf(d), { data_trace_enabled: false, logging_level: "ERROR" }),
    },
  },
  "stage-xray": breakage("stage-xray"),
  "usage-plan-on-api-key-stages": breakage("usage-plan-on-api-key-stages"),
  "websocket-connect-authenticated": breakage("websocket-connect-authenticated", {
    why: "a WebSocket API whose $connect route requires SigV4 (AWS_IAM) before any message reaches $default",
    apply: (d) => {
      d.resource["aws_apigatewayv2_api"] = { chat: { name: "chat", protocol_type: "WEBSOCKET", route_selection_expression: "$request.body.action" } };
      d.resource["aws_apigatewayv2_route"] = {
        connect: { api_id: "${aws_apigatewayv2_api.chat.id}", route_key: "$connect", authorization_type: "AWS_IAM" },
        default: { api_id: "${aws_apigatewayv2_api.chat.id}", route_key: "$default" },
      };
    },
  }),
};
