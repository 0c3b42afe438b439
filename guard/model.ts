// The normalized model every guard rule (and the authorization diff) reads: one shape whether the input was
// cdktf's cdk.tf.json, a `terraform show -json` plan, or a cdktf.out directory. Plain data, no cdktf.
// Values Terraform only knows after apply are `Unknown`, never guessed; references that could not be followed
// are recorded as `UnresolvedRef`s so a rule can report them instead of silently passing.
import type { EdgeBakedConfig, EdgeRouteRule } from "../kernel/contracts/edge-config";
import type { RouteRequirement } from "../kernel/contracts/route-table";

/** A value Terraform will only know after apply (or a `${...}` expression we do not evaluate). */
export interface Unknown {
  readonly unknown: true;
  /** The expression or reference the value comes from, when there is one (e.g. `aws_iam_role.r.arn`). */
  readonly expression?: string;
  /**
   * Plans: the configuration writes nothing here (its resource or block is written with no expression for this
   * attribute), so the provider computes the value. Never set inside a `dynamic` block or a map, whose expressions
   * a plan does not show: there no expression says nothing.
   * @default - not known to be the provider's
   */
  readonly computed?: true;
}

export type Val<T> = T | Unknown;

export const unknownValue = (expression?: string): Unknown => (expression === undefined ? { unknown: true } : { unknown: true, expression });

/** An attribute the configuration does not write, which the provider computes at apply. */
export const providerComputed = (): Unknown => ({ unknown: true, computed: true });

export function isUnknown(v: unknown): v is Unknown {
  return typeof v === "object" && v !== null && (v as { unknown?: unknown }).unknown === true;
}

/** Plan change actions, as Terraform names them; `replace` stands for delete+create in either order. */
export type ChangeAction = "create" | "update" | "delete" | "replace" | "no-op" | "read";

/** Where a resource was read from (for SARIF locations and messages). */
export interface SourceRef {
  /** File path as given on the command line (or inside the cdktf.out directory). */
  readonly file: string;
  /** Stack name for cdktf.out inputs (`petstore-dev`); "" for a single file. */
  readonly stack: string;
}

/** Every resource instance, whatever its type: the escape hatch for rules the typed views do not cover. */
export interface ResourceInstance {
  /** Full Terraform address: `module.api.aws_api_gateway_method.get["k"]`. */
  readonly address: string;
  /** Address without the instance key: `module.api.aws_api_gateway_method.get`. */
  readonly configAddress: string;
  /** `module.api` or "" for the root module. */
  readonly modulePath: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** count index or for_each key; undefined for a single instance. */
  readonly index?: number | string;
  /**
   * Attribute values as Terraform JSON (snake_case). Attributes unknown until apply, and `${...}` strings in
   * cdk.tf.json, appear as `Unknown` objects.
   */
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * Top-level attribute -> referenced addresses (`aws_api_gateway_resource.pets.id`), from `${...}` strings in
   * cdk.tf.json or `configuration` expressions' `references` in a plan.
   */
  readonly references: Readonly<Record<string, readonly string[]>>;
  /**
   * Plans: the references of the resource's `for_each`, followed like `references`. A `dynamic` block (absent from
   * `written.names`) has no expression in plan JSON; this is the data it iterates over, as far as a plan shows.
   * @default - no for_each, or cdk.tf.json
   */
  readonly forEachReferences?: readonly string[];
  /** `depends_on` entries (config addresses). */
  readonly dependsOn: readonly string[];
  /** `lifecycle.create_before_destroy` when the input says (cdk.tf.json); plan JSON does not carry it. */
  readonly createBeforeDestroy?: boolean;
  /**
   * How the configuration writes the resource (one record per configuration address, shared by its instances):
   * which attribute paths hold a literal. Undefined when the input carries no configuration (a state).
   */
  readonly written?: WrittenAttributes;
  /** The planned change, for plan inputs; undefined for cdk.tf.json. */
  readonly change?: ChangeAction;
  readonly source: SourceRef;
}

/**
 * Where a literal value of an attribute is written, judged by the expression's shape only (a plan redacts the values
 * of sensitive attributes, even in its `configuration`): a constant, or a reference to a variable with a literal
 * `default`, followed through module inputs, outputs and for_each. A value that combines a literal with anything
 * known only at apply or given at plan time (a resource, a data source, a variable without default) is not literal.
 */
