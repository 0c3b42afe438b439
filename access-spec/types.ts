// The access spec: plain typed data describing who may call one API in one environment.
// Stacks synthesize Terraform from it; the authorizer route table is derived from it.
// Nothing here depends on cdktf, so specs can be loaded, validated and diffed without it.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" | "ANY";

/** A route key as API Gateway and the policy files spell it: `"GET /pets/{petId}"`. */
export type RouteKey = string;

export interface PasswordPolicySpec {
  readonly minimumLength: number;
  readonly requireLowercase: boolean;
  readonly requireUppercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  readonly temporaryPasswordValidityDays: number;
}

export interface UserPoolSpec {
  readonly name: string;
  readonly passwordPolicy: PasswordPolicySpec;
  /** ON requires MFA at every sign-in; OPTIONAL lets users enrol. TOTP is the only factor we enable. */
  readonly mfa: "ON" | "OPTIONAL" | "OFF";
  /** Cognito feature plan; PLUS includes threat protection (advanced security). */
  readonly featurePlan: "LITE" | "ESSENTIALS" | "PLUS";
  /** Advanced security (threat protection) mode; ENFORCED needs the PLUS plan. */
  readonly advancedSecurityMode: "OFF" | "AUDIT" | "ENFORCED";
  readonly deletionProtection: boolean;
  /** Only administrators create users (no self sign-up). */
  readonly adminCreateUserOnly: boolean;
  /** Hide whether a user exists in sign-in and recovery errors. */
  readonly preventUserExistenceErrors: boolean;
}

export interface ResourceServerSpec {
  /** Identifier, also the scope prefix: `petstore` gives scopes `petstore/read`. */
  readonly identifier: string;
  readonly name: string;
  /** Scope names without the prefix, with their descriptions. */
  readonly scopes: Readonly<Record<string, string>>;
}

/** An IAM policy statement granted to a role, in IAM's own words. */
export interface StatementSpec {
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /**
   * Escape hatch for a Cognito group's permissions, whose credentials every member of the group obtains: allows
   * `*` actions (`*`, `*:...`) and actions covering `iam:PassRole` in this statement. Says why, for the reviewer.
   * @default - such actions are refused by validation
   */
  readonly allowPrivilegedActions?: { readonly reason: string };
}

export interface GroupSpec {
  readonly name: string;
  readonly description: string;
  /** Lower wins when a user is in several groups (Cognito's rule). */
  readonly precedence: number;
  /** Extra permissions of the group's IAM role; `execute-api:Invoke` on AWS_IAM routes naming the group is added. */
  readonly permissions?: readonly StatementSpec[];
  /**
   * Who may assume the group's role.
   * `groupRoleLambda`: the group-role Lambda's execution role (STS AssumeRole from `lambdas/group-role`).
   * `identityPool`: `cognito-identity.amazonaws.com` with `aud` and `amr` conditions.
   * @default - groupRoleLambda only
   */
  readonly trustedBy?: readonly ("groupRoleLambda" | "identityPool")[];
}

export interface TokenValiditySpec {
  readonly idTokenMinutes: number;
  readonly accessTokenMinutes: number;
  readonly refreshTokenMinutes: number;
}

export interface UserClientSpec {
  readonly kind: "user";
  readonly name: string;
  /** OAuth scopes the client may request in the hosted UI / authorization-code flow (resource-server scopes as `id/scope`). */
  readonly scopes?: readonly string[];
  readonly callbackUrls?: readonly string[];
  readonly logoutUrls?: readonly string[];
  /**
   * Escape hatch: lets the client sign users in with USER_PASSWORD_AUTH, which sends the password itself to
   * Cognito instead of proving it with SRP (e.g. for a user-migration trigger). Says why, for the reviewer. The
   * check reports it (rule app-client-password-auth) until the policy waives the client with the same reason.
   * @default - SRP sign-in and refresh only
   */
  readonly allowUserPasswordAuth?: { readonly reason: string };
  readonly tokenValidity: TokenValiditySpec;
}

export interface MachineClientSpec {
  readonly kind: "machine";
  readonly name: string;
  /** Scopes as `resourceServerId/scope`; required, client_credentials tokens carry only these. */
  readonly scopes: readonly string[];
  readonly tokenValidity: TokenValiditySpec;
}

