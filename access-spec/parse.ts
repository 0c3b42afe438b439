// Structural parser for specs written as JSON or YAML (or any untyped data): checks every field's
// type, enum and presence against access-spec/types.ts and reports all problems with path and value.
// It never throws; semantic checks (references, AWS limits) are validateSpec's job.
import type {
  AccessSpec,
  AppClientSpec,
  AuthorizationSpec,
  BackendSpec,
  CognitoSpec,
  CorsSpec,
  EdgeSpec,
  GroupSpec,
  IntegrationSpec,
  InvokerRoleSpec,
  LambdaAuthorizerSpec,
  PasswordPolicySpec,
  ResourceServerSpec,
  RouteSpec,
  SpecProblem,
  StageSpec,
  StatementSpec,
  ThrottleSpec,
  TokenValiditySpec,
  UsagePlanSpec,
  UserPoolSpec,
  WafSpec,
} from "./types";
import { ProblemList } from "./private/problems";
import { arrayOf, BAD, bool, num, object, oneOf, optional, recordOf, str, union } from "./private/shape";

type Variant<T, D extends keyof T, K> = Extract<T, Readonly<Record<D, K>>>;

const strings = arrayOf(str);
const throttle = object<ThrottleSpec>({ rateLimit: num, burstLimit: num });

const passwordPolicy = object<PasswordPolicySpec>({
  minimumLength: num,
  requireLowercase: bool,
  requireUppercase: bool,
  requireNumbers: bool,
  requireSymbols: bool,
  temporaryPasswordValidityDays: num,
});

const userPool = object<UserPoolSpec>({
  name: str,
  passwordPolicy,
  mfa: oneOf("ON", "OPTIONAL", "OFF"),
  featurePlan: oneOf("LITE", "ESSENTIALS", "PLUS"),
  advancedSecurityMode: oneOf("OFF", "AUDIT", "ENFORCED"),
  deletionProtection: bool,
  adminCreateUserOnly: bool,
  preventUserExistenceErrors: bool,
});

const resourceServer = object<ResourceServerSpec>({ identifier: str, name: str, scopes: recordOf(str) });

const statement = object<StatementSpec>({
  effect: oneOf("Allow", "Deny"),
  actions: strings,
  resources: strings,
  allowPrivilegedActions: optional(object<{ reason: string }>({ reason: str })),
});

const group = object<GroupSpec>({
  name: str,
  description: str,
  precedence: num,
  permissions: optional(arrayOf(statement)),
  trustedBy: optional(arrayOf(oneOf("groupRoleLambda", "identityPool"))),
});

const tokenValidity = object<TokenValiditySpec>({ idTokenMinutes: num, accessTokenMinutes: num, refreshTokenMinutes: num });

const client = union<AppClientSpec, "kind">("kind", {
  user: object<Variant<AppClientSpec, "kind", "user">>({
    kind: oneOf("user"),
    name: str,
    scopes: optional(strings),
    callbackUrls: optional(strings),
    logoutUrls: optional(strings),
    allowUserPasswordAuth: optional(object<{ reason: string }>({ reason: str })),
    tokenValidity,
  }),
  machine: object<Variant<AppClientSpec, "kind", "machine">>({ kind: oneOf("machine"), name: str, scopes: strings, tokenValidity }),
});

const cognito = object<CognitoSpec>({
  userPool,
  domainPrefix: optional(str),
  resourceServers: arrayOf(resourceServer),
  groups: arrayOf(group),
  clients: arrayOf(client),
});

const authorizer = object<LambdaAuthorizerSpec>({
  name: str,
  type: oneOf("TOKEN", "REQUEST"),
  identitySources: strings,
  resultTtlSeconds: num,
});

const invokerRole = object<InvokerRoleSpec>({
  name: str,
  assumedBy: object<InvokerRoleSpec["assumedBy"]>({ services: optional(strings), roleArns: optional(strings) }),
});

type Auth<K extends AuthorizationSpec["type"]> = Variant<AuthorizationSpec, "type", K>;
const auth = union<AuthorizationSpec, "type">("type", {
  NONE: object<Auth<"NONE">>({ type: oneOf("NONE"), reason: str }),
  API_KEY: object<Auth<"API_KEY">>({ type: oneOf("API_KEY"), usagePlan: str, reason: str }),
  AWS_IAM: object<Auth<"AWS_IAM">>({ type: oneOf("AWS_IAM"), groups: optional(strings), roles: optional(strings), usagePlan: optional(str) }),
  COGNITO: object<Auth<"COGNITO">>({ type: oneOf("COGNITO"), scopes: optional(strings), usagePlan: optional(str) }),
  LAMBDA: object<Auth<"LAMBDA">>({
    type: oneOf("LAMBDA"),
    authorizer: str,
    groups: optional(strings),
    scopes: optional(strings),
    tokenUse: optional(oneOf("access", "id", "any")),
    clients: optional(strings),
    usagePlan: optional(str),
  }),
  EDGE: object<Auth<"EDGE">>({ type: oneOf("EDGE"), scopes: optional(strings), clients: optional(strings) }),
});