export type LiteralSource =
  /** A constant, or an expression of constants only (`base64encode("...")`), here or in a module input or for_each. */
  | { readonly kind: "constant" }
  /** The `default` of a variable declaration: `var.x`, or `module.m.var.x` for a module's own. */
  | { readonly kind: "default"; readonly variable: string }
  /** Possibly literal, but the input does not show it (plan JSON carries no locals). */
  | { readonly kind: "unverifiable"; readonly why: string };

export interface LiteralAttribute {
  /**
   * The attribute's path as the resource's `values` hold it: `value`, `origin[0].custom_header[1].value` (plan JSON
   * indexes every block), `environment.variables.API_TOKEN` (cdk.tf.json, a single block as an object). A plan shows
   * one expression for a whole map (`environment[0].variables`), cdk.tf.json one per key.
   */
  readonly path: string;
  readonly source: LiteralSource;
}

export interface WrittenAttributes {
  /** Paths whose value is literal (or possibly so) in the configuration. */
  readonly literals: readonly LiteralAttribute[];
  /**
   * Top-level attributes and blocks the configuration writes. A block the values hold but not listed here was
   * written as a `dynamic` block, of which plan JSON shows no expression.
   */
  readonly names: readonly string[];
}

/** The stack a model entity comes from (`petstore-dev`; "" for a single file). */
export const stackOf = (r: { readonly resource: ResourceInstance }): string => r.resource.source.stack;

/** A reference that could not be followed to a resource in the configuration. */
export interface UnresolvedRef {
  /** Address of the resource holding the reference. */
  readonly address: string;
  /** Attribute holding it (`resource_id`, `authorizer_id`, `rest_api_id`, `parent_id`, ...). */
  readonly attribute: string;
  /** The reference or value that did not resolve. */
  readonly target: string;
  readonly reason: string;
  readonly source: SourceRef;
}

/** An API: a REST API (`aws_api_gateway_rest_api`) or an HTTP / WebSocket API (`aws_apigatewayv2_api`). */
export interface RestApi {
  readonly address: string;
  readonly name: Val<string>;
  /** @default "REST" */
  readonly protocol?: "REST" | "HTTP" | "WEBSOCKET";
  /** `disable_execute_api_endpoint`: false (the default) leaves `<id>.execute-api.<region>.amazonaws.com` open. @default false */
  readonly disableExecuteApiEndpoint?: Val<boolean>;
  /** HTTP APIs: a `cors_configuration` block is set, so API Gateway answers CORS preflights itself. @default false */
  readonly builtInCors?: boolean;
  /**
   * REST APIs: `endpoint_configuration.types` (EDGE, REGIONAL, PRIVATE); Unknown when known only after apply.
   * @default - not set: EDGE
   */
  readonly endpointTypes?: Val<readonly Val<string>[]>;
  readonly resource: ResourceInstance;
}

/**
 * How a route is written in Terraform: a REST `aws_api_gateway_method` (the default), an HTTP/WebSocket API
 * `aws_apigatewayv2_route`, or an operation of an OpenAPI `body` (REST or HTTP API).
 */
type RouteForm = "rest-method" | "http-route" | "openapi-operation";

/** A method on a resource path: what the intended-authorization policy is matched against. */
export interface Route {
  /**
   * Address of the `aws_api_gateway_method` / `aws_apigatewayv2_route`; for a body operation, the API's address
   * with the operation: `aws_api_gateway_rest_api.api#paths["/pets"].get`.
   */
  readonly address: string;
  /** @default "rest-method" */
  readonly form?: RouteForm;
  /** Address of its REST API, undefined when `rest_api_id` did not resolve. */
  readonly apiAddress?: string;
  readonly api?: RestApi;
  /** REST API name, Unknown when not known until apply or the API did not resolve. */
  readonly apiName: Val<string>;
  /** `GET`, `ANY`; an HTTP API's `$default` or a WebSocket API's `$connect` route: that key itself. */
  readonly httpMethod: Val<string>;
  /**
   * `/pets/{petId}`; Unknown when the resource chain could not be followed (then `unresolved` says why); ""
   * for `$default` and `$connect`, which have no path (their method ARN is `<api>/<stage>/$default`).
   */
  readonly path: Val<string>;
  /**
   * `"GET /pets/{petId}"`, `"$default"`, `"$connect"`, a WebSocket API's `"$disconnect"` or custom key
   * (`"sendmessage"`, with `httpMethod` the key and `path` ""), or undefined when method or path is unknown.
   */
  readonly routeKey?: string;
  /**
   * WebSocket APIs: the `$connect` route whose authorization this route runs under. An authorizer attaches to
   * `$connect` only; every other route of the API inherits the connection's authorization, which `authorization`,
   * `authorizer` and `scopes` then hold. @default - the route's own authorization
   */
  readonly connection?: Route;
  /**
   * A WebSocket API's `$connect` that no aws_apigatewayv2_route defines (address `<api>#$connect`): API Gateway then
   * accepts every connection, authorization NONE. @default false
   */
  readonly implicit?: boolean;
  /** NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS (as API Gateway spells it); JWT on HTTP API routes. */
  readonly authorization: Val<string>;
  /** Address of the authorizer referenced by `authorizer_id`. */
  readonly authorizerAddress?: string;
  readonly authorizer?: Authorizer;
  /** `authorization_scopes`; [] when unset. */
  readonly scopes: Val<readonly string[]>;
  readonly apiKeyRequired: Val<boolean>;
  /** Integration type of the method's `aws_api_gateway_integration` (MOCK, AWS_PROXY, ...), when found. */
  readonly integrationType?: Val<string>;
  /**
   * Why the route's authorization cannot be determined from the input (an OpenAPI operation whose security names
   * an undefined scheme, lists differing alternatives, ...): its authorization is Unknown and rules report it as
   * not verified. @default - determinable
   */
  readonly unverified?: string;
  readonly unresolved: readonly UnresolvedRef[];
  readonly resource: ResourceInstance;
}

