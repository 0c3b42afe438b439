import { validateSpec } from "../../access-spec/validate";
import { petstoreDev, petstoreProd } from "../../access-spec/samples/petstore";
import type { AccessSpec } from "../../access-spec/types";
import { specWith, userClient, type MutableSpec } from "./helpers";

const FILE = "specs/petstore.json";

interface InvalidCase {
  readonly name: string;
  readonly change: (spec: MutableSpec) => void;
  readonly base?: AccessSpec;
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
}

// Route indexes in the sample: 2 GET /pets (COGNITO read, cors), 4 GET /pets/{petId} (LAMBDA jwt-token),
// 5 DELETE /pets/{petId} (LAMBDA admins, client web), 6 PUT /pets/{petId}/photo (jwt-request),
// 10 GET /reports/{reportId} (AWS_IAM), 11 GET /catalog (API_KEY partners).
/** Sample prod's EDGE routes as the Cognito routes they stand for, for cases that switch prod to another scheme. */
const edgeToCognito = (s: MutableSpec): void => {
  s.routes.forEach((r, i) => {
    if (r.auth.type === "EDGE") s.routes[i] = { ...r, auth: { type: "COGNITO", scopes: r.auth.scopes } };
  });
};

const edgeRoute = (clients?: string[]) =>
  ({ method: "GET", path: "/edge", integration: { type: "MOCK" }, auth: { type: "EDGE", ...(clients ? { clients } : {}) } }) as const;