const integration = union<IntegrationSpec, "type">("type", {
  MOCK: object<Variant<IntegrationSpec, "type", "MOCK">>({ type: oneOf("MOCK"), statusCode: optional(num) }),
  LAMBDA: object<Variant<IntegrationSpec, "type", "LAMBDA">>({
    type: oneOf("LAMBDA"),
    function: oneOf("backend", "groupRole", "adminOnly"),
    decidesAccess: optional(str),
  }),
});

const route = object<RouteSpec>({
  method: oneOf("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"),
  path: str,
  integration,
  cors: optional(bool),
  auth,
});

const usagePlan = object<UsagePlanSpec>({
  name: str,
  throttle,
  quota: object<UsagePlanSpec["quota"]>({ limit: num, period: oneOf("DAY", "WEEK", "MONTH"), offset: optional(num) }),
  methodThrottles: optional(recordOf(throttle)),
  keys: strings,
});

const stage = object<StageSpec>({
  name: str,
  accessLogFormat: optional(str),
  loggingLevel: oneOf("OFF", "ERROR", "INFO"),
  metricsEnabled: bool,
  xrayTracing: bool,
  throttle,
  logRetentionDays: num,
  cloudWatchRoleArn: optional(str),
});

const cors = object<CorsSpec>({ allowOrigins: strings, allowHeaders: strings, maxAgeSeconds: optional(num) });

const waf = object<WafSpec>({ rateLimitPerFiveMinutes: num, logRetentionDays: num });

const edge = object<EdgeSpec>({
  scheme: oneOf("OAuth2-Cognito-Edge", "OAuth2-Cognito-Gateway", "ApiKey", "None"),
  usagePlan: optional(str),
  scopesByPathPrefix: optional(recordOf(strings)),
  clients: optional(strings),
  rateLimitPerFiveMinutes: num,
  priceClass: optional(oneOf("PriceClass_100", "PriceClass_200", "PriceClass_All")),
});

const backend = union<BackendSpec, "type">("type", {
  local: object<Variant<BackendSpec, "type", "local">>({ type: oneOf("local") }),
  s3: object<Variant<BackendSpec, "type", "s3">>({ type: oneOf("s3"), bucket: str, key: str, region: str }),
});

const accessSpec = object<AccessSpec>({
  name: str,
  environment: str,
  region: str,
  description: optional(str),
  cognito,
  authorizers: arrayOf(authorizer),
  invokerRoles: arrayOf(invokerRole),
  routes: arrayOf(route),
  usagePlans: arrayOf(usagePlan),
  stage,
  cors: optional(cors),
  waf,
  edge: optional(edge),
  lambdaLogRetentionDays: num,
  backend: optional(backend),
  tags: optional(recordOf(str)),
});

/** `spec` is present only when the data has the spec's exact shape (then `problems` is empty). */
export function parseSpec(data: unknown, file: string): { spec?: AccessSpec; problems: SpecProblem[] } {
  const problems = new ProblemList(file);
  const parsed = accessSpec(withoutSchemaKey(data, problems), "", problems);
  if (parsed === BAD || problems.count > 0) return { problems: problems.toArray() };
  return { spec: parsed, problems: [] };
}

/**
 * A spec file may name its JSON Schema (schema/access-spec.schema.json) in a top-level `$schema` so editors
 * complete and check it; that one key is not part of the spec and is dropped here.
 */
function withoutSchemaKey(data: unknown, problems: ProblemList): unknown {
  if (typeof data !== "object" || data === null || Array.isArray(data) || !Object.prototype.hasOwnProperty.call(data, "$schema")) return data;
  // Rest properties are defined as own properties, so a `__proto__` key cannot change the copy's prototype.
  const { $schema, ...spec } = data as Record<string, unknown>;
  if (typeof $schema !== "string") problems.add("$schema", "expected a string (the path or URL of the spec's JSON Schema)", $schema);
  return spec;
}