/** One route of a Lambda authorizer's bundled route table, as its contract defines it. */
export type AuthorizerRouteRequirement = RouteRequirement;

/** The route table found in a Lambda authorizer's deployment package, or why it could not be read. */
export type AuthorizerRouteTable =
  { readonly file: string; readonly routes: readonly AuthorizerRouteRequirement[] } | { readonly file: string; readonly problem: string };

/** One route of the Lambda@Edge verifier's baked `edge-config.json`, as its contract defines it. */
export type EdgeRouteRequirement = EdgeRouteRule;

/**
 * The baked edge configuration found in a Lambda@Edge deployment package, or why it could not be read. The fields
 * are the contract's own (kernel/contracts/edge-config.ts, one definition); all but `routes` may be absent
 * from a table built by hand (prefixes: none; clients: null = every configured client; parameterName: not recorded).
 */
export type EdgeConfigTable =
  | ({ readonly file: string } & Pick<EdgeBakedConfig, "routes"> & Partial<Pick<EdgeBakedConfig, "prefixes" | "clients" | "parameterName">>)
  | { readonly file: string; readonly problem: string };

/** A Lambda function whose package carries an `edge-config.json` (the edge verifier). */
export interface EdgeFunctionConfig {
  readonly functionAddress: string;
  readonly source: SourceRef;
  readonly table: EdgeConfigTable;
}

/**
 * What a Lambda package on disk contains, as one digest: sha256 over every file's name and content, sorted by
 * name, except route-table.json and edge-config.json (compared by meaning); independent of zip timestamps and
 * compression, so the same code re-zipped has the same digest.
 */
export type BundleDigest = { readonly file: string; readonly digest: string } | { readonly file: string; readonly problem: string };

/** A Lambda function whose package was read from disk. */
export interface LambdaBundle {
  readonly functionAddress: string;
  readonly source: SourceRef;
  readonly bundle: BundleDigest;
}

export interface Authorizer {
  readonly address: string;
  readonly apiAddress?: string;
  readonly api?: RestApi;
  readonly name: Val<string>;
  /** TOKEN, REQUEST, COGNITO_USER_POOLS (TOKEN is API Gateway's default); JWT or REQUEST for HTTP APIs. */
  readonly type: Val<string>;
  /**
   * Unknown or "" when unset. HTTP/WebSocket APIs' `identity_sources` are joined with "," in the REST spelling
   * (`$request.header.Authorization` -> `method.request.header.Authorization`), so one definition judges both.
   */
  readonly identitySource: Val<string>;
  /** JWT authorizers: `jwt_configuration.issuer`. @default - not a JWT authorizer */
  readonly jwtIssuer?: Val<string>;
  /**
   * The issuer is known only after apply and written in a `dynamic` block, whose expressions plan JSON does not show:
   * `jwtIssuer` is then the one resource the data its for_each iterates over names (a candidate, never a pass).
   * @default false
   */
  readonly jwtIssuerFromDynamicBlock?: boolean;
  /** JWT authorizers: `jwt_configuration.audience` (app client ids for Cognito). @default - not a JWT authorizer */
  readonly jwtAudience?: Val<readonly Val<string>[]>;
  /** `authorizer_result_ttl_in_seconds`; undefined = API Gateway default (300). */
  readonly resultTtlSeconds?: Val<number>;
  /** `provider_arns` (Cognito); references appear as Unknown with the expression. */
  readonly providerArns: Val<readonly Val<string>[]>;
  /** `authorizer_uri` (Lambda). */
  readonly authorizerUri?: Val<string>;
  /** Address of the Lambda function the URI points at, when it resolves. */
  readonly lambdaFunctionAddress?: string;
  /**
   * `route-table.json` from the function's zip (`filename`, relative to the stack directory), when the package
   * is on disk and carries one: what the authorizer enforces per route (groups, scopes), invisible in Terraform.
   */
  readonly routeTable?: AuthorizerRouteTable;
  readonly resource: ResourceInstance;
}

