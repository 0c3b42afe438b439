// The kinds of the diff's own comparers (diff.ts): a route's authorization, routes by coverage, and the controls
// around the routes (stages, Invoke grants, group-role trust, user pools, app clients).
import { defineKinds } from "./kind-catalogue";

/** compareRoute, newRoute and removed routes. */
export const ROUTE_KINDS = defineKinds({
  "auth-removed": { severity: "blocking", title: "authorization removed", explanation: "any type → `NONE`" },
  "auth-api-key-only": {
    severity: "blocking",
    title: "API key only",
    explanation: "`EDGE`/`CUSTOM`/`COGNITO`/`AWS_IAM` → API key only (a key meters traffic, it does not authenticate)",
  },
  "authorizer-weaker": { severity: "blocking", title: "weaker authorization type", explanation: "a weaker type, in the type table's rank" },
  "authorizer-swapped": {
    severity: "blocking",
    title: "authorizer swapped",
    explanation:
      "a swap between types that cannot be ranked (Cognito ↔ IAM, `EDGE` ↔ `CUSTOM`), or a Lambda authorizer now backed by another function or of another type",
  },
  "auth-strengthened": {
    severity: "upgrade",
    title: "stronger authorization type",
    explanation: "a stronger type (among them a pass-through route the verifier now authenticates)",
  },
  "scope-requirement-removed": {
    severity: "blocking",
    title: "scopes removed",
    explanation: "a route drops all its scopes (Cognito: any ID token of the pool now passes; Lambda authorizer: tokens without any scope pass)",
  },
  "scope-widened": {
    severity: "blocking",
    title: "scope added",
    explanation:
      "a scope **added** to the list: a caller needs any one of them, so more callers pass (removing one of several narrows access: that is an upgrade)",
  },
  "scope-required": { severity: "upgrade", title: "scopes required", explanation: "a route without scopes now requires some" },
  "scope-narrowed": { severity: "upgrade", title: "scope removed", explanation: "one of several scopes removed: fewer callers pass" },
  "group-requirement-removed": {
    severity: "blocking",
    title: "groups removed",
    explanation: "behind a Lambda authorizer, a route drops all its groups: any signed-in user passes the group check",
  },
  "group-widened": { severity: "blocking", title: "group added", explanation: "behind a Lambda authorizer, a group **added** to a route's any-of list" },
  "group-required": { severity: "upgrade", title: "groups required", explanation: "behind a Lambda authorizer, a route without groups now requires some" },
  "group-narrowed": { severity: "upgrade", title: "group removed", explanation: "behind a Lambda authorizer, one of several groups removed" },
  "token-use-widened": {
    severity: "blocking",
    title: "more token types",
    explanation: "a Lambda authorizer route accepts more token types (`access`/`id` → `any`)",
  },
  "token-use-narrowed": {
    severity: "upgrade",
    title: "fewer token types",
    explanation: "a Lambda authorizer route accepts fewer token types (`any` → `access`/`id`)",
  },
  "client-restriction-removed": {
    severity: "blocking",
    title: "client restriction removed",
    explanation: "a Lambda authorizer route that accepted listed app clients now accepts every client of the pool",
  },
  "client-widened": { severity: "blocking", title: "client added", explanation: "a Lambda authorizer route accepts one app client more" },
  "client-narrowed": { severity: "upgrade", title: "client removed", explanation: "a Lambda authorizer route accepts fewer app clients" },
  "client-restricted": {
    severity: "upgrade",
    title: "clients restricted",
    explanation: "a Lambda authorizer route that accepted every client now accepts listed ones",
  },
  "route-table-unreadable": {
    severity: "blocking",
    title: "route table unreadable",
    explanation: "the Lambda authorizer's bundled route table could be read in the base but not in the head",
  },
  "route-table-now-readable": {
    severity: "info",
    title: "route table readable",
    explanation: "the Lambda authorizer's bundled route table can be read now (it could not in the base)",
  },
  "authorizer-identity-source": {
    severity: "info",
    title: "identity source changed",
    explanation: "a Lambda authorizer's identity source changed (the authorizer and its function stay)",
  },
  "edge-pass-through": {
    severity: "blocking",
    title: "edge passes the route on",
    explanation:
      "an `EDGE` route that the head's edge verifier config passes on to the gateway (mode `gateway`), where it is `NONE` or API key only: nothing authenticates it any more",
  },
  "edge-scope-requirement-removed": {
    severity: "blocking",
    title: "edge scopes removed",
    explanation: "an `EDGE` route's verifier requirement drops all its scopes (any valid token passes)",
  },
  "edge-scope-widened": {
    severity: "blocking",
    title: "edge scope added",
    explanation: "an `EDGE` route's verifier accepts a scope more (any one of them is enough)",
  },
  "edge-scope-required": { severity: "upgrade", title: "edge scopes required", explanation: "an `EDGE` route's verifier now requires a scope" },
  "edge-scope-narrowed": {
    severity: "upgrade",
    title: "edge scope removed",
    explanation: "an `EDGE` route's verifier no longer accepts one of several scopes",
  },
  "edge-client-restriction-removed": {
    severity: "blocking",
    title: "edge client restriction removed",
    explanation: "an `EDGE` route's verifier now accepts every configured app client",
  },
  "edge-client-widened": { severity: "blocking", title: "edge client added", explanation: "an `EDGE` route's verifier accepts one app client more" },
  "edge-client-narrowed": { severity: "upgrade", title: "edge client removed", explanation: "an `EDGE` route's verifier accepts fewer app clients" },
  "edge-client-restricted": {
    severity: "upgrade",
    title: "edge clients restricted",
    explanation: "an `EDGE` route's verifier that accepted every client now accepts listed ones",
  },
  "edge-config-unreadable": {
    severity: "blocking",
    title: "edge config unreadable",
    explanation:
      "the edge verifier's requirement for an `EDGE` route could be read in the base but not in the head (package not on disk, `edge-config.json` unreadable, no entry for the route, or verifiers that disagree): fails closed",
  },
  "edge-config-now-readable": {
    severity: "info",
    title: "edge config readable",
    explanation: "the edge verifier's `edge-config.json` can be read now (it could not in the base)",
  },
  "authorizer-pool-changed": {
    severity: "blocking",
    title: "another user pool trusted",
    explanation:
      "the Cognito authorizer (or an HTTP API's JWT authorizer, by its issuer) trusts another user pool, by resource identity (a decoy with the same name counts; see Cognito below)",
  },
  "jwt-audience-widened": {
    severity: "blocking",
    title: "JWT audience added",
    explanation: "an HTTP API's JWT authorizer accepts tokens for one more audience (app client): its callers now obtain tokens that pass",
  },
  "invoker-added": { severity: "blocking", title: "invoker added", explanation: "an `AWS_IAM` route gains an invoker role" },
  "invoker-removed": { severity: "upgrade", title: "invoker removed", explanation: "an `AWS_IAM` route loses an invoker role" },
  "api-key-removed": {
    severity: "blocking",
    title: "API key no longer required",
    explanation: "`api_key_required` true → false on an authenticated route (usage plan throttling and quotas no longer apply)",
  },
  "api-key-required": { severity: "upgrade", title: "API key required", explanation: "`api_key_required` false → true" },
  "auth-unknown": {
    severity: "blocking",
    title: "authorization unknown",
    explanation: "the head's authorization of a route cannot be determined (known only after apply, a reference that does not resolve)",
  },
  "auth-now-known": {
    severity: "info",
    title: "authorization known",
    explanation: "a route whose authorization the base did not show can be determined in the head",
  },
  "new-public-route": { severity: "blocking", title: "new public route", explanation: "a new route that is `NONE` or API key only, and no policy intends it" },
  "new-public-route-allowed": {
    severity: "info",
    title: "new public route, intended",
    explanation: "a new route that is `NONE` or API key only, named with that type and a reason by the intended policy",
  },
  "new-route-auth-unknown": {
    severity: "blocking",
    title: "new route, authorization unknown",
    explanation: "a new route whose authorization cannot be determined",
  },
  "new-route": { severity: "info", title: "new route", explanation: "a new authenticated route, with its authorization" },
  "route-removed": { severity: "info", title: "route removed", explanation: "a route gone from the head whose requests no other route receives" },
});

