// OpenAPI bodies derived from the real sample synth (petstore dev): the schemes reference the sample's own
// Cognito pool and Lambda authorizer function, as a team adding a body to that API would write them.
import { stringify } from "yaml";
import type { Doc, Json } from "../../review/fixtures/pairs";

export const API = "aws_api_gateway_rest_api.api_4F59AA66";
const POOL_ARN = "${aws_cognito_user_pool.identity_user-pool_40B5B78A.arn}";
const TOKEN_FN = "${aws_lambda_function.fn-authz-jwt-token_function_CB64E8B9.invoke_arn}";
const BACKEND = "${aws_lambda_function.fn-admin-only_function_A7F6BEC7.invoke_arn}";

const integration = { type: "aws_proxy", httpMethod: "POST", uri: BACKEND };
const mock = { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' } };

/** OpenAPI 3 schemes as API Gateway documents them: Cognito, SigV4, a TOKEN Lambda authorizer, the API key. */
const OAS3_SCHEMES: Json = {
  cognito: {
    type: "apiKey",
    name: "Authorization",
    in: "header",
    "x-amazon-apigateway-authtype": "cognito_user_pools",
    "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: [POOL_ARN] },
  },
  sigv4: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" },
  "jwt-token": {
    type: "apiKey",
    name: "Authorization",
    in: "header",
    "x-amazon-apigateway-authtype": "custom",
    "x-amazon-apigateway-authorizer": {
      type: "token",
      authorizerUri: TOKEN_FN,
      authorizerResultTtlInSeconds: 0,
      identitySource: "method.request.header.Authorization",
    },
  },
  api_key: { type: "apiKey", name: "x-api-key", in: "header" },
};

/** An OpenAPI 3 body: a global Cognito default, operations overriding it (SigV4, Lambda, key, an open preflight). */
export function oas3Body(): Json {
  return {
    openapi: "3.0.1",
    info: { title: "petstore-dev", version: "1.0" },
    "x-amazon-apigateway-api-key-source": "HEADER",
    security: [{ cognito: ["petstore/read"] }],
    paths: {
      "/invoices": {
        get: { "x-amazon-apigateway-integration": integration },
        post: { security: [{ cognito: ["petstore/write"] }], "x-amazon-apigateway-integration": integration },
        options: { security: [], "x-amazon-apigateway-integration": mock },
      },
      "/invoices/{invoiceId}": {
        get: { security: [{ "jwt-token": [] }], "x-amazon-apigateway-integration": integration },
        delete: { security: [{ sigv4: [] }], "x-amazon-apigateway-integration": integration },
      },
      "/partner-feed": { get: { security: [{ api_key: [], "jwt-token": [] }], "x-amazon-apigateway-integration": integration } },
    },
    components: { securitySchemes: OAS3_SCHEMES },
  };
}

/** The same API as Swagger 2.0 (securityDefinitions), for YAML bodies. */
export function swagger2Body(): Json {
  const b = oas3Body();
  const { components, openapi, ...rest } = b as { components: Json; openapi: string } & Json;
  void openapi;
  return { swagger: "2.0", ...rest, securityDefinitions: (components as { securitySchemes: Json }).securitySchemes };
}

export type BodyJson = ReturnType<typeof oas3Body> & { paths: Record<string, Record<string, Json>>; security?: unknown; components: { securitySchemes: Json } };

/** The sample's REST API with this body (JSON or YAML text), merged with its method resources. */
export function setBody(d: Doc, body: Json, format: "json" | "yaml" = "json"): void {
  const api = d.resource["aws_api_gateway_rest_api"]["api_4F59AA66"];
  api["body"] = format === "json" ? JSON.stringify(body) : stringify(body);
  api["put_rest_api_mode"] = "merge";
}

export function bodyOfDoc(d: Doc): BodyJson {
  return JSON.parse(String(d.resource["aws_api_gateway_rest_api"]["api_4F59AA66"]["body"])) as BodyJson;
}