const cases: readonly InvalidCase[] = [
  // --- unknown references
  {
    name: "unknown scope on a route",
    change: (s) => void (s.routes[2]!.auth = { type: "COGNITO", scopes: ["petstore/raed"] }),
    path: "routes[2].auth.scopes[0]",
    value: "petstore/raed",
    message: 'route "GET /pets": unknown scope "petstore/raed"',
  },
  {
    name: "unknown scope on a user client",
    change: (s) => void (s.cognito.clients[0]!.scopes = ["petstore/read", "petstore/wirte"]),
    path: "cognito.clients[0].scopes[1]",
    value: "petstore/wirte",
    message: 'client "web": unknown scope "petstore/wirte"',
  },
  {
    name: "unknown scope on a machine client (standard OIDC scopes are for user clients only)",
    change: (s) => void (s.cognito.clients[1]!.scopes = ["openid"]),
    path: "cognito.clients[1].scopes[0]",
    value: "openid",
    message: 'client "partner-sync": unknown scope "openid"',
  },
  {
    name: "unknown scope in edge.scopesByPathPrefix",
    base: petstoreProd,
    change: (s) => void (s.edge!.scopesByPathPrefix = { "/pets": ["petstore/reed"] }),
    path: 'edge.scopesByPathPrefix["/pets"][0]',
    value: "petstore/reed",
    message: 'edge "/pets": unknown scope "petstore/reed"',
  },
  {
    name: "unknown group on a LAMBDA route",
    change: (s) => void (s.routes[5]!.auth = { type: "LAMBDA", authorizer: "jwt-token", groups: ["admin"] }),
    path: "routes[5].auth.groups[0]",
    value: "admin",
    message: 'route "DELETE /pets/{petId}": unknown group "admin"',
  },
  {
    name: "unknown group on an AWS_IAM route",
    change: (s) => void (s.routes[10]!.auth = { type: "AWS_IAM", groups: ["auditors"] }),
    path: "routes[10].auth.groups[0]",
    value: "auditors",
    message: 'route "GET /reports/{reportId}": unknown group "auditors"',
  },
  {
    name: "unknown authorizer",
    change: (s) => void (s.routes[4]!.auth = { type: "LAMBDA", authorizer: "jwt" }),
    path: "routes[4].auth.authorizer",
    value: "jwt",
    message: 'route "GET /pets/{petId}": unknown authorizer "jwt"',
  },
  {
    name: "unknown usage plan on a route",
    change: (s) => void (s.routes[11]!.auth = { type: "API_KEY", usagePlan: "partner", reason: "partner traffic metering" }),
    path: "routes[11].auth.usagePlan",
    value: "partner",
    message: 'route "GET /catalog": unknown usage plan "partner"',
  },
  {
    name: "unknown usage plan on edge",
    base: petstoreProd,
    change: (s) => void (s.edge!.usagePlan = "gold"),
    path: "edge.usagePlan",
    value: "gold",
    message: 'edge: unknown usage plan "gold"',
  },
  {
    name: "unknown invoker role",
    change: (s) => void (s.routes[10]!.auth = { type: "AWS_IAM", roles: ["reportin"] }),
    path: "routes[10].auth.roles[0]",
    value: "reportin",
    message: 'route "GET /reports/{reportId}": unknown invoker role "reportin"',
  },
  {
    name: "unknown client on a LAMBDA route",
    change: (s) => void (s.routes[5]!.auth = { type: "LAMBDA", authorizer: "jwt-token", groups: ["admins"], clients: ["mobile"] }),
    path: "routes[5].auth.clients[0]",
    value: "mobile",
    message: 'route "DELETE /pets/{petId}": unknown client "mobile"',
  },
  {
    name: "unknown client on an EDGE route",
    base: petstoreProd,
    change: (s) => void s.routes.push(edgeRoute(["mobile"])),
    path: "routes[13].auth.clients[0]",
    value: "mobile",
    message: 'route "GET /edge": unknown client "mobile"',
  },
  {
    name: "unknown client in edge.clients",
    base: petstoreProd,
    change: (s) => void (s.edge!.clients = ["webb"]),
    path: "edge.clients[0]",
    value: "webb",
    message: 'edge: unknown client "webb"',
  },
  {
    name: "unknown route key in usage plan methodThrottles",
    change: (s) => void (s.usagePlans[0]!.methodThrottles = { "GET /catlog": { rateLimit: 1, burstLimit: 1 } }),
    path: 'usagePlans[0].methodThrottles["GET /catlog"]',
    value: "GET /catlog",
    message: 'usage plan "partners": unknown route key in methodThrottles "GET /catlog"',
  },
  // --- the API Gateway resource tree
  {
    name: "duplicate route (same method and path)",
    change: (s) => void s.routes.push({ ...s.routes[3]! }),
    path: "routes[13].path",
    value: "/pets",
    message: 'route "POST /pets": duplicate route, same method and resource as route "POST /pets" at routes[3]',
  },
  {
    name: "duplicate route whose parameter names differ ({a} vs {b} is one resource)",
    change: (s) => void s.routes.push({ ...s.routes[4]!, path: "/pets/{id}" }),
    path: "routes[13].path",
    value: "/pets/{id}",
    message: "parameter names differ but API Gateway sees one resource",
  },
  {
    name: "sibling path parameters with different names",
    change: (s) => void s.routes.push({ ...s.routes[4]!, path: "/pets/{id}/x" }),
    path: "routes[13].path",
    value: "/pets/{id}/x",
    message: 'route "GET /pets/{id}/x": path parameter "{id}" conflicts with "{petId}" of route "GET /pets/{petId}"',
  },
  {
    name: "greedy sibling of a path parameter",
    change: (s) => void s.routes.push({ ...s.routes[4]!, method: "POST", path: "/pets/{proxy+}" }),
    path: "routes[13].path",
    value: "/pets/{proxy+}",
    message: 'path parameter "{proxy+}" conflicts with "{petId}"',
  },
  {
    name: "explicit OPTIONS route where cors: true adds a preflight",
    change: (s) =>
      void s.routes.push({ method: "OPTIONS", path: "/pets", integration: { type: "MOCK" }, auth: { type: "NONE", reason: "CORS preflight for browsers" } }),
    path: "routes[13].method",
    value: "OPTIONS",
    message: 'route "OPTIONS /pets": conflicts with the CORS preflight OPTIONS of route "GET /pets"',
  },
  {
    name: "cors: true without cors settings",
    change: (s) => {
      delete s.cors;
      s.routes[4]!.cors = false;
    },
    path: "routes[2].cors",
    value: true,
    message: 'route "GET /pets": cors is true but the spec has no cors settings',
  },
  ...(
    [
      ["pets", "must start with /"],
      ["/pets/", "must not end with /"],
      ["/pets//toys", "empty segment"],
      ["/files/{proxy+}/meta", 'greedy parameter "{proxy+}" must be the last segment'],
      ["/pets/a b", 'segment "a b"'],
      ["/pets/{pet id}", 'segment "{pet id}"'],
      ["/a/{id}/b/{id}", 'path parameter "id" appears twice'],
    ] as const
  ).map(([path, message]): InvalidCase => ({
    name: `bad path syntax: ${path}`,
    change: (s) => void s.routes.push({ method: "GET", path, integration: { type: "MOCK" }, auth: { type: "NONE", reason: "a route for this test" } }),
    path: "routes[13].path",
    value: path,
    message,
  })),
  // --- authorization
  {
    name: "NONE with a blank reason",
    change: (s) => void (s.routes[0]!.auth = { type: "NONE", reason: "  " }),
    path: "routes[0].auth.reason",
    value: "  ",
    message: 'route "GET /health": NONE needs a written reason of at least 10 characters',
  },
  {
    name: "NONE with a reason too short to say why (the policy's rule too)",
    change: (s) => void (s.routes[0]!.auth = { type: "NONE", reason: "n/a" }),
    path: "routes[0].auth.reason",
    value: "n/a",
    message: 'route "GET /health": NONE needs a written reason of at least 10 characters',
  },
  {
    name: "API_KEY with an empty reason",
    change: (s) => void (s.routes[11]!.auth = { type: "API_KEY", usagePlan: "partners", reason: "" }),
    path: "routes[11].auth.reason",
    value: "",
    message: 'route "GET /catalog": API_KEY needs a written reason of at least 10 characters',
  },
  {
    name: "AWS_IAM naming neither group nor role",
    change: (s) => void (s.routes[10]!.auth = { type: "AWS_IAM", groups: [] }),
    path: "routes[10].auth",
    value: { type: "AWS_IAM", groups: [] },
    message: 'route "GET /reports/{reportId}": AWS_IAM names neither groups nor roles',
  },
  {
    name: "LAMBDA route asking for scopes in ID tokens",
    change: (s) => void (s.routes[4]!.auth = { type: "LAMBDA", authorizer: "jwt-token", scopes: ["petstore/read"], tokenUse: "id" }),
    path: "routes[4].auth.tokenUse",
    value: "id",
    message: "ID tokens carry no scopes",
  },
  {
    name: "EDGE route without edge config",
    change: (s) => void s.routes.push(edgeRoute()),
    path: "routes[13].auth.type",
    value: "EDGE",
    message: 'route "GET /edge": EDGE auth needs an edge config with scheme "OAuth2-Cognito-Edge"',
  },
  {
    name: "EDGE route with another edge scheme",
    base: petstoreProd,
    change: (s) => {
      edgeToCognito(s);
      s.edge!.scheme = "OAuth2-Cognito-Gateway";
      s.routes.push(edgeRoute());
    },
    path: "routes[13].auth.type",
    value: "OAuth2-Cognito-Gateway",
    message: 'EDGE auth needs edge.scheme "OAuth2-Cognito-Edge" (got "OAuth2-Cognito-Gateway")',
  },
  {
    name: "edge scheme ApiKey without a usage plan",
    base: petstoreProd,
    change: (s) => {
      edgeToCognito(s);
      s.edge!.scheme = "ApiKey";
    },
    path: "edge.usagePlan",
    value: undefined,
    message: 'edge: scheme "ApiKey" needs a usagePlan',
  },
  // --- throttles and quotas
  ...(
    [
      ["rate 0", (s: MutableSpec) => void (s.usagePlans[0]!.throttle.rateLimit = 0), "usagePlans[0].throttle.rateLimit", 0, "rateLimit must be > 0"],
      ["rate above 10000", (s: MutableSpec) => void (s.usagePlans[0]!.throttle.rateLimit = 10001), "usagePlans[0].throttle.rateLimit", 10001, "<= 10000"],
      [
        "burst 0",
        (s: MutableSpec) => void (s.usagePlans[0]!.throttle.burstLimit = 0),
        "usagePlans[0].throttle.burstLimit",
        0,
        "burstLimit must be an integer from 1 to 5000",
      ],
      ["burst not an integer", (s: MutableSpec) => void (s.usagePlans[0]!.throttle.burstLimit = 1.5), "usagePlans[0].throttle.burstLimit", 1.5, "burstLimit"],
      ["burst above 5000", (s: MutableSpec) => void (s.stage.throttle.burstLimit = 5001), "stage.throttle.burstLimit", 5001, 'stage "dev": burstLimit'],
      [
        "method throttle rate negative",
        (s: MutableSpec) => void (s.usagePlans[0]!.methodThrottles = { "GET /catalog": { rateLimit: -1, burstLimit: 1 } }),
        'usagePlans[0].methodThrottles["GET /catalog"].rateLimit',
        -1,
        'usage plan "partners" "GET /catalog": rateLimit',
      ],
      ["quota limit 0", (s: MutableSpec) => void (s.usagePlans[0]!.quota.limit = 0), "usagePlans[0].quota.limit", 0, "quota limit must be an integer from 1"],
      ["quota limit fractional", (s: MutableSpec) => void (s.usagePlans[0]!.quota.limit = 10.5), "usagePlans[0].quota.limit", 10.5, "quota limit"],
      [
        "quota offset for DAY",
        (s: MutableSpec) => void (s.usagePlans[0]!.quota = { limit: 10, period: "DAY", offset: 1 }),
        "usagePlans[0].quota.offset",
        1,
        "offset for period DAY must be an integer from 0 to 0",
      ],
      [
        "quota offset for WEEK",
        (s: MutableSpec) => void (s.usagePlans[0]!.quota = { limit: 10, period: "WEEK", offset: 7 }),
        "usagePlans[0].quota.offset",
        7,
        "from 0 to 6",
      ],
      [
        "quota offset for MONTH",
        (s: MutableSpec) => void (s.usagePlans[0]!.quota = { limit: 10, period: "MONTH", offset: 28 }),
        "usagePlans[0].quota.offset",
        28,
        "from 0 to 27",
      ],
    ] as const
  ).map(([name, change, path, value, message]): InvalidCase => ({ name: `throttle/quota: ${name}`, change, path, value, message })),
  // --- Lambda authorizers
  {
    name: "authorizer TTL above 3600",
    change: (s) => void (s.authorizers[0]!.resultTtlSeconds = 3601),
    path: "authorizers[0].resultTtlSeconds",
    value: 3601,
    message: 'authorizer "jwt-token": resultTtlSeconds must be an integer from 0 to 3600',
  },
  {
    name: "authorizer TTL negative",
    change: (s) => void (s.authorizers[1]!.resultTtlSeconds = -1),
    path: "authorizers[1].resultTtlSeconds",
    value: -1,
    message: "resultTtlSeconds",
  },
  {
    name: "empty identity sources",
    change: (s) => void (s.authorizers[1]!.identitySources = []),
    path: "authorizers[1].identitySources",
    value: [],
    message: 'authorizer "jwt-request": identitySources must not be empty',
  },
  {
    name: "malformed REQUEST identity source",
    change: (s) => void (s.authorizers[1]!.identitySources = ["method.request.header.Authorization", "header.X-Tenant"]),
    path: "authorizers[1].identitySources[1]",
    value: "header.X-Tenant",
    message: 'identity source "header.X-Tenant" must be method.request.header.X',
  },
  {
    name: "TOKEN authorizer with two identity sources",
    change: (s) => void (s.authorizers[0]!.identitySources = ["method.request.header.Authorization", "method.request.header.X-Id"]),
    path: "authorizers[0].identitySources",
    value: ["method.request.header.Authorization", "method.request.header.X-Id"],
    message: "a TOKEN authorizer takes exactly one identity source",
  },
  {
    name: "TOKEN authorizer reading a query string",
    change: (s) => void (s.authorizers[0]!.identitySources = ["method.request.querystring.token"]),
    path: "authorizers[0].identitySources[0]",
    value: "method.request.querystring.token",
    message: "TOKEN identity source",
  },
  // --- Cognito
  ...(
    [
      ["idTokenMinutes", 4],
      ["idTokenMinutes", 1441],
      ["accessTokenMinutes", 4],
      ["accessTokenMinutes", 30.5],
      ["refreshTokenMinutes", 59],
      ["refreshTokenMinutes", 3650 * 24 * 60 + 1],
    ] as const
  ).map(([field, value]): InvalidCase => ({
    name: `token validity: ${field} ${value}`,
    change: (s) => void (s.cognito.clients[0]!.tokenValidity[field] = value),
    path: `cognito.clients[0].tokenValidity.${field}`,
    value,
    message: `client "web": ${field} must be an integer from`,
  })),
  {
    name: "machine client without scopes",
    change: (s) => void (s.cognito.clients[1]!.scopes = []),
    path: "cognito.clients[1].scopes",
    value: [],
    message: 'client "partner-sync": a machine (client_credentials) client needs at least one scope',
  },
  {
    name: "machine client without a domain",
    change: (s) => void delete s.cognito.domainPrefix,
    path: "cognito.domainPrefix",
    value: undefined,
    message: 'client "partner-sync": a machine (client_credentials) client needs cognito.domainPrefix',
  },
  ...(
    [
      ["Petstore-Auth", "lowercase letters, digits and hyphens"],
      ["-petstore", "not starting or ending with a hyphen"],
      ["petstore-aws-auth", 'must not contain "aws"'],
      ["amazonpets", 'must not contain "amazon"'],
      ["my-cognito", 'must not contain "cognito"'],
    ] as const
  ).map(([prefix, message]): InvalidCase => ({
    name: `domain prefix ${prefix}`,
    change: (s) => void (s.cognito.domainPrefix = prefix),
    path: "cognito.domainPrefix",
    value: prefix,
    message,
  })),
  {
    name: "password minimum length 5",
    change: (s) => void (s.cognito.userPool.passwordPolicy.minimumLength = 5),
    path: "cognito.userPool.passwordPolicy.minimumLength",
    value: 5,
    message: 'user pool "petstore-dev-users": password minimumLength must be an integer from 6 to 99',
  },
  {
    name: "password minimum length 100",
    change: (s) => void (s.cognito.userPool.passwordPolicy.minimumLength = 100),
    path: "cognito.userPool.passwordPolicy.minimumLength",
    value: 100,
    message: "from 6 to 99",
  },
  {
    name: "negative group precedence",
    change: (s) => void (s.cognito.groups[1]!.precedence = -1),
    path: "cognito.groups[1].precedence",
    value: -1,
    message: 'group "staff": precedence must be an integer from 0',
  },
  {
    name: "advanced security ENFORCED without the PLUS plan",
    change: (s) => void (s.cognito.userPool.featurePlan = "ESSENTIALS"),
    path: "cognito.userPool.advancedSecurityMode",
    value: "ENFORCED",
    message: 'advancedSecurityMode ENFORCED needs featurePlan "PLUS" (got "ESSENTIALS")',
  },
  {
    name: "advanced security AUDIT on the LITE plan",
    change: (s) => {
      s.cognito.userPool.featurePlan = "LITE";
      s.cognito.userPool.advancedSecurityMode = "AUDIT";
    },
    path: "cognito.userPool.advancedSecurityMode",
    value: "AUDIT",
    message: 'needs featurePlan "PLUS"',
  },
  {
    name: "plain-http callback URL",
    change: (s) => void (userClient(s).callbackUrls = ["http://petstore.example.com/cb"]),
    path: "cognito.clients[0].callbackUrls[0]",
    value: "http://petstore.example.com/cb",
    message: "must be https (http only for localhost)",
  },
  // --- duplicate names
  {
    name: "duplicate group",
    change: (s) => void s.cognito.groups.push({ ...s.cognito.groups[0]! }),
    path: "cognito.groups[2].name",
    value: "admins",
    message: 'duplicate group "admins" (first at cognito.groups[0])',
  },
  {
    name: "duplicate client",
    change: (s) => void (s.cognito.clients[1]!.name = "web"),
    path: "cognito.clients[1].name",
    value: "web",
    message: 'duplicate client "web"',
  },
  {
    name: "duplicate authorizer",
    change: (s) => void s.authorizers.push({ ...s.authorizers[0]! }),
    path: "authorizers[2].name",
    value: "jwt-token",
    message: 'duplicate authorizer "jwt-token"',
  },
  {
    name: "duplicate usage plan",
    change: (s) => void s.usagePlans.push(structuredClone(s.usagePlans[0]!)),
    path: "usagePlans[1].name",
    value: "partners",
    message: 'duplicate usage plan "partners"',
  },
  {
    name: "duplicate resource server identifier",
    change: (s) => void s.cognito.resourceServers.push({ identifier: "petstore", name: "Other", scopes: {} }),
    path: "cognito.resourceServers[1].identifier",
    value: "petstore",
    message: 'duplicate resource server identifier "petstore"',
  },
  {
    name: "duplicate invoker role",
    change: (s) => void s.invokerRoles.push(structuredClone(s.invokerRoles[0]!)),
    path: "invokerRoles[1].name",
    value: "reporting",
    message: 'duplicate invoker role "reporting"',
  },
  {
    name: "duplicate API key in one plan",
    change: (s) => void s.usagePlans[0]!.keys.push("partner-acme"),
    path: "usagePlans[0].keys[2]",
    value: "partner-acme",
    message: 'duplicate API key "partner-acme"',
  },
  // --- invoker roles: a trust policy is never open
  {
    name: "invoker role trusting a wildcard ARN",
    change: (s) => void (s.invokerRoles[0]!.assumedBy = { roleArns: ["*"] }),
    path: "invokerRoles[0].assumedBy.roleArns[0]",
    value: "*",
    message: 'invoker role "reporting": "*" is not an IAM role ARN',
  },
  {
    name: "invoker role trusting no one",
    change: (s) => void (s.invokerRoles[0]!.assumedBy = {}),
    path: "invokerRoles[0].assumedBy",
    value: {},
    message: "assumedBy names no service or role ARN",
  },
  // --- stage, logs, identity
  {
    name: "stage name with a hyphen",
    change: (s) => void (s.stage.name = "v-1"),
    path: "stage.name",
    value: "v-1",
    message: 'stage "v-1": name must be letters, digits and underscores',
  },
  {
    name: "access log format without a request id",
    change: (s) => void (s.stage.accessLogFormat = "$context.status"),
    path: "stage.accessLogFormat",
    value: "$context.status",
    message: "must include $context.requestId",
  },
  {
    name: "stage log retention not a CloudWatch value",
    change: (s) => void (s.stage.logRetentionDays = 31),
    path: "stage.logRetentionDays",
    value: 31,
    message: "log retention must be one of CloudWatch's values",
  },
  {
    name: "WAF log retention 0 (never expire) is refused",
    change: (s) => void (s.waf.logRetentionDays = 0),
    path: "waf.logRetentionDays",
    value: 0,
    message: "waf: log retention",
  },
  {
    name: "Lambda log retention",
    change: (s) => void (s.lambdaLogRetentionDays = 2),
    path: "lambdaLogRetentionDays",
    value: 2,
    message: "lambdas: log retention",
  },
  {
    name: "spec name with capitals and a space",
    change: (s) => void (s.name = "Pet Store"),
    path: "name",
    value: "Pet Store",
    message: 'spec name "Pet Store" must be 1-32 lowercase letters',
  },
  {
    name: "environment with capitals",
    change: (s) => void (s.environment = "Dev"),
    path: "environment",
    value: "Dev",
    message: 'environment "Dev"',
  },
  {
    name: "region that is not a region",
    change: (s) => void (s.region = "europe"),
    path: "region",
    value: "europe",
    message: 'region "europe" is not an AWS region name',
  },
  {
    name: "WAF rate limit below 10",
    change: (s) => void (s.waf.rateLimitPerFiveMinutes = 5),
    path: "waf.rateLimitPerFiveMinutes",
    value: 5,
    message: "waf: rateLimitPerFiveMinutes must be an integer from 10",
  },
  // --- the remaining checks, each shown firing once
  {
    name: "S3 backend with an invalid bucket name",
    change: (s) => void (s.backend = { type: "s3", bucket: "My_Bucket", key: "petstore/dev.tfstate", region: "eu-west-1" }),
    path: "backend.bucket",
    value: "My_Bucket",
    message: 'backend: bucket "My_Bucket" is not a valid S3 bucket name',
  },
  {
    name: "tag key in the reserved aws: namespace",
    change: (s) => void (s.tags = { "aws:owner": "me" }),
    path: 'tags["aws:owner"]',
    value: "aws:owner",
    message: 'must be 1-128 characters and not start with "aws:"',
  },
  {
    name: "cors with no allowed origin",
    change: (s) => void (s.cors!.allowOrigins = []),
    path: "cors.allowOrigins",
    value: [],
    message: "cors: allowOrigins must not be empty",
  },
  {
    name: "stage CloudWatch role that is not a role ARN",
    change: (s) => void ((s.stage as { cloudWatchRoleArn?: string }).cloudWatchRoleArn = "apigw-logs"),
    path: "stage.cloudWatchRoleArn",
    value: "apigw-logs",
    message: "cloudWatchRoleArn must be an IAM role ARN",
  },
  {
    name: "CORS with two origins (a MOCK preflight can send only one)",
    change: (s) => void (s.cors!.allowOrigins = ["https://a.example.com", "https://b.example.com"]),
    path: "cors.allowOrigins",
    value: ["https://a.example.com", "https://b.example.com"],
    message: "cors: Access-Control-Allow-Origin takes exactly one origin",
  },
  {
    name: "scope name with a space",
    change: (s) => void (s.cognito.resourceServers[0]!.scopes = { ...s.cognito.resourceServers[0]!.scopes, "read all": "x" }),
    path: 'cognito.resourceServers[0].scopes["read all"]',
    value: "read all",
    message: 'resource server "petstore": scope name "read all"',
  },
  {
    name: "group permission statement without actions",
    change: (s) => void (s.cognito.groups[0]!.permissions = [{ effect: "Allow", actions: [], resources: ["*"] }]),
    path: "cognito.groups[0].permissions[0].actions",
    value: [],
    message: 'group "admins": a permission statement needs at least one action',
  },
  {
    name: "edge path prefix without a leading slash",
    base: petstoreProd,
    change: (s) => void (s.edge!.scopesByPathPrefix = { pets: ["petstore/read"] }),
    path: "edge.scopesByPathPrefix.pets",
    value: "pets",
    message: 'edge: path prefix "pets" must start with /',
  },
  {
    name: "unknown scope on an EDGE route",
    base: petstoreProd,
    change: (s) => void s.routes.push({ method: "GET", path: "/edge", integration: { type: "MOCK" }, auth: { type: "EDGE", scopes: ["petstore/admin"] } }),
    path: "routes[13].auth.scopes[0]",
    value: "petstore/admin",
    message: 'route "GET /edge": unknown scope "petstore/admin"',
  },
  {
    name: "temporary password valid for more than a year",
    change: (s) => void (s.cognito.userPool.passwordPolicy.temporaryPasswordValidityDays = 366),
    path: "cognito.userPool.passwordPolicy.temporaryPasswordValidityDays",
    value: 366,
    message: "temporaryPasswordValidityDays must be an integer from 0 to 365",
  },
  {
    name: "invoker role trusting something that is not a service principal",
    change: (s) => void (s.invokerRoles[0]!.assumedBy = { services: ["ecs-tasks"] }),
    path: "invokerRoles[0].assumedBy.services[0]",
    value: "ecs-tasks",
    message: 'invoker role "reporting": "ecs-tasks" is not a service principal',
  },
  // --- generated defaults
  {
    name: "one API key in two usage plans on the stage",
    change: (s) =>
      void s.usagePlans.push({
        name: "internal",
        throttle: { rateLimit: 5, burstLimit: 10 },
        quota: { limit: 100, period: "DAY" },
        keys: ["ops", "partner-globex"],
      }),
    path: "usagePlans[1].keys[1]",
    value: "partner-globex",
    message: 'usage plan "internal": API key "partner-globex" is already in usage plan "partners" on stage "dev"',
  },
  {
    name: "USER_PASSWORD_AUTH asked for without a reason",
    change: (s) => void (userClient(s).allowUserPasswordAuth = { reason: "legacy" }),
    path: "cognito.clients[0].allowUserPasswordAuth.reason",
    value: "legacy",
    message: 'client "web": allowUserPasswordAuth needs a written reason',
  },
  {
    name: "two AWS_IAM routes of one role whose exact grants exclude each other",
    change: (s) =>
      void s.routes.push({ method: "GET", path: "/reports/{reportId}/pdf", integration: { type: "MOCK" }, auth: { type: "AWS_IAM", roles: ["reporting"] } }),
    path: "routes[13].auth",
    value: "GET /reports/{reportId}/pdf",
    message:
      'route "GET /reports/{reportId}/pdf": role "reporting" is also granted "GET /reports/{reportId}", whose grant must deny the deeper paths "GET/reports/*/*"',
  },
  // --- handlers that decide access themselves (routes[9] is GET /admin, adminOnly)
  {
    name: "decidesAccess that cannot be a tag value",
    change: (s) => void (s.routes[9]!.integration = { type: "LAMBDA", function: "adminOnly", decidesAccess: "checks <admins> & more" }),
    path: "routes[9].integration.decidesAccess",
    value: "checks <admins> & more",
    message: 'route "GET /admin": decidesAccess must say what function "adminOnly" checks',
  },
  {
    name: "two routes of one handler that disagree on what it decides",
    change: (s) =>
      void s.routes.push({
        method: "GET",
        path: "/admin/users",
        integration: { type: "LAMBDA", function: "adminOnly", decidesAccess: "cognito:groups contains staff" },
        auth: { type: "COGNITO" },
      }),
    path: "routes[13].integration.decidesAccess",
    value: "cognito:groups contains staff",
    message: 'route "GET /admin/users": function "adminOnly" decides access for every route it serves; routes[9] says "cognito:groups contains admins"',
  },
];