export interface MethodSetting {
  readonly address: string;
  /** `*\/*` for all methods, or `pets/GET`. */
  readonly methodPath: Val<string>;
  readonly loggingLevel?: Val<string>;
  readonly metricsEnabled?: Val<boolean>;
  readonly dataTraceEnabled?: Val<boolean>;
  readonly throttlingRateLimit?: Val<number>;
  readonly throttlingBurstLimit?: Val<number>;
}

export interface Stage {
  readonly address: string;
  readonly apiAddress?: string;
  readonly api?: RestApi;
  readonly name: Val<string>;
  readonly deploymentAddress?: string;
  readonly xrayTracingEnabled: Val<boolean>;
  /** Undefined when the stage has no `access_log_settings` block. */
  readonly accessLog?: { readonly destinationArn: Val<string>; readonly format: Val<string> };
  readonly methodSettings: readonly MethodSetting[];
  /** Addresses of `aws_wafv2_web_acl_association`s whose resource_arn is this stage. */
  readonly wafAssociations: readonly string[];
  /** Addresses of usage plans with an `api_stages` entry for this stage. */
  readonly usagePlans: readonly string[];
  readonly resource: ResourceInstance;
}

/**
 * A stage of an HTTP or WebSocket API (`aws_apigatewayv2_stage`): no WAF association, X-Ray or method settings
 * exist for these, so they are a view of their own rather than `Stage`s.
 */
export interface HttpStage {
  readonly address: string;
  readonly apiAddress?: string;
  readonly api?: RestApi;
  readonly name: Val<string>;
  readonly autoDeploy: Val<boolean>;
  /** Undefined when the stage has no `access_log_settings` block. */
  readonly accessLog?: { readonly destinationArn: Val<string>; readonly format: Val<string> };
  /** `default_route_settings` throttling; undefined when unset (the account's limits apply). */
  readonly throttlingRateLimit?: Val<number>;
  readonly throttlingBurstLimit?: Val<number>;
  readonly resource: ResourceInstance;
}

export interface UsagePlan {
  readonly address: string;
  readonly name: Val<string>;
  readonly apiStages: readonly { readonly apiAddress?: string; readonly stage: Val<string>; readonly stageAddress?: string }[];
  /** Undefined when the block is absent. */
  readonly throttle?: { readonly rateLimit?: Val<number>; readonly burstLimit?: Val<number> };
  readonly quota?: { readonly limit?: Val<number>; readonly period?: Val<string> };
  /** Addresses of API keys attached through `aws_api_gateway_usage_plan_key`. */
  readonly keys: readonly string[];
  readonly resource: ResourceInstance;
}

export interface ApiKey {
  readonly address: string;
  readonly name: Val<string>;
  readonly enabled: Val<boolean>;
  /** Addresses of usage plans this key belongs to. */
  readonly usagePlans: readonly string[];
  readonly resource: ResourceInstance;
}

export interface Deployment {
  readonly address: string;
  readonly apiAddress?: string;
  /** `triggers` map (values may be Unknown). */
  readonly triggers: Readonly<Record<string, unknown>>;
  /** Addresses referenced from `triggers` values (`${sha1(jsonencode([aws_api_gateway_method.x.id]))}`). */
  readonly triggerReferences: readonly string[];
  readonly dependsOn: readonly string[];
  readonly createBeforeDestroy: Val<boolean>;
  readonly resource: ResourceInstance;
}

/** An IAM condition: `{"StringEquals": {"cognito-identity.amazonaws.com:aud": ["..."]}}` flattened. */
export interface PolicyCondition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly Val<string>[];
}

