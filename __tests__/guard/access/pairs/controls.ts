// Pairs for the kinds no other table reported (kind-fixtures.test.ts): the user pool's own settings, group-role
// trust, WAF weaknesses of a chain, route authorizations that cannot be determined, and the reverse of downgrades
// (upgrades and infos, each its own harmless twin: blocking [] and no new check finding).
import { method, only, redeployOn, synth, type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const pool = (d: Doc): Json => only(d, "aws_cognito_user_pool");
const acl = (d: Doc): Json => only(d, "aws_wafv2_web_acl", "regional");
const withoutRule = (d: Doc, name: string): void => void (acl(d)["rule"] = (acl(d)["rule"] as Json[]).filter((r) => r["name"] !== name));
const admins = (d: Doc): Json => only(d, "aws_iam_role", "group-role-admins");
const CONDITION = '"Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}},';
/** The admins group role's trust with a condition: the sample's has none, so `both` adds it. */
const conditioned = (d: Doc): void =>
  void (admins(d)["assume_role_policy"] = String(admins(d)["assume_role_policy"]).replace('"Action":', `${CONDITION}"Action":`));
/** GET /pets's authorizer as a reference nothing in the configuration resolves. */
const unresolved = (d: Doc): void => void (method(d, "GET", "/pets")["authorizer_id"] = "${aws_api_gateway_authorizer.gone.id}");
/** A fresh copy of the sample's value, to restore in the head what `both` took from both sides. */
const original = (env: "dev" | "prod", type: string): Record<string, Json> => synth(env).resource[type] ?? {};

export const CONTROL_PAIRS: Readonly<Record<string, AccessPair>> = {
  "self-signup-enabled": {
    env: "dev",
    description: "the user pool lets anyone sign up (allow_admin_create_user_only true → false)",
    mutate: (d) => void ((pool(d)["admin_create_user_config"] as Json)["allow_admin_create_user_only"] = false),
    blocking: ["self-signup-enabled"],
    names: "user pool",
    check: ["user-pool-self-sign-up"],
  },
  "threat-protection-audit": {
    env: "dev",
    description: "the user pool's advanced security goes from ENFORCED to AUDIT",
    mutate: (d) => void ((pool(d)["user_pool_add_ons"] as Json)["advanced_security_mode"] = "AUDIT"),
    blocking: ["threat-protection-weakened"],
    names: "user pool",
    check: ["user-pool-advanced-security"],
  },
  "mfa-on": {
    env: "dev",
    description: "twin: the user pool's MFA goes from OPTIONAL to ON (mfa-strengthened)",
    mutate: (d) => void (pool(d)["mfa_configuration"] = "ON"),
    blocking: [],
    check: [],
  },
  "group-trust-condition-removed": {
    env: "dev",
    description: "the admins group role's trust loses its aws:SourceAccount condition",
    both: conditioned,
    mutate: (d) => void (admins(d)["assume_role_policy"] = String(admins(d)["assume_role_policy"]).replace(CONDITION, "")),
    blocking: ["trust-condition-removed"],
    check: [],
  },
  "group-trust-unknown": {
    env: "dev",
    description: "the admins group role's trust policy becomes a reference nothing resolves (known only after apply)",
    mutate: (d) => void (admins(d)["assume_role_policy"] = "${data.aws_iam_policy_document.gone.json}"),
    // Fails closed twice: the trust cannot be read, so whoever may assume the role is not known either.
    blocking: ["trust-unknown", "iam-invokers-widened"],
    check: ["cognito-group-role-trust", "iam-invoker-trust"],
  },
  "waf-rate-rule-removed": {
    env: "dev",
    description: "the per-IP rate-based rule is removed from the regional web ACL",
    mutate: (d) => withoutRule(d, "rate-limit-per-ip"),
    blocking: ["waf-rate-limit-missing", "waf-rate-limit-raised"],
    names: "web ACL petstore-dev-regional",
    check: ["waf-managed-rules"],
  },
  "waf-known-bad-inputs-removed": {
    env: "dev",
    description: "the KnownBadInputs managed rule group, one the review requires, is removed",
    mutate: (d) => withoutRule(d, "AWSManagedRulesKnownBadInputsRuleSet"),
    blocking: ["waf-managed-group-missing", "waf-managed-group-removed"],
    names: "web ACL petstore-dev-regional",
    check: ["waf-managed-rules"],
  },
  "waf-reassociated": {
    env: "dev",
    description: "twin: a stage without web ACL association gets the regional one back (waf-added)",
    both: (d) => void delete d.resource["aws_wafv2_web_acl_association"],
    mutate: (d) => void (d.resource["aws_wafv2_web_acl_association"] = original("dev", "aws_wafv2_web_acl_association")),
    blocking: [],
    check: [],
  },
  "origin-protection-restored": {
    env: "prod",
    description: "twin: prod's regional web ACL goes back to blocking what lacks CloudFront's header (origin-protection-added)",
    both: (d) => void (acl(d)["default_action"] = { allow: {} }),
    mutate: (d) => void (d.resource["aws_wafv2_web_acl"] = original("prod", "aws_wafv2_web_acl")),
    blocking: [],
    check: [],
  },
  "cognito-to-iam": {
    env: "dev",
    description: "GET /pets goes from Cognito to AWS_IAM: not comparable, other callers get in",
    mutate: (d) => {
      const m = method(d, "GET", "/pets");
      m["authorization"] = "AWS_IAM";
      delete m["authorizer_id"];
      delete m["authorization_scopes"];
    },
    blocking: ["authorizer-swapped"],
    names: "GET /pets",
    check: ["method-matches-policy"],
  },
  "scope-added": {
    env: "dev",
    description: "GET /pets also accepts scope petstore/write (any one suffices)",
    mutate: (d) => void (method(d, "GET", "/pets")["authorization_scopes"] = ["petstore/read", "petstore/write"]),
    blocking: ["scope-widened"],
    names: "GET /pets",
    check: ["method-matches-policy"],
  },
  "scope-one-removed": {
    env: "dev",
    description: "twin: GET /pets no longer accepts petstore/write beside petstore/read (scope-narrowed)",
    both: (d) => void (method(d, "GET", "/pets")["authorization_scopes"] = ["petstore/read", "petstore/write"]),
    mutate: (d) => void (method(d, "GET", "/pets")["authorization_scopes"] = ["petstore/read"]),
    blocking: [],
    check: [],
  },
  "scope-now-required": {
    env: "dev",
    description: "twin: GET /pets without scopes requires petstore/read again (scope-required)",
    both: (d) => void delete method(d, "GET", "/pets")["authorization_scopes"],
    mutate: (d) => void (method(d, "GET", "/pets")["authorization_scopes"] = ["petstore/read"]),
    blocking: [],
    check: [],
  },
  "api-key-now-required": {
    env: "dev",
    description: "twin: POST /orders requires its partner API key again (api-key-required)",
    both: (d) => void (method(d, "POST", "/orders")["api_key_required"] = false),
    mutate: (d) => void (method(d, "POST", "/orders")["api_key_required"] = true),
    blocking: [],
    check: [],
  },
  "invoke-grant-dropped": {
    env: "dev",
    // Fewer callers: an upgrade for the review; the check reports the invoker the policy names as missing.
    description: "the admins group role's execute-api:Invoke policy is removed (invoker-removed, invoke-grant-removed)",
    mutate: (d) => {
      const policies = d.resource["aws_iam_role_policy"] ?? {};
      for (const name of Object.keys(policies)) if (name.includes("invoke-group-admins")) delete policies[name];
    },
    blocking: [],
    check: ["method-matches-policy"],
  },
  "authorizer-unresolved": {
    env: "dev",
    description: "GET /pets's authorizer becomes a reference nothing resolves",
    mutate: unresolved,
    blocking: ["auth-unknown"],
    names: "GET /pets",
    check: ["authorizer-exists", "method-matches-policy"], // a route's unresolved authorizer is authorizer-exists's (one finding per route)
  },
  "new-route-authorizer-unresolved": {
    env: "dev",
    description: "a new PATCH /pets whose authorizer is a reference nothing resolves",
    mutate: (d) => {
      d.resource["aws_api_gateway_method"]["pets_patch"] = {
        ...method(d, "GET", "/pets"),
        http_method: "PATCH",
        authorizer_id: "${aws_api_gateway_authorizer.gone.id}",
      };
      redeployOn(only(d, "aws_api_gateway_deployment"), "aws_api_gateway_method.pets_patch");
    },
    blocking: ["new-route-auth-unknown"],
    names: "PATCH /pets",
    check: ["authorizer-exists", "method-matches-policy"], // a route's unresolved authorizer is authorizer-exists's (one finding per route)
  },
  "authorizer-resolved-again": {
    env: "dev",
    description: "twin: GET /pets's authorizer, unresolved in the base, is known in the head (auth-now-known)",
    both: unresolved,
    mutate: (d) => void (method(d, "GET", "/pets")["authorizer_id"] = method(synth("dev"), "GET", "/pets")["authorizer_id"]),
    blocking: [],
    check: [],
  },
  "waf-rule-json": {
    env: "dev",
    description: "the regional web ACL's rules given as rule_json, which the review cannot read",
    mutate: (d) => void (acl(d)["rule_json"] = "[]"),
    blocking: ["waf-rules-unreadable"],
    names: "web ACL petstore-dev-regional",
    check: ["waf-managed-rules"],
  },
  "client-scope-no-route": {
    env: "dev",
    description: "twin: the web client may also request the profile scope, which no route requires (client-scopes-added-no-route)",
    mutate: (d) => {
      const web = only(d, "aws_cognito_user_pool_client", "client-web");
      web["allowed_oauth_scopes"] = [...(web["allowed_oauth_scopes"] as string[]), "profile"];
    },
    blocking: [],
    check: [],
  },
};
