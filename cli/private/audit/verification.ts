// Which rules the audit can judge on what it read. A rule that needs a service the audit did not read (access
// denied, region unreachable) is "not verified": its findings are kept but reported at info
// with the reason, and one info finding says the rule itself is not verified, so it can never show as a pass.
// Rules about the code itself (its bundles, lifecycle settings, OpenAPI bodies) have no live counterpart: the
// check judges them on the reviewed code, the audit leaves them out and says so. Pure.
import { intendedFor } from "../../../guard/access/lookups";
import type { Model } from "../../../guard/model";
import type { PolicySet } from "../../../guard/policy/types";
import type { Rule, RuleFinding } from "../../../guard/rules/types";
import type { Service, Unread } from "./snapshot";

/**
 * The services each rule reads beyond API Gateway (which every rule needs). A rule not named here needs only
 * API Gateway.
 */
const RULE_NEEDS: Readonly<Record<string, readonly Service[]>> = {
  "app-client-implicit-flow": ["cognito-idp"],
  "app-client-password-auth": ["cognito-idp"],
  "app-client-token-validity": ["cognito-idp"],
  "cognito-authorizer-pool-known": ["cognito-idp"],
  "cognito-scopes-exist": ["cognito-idp"],
  "cognito-trigger-known": ["cognito-idp", "lambda"],
  "cognito-group-role-privileges": ["cognito-idp", "iam"],
  "cognito-group-role-trust": ["cognito-idp", "iam"],
  "user-pool-advanced-security": ["cognito-idp"],
  "user-pool-deletion-protection": ["cognito-idp"],
  "user-pool-mfa": ["cognito-idp"],
  "user-pool-password-policy": ["cognito-idp"],
  "user-pool-self-sign-up": ["cognito-idp"],
  "jwt-authorizer-issuer-known": ["cognito-idp"],
  "cloudfront-authorization-in-cache-key": ["cloudfront"],
  "cloudfront-https-only": ["cloudfront"],
  "cloudfront-tls-1-2": ["cloudfront"],
  "cloudfront-web-acl": ["cloudfront", "wafv2"],
  "edge-auth-on-viewer-request": ["cloudfront", "lambda"],
  "edge-origin-protected": ["cloudfront", "wafv2"],
  "execute-api-invoke-scoped": ["iam"],
  "iam-invoker-trust": ["iam"],
  "iam-managed-policy-verified": ["iam"],
  "identity-pool-unauthenticated-invoke": ["iam"],
  "http-api-waf": ["wafv2", "cloudfront"],
  "waf-managed-rules": ["wafv2"],
  "web-acl-attached": ["wafv2", "cloudfront"],
  "lambda-authorizer-permission-scoped": ["lambda"],
  "lambda-runtime-supported": ["lambda"],
  "method-matches-policy": ["cognito-idp"],
  // Its doors include IAM identities that may invoke a backend and distributions in front of it.
  "backend-doors-intended": ["lambda", "iam", "cloudfront"],
  "handler-decider-declared": ["lambda"],
};

/** Rules that read what an Unread entry of a narrower scope hides (see Unread.scope). */
const RULE_SCOPES: Readonly<Record<string, readonly NonNullable<Unread["scope"]>[]>> = {
  "handler-decider-declared": ["function-tags"],
};

/**
 * What a rule reads that the audit does not read at all, in any account: the rule is reported not verified with
 * this, never judged on an absence.
 */
const INPUTS_NOT_READ: Readonly<Record<string, Omit<Unread, "region">>> = {
  "identity-pool-unauthenticated-invoke": {
    service: "cognito-identity",
    what: "Cognito identity pools and the roles they hand out",
    reason: "the audit does not read identity pools",
  },
  "web-acl-attached": {
    service: "wafv2",
    what: "what the REGIONAL web ACLs are attached to besides API Gateway stages (load balancers, AppSync, Cognito, App Runner, Verified Access)",
    reason: "the audit does not read ListResourcesForWebACL",
  },
  "identity-provider-named": {
    service: "cognito-idp",
    what: "the user pools' federated identity providers",
    reason: "the audit does not read identity providers (ListIdentityProviders)",
  },
};

/**
 * Rules judged route by route against the intended type, and what a route of each intended type needs beyond the
 * rule: an EDGE route is protected only by the edge and its WAF, an AWS_IAM route's callers are IAM grants. Only the
 * findings on routes of those types are not verified; the others stand (a method switched to NONE is seen whatever
 * was not read).
 */
const ROUTE_RULES = new Set(["method-matches-policy", "no-open-method", "api-key-is-not-authentication"]);
const INTENT_NEEDS: Readonly<Record<string, readonly Service[]>> = { EDGE: ["wafv2", "cloudfront"], AWS_IAM: ["iam"] };