export interface PolicyPrincipal {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
  readonly type: string;
  readonly ids: readonly Val<string>[];
}

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: Val<string>;
  readonly actions: readonly Val<string>[];
  readonly notActions: readonly Val<string>[];
  readonly resources: readonly Val<string>[];
  readonly notResources: readonly Val<string>[];
  readonly principals: readonly PolicyPrincipal[];
  readonly notPrincipals: readonly PolicyPrincipal[];
  readonly conditions: readonly PolicyCondition[];
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
}

/** A policy document from any holder: role inline/trust, managed policy, role policy, resource policy. */
export interface IamPolicy {
  readonly address: string;
  /** `aws_iam_policy`, `aws_iam_role_policy`, `aws_iam_role` (trust / inline_policy), `aws_api_gateway_rest_api_policy`, ... */
  readonly kind: "managed" | "role-inline" | "role-trust" | "api-resource-policy" | "other";
  /** Document, or Unknown when the JSON is known only after apply; a parse failure is in `parseError`. */
  readonly document: Val<PolicyDocument>;
  readonly parseError?: string;
  /** Roles this policy is attached to (addresses), where known. */
  readonly roleAddresses: readonly string[];
  readonly resource: ResourceInstance;
}

export interface IamRole {
  readonly address: string;
  readonly name: Val<string>;
  readonly trustPolicy: Val<PolicyDocument>;
  readonly trustParseError?: string;
  /** Addresses of Cognito groups that use this role (`role_arn`). */
  readonly cognitoGroups: readonly string[];
  readonly resource: ResourceInstance;
}

/**
 * A user pool's security settings as Cognito applies them: Terraform's and Cognito's defaults are filled in here,
 * once (guard/load/views/cognito/user-pool.ts), so no reader copies them. `undefined` inside means "not set"; Unknown means
 * known only after apply.
 */
export interface PoolSettings {
  /** `mfa_configuration`: ON, OPTIONAL or OFF (Terraform's default). */
  readonly mfa: Val<string>;
  /** `software_token_mfa_configuration.enabled` (TOTP); false when the block is absent. */
  readonly totpEnabled: Val<boolean>;
  /** The `password_policy` block as written; undefined when absent (Cognito then applies its own defaults). */
  readonly passwordPolicy?: {
    readonly minimumLength?: Val<number>;
    readonly requireLowercase?: Val<boolean>;
    readonly requireUppercase?: Val<boolean>;
    readonly requireNumbers?: Val<boolean>;
    readonly requireSymbols?: Val<boolean>;
    readonly temporaryPasswordValidityDays?: Val<number>;
  };
  /** The password policy Cognito enforces: the block's values, Cognito's default for each one not set. */
  readonly effectivePassword: {
    readonly minimumLength: Val<number>;
    readonly requireLowercase: Val<boolean>;
    readonly requireUppercase: Val<boolean>;
    readonly requireNumbers: Val<boolean>;
    readonly requireSymbols: Val<boolean>;
    readonly temporaryPasswordValidityDays: Val<number>;
  };
  /** `user_pool_add_ons.advanced_security_mode`; undefined when not set (OFF, or threat protection on the PLUS tier). */
  readonly advancedSecurityMode?: Val<string>;
  /** `user_pool_tier`: LITE, ESSENTIALS (default) or PLUS. */
  readonly tier: Val<string>;
  /** `deletion_protection`: ACTIVE or INACTIVE (default). */
  readonly deletionProtection: Val<string>;
  /** `admin_create_user_config.allow_admin_create_user_only`; false (self sign-up allowed) when unset. */
  readonly adminCreateUserOnly: Val<boolean>;
}

export interface UserPool {
  readonly address: string;
  readonly name: Val<string>;
  readonly settings: PoolSettings;
  readonly resource: ResourceInstance;
}

/** An app client's token lifetimes in minutes, with Terraform's default values and units applied. */
export interface ClientTokenValidity {
  readonly idMinutes: Val<number>;
  readonly accessMinutes: Val<number>;
  readonly refreshMinutes: Val<number>;
  /** Which lifetimes the configuration sets (the others are Cognito's defaults). */
  readonly set: { readonly id: boolean; readonly access: boolean; readonly refresh: boolean };
}

export interface UserPoolClient {
  readonly address: string;
  readonly name: Val<string>;
  readonly userPoolAddress?: string;
  readonly tokenValidity: ClientTokenValidity;
  readonly resource: ResourceInstance;
}

