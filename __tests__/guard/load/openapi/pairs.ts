// Base/head pairs for OpenAPI bodies, from the real sample synth: `both` gives the sample's REST API a body
// (merged with its method resources), `mutate` is the pull request. Every widening has harmless twins.
import type { AccessPair } from "../../access/pairs/types";
import { method, type Doc, type Json } from "../../review/fixtures/pairs";
import { bodyOfDoc, oas3Body, setBody, swagger2Body, type BodyJson } from "./fixtures";

/** Edit the body as JSON and write it back in the same format. */
const edit = (fn: (b: BodyJson) => void) => (d: Doc) => {
  const b = bodyOfDoc(d);
  fn(b);
  setBody(d, b);
};
const op = (b: BodyJson, path: string, verb: string): Json => b.paths[path][verb];
const withBody = (d: Doc) => setBody(d, oas3Body());

export const OPENAPI_PAIRS: Readonly<Record<string, AccessPair>> = {
  "operation-security-empty": {
    env: "dev",
    description: "GET /invoices (global Cognito default) gets security: [] on the operation",
    both: withBody,
    mutate: edit((b) => {
      op(b, "/invoices", "get")["security"] = [];
    }),
    blocking: ["auth-removed"],
    names: "GET /invoices",
    check: ["no-open-method"],
  },
  "global-security-dropped": {
    env: "dev",
    description: "the root security default is deleted: operations without their own become open",
    both: withBody,
    mutate: edit((b) => {
      delete b.security;
    }),
    blocking: ["auth-removed"],
    names: "GET /invoices",
    check: ["no-open-method"],
  },
  "swagger2-yaml-operation-open": {
    env: "dev",
    description: "a Swagger 2.0 YAML body: DELETE /invoices/{invoiceId} loses SigV4",
    both: (d) => setBody(d, swagger2Body(), "yaml"),
    mutate: (d) => {
      const b = swagger2Body() as BodyJson;
      op(b, "/invoices/{invoiceId}", "delete")["security"] = [];
      setBody(d, b, "yaml");
    },
    blocking: ["auth-removed"],
    names: "DELETE /invoices/{invoiceId}",
    check: ["no-open-method"],
  },
  "scope-dropped": {
    env: "dev",
    description: "POST /invoices keeps Cognito but drops its scope (any ID token passes)",
    both: withBody,
    mutate: edit((b) => {
      op(b, "/invoices", "post")["security"] = [{ cognito: [] }];
    }),
    blocking: ["scope-requirement-removed"],
    names: "POST /invoices",
    check: [],
  },
  "cognito-to-lambda": {
    env: "dev",
    description: "GET /invoices swaps Cognito for the TOKEN Lambda authorizer",
    both: withBody,
    mutate: edit((b) => {
      op(b, "/invoices", "get")["security"] = [{ "jwt-token": [] }];
    }),
    blocking: ["authorizer-weaker"],
    names: "GET /invoices",
    check: [],
  },
  "api-key-dropped": {
    env: "dev",
    description: "GET /partner-feed no longer requires the API key beside its authorizer",
    both: withBody,
    mutate: edit((b) => {
      op(b, "/partner-feed", "get")["security"] = [{ "jwt-token": [] }];
    }),
    blocking: ["api-key-removed"],
    names: "GET /partner-feed",
    check: [],
  },
  "sigv4-to-key-only": {
    env: "dev",
    description: "DELETE /invoices/{invoiceId} swaps SigV4 for an API key alone",
    both: withBody,
    mutate: edit((b) => {
      op(b, "/invoices/{invoiceId}", "delete")["security"] = [{ api_key: [] }];
    }),
    blocking: ["auth-api-key-only"],
    names: "DELETE /invoices/{invoiceId}",
    check: ["api-key-is-not-authentication"],
  },
  "open-any-method-added": {
    env: "dev",
    description: "an open x-amazon-apigateway-any-method appears on /billing",
    both: withBody,
    mutate: edit((b) => {
      b.paths["/billing"] = { "x-amazon-apigateway-any-method": { security: [] } };
    }),
    blocking: ["new-public-route"],
    names: "ANY /billing",
    check: ["no-open-method"],
  },
  "open-greedy-path-added": {
    env: "dev",
    description: "an open ANY /invoices/{proxy+} appears beside the protected /invoices/{invoiceId}",
    both: withBody,
    mutate: edit((b) => {
      b.paths["/invoices/{proxy+}"] = { "x-amazon-apigateway-any-method": { security: [] } };
    }),
    blocking: ["new-public-route", "route-shadowed"],
    names: "/invoices/{proxy+}",
    check: ["no-open-method"],
  },
  "method-moved-into-body-open": {
    env: "dev",
    description: "GET /pets (Cognito method resource) is deleted and redeclared in the body with security: []",
    both: withBody,
    mutate: (d) => {
      const methods = d.resource["aws_api_gateway_method"];
      const name = Object.keys(methods).find((k) => methods[k] === method(d, "GET", "/pets")) as string;
      delete methods[name];
      edit((b) => {
        b.paths["/pets"] = { get: { security: [] } };
      })(d);
    },
    blocking: ["auth-removed"],
    names: "GET /pets",
    check: ["no-open-method"],
  },
  "body-becomes-templatefile": {
    env: "dev",
    description: "the body becomes templatefile(): known only after apply",
    both: withBody,
    mutate: (d) => {
      d.resource["aws_api_gateway_rest_api"]["api_4F59AA66"]["body"] =
        '${templatefile("openapi.yaml", { pool = aws_cognito_user_pool.identity_user-pool_40B5B78A.arn })}';
    },
    blocking: ["openapi-body-unverifiable"],
    names: "petstore-dev",
    check: ["openapi-body-verified"],
  },
  "body-embeds-variable": {
    env: "dev",
    description: "a ${var.extra} pasted inside a string value could inject keys",
    both: withBody,
    mutate: edit((b) => {
      (b as Json)["info"] = { title: "petstore-dev", version: "1.0", description: "${var.extra}" };
    }),
    blocking: ["openapi-body-unverifiable"],
    names: "petstore-dev",
    check: ["openapi-body-verified"],
  },
  "duplicate-security-key": {
    env: "dev",
    description: "the JSON text repeats `security` on GET /invoices (which copy API Gateway keeps is not known)",
    both: withBody,
    mutate: (d) => {
      const api = d.resource["aws_api_gateway_rest_api"]["api_4F59AA66"];
      api["body"] = String(api["body"]).replace('"/invoices":{"get":{', '"/invoices":{"get":{"security":[],');
      const b = String(api["body"]);
      if (!b.includes('"get":{"security":[],"x-amazon')) throw new Error("fixture: duplicate not inserted");
      api["body"] = b.replace('"get":{"security":[],"x-amazon', '"get":{"security":[],"security":[{"cognito":["petstore/read"]}],"x-amazon');
    },
    blocking: ["openapi-body-unverifiable"],
    names: "petstore-dev",
    check: ["openapi-body-verified"],
  },
  "alternative-anonymous": {
    env: "dev",
    description: "GET /invoices lists an anonymous alternative ({}) beside Cognito",
    both: withBody,
    mutate: edit((b) => {
      op(b, "/invoices", "get")["security"] = [{ cognito: ["petstore/read"] }, {}];
    }),
    blocking: ["auth-unknown"],
    names: "GET /invoices",
    check: ["openapi-body-verified"],
  },
  "unenforced-scheme": {
    env: "dev",
    description: "GET /invoices switches to an http bearer scheme API Gateway does not enforce",
    both: withBody,
    mutate: edit((b) => {
      b.components.securitySchemes["bearer"] = { type: "http", scheme: "bearer", bearerFormat: "JWT" };
      op(b, "/invoices", "get")["security"] = [{ bearer: [] }];
    }),
    blocking: ["auth-unknown"],
    names: "GET /invoices",
    check: ["openapi-body-verified"],
  },
  "pool-swapped": {
    env: "dev",
    description: "the body's Cognito scheme trusts a new pool",
    both: withBody,
    mutate: (d) => {
      d.resource["aws_cognito_user_pool"]["decoy"] = { name: "petstore-dev-users" };
      edit((b) => {
        const s = b.components.securitySchemes["cognito"] as Json;
        (s["x-amazon-apigateway-authorizer"] as Json)["providerARNs"] = ["${aws_cognito_user_pool.decoy.arn}"];
      })(d);
    },
    blocking: ["authorizer-pool-changed"],
    names: "GET /invoices",
    check: [],
  },
  "body-resource-policy-allows-everyone": {
    env: "dev",
    description: "the body gains an x-amazon-apigateway-policy letting anyone invoke the API (SigV4 routes included)",
    both: withBody,
    mutate: edit((b) => {
      (b as Json)["x-amazon-apigateway-policy"] = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" }],
      };
    }),
    blocking: ["invoke-grant-widened", "invoker-added"],
    names: "DELETE /invoices/{invoiceId}",
    check: ["execute-api-invoke-scoped"],
  },
  "rest-api-policy-shorthand-allows-everyone": {
    env: "dev",
    description: "an aws_api_gateway_rest_api_policy lets anyone invoke execute-api:/* (the shorthand for its API)",
    both: withBody,
    mutate: (d) => {
      d.resource["aws_api_gateway_rest_api_policy"] = {
        open: {
          rest_api_id: "${aws_api_gateway_rest_api.api_4F59AA66.id}",
          policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" }],
          }),
        },
      };
    },
    blocking: ["invoke-grant-widened", "invoker-added"],
    names: "GET /reports/{reportId}",
    check: ["execute-api-invoke-scoped"],
  },

  // Harmless twins: nothing blocks, the check finds nothing new.
  "twin-reordered": {
    env: "dev",
    description: "the body's paths, operations and keys in another order",
    both: withBody,
    mutate: edit((b) => {
      const reversed = (o: Json): Json =>
        Object.fromEntries(
          Object.entries(o)
            .reverse()
            .map(([k, v]) => [k, typeof v === "object" && v !== null && !Array.isArray(v) ? reversed(v as Json) : v]),
        );
      const r = reversed(b);
      for (const k of Object.keys(b)) delete (b as Json)[k];
      Object.assign(b, r);
    }),
    blocking: [],
    check: [],
  },
  "twin-json-to-yaml": {
    env: "dev",
    description: "the same body written as YAML",
    both: withBody,
    mutate: (d) => setBody(d, bodyOfDoc(d), "yaml"),
    blocking: [],
    check: [],
  },
  "twin-explicit-default": {
    env: "dev",
    description: "GET /invoices spells out the global default and gains a summary",
    both: withBody,
    mutate: edit((b) => {
      op(b, "/invoices", "get")["security"] = [{ cognito: ["petstore/read"] }];
      op(b, "/invoices", "get")["summary"] = "List invoices";
    }),
    blocking: [],
    check: [],
  },
  "twin-reference-placeholder": {
    env: "dev",
    description: "the backend integration points at another function by reference",
    both: withBody,
    mutate: edit((b) => {
      (op(b, "/invoices", "get")["x-amazon-apigateway-integration"] as Json)["uri"] =
        "${aws_lambda_function.fn-authz-jwt-request_function_61424B7E.invoke_arn}";
    }),
    blocking: [],
    check: [],
  },
};
