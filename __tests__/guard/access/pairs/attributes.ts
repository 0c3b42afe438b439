// Attribute pairs (with the door classes of docs/review.md): changes no comparer models, judged by the classification of the
// provider schema. Each widening blocks as not verified or widened; each twin changes something neutral or narrows.
import { only, type Doc } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const webClient = (d: Doc) => only(d, "aws_cognito_user_pool_client", "client-web");
const tokenAuthorizer = (d: Doc) => only(d, "aws_api_gateway_authorizer", "jwt-token");
const plan = (d: Doc) => only(d, "aws_api_gateway_usage_plan");
const POOL_ID = "${aws_cognito_user_pool.identity_user-pool_40B5B78A.id}";

export const ATTRIBUTE_PAIRS: Readonly<Record<string, AccessPair>> = {
  "federation-google": {
    env: "dev",
    description: "the web client accepts Google sign-ins, through a new Google identity provider of the pool",
    mutate: (d) => {
      webClient(d)["supported_identity_providers"] = ["COGNITO", "Google"];
      d.resource["aws_cognito_identity_provider"] = {
        google: { user_pool_id: POOL_ID, provider_name: "Google", provider_type: "Google", provider_details: { client_id: "x", authorize_scopes: "email" } },
      };
    },
    blocking: ["attribute-not-verified", "resource-not-verified"],
    names: "supported_identity_providers",
    check: ["identity-provider-named"],
  },
  "client-tags": {
    env: "dev",
    description: "twin: the web client's tags change",
    mutate: (d) => void (webClient(d)["tags"] = { owner: "identity-team" }),
    blocking: [],
    check: [],
  },
  "stage-cache-authorized": {
    env: "dev",
    description: "the stage gets a cache cluster and every method caches its responses, authorized routes included",
    mutate: (d) => {
      const stage = only(d, "aws_api_gateway_stage");
      stage["cache_cluster_enabled"] = true;
      stage["cache_cluster_size"] = "0.5";
      const settings = only(d, "aws_api_gateway_method_settings");
      settings["settings"] = { ...(settings["settings"] as Record<string, unknown>), caching_enabled: true, cache_ttl_in_seconds: 300 };
    },
    // cache_cluster_enabled and caching_enabled widen by enabling (the check judges them); the cache TTL is not verified.
    blocking: ["attribute-not-verified", "attribute-widened"],
    names: "cache_cluster_enabled",
    check: ["api-cache-keyed-on-credential"],
  },
  "stage-description": {
    env: "dev",
    description: "twin: the stage and the API get new descriptions",
    mutate: (d) => {
      only(d, "aws_api_gateway_stage")["description"] = "the dev stage";
      only(d, "aws_api_gateway_rest_api")["description"] = "Petstore API (dev)";
    },
    blocking: [],
    check: [],
  },
  "authorizer-ttl-raised": {
    env: "dev",
    description: "the jwt-token authorizer caches its Allow for an hour (revoked and expired tokens keep working)",
    mutate: (d) => void (tokenAuthorizer(d)["authorizer_result_ttl_in_seconds"] = 3600),
    blocking: ["attribute-widened"],
    names: "authorizer_result_ttl_in_seconds: 300 → 3600",
    check: ["authorizer-cache-ttl-bounded"],
  },
  "authorizer-ttl-lowered": {
    env: "dev",
    description: "twin: the jwt-token authorizer's cache TTL is lowered to a minute",
    mutate: (d) => void (tokenAuthorizer(d)["authorizer_result_ttl_in_seconds"] = 60),
    blocking: [],
    check: [],
  },
  "ssm-edge-config-overwritten": {
    env: "prod",
    description: "a second parameter with the edge verifier's configuration name, created with overwrite, replaces what it reads",
    mutate: (d) => {
      const config = only(d, "aws_ssm_parameter");
      d.resource["aws_ssm_parameter"]["decoy"] = { name: config["name"], type: "String", overwrite: true, value: '{"userPoolId":"eu-west-1_attacker"}' };
    },
    blocking: ["attribute-not-verified"],
    names: "overwrite",
    check: ["edge-config-parameter-owned"],
  },
  "ssm-other-parameter": {
    env: "prod",
    description: "twin: a new parameter under another name, without overwrite",
    mutate: (d) => void (d.resource["aws_ssm_parameter"]["feature_flags"] = { name: "/petstore/prod/feature-flags", type: "String", value: "{}" }),
    blocking: [],
    check: [],
  },
  "api-key-literal-value": {
    env: "dev",
    description: "a partner's API key gets a literal value, now in the repository",
    mutate: (d) => void (only(d, "aws_api_gateway_api_key", "acme")["value"] = "acme-0123456789abcdef0123456789abcdef"),
    blocking: ["attribute-widened"],
    names: "value: (unset) → (sensitive value)",
    check: ["secret-literal"],
  },
  "api-key-described": {
    env: "dev",
    description: "twin: a partner's API key gets a description and a tag",
    mutate: (d) => {
      const key = only(d, "aws_api_gateway_api_key", "acme");
      key["description"] = "ACME Corp, contract 42";
      key["tags"] = { partner: "acme" };
    },
    blocking: [],
    check: [],
  },
  "usage-plan-unmetered": {
    env: "dev",
    description: "the partners' usage plan loses its quota and its throttle",
    mutate: (d) => {
      delete plan(d)["quota_settings"];
      delete plan(d)["throttle_settings"];
    },
    blocking: ["attribute-widened"],
    names: "quota_settings.limit",
    check: [],
  },
  "usage-plan-tightened": {
    env: "dev",
    description: "twin: the partners' throttle is tightened and the quota lowered",
    mutate: (d) => {
      plan(d)["throttle_settings"] = { burst_limit: 50, rate_limit: 10 };
      plan(d)["quota_settings"] = { limit: 50000, period: "MONTH" };
    },
    blocking: [],
    check: [],
  },
  "log-retention": {
    env: "dev",
    description: "twin: the access log group keeps its logs longer",
    mutate: (d) => {
      const groups = d.resource["aws_cloudwatch_log_group"] ?? {};
      for (const g of Object.values(groups)) g["retention_in_days"] = 365;
    },
    blocking: [],
    check: [],
  },
};