export interface ResourceServer {
  readonly address: string;
  readonly identifier: Val<string>;
  readonly userPoolAddress?: string;
  /** Full scope names `identifier/scope`; Unknown when identifier or scopes are unknown. */
  readonly scopes: Val<readonly string[]>;
  readonly resource: ResourceInstance;
}

export interface UserGroup {
  readonly address: string;
  readonly name: Val<string>;
  readonly userPoolAddress?: string;
  readonly roleAddress?: string;
  readonly resource: ResourceInstance;
}

export interface LambdaPermission {
  readonly address: string;
  readonly action: Val<string>;
  readonly principal: Val<string>;
  /** `source_arn`, Unknown when computed; undefined when unset (any source). */
  readonly sourceArn?: Val<string>;
  /** References inside source_arn (e.g. `aws_api_gateway_rest_api.api.execution_arn`). */
  readonly sourceArnReferences: readonly string[];
  readonly functionAddress?: string;
  readonly resource: ResourceInstance;
}

/** One resource's planned change, for the authorization diff. */
export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly ChangeAction[];
  /** Summarized: create, update, delete, replace, no-op, read. */
  readonly action: ChangeAction;
  readonly source: SourceRef;
}

export interface ChangeSummary {
  readonly creates: readonly string[];
  readonly updates: readonly string[];
  readonly deletes: readonly string[];
  readonly replacements: readonly string[];
}

export interface Model {
  /** Files read. */
  readonly sources: readonly string[];
  /** Loader remarks worth telling the user (e.g. a stale plan.json ignored); never findings. */
  readonly notes?: readonly string[];
  readonly format: "cdktf" | "plan" | "mixed";
  /** `after` (planned) or `before` (prior state) side of a plan; "after" for cdk.tf.json. */
  readonly side: "before" | "after";
  readonly resources: readonly ResourceInstance[];
  readonly apis: readonly RestApi[];
  readonly routes: readonly Route[];
  readonly authorizers: readonly Authorizer[];
  readonly stages: readonly Stage[];
  /** Stages of HTTP and WebSocket APIs. @default - none */
  readonly httpStages?: readonly HttpStage[];
  readonly usagePlans: readonly UsagePlan[];
  readonly apiKeys: readonly ApiKey[];
  readonly deployments: readonly Deployment[];
  readonly iamPolicies: readonly IamPolicy[];
  readonly iamRoles: readonly IamRole[];
  readonly userPools: readonly UserPool[];
  readonly userPoolClients: readonly UserPoolClient[];
  readonly resourceServers: readonly ResourceServer[];
  readonly userGroups: readonly UserGroup[];
  readonly lambdaPermissions: readonly LambdaPermission[];
  /**
   * Edge verifiers' baked configurations, for packages on disk (cdktf.out): what the edge enforces per route,
   * invisible in Terraform. @default - none read (in-memory documents, bare plans)
   */
  readonly edgeConfigs?: readonly EdgeFunctionConfig[];
  /**
   * Door ids that are not a resource's own address (guard/access/doors): a live distribution's address -> the
   * reviewed code's address of the one distribution it corresponds to (the audit with --plan,
   * cli/private/audit/door-ids.ts), so a policy's `doors` entries written for the code match the account.
   * @default - every door is named by its own address
   */
  readonly doorIds?: ReadonlyMap<string, string>;
  /** Lambda packages read from disk (cdktf.out) with their code digest. @default - none read */
  readonly bundles?: readonly LambdaBundle[];
  /**
   * The handlers of the repository that synthesized this input, rebuilt from its source (the check does this when
   * the input is this project's own cdktf.out): code digest -> entry. @default - not rebuilt
   */
  readonly sourceBuilds?: ReadonlyMap<string, string>;
  /**
   * The day (UTC, `YYYY-MM-DD`) date-bound rules judge the input at (lambda-runtime-supported). The check and the
   * review set it to the day they run (or `check --as-of`), tests to a fixed day; rules read it, never a clock.
   * @default - the day the rule's dated table was last checked against its sources
   */
  readonly asOf?: string;
  /** Every reference the loader could not follow (also surfaced per route). */
  readonly unresolved: readonly UnresolvedRef[];
  /** Plan inputs only: every resource change (including deletes, which are absent from the `after` model). */
  readonly changes: readonly ResourceChange[];
}

export function summarizeChanges(changes: readonly ResourceChange[]): ChangeSummary {
  const pick = (a: ChangeAction) => changes.filter((c) => c.action === a).map((c) => c.address);
  return { creates: pick("create"), updates: pick("update"), deletes: pick("delete"), replacements: pick("replace") };
}
