// An HTTP API (aws_apigatewayv2_api) defined by an OpenAPI body: its operations are HTTP API routes of the model
// (JWT, `$default`), judged by the same rules as aws_apigatewayv2_route resources.
import { runRules } from "../../../../guard/engine";
import { modelFromDocument } from "../../../../guard/load";
import { parsePolicyDocument } from "../../../../guard/policy/parse";
import type { PolicySet } from "../../../../guard/policy/types";

const body = (defaultSecurity: unknown[]) =>
  JSON.stringify({
    openapi: "3.0.1",
    info: { title: "orders", version: "1" },
    paths: {
      "/orders": { get: { security: [{ cognito: ["orders/read"] }] } },
      "/$default": { "x-amazon-apigateway-any-method": { security: defaultSecurity } },
    },
    components: {
      securitySchemes: {
        cognito: {
          type: "oauth2",
          flows: {},
          "x-amazon-apigateway-authorizer": {
            type: "jwt",
            identitySource: "$request.header.Authorization",
            jwtConfiguration: {
              issuer: "https://cognito-idp.eu-west-1.amazonaws.com/${aws_cognito_user_pool.pool.id}",
              audience: ["${aws_cognito_user_pool_client.web.id}"],
            },
          },
        },
      },
    },
  });
const doc = (defaultSecurity: unknown[]) => ({
  resource: {
    aws_cognito_user_pool: { pool: { name: "users" } },
    aws_cognito_user_pool_client: { web: { name: "web", user_pool_id: "${aws_cognito_user_pool.pool.id}" } },
    aws_cognito_resource_server: {
      rs: {
        identifier: "orders",
        name: "orders",
        user_pool_id: "${aws_cognito_user_pool.pool.id}",
        scope: [{ scope_name: "read", scope_description: "read" }],
      },
    },
    aws_apigatewayv2_api: { api: { name: "orders-dev", protocol_type: "HTTP", body: body(defaultSecurity) } },
  },
});

describe("GIVEN an HTTP API body with a JWT route and a `/$default` catch-all", () => {
  it("THEN the routes are GET /orders (JWT, scopes, REST-spelled identity source) and $default", () => {
    const m = modelFromDocument(doc([]), "x.cdk.tf.json");
    const byKey = new Map(m.routes.map((r) => [r.routeKey, r]));
    expect(byKey.get("GET /orders")).toMatchObject({ form: "openapi-operation", authorization: "JWT", scopes: ["orders/read"] });
    expect(byKey.get("GET /orders")?.authorizer).toMatchObject({ type: "JWT", identitySource: "method.request.header.Authorization" });
    expect(byKey.get("$default")).toMatchObject({ httpMethod: "$default", path: "", authorization: "NONE" });
  });

  it("Noncompliance: an open $default is an open route", () => {
    const f = runRules(modelFromDocument(doc([]), "x.cdk.tf.json"), { policies: [] }).findings.filter((x) => x.rule === "no-open-method");
    expect(f.map((x) => x.route)).toEqual(["$default"]);
  });

  it("Compliance: a JWT $default, and a policy saying COGNITO matches the JWT route", () => {
    const { policy } = parsePolicyDocument(
      {
        api: "orders-*",
        routes: {
          "GET /orders": { type: "COGNITO", authorizer: "cognito", scopes: ["orders/read"] },
          $default: { type: "COGNITO", authorizer: "cognito", scopes: ["orders/read"] },
        },
      },
      "p.yaml",
    );
    const policies: PolicySet = { policies: policy === undefined ? [] : [policy] };
    const findings = runRules(modelFromDocument(doc([{ cognito: ["orders/read"] }]), "x.cdk.tf.json"), policies).findings;
    expect(findings.filter((x) => x.rule === "no-open-method" || x.rule === "method-matches-policy" || x.rule === "openapi-body-verified")).toEqual([]);
  });
});