export type AppClientSpec = UserClientSpec | MachineClientSpec;

export interface CognitoSpec {
  readonly userPool: UserPoolSpec;
  /** Hosted domain prefix (`<prefix>.auth.<region>.amazoncognito.com`); required for client_credentials. */
  readonly domainPrefix?: string;
  readonly resourceServers: readonly ResourceServerSpec[];
  readonly groups: readonly GroupSpec[];
  readonly clients: readonly AppClientSpec[];
}

/** A Lambda authorizer shared by routes (the Cognito authorizer is implicit: one per API, on the spec's pool). */
export interface LambdaAuthorizerSpec {
  readonly name: string;
  readonly type: "TOKEN" | "REQUEST";
  /** e.g. `method.request.header.Authorization`; REQUEST may list several. */
  readonly identitySources: readonly string[];
  /** 0 disables caching; API Gateway allows 0-3600. */
  readonly resultTtlSeconds: number;
}

/** Which tokens the Lambda authorizer accepts for a route. */
export type TokenUse = "access" | "id" | "any";

export type AuthorizationSpec =
  /** Anyone may call. Needs a written reason. */
  | { readonly type: "NONE"; readonly reason: string }
  /** An API key alone: metering, not authentication. Needs a reason like NONE. */
  | { readonly type: "API_KEY"; readonly usagePlan: string; readonly reason: string }
  /** SigV4; only the named group roles / invoker roles get `execute-api:Invoke` on this method. */
  | {
      readonly type: "AWS_IAM";
      readonly groups?: readonly string[];
      readonly roles?: readonly string[];
      readonly usagePlan?: string;
    }
  /** Cognito authorizer. With scopes: access tokens carrying any of them. Without: ID tokens. */
  | { readonly type: "COGNITO"; readonly scopes?: readonly string[]; readonly usagePlan?: string }
  /** A Lambda authorizer from `authorizers`, enforcing groups and/or scopes per route. */
  | {
      readonly type: "LAMBDA";
      readonly authorizer: string;
      readonly groups?: readonly string[];
      readonly scopes?: readonly string[];
      /** @default - "access" when scopes are required, else "any" */
      readonly tokenUse?: TokenUse;
      /** Client names allowed; @default - every client of the pool */
      readonly clients?: readonly string[];
      readonly usagePlan?: string;
    }
  /**
   * Authenticated at the edge (Lambda@Edge before the CloudFront cache) with the API reachable only
   * through CloudFront; the method itself is NONE at the gateway.
   */
  | { readonly type: "EDGE"; readonly scopes?: readonly string[]; readonly clients?: readonly string[] };

export type AuthorizationType = AuthorizationSpec["type"];

export type IntegrationSpec =
  | { readonly type: "MOCK"; readonly statusCode?: number }
  /** Lambda proxy to one of the bundled functions. */
  | {
      readonly type: "LAMBDA";
      readonly function: "backend" | "groupRole" | "adminOnly";
      /**
       * What the function checks itself before it answers (`cognito:groups contains admins`): it decides access, so its
       * code is judged like an authorizer's (the function carries the `access-decider` tag with this text, and the
       * review blocks any change to its code). A function decides for every route it serves: routes naming it agree.
       * At most 256 characters of letters, digits, spaces and `_ . : / = + - @` (an AWS tag value).
       * @default - the function does not decide access
       */
      readonly decidesAccess?: string;
    };

export interface RouteSpec {
  readonly method: HttpMethod;
  /** `/pets/{petId}`; `{proxy+}` only as the last segment. */
  readonly path: string;
  readonly integration: IntegrationSpec;
  /** Adds a CORS preflight OPTIONS (MOCK, no auth) on this route's resource. @default false */
  readonly cors?: boolean;
  readonly auth: AuthorizationSpec;
}