/** Rules about the code, with no live counterpart: judged by `npm run check` on the reviewed code. */
export const CODE_ONLY_RULES: Readonly<Record<string, string>> = {
  "bundle-matches-source": "compares the packages in cdktf.out with the source; the account holds no source",
  "deployment-redeploys-on-auth-change": "judges the deployment's triggers and lifecycle in the configuration",
  "deployment-stage-name": "judges a deployment's stage_name argument in the configuration",
  "openapi-body-verified": "judges OpenAPI bodies in the configuration; the account serves the imported methods, which are read",
  "secret-literal": "judges secrets written literally in the Terraform a repository holds; the account's values are not literals",
  "cognito-user-in-access-group": "judges group memberships created in Terraform; users the console or a sign-up adds are not configuration",
  "edge-config-parameter-owned": "judges which resources of the configuration write the edge verifier's SSM parameter",
  "decider-code-pinned": "judges how the configuration pins a decider's code (literal versions, packages); the account holds no package",
};

/** Every unread entry that hides something a rule needs. */
function hiddenFrom(rule: Rule, unread: readonly Unread[]): Unread[] {
  const needs = new Set<Service>(["apigateway", ...(RULE_NEEDS[rule.id] ?? [])]);
  const scopes = new Set(RULE_SCOPES[rule.id] ?? []);
  return unread.filter((u) => (u.scope === undefined || scopes.has(u.scope)) && needs.has(u.service));
}

/** One line per service: the first hidden read in full, and how many more. */
function reasonOf(hidden: readonly Unread[]): string {
  const byService = new Map<string, Unread[]>();
  for (const u of hidden) byService.set(`${u.account ?? ""} ${u.service}`, [...(byService.get(`${u.account ?? ""} ${u.service}`) ?? []), u]);
  return [...byService.values()]
    .map((us) => {
      const u = us[0] as Unread;
      const more = us.length > 1 ? ` (and ${us.length - 1} more ${u.service} read(s))` : "";
      return `${u.account === undefined ? "" : `account ${u.account} `}${u.region === "all" ? "" : `${u.region}: `}${u.what}: ${u.reason}${more}`;
    })
    .join("; ");
}

/** The services a route's intended type needs that were not read, for the route rules. */
function intentHidden(model: Model, policies: PolicySet, f: RuleFinding, unread: readonly Unread[]): Unread[] {
  const route = model.routes.find((r) => r.address === f.address && (f.file === undefined || r.resource.source.file === f.file));
  const type = route === undefined ? undefined : intendedFor(policies, route)?.type;
  const needs = new Set(type === undefined ? [] : (INTENT_NEEDS[type] ?? []));
  return unread.filter((u) => u.scope === undefined && needs.has(u.service));
}

/**
 * Whether an unread entry hides a finding: one of an audited account (--assume-role-arn) hides only what is in
 * that account (the live addresses start with it), so a role refused in one account never lowers another's
 * findings; one without an account hides everything.
 */
const hides = (u: Unread, f: RuleFinding): boolean => u.account === undefined || f.address.includes(`.live[${JSON.stringify(u.account).slice(0, -1)} `);

/** The rule as the audit runs it: unchanged when all it needs was read, otherwise reported as not verified. */
export function auditRule(rule: Rule, unread: readonly Unread[]): Rule {
  const never = INPUTS_NOT_READ[rule.id];
  const hidden = [...hiddenFrom(rule, unread), ...(never === undefined ? [] : [{ region: "all", ...never }])];
  const routeRule = ROUTE_RULES.has(rule.id);
  if (hidden.length === 0 && !routeRule) return rule;
  return {
    ...rule,
    check: (model, policies) => {
      const found = rule.check(model, policies).map((f): RuleFinding => {
        const h = [...hidden, ...(routeRule ? intentHidden(model, policies, f, unread) : [])].filter((u) => hides(u, f));
        return h.length === 0 ? f : { ...f, severity: "info", message: `not verified (${reasonOf(h)}): ${f.message}` };
      });
      return hidden.length === 0 ? found : [{ address: "(audit)", severity: "info", message: `${rule.id} is not verified: ${reasonOf(hidden)}` }, ...found];
    },
  };
}

/** The rules of an audit run: code-only rules left out, the rest wrapped by what was not read. */
export function auditRules(rules: readonly Rule[], unread: readonly Unread[]): Rule[] {
  return rules.filter((r) => CODE_ONLY_RULES[r.id] === undefined).map((r) => auditRule(r, unread));
}
