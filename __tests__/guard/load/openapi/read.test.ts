// guard/load/openapi.ts: a body document -> operations with the authorization API Gateway gives each.
import { stringify } from "yaml";
import { readBody, type BodyOperation, type BodyRead } from "../../../../guard/load/openapi";
import { unknownValue } from "../../../../guard/model";
import { oas3Body, swagger2Body, type BodyJson } from "./fixtures";

const ops = (read: BodyRead): BodyOperation[] => {
  if (read.kind !== "operations") throw new Error(`expected operations, got ${read.kind}: ${read.reason}`);
  return [...read.operations];
};
const find = (read: BodyRead, key: string): BodyOperation => {
  const hit = ops(read).find((o) => `${o.method} ${String(o.path)}` === key);
  if (hit === undefined) throw new Error(`no ${key}`);
  return hit;
};

describe("GIVEN an OpenAPI 3 body in JSON", () => {
  const read = readBody(JSON.stringify(oas3Body()));

  it("THEN an operation without its own security takes the root default (Cognito with its scope)", () => {
    const op = find(read, "GET /invoices");
    expect(op).toMatchObject({ authorization: "COGNITO_USER_POOLS", scopes: ["petstore/read"], apiKeyRequired: false, pointer: 'paths["/invoices"].get' });
    expect(op.authorizer).toMatchObject({ name: "cognito", type: "COGNITO_USER_POOLS", identitySource: "method.request.header.Authorization" });
    expect(op.authorizer?.providerArns).toEqual([unknownValue("${aws_cognito_user_pool.identity_user-pool_40B5B78A.arn}")]);
  });

  it("THEN an operation's own security replaces the default, and [] is open", () => {
    expect(find(read, "POST /invoices")).toMatchObject({ authorization: "COGNITO_USER_POOLS", scopes: ["petstore/write"] });
    expect(find(read, "OPTIONS /invoices")).toMatchObject({ authorization: "NONE", apiKeyRequired: false, integrationType: "MOCK" });
    expect(find(read, "DELETE /invoices/{invoiceId}")).toMatchObject({ authorization: "AWS_IAM", apiKeyRequired: false });
  });

  it("THEN a TOKEN Lambda authorizer keeps its URI, identity source and TTL, and an x-api-key scheme requires a key", () => {
    const op = find(read, "GET /partner-feed");
    expect(op).toMatchObject({ authorization: "CUSTOM", apiKeyRequired: true, scopes: [] });
    expect(op.authorizer).toMatchObject({ name: "jwt-token", type: "TOKEN", resultTtlSeconds: 0, identitySource: "method.request.header.Authorization" });
    expect(op.authorizer?.authorizerUri).toEqual(unknownValue("${aws_lambda_function.fn-authz-jwt-token_function_CB64E8B9.invoke_arn}"));
  });
});

describe("GIVEN the same API as Swagger 2.0 in YAML", () => {
  it("THEN securityDefinitions give the same operations", () => {
    const yaml = readBody(stringify(swagger2Body()));
    const json = readBody(JSON.stringify(oas3Body()));
    const shape = (r: BodyRead) => ops(r).map((o) => [o.method, o.path, o.authorization, o.scopes, o.apiKeyRequired, o.authorizer?.name]);
    expect(yaml.kind === "operations" && yaml.format).toBe("swagger2");
    expect(shape(yaml)).toEqual(shape(json));
  });
});

describe("GIVEN x-amazon-apigateway-any-method and a greedy path", () => {
  it("THEN the operation is ANY on /{proxy+}", () => {
    const b = oas3Body() as BodyJson;
    b.paths = { "/{proxy+}": { "x-amazon-apigateway-any-method": { security: [] } } };
    expect(ops(readBody(JSON.stringify(b)))).toMatchObject([{ method: "ANY", path: "/{proxy+}", authorization: "NONE" }]);
  });
});

describe("GIVEN a body without any security", () => {
  it("THEN every operation is open", () => {
    const b = oas3Body() as BodyJson;
    delete b.security;
    expect(find(readBody(JSON.stringify(b)), "GET /invoices")).toMatchObject({ authorization: "NONE", apiKeyRequired: false });
  });
});