export interface ThrottleSpec {
  /** Steady-state requests per second. */
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface UsagePlanSpec {
  readonly name: string;
  readonly throttle: ThrottleSpec;
  readonly quota: { readonly limit: number; readonly period: "DAY" | "WEEK" | "MONTH"; readonly offset?: number };
  /** Per-method throttles keyed by route key (`"GET /pets"`). */
  readonly methodThrottles?: Readonly<Record<RouteKey, ThrottleSpec>>;
  /** Names of the API keys in this plan. */
  readonly keys: readonly string[];
}

/** A role outside Cognito that may invoke AWS_IAM routes (e.g. a reporting job). */
export interface InvokerRoleSpec {
  readonly name: string;
  /** Services (`ecs-tasks.amazonaws.com`) or role ARNs that may assume it; never `*`. */
  readonly assumedBy: { readonly services?: readonly string[]; readonly roleArns?: readonly string[] };
}

export interface StageSpec {
  readonly name: string;
  /** Access-log format; @default - a JSON line with requestId, principal, route, status, authorizer error. */
  readonly accessLogFormat?: string;
  readonly loggingLevel: "OFF" | "ERROR" | "INFO";
  readonly metricsEnabled: boolean;
  readonly xrayTracing: boolean;
  readonly throttle: ThrottleSpec;
  readonly logRetentionDays: number;
  /**
   * Execution logging needs API Gateway's account-level CloudWatch role, one per account and region. Give the
   * ARN of an existing role when another stack (another environment in the same account and region) owns
   * that setting. @default - this stack creates the role and sets the account setting
   */
  readonly cloudWatchRoleArn?: string;
}

export interface CorsSpec {
  readonly allowOrigins: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly maxAgeSeconds?: number;
}

/**
 * The authentication scheme chosen per environment at deploy time (seed 000), with per-route overrides
 * given by each route's own `auth`.
 * - `OAuth2-Cognito-Edge`: JWT checked by Lambda@Edge before the cache; the stage only admits CloudFront.
 * - `OAuth2-Cognito-Gateway`: Cognito authorizer with scopes at API Gateway; CloudFront forwards Authorization.
 * - `ApiKey`: `X-Api-Key` with a usage plan.
 * - `None`: explicit, warned about, WAF still on.
 */
export type EdgeScheme = "OAuth2-Cognito-Edge" | "OAuth2-Cognito-Gateway" | "ApiKey" | "None";

export interface EdgeSpec {
  readonly scheme: EdgeScheme;
  /** Usage plan for the ApiKey scheme. */
  readonly usagePlan?: string;
  /** Scopes required per path prefix at the edge (longest prefix wins). */
  readonly scopesByPathPrefix?: Readonly<Record<string, readonly string[]>>;
  /** Client names accepted at the edge; @default - every user and machine client. */
  readonly clients?: readonly string[];
  /** Rate limit per IP over 5 minutes for both web ACLs. */
  readonly rateLimitPerFiveMinutes: number;
  readonly priceClass?: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
}

export interface WafSpec {
  /** Requests per IP per 5 minutes on the regional web ACL. */
  readonly rateLimitPerFiveMinutes: number;
  readonly logRetentionDays: number;
}

export type BackendSpec =
  | { readonly type: "local" }
  /** Team state: S3 with S3-native locking (`use_lockfile`, Terraform >= 1.10). */
  | { readonly type: "s3"; readonly bucket: string; readonly key: string; readonly region: string };

export interface AccessSpec {
  /** API name, also the prefix of every resource name. */
  readonly name: string;
  readonly environment: string;
  readonly region: string;
  readonly description?: string;
  readonly cognito: CognitoSpec;
  readonly authorizers: readonly LambdaAuthorizerSpec[];
  readonly invokerRoles: readonly InvokerRoleSpec[];
  readonly routes: readonly RouteSpec[];
  readonly usagePlans: readonly UsagePlanSpec[];
  readonly stage: StageSpec;
  readonly cors?: CorsSpec;
  readonly waf: WafSpec;
  /** CloudFront in front of the API; @default - no CloudFront, the stage is called directly. */
  readonly edge?: EdgeSpec;
  /** Lambda log retention. */
  readonly lambdaLogRetentionDays: number;
  /** Where Terraform keeps this stack's state. @default - local (`terraform.<stack>.tfstate` beside the stack) */
  readonly backend?: BackendSpec;
  readonly tags?: Readonly<Record<string, string>>;
}

/** One problem found in a spec: where, what, and the bad value. */
export interface SpecProblem {
  /** File the spec came from. */
  readonly file: string;
  /** Path inside the spec, e.g. `routes[3].auth.scopes[0]`. */
  readonly path: string;
  readonly message: string;
  readonly value: unknown;
}

export const routeKey = (method: string, path: string): RouteKey => `${method} ${path}`;