/** Routes compared by the requests they match (route-pairing.ts). */
export const COVERAGE_KINDS = defineKinds({
  "route-shadowed": {
    severity: "blocking",
    title: "route shadowed",
    explanation:
      "a new route (`ANY`, `{proxy+}`, a literal beside a `{param}`) matches requests of a protected route with a weaker or not comparable authorization; the subject names the protected route",
  },
  "route-now-covered": {
    severity: "info",
    title: "route served by a wider one",
    explanation:
      "a route gone from the head whose requests another head route receives (`ANY /pets` replacing `GET /pets`): compared with that route, and this line says so",
  },
  "api-removed": {
    severity: "blocking",
    title: "API removed",
    explanation:
      "every route of a REST API is gone from the head (the API removed, or emptied): one decision for the reviewer instead of a list of removed routes",
  },
});

/** The controls around the routes the diff compares itself: stages, Invoke grants, group-role trust, pools, clients. */
export const CONTROL_KINDS = defineKinds({
  "waf-removed": { severity: "blocking", title: "WAF removed", explanation: "a stage loses its WAF web ACL association" },
  "waf-added": { severity: "upgrade", title: "WAF added", explanation: "a stage gets a WAF web ACL association" },
  "origin-protection-removed": {
    severity: "blocking",
    title: "origin protection removed",
    explanation:
      "the stage's web ACL no longer admits CloudFront alone (default action not BLOCK, the origin-verify rule gone, or another ALLOW rule beside it: edge auth can be bypassed); every `EDGE` route then shows as downgraded too",
  },
  "origin-protection-added": { severity: "upgrade", title: "origin protection added", explanation: "the stage's web ACL now admits CloudFront alone" },
  "access-logging-disabled": { severity: "blocking", title: "access logs removed", explanation: "a stage's access logs removed" },
  "execution-logging-disabled": { severity: "blocking", title: "execution logging off", explanation: "execution logging `ERROR`/`INFO` → `OFF`" },
  "invoke-grant-widened": {
    severity: "blocking",
    title: "Invoke grant widened",
    explanation:
      "an `execute-api:Invoke` grant (role policy or API resource policy) now covers a method ARN no old pattern covered; a new grant to a role the intended policy names on every `AWS_IAM` route it reaches (by `roles` pattern or through a Cognito group in `groups`, as in a new stack) is shown as `invoke-grant-intended` instead",
  },
  "invoke-grant-intended": {
    severity: "info",
    title: "Invoke grant intended",
    explanation: "a new `execute-api:Invoke` grant to a principal the intended policy names as an invoker of every `AWS_IAM` route it reaches",
  },
  "invoke-grant-removed": { severity: "upgrade", title: "Invoke grant removed", explanation: "a principal's every `execute-api:Invoke` grant removed" },
  "invoke-grant-unverifiable": {
    severity: "blocking",
    title: "Invoke grant not verifiable",
    explanation: "a role that holds Invoke grants gets a policy the plan only knows after apply (on other roles this is `policy-unverifiable`)",
  },
  "policy-unverifiable": {
    severity: "info",
    title: "policy known after apply",
    explanation:
      "a role that holds no Invoke grant gets a policy the plan only knows after apply: almost always unrelated (logging, tracing), so shown, not blocking",
  },
  "trust-widened": {
    severity: "blocking",
    title: "trust widened",
    explanation: "a Cognito group role's trust policy admits a new principal (or a new group role is trusted by anyone)",
  },
  "trust-condition-removed": { severity: "blocking", title: "trust condition removed", explanation: "a Cognito group role's trust policy loses a condition" },
  "trust-unknown": {
    severity: "blocking",
    title: "trust unknown",
    explanation: "a Cognito group role's trust policy can no longer be read (known only after apply)",
  },
  "mfa-weakened": { severity: "blocking", title: "MFA weakened", explanation: "the user pool's MFA configuration got weaker (`ON` → `OPTIONAL` → `OFF`)" },
  "mfa-strengthened": { severity: "upgrade", title: "MFA strengthened", explanation: "the user pool's MFA configuration got stronger" },
  "password-policy-weakened": {
    severity: "blocking",
    title: "password policy weakened",
    explanation: "the user pool's password policy got weaker (shorter minimum, a character class no longer required, a longer temporary password validity)",
  },
  "threat-protection-weakened": {
    severity: "blocking",
    title: "threat protection weakened",
    explanation: "the user pool's advanced security mode got weaker (`ENFORCED` → `AUDIT` → `OFF`)",
  },
  "self-signup-enabled": { severity: "blocking", title: "self sign-up enabled", explanation: "the user pool lets anyone create a user and get ID tokens" },
  "token-validity-raised": { severity: "blocking", title: "token validity raised", explanation: "an app client's tokens live longer" },
});
