// Lambda authorizers and the edge verifier (issue 9, item 3): code identity, environment, the edge verifier's SSM
// configuration, and a result cache keyed without the credential; each with a harmless twin.
import { only, nameOf, type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const FN = "aws_lambda_function";
const tokenFn = (d: Doc): Json => only(d, FN, "fn-authz-jwt-token");
const backend = (d: Doc): Json => only(d, FN, "fn-backend");
const edgeFn = (d: Doc): Json => only(d, FN, "edge-verifier");
const requestAuthorizer = (d: Doc): Json => only(d, "aws_api_gateway_authorizer", "jwt-request");
const envOf = (fn: Json): Record<string, string> => (fn["environment"] as { variables: Record<string, string> }).variables;
const ssm = (d: Doc): Json => only(d, "aws_ssm_parameter", "edge-verifier");

/** A pool with the real pool's settings and name under another logical id: a decoy. */
function addDecoyPool(d: Doc): string {
  const real = only(d, "aws_cognito_user_pool");
  d.resource["aws_cognito_user_pool"]["decoy_pool"] = structuredClone(real);
  return nameOf(d, "aws_cognito_user_pool", real);
}

export const AUTHORIZER_CODE_PAIRS: Readonly<Record<string, AccessPair>> = {
  "authorizer-code-swapped": {
    env: "dev",
    description: "the jwt-token authorizer's package is another build (source_code_hash and asset path change)",
    mutate: (d) => {
      const fn = tokenFn(d);
      fn["source_code_hash"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
      fn["filename"] = String(fn["filename"]).replace(/[0-9a-f]{16}\.zip$/, "0000000000000000.zip");
    },
    blocking: ["authorizer-code-changed"],
    names: "GET /pets/{petId}",
    check: [],
  },
  "authorizer-handler-changed": {
    env: "dev",
    description: "the jwt-token authorizer runs another handler of the same package",
    mutate: (d) => void (tokenFn(d)["handler"] = "debug.allowAll"),
    blocking: ["authorizer-code-changed"],
    names: "DELETE /pets/{petId}",
    check: [],
  },
  "authorizer-code-unrelated-function": {
    env: "dev",
    description: "twin: the backend function (no authorizer) gets a new build",
    mutate: (d) => void (backend(d)["source_code_hash"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
    blocking: [],
    check: [],
  },
  "authorizer-env-decoy-pool": {
    env: "dev",
    description: "the jwt-token authorizer's USER_POOL_ID points at a decoy pool with the same name",
    mutate: (d) => {
      addDecoyPool(d);
      envOf(tokenFn(d))["USER_POOL_ID"] = "${aws_cognito_user_pool.decoy_pool.id}";
    },
    blocking: ["authorizer-environment-changed"],
    names: "GET /pets/{petId}",
    check: [],
  },
  "authorizer-env-client-added": {
    env: "dev",
    description: "the jwt-token authorizer accepts a literal client id beside its configured clients",
    mutate: (d) => {
      const env = envOf(tokenFn(d));
      env["CLIENT_IDS"] = env["CLIENT_IDS"].replace('{"web"', '{"attacker" = "7evilclientid0000000000000", "web"');
    },
    blocking: ["authorizer-environment-changed"],
    names: "GET /pets/{petId}",
    check: [],
  },
  "authorizer-env-unrelated-function": {
    env: "dev",
    description: "twin: the backend function gets a new environment variable",
    mutate: (d) => void (backend(d)["environment"] = { variables: { LOG_LEVEL: "debug" } }),
    blocking: [],
    check: [],
  },
  "authorizer-cache-without-credential": {
    env: "dev",
    description: "the REQUEST authorizer caches for 300 s keyed on X-Tenant only (not the Authorization header)",
    mutate: (d) => {
      const a = requestAuthorizer(d);
      a["identity_source"] = "method.request.header.X-Tenant";
      a["authorizer_result_ttl_in_seconds"] = 300;
    },
    blocking: ["authorizer-cache-key-without-credential"],
    names: "PUT /pets/{petId}/photo",
    check: ["authorizer-identity-source"],
  },
  "authorizer-cache-with-credential": {
    env: "dev",
    description: "the REQUEST authorizer caches for 300 s keyed on Authorization and the route (its TTL was 0)",
    mutate: (d) => {
      const a = requestAuthorizer(d);
      a["identity_source"] = "method.request.header.Authorization,context.httpMethod,context.resourcePath";
      a["authorizer_result_ttl_in_seconds"] = 300;
    },
    // Keyed on the credential, but a longer TTL keeps revoked tokens working longer: attribute-widened (larger).
    blocking: ["attribute-widened"],
    check: [],
  },
  "edge-verifier-config-decoy-pool": {
    env: "prod",
    description: "the edge verifier's SSM parameter names a decoy pool with the same name",
    mutate: (d) => {
      const real = addDecoyPool(d);
      ssm(d)["value"] = String(ssm(d)["value"]).replace(`aws_cognito_user_pool.${real}.id`, "aws_cognito_user_pool.decoy_pool.id");
    },
    blocking: ["edge-verifier-config-changed"],
    names: "GET /health",
    check: [],
  },
  "edge-verifier-code-changed": {
    env: "prod",
    description: "the edge verifier's package is another build",
    mutate: (d) => void (edgeFn(d)["source_code_hash"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
    blocking: ["authorizer-code-changed"],
    names: "GET /health",
    check: [],
  },
  "edge-verifier-config-description": {
    env: "prod",
    description: "twin: the edge verifier's SSM parameter gets a new description (same value)",
    mutate: (d) => void (ssm(d)["description"] = "Edge verifier configuration"),
    blocking: [],
    check: [],
  },
};