describe("GIVEN an HTTP API body", () => {
  it("THEN a jwt authorizer is JWT with its issuer and audience, scopes from the requirement", () => {
    const b = {
      openapi: "3.0.1",
      info: { title: "orders", version: "1" },
      paths: { "/orders": { get: { security: [{ cognito_jwt: ["orders/read"] }] } } },
      components: {
        securitySchemes: {
          cognito_jwt: {
            type: "oauth2",
            flows: {},
            "x-amazon-apigateway-authorizer": {
              type: "jwt",
              identitySource: "$request.header.Authorization",
              jwtConfiguration: { issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc", audience: ["client1"] },
            },
          },
        },
      },
    };
    const op = find(readBody(JSON.stringify(b), "http"), "GET /orders");
    expect(op).toMatchObject({ authorization: "JWT", scopes: ["orders/read"] });
    expect(op.authorizer?.jwt).toEqual({ issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc", audience: ["client1"] });
  });

  it("THEN an API key scheme is not enforced: not verified", () => {
    const b = oas3Body() as BodyJson;
    b.paths = { "/feed": { get: { security: [{ api_key: [] }] } } };
    expect(find(readBody(JSON.stringify(b), "http"), "GET /feed").unverified).toMatch(/HTTP APIs do not enforce/);
  });
});

describe("GIVEN security that cannot be determined", () => {
  const withGet = (security: unknown, extraSchemes: Record<string, unknown> = {}) => {
    const b = oas3Body() as BodyJson;
    b.components.securitySchemes = { ...b.components.securitySchemes, ...extraSchemes };
    b.paths = { "/x": { get: { security } } };
    return find(readBody(JSON.stringify(b)), "GET /x");
  };
  it.each([
    ["an undefined scheme", [{ nope: [] }], {}, /"nope" is not defined/],
    ["an http bearer scheme API Gateway ignores", [{ bearer: [] }], { bearer: { type: "http", scheme: "bearer" } }, /does not enforce/],
    ["differing alternatives", [{ cognito: [] }, {}], {}, /2 different alternatives/],
    ["two authorizers in one requirement", [{ cognito: [], sigv4: [] }], {}, /several authorizers/],
  ])("THEN %s is not verified (Unknown, with the reason)", (_, security, schemes, why) => {
    const op = withGet(security, schemes);
    expect(op.authorization).toMatchObject({ unknown: true });
    expect(op.unverified ?? JSON.stringify(op.scopes)).toMatch(why);
  });

  it("THEN a scope from an expression makes the scopes Unknown", () => {
    expect(withGet([{ cognito: ["${var.scope}"] }])).toMatchObject({ authorization: "COGNITO_USER_POOLS", scopes: { unknown: true } });
  });

  it("THEN identical alternatives are one authorization", () => {
    expect(withGet([{ sigv4: [] }, { sigv4: [] }])).toMatchObject({ authorization: "AWS_IAM" });
  });
});

describe("GIVEN a body the check cannot read", () => {
  it.each([
    ["a plan's computed body", unknownValue(), "unknown", /known only after apply/],
    ["a templatefile() expression", unknownValue('${templatefile("api.yaml", { a = {} })}'), "unknown", /expression known only after apply/],
    ["a jsonencode() expression", unknownValue('${jsonencode({openapi = "3.0.1"})}'), "unknown", /expression known only after apply/],
    ["a literal embedding ${var.x}", unknownValue('{"openapi":"3.0.1","info":{"title":"${var.x}"},"paths":{}}'), "unknown", /could change the document/],
    [
      "a literal embedding a data source's value",
      unknownValue('{"openapi":"3.0.1","info":{"title":"${data.aws_ssm_parameter.p.value}"},"paths":{}}'),
      "unknown",
      /could change the document/,
    ],
    ["bad JSON", '{"openapi": "3.0.1",', "unreadable", /bad JSON/],
    ["a duplicate key", '{"openapi":"3.0.1","paths":{},"paths":{}}', "unreadable", /duplicate key/],
    [
      "a duplicate key spelt with an escape",
      '{"openapi":"3.0.1","paths":{"/a":{"get":{"security":[],"s\\u0065curity":[{"k":[]}]}}}}',
      "unreadable",
      /duplicate key/,
    ],
    ["OpenAPI 3.1's sibling 1.x", '{"swagger":"1.2","paths":{}}', "unreadable", /neither OpenAPI 3.x nor Swagger 2.0/],
    ["a YAML scalar", "just text", "unreadable", /not an OpenAPI document/],
    ["YAML merge keys", "openapi: 3.0.1\nx-open: &open\n  security: []\npaths:\n  /a:\n    get:\n      <<: *open\n", "unreadable", /merge keys/],
  ])("THEN %s is %s, never an empty API", (_, body, kind, why) => {
    const read = readBody(body);
    expect(read.kind).toBe(kind);
    expect(read.kind !== "operations" && read.reason).toMatch(why);
  });

  it("THEN a literal whose placeholders are resource references is read, the reference kept as Unknown", () => {
    const b = oas3Body();
    const read = readBody(unknownValue(JSON.stringify(b)));
    expect(find(read, "GET /invoices").authorization).toBe("COGNITO_USER_POOLS");
  });

  it("THEN a path key holding an expression has an Unknown path", () => {
    const b = oas3Body() as BodyJson;
    b.paths = { "/${aws_api_gateway_resource.r.id}": { get: { security: [] } } };
    expect(ops(readBody(unknownValue(JSON.stringify(b))))[0].path).toMatchObject({ unknown: true });
  });
});