describe("validateSpec", () => {
  test.each([
    ["petstoreDev", petstoreDev],
    ["petstoreProd", petstoreProd],
  ])("GIVEN the sample %s WHEN validated THEN there are no problems", (_name, spec) => {
    expect(validateSpec(spec, FILE)).toEqual([]);
  });

  test.each(cases.map((c) => [c.name, c] as const))("GIVEN the sample with %s WHEN validated THEN exactly that problem is reported", (_name, c) => {
    // GIVEN
    const spec = specWith(c.change, c.base);
    // WHEN
    const problems = validateSpec(spec, FILE);
    // THEN
    expect(problems).toEqual([{ file: FILE, path: c.path, value: c.value, message: expect.stringContaining(c.message) }]);
  });

  test("GIVEN a spec with several problems WHEN validated THEN all of them are reported together", () => {
    const spec = specWith((s) => {
      s.routes[2]!.auth = { type: "COGNITO", scopes: ["petstore/raed"] };
      s.routes[0]!.auth = { type: "NONE", reason: "" };
      s.routes.push({ method: "GET", path: "pets", integration: { type: "MOCK" }, auth: { type: "NONE", reason: "a route for this test" } });
      s.cognito.clients[1]!.tokenValidity.refreshTokenMinutes = 10;
      s.stage.name = "v-1";
    });
    const problems = validateSpec(spec, FILE);
    expect(problems.map((p) => p.path).sort()).toEqual(
      ["cognito.clients[1].tokenValidity.refreshTokenMinutes", "routes[0].auth.reason", "routes[13].path", "routes[2].auth.scopes[0]", "stage.name"].sort(),
    );
  });

  test("GIVEN a user client WHEN it asks for standard OIDC scopes THEN they are accepted", () => {
    const spec = specWith((s) => void (s.cognito.clients[0]!.scopes = ["openid", "email", "petstore/read"]));
    expect(validateSpec(spec, FILE)).toEqual([]);
  });

  test("GIVEN burst below rate, a WEEK offset of 6 and a localhost http callback THEN nothing is reported", () => {
    const spec = specWith((s) => {
      s.usagePlans[0]!.throttle = { rateLimit: 100, burstLimit: 10 };
      s.usagePlans[0]!.quota = { limit: 10, period: "WEEK", offset: 6 };
      userClient(s).callbackUrls = ["http://localhost:3000/cb"];
    });
    expect(validateSpec(spec, FILE)).toEqual([]);
  });

  test("GIVEN a key in one plan, a password-auth client with a reason, and a deeper AWS_IAM route of another principal THEN nothing is reported", () => {
    const spec = specWith((s) => {
      s.usagePlans.push({ name: "internal", throttle: { rateLimit: 5, burstLimit: 10 }, quota: { limit: 100, period: "DAY" }, keys: ["ops"] });
      userClient(s).allowUserPasswordAuth = { reason: "the user-migration trigger needs the password once" };
      s.routes.push({ method: "GET", path: "/reports/{reportId}/pdf", integration: { type: "MOCK" }, auth: { type: "AWS_IAM", groups: ["staff"] } });
    });
    expect(validateSpec(spec, FILE)).toEqual([]);
  });

  test("GIVEN sibling literal and variable segments (/pets/mine and /pets/{petId}) THEN they do not conflict", () => {
    const spec = specWith((s) => void s.routes.push({ method: "GET", path: "/pets/mine", integration: { type: "MOCK" }, auth: { type: "COGNITO" } }));
    expect(validateSpec(spec, FILE)).toEqual([]);
  });
});
