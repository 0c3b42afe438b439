// Which rules the audit can judge on what it read. A rule that needs a service the audit did not read (access
// denied, region unreachable) is "not verified": its findings are kept but reported at info
// with the reason, and one info finding says the rule itself is not verified, so it can never show as a pass.
// Rules about the code itself (its bundles, lifecycle settings, OpenAPI bodies) have no live counterpart: the
// check judges them on the reviewed code, the audit leaves them out and says so. Pure.
import { intendedFor } from "../../../guard/access/lookups";
import type { Model } from "../../../guard/model";
import type { PolicySet } from "../../../guard/policy/types";
import type { Rule, RuleFinding } from "../../../guard/rules/types";
import { SERVED_RULE_ID } from "./served";
import type { Service, Unread } from "./snapshot";

/**
 * The services each rule reads beyond API Gateway (which every rule needs): `[]` for a rule over API Gateway alone.
 * Every rule the audit runs has an entry (a test names any that has none); a rule without one is taken to need every
 * service (EVERY_SERVICE), so a rule nobody placed here is never judged verified on a read that failed.
 */
const RULE_NEEDS: Readonly<Record<string, readonly Service[]>> = {
  // Routes, their resources and authorizers, stages and deployments, usage plans and keys, domains: API Gateway.
  "unresolved-reference": [],
  "no-open-method": [],
  "websocket-connect-authenticated": [],
  "http-route-authorizer-ignored": [],
  "http-identity-appended": [],
  "api-key-is-not-authentication": [],
  "authorizer-exists": [],
  "authorizer-identity-source": [],
  "authorizer-cache-ttl-bounded": [],
  "api-cache-keyed-on-credential": [],
  // A REST stage's web ACL association is its webAclArn (GetStages).
  "stage-waf": [],
  "stage-access-logs": [],
  "stage-execution-logging": [],
  "stage-data-trace-off": [],
  "stage-xray": [],
  "usage-plan-on-api-key-stages": [],
  "api-key-in-usage-plan": [],
  [SERVED_RULE_ID]: [],
  "app-client-implicit-flow": ["cognito-idp"],
  "app-client-password-auth": ["cognito-idp"],
  "app-client-token-validity": ["cognito-idp"],
  "cognito-authorizer-pool-known": ["cognito-idp"],
  "cognito-scopes-exist": ["cognito-idp"],
  "cognito-trigger-known": ["cognito-idp", "lambda"],
  "cognito-group-role-privileges": ["cognito-idp", "iam"],
  "cognito-group-role-trust": ["cognito-idp", "iam"],
  // Also listed in INPUTS_NOT_READ: the providers themselves are never read.
  "identity-provider-named": ["cognito-idp"],
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

/** Every service the audit knows (a Record, so a service added to the union must be added here too). */
const SERVICES: Readonly<Record<Service, true>> = {
  apigateway: true,
  "cognito-idp": true,
  "cognito-identity": true,
  lambda: true,
  sts: true,
  wafv2: true,
  iam: true,
  cloudfront: true,
  logs: true,
};
const EVERY_SERVICE = Object.keys(SERVICES) as Service[];

/** The rule ids the audit judges with no entry in RULE_NEEDS (they are taken to need every service). */
export const rulesWithoutNeeds = (rules: readonly Rule[]): string[] =>
  rules.filter((r) => CODE_ONLY_RULES[r.id] === undefined && !Object.hasOwn(RULE_NEEDS, r.id)).map((r) => r.id);

/** Ids in RULE_NEEDS of no rule among `ids` (a misspelt entry leaves the real rule without one). */
export const needsOfNoRule = (ids: readonly string[]): string[] => Object.keys(RULE_NEEDS).filter((id) => !ids.includes(id));

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
  const needs = new Set<Service>(["apigateway", ...(Object.hasOwn(RULE_NEEDS, rule.id) ? (RULE_NEEDS[rule.id] ?? []) : EVERY_SERVICE)]);
  const scopes = new Set(RULE_SCOPES[rule.id] ?? []);
  return unread.filter((u) => (u.scope === undefined || scopes.has(u.scope)) && needs.has(u.service));
}

/** Where an unread entry was read, as a prefix: `eu-west-1: `, `us-east-1 (global): `, nothing for "all". */
export const whereOf = (u: Unread): string => (u.region === "all" ? "" : `${u.region}${u.global === true ? " (global)" : ""}: `);

/** One line per service: the first hidden read in full, and how many more. */
function reasonOf(hidden: readonly Unread[]): string {
  const byService = new Map<string, Unread[]>();
  for (const u of hidden) {
    const key = `${u.account ?? ""} ${u.service}`;
    byService.set(key, [...(byService.get(key) ?? []), u]);
  }
  return [...byService.values()]
    .map((us) => {
      const u = us[0] as Unread;
      const more = us.length > 1 ? ` (and ${us.length - 1} more ${u.service} read(s))` : "";
      return `${u.account === undefined ? "" : `account ${u.account} `}${whereOf(u)}${u.what}: ${u.reason}${more}`;
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

/** The live document a finding comes from (`aws:111122223333:eu-west-1`), else its address's key; unknown parts undefined. */
function placeOf(f: RuleFinding): { readonly account?: string; readonly region?: string } {
  const file = /^aws:([^:]+):([a-z0-9-]+)$/.exec(f.file ?? "");
  if (file !== null) return { ...(file[1] !== "unknown-account" ? { account: file[1] } : {}), region: file[2] };
  // `aws_x.live["111122223333 eu-west-1 ..."]` or `aws_x.live["eu-west-1 ..."]`: a region looks like one.
  const key = /\.live\["(?:(\d{12}) )?([a-z]{2}(?:-[a-z]+)+-\d+) /.exec(f.address);
  if (key !== null) return { ...(key[1] !== undefined ? { account: key[1] } : {}), region: key[2] };
  const account = /\.live\["(\d{12}) /.exec(f.address)?.[1];
  return account === undefined ? {} : { account };
}

/**
 * Whether an unread entry hides a finding: only one of the finding's own account and region. An entry of an audited
 * account (--assume-role-arn) hides nothing of another account; one without an account (the default credentials')
 * hides in every account. A regional entry hides nothing of another region: what one region could not read says
 * nothing about another's findings. A global read (us-east-1 whatever --region says: CloudFront, Lambda@Edge,
 * CLOUDFRONT-scope WAF, IAM) and what the audit never reads (region "all") concern every region. A finding whose
 * region cannot be told is hidden by every entry of its account: not verified rather than judged on a guess.
 */
function hides(u: Unread, f: RuleFinding): boolean {
  const at = placeOf(f);
  if (u.account !== undefined && at.account !== u.account) return false;
  return u.global === true || u.region === "all" || at.region === undefined || at.region === u.region;
}

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
