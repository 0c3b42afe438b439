// The built-in sample: a petstore API exercising every authorization type, in `dev` and `prod`.
// `prod` sits behind CloudFront with edge authentication and origin protection.
import { routeKey, type AccessSpec, type RouteSpec } from "../types";

const routes: readonly RouteSpec[] = [
  {
    method: "GET",
    path: "/health",
    integration: { type: "MOCK" },
    auth: { type: "NONE", reason: "Load balancer and uptime probes; returns no data." },
  },
  {
    method: "GET",
    path: "/",
    integration: { type: "MOCK" },
    auth: { type: "NONE", reason: "API index page with links only." },
  },
  {
    method: "GET",
    path: "/pets",
    integration: { type: "LAMBDA", function: "backend" },
    cors: true,
    auth: { type: "COGNITO", scopes: ["petstore/read"] },
  },
  {
    method: "POST",
    path: "/pets",
    integration: { type: "LAMBDA", function: "backend" },
    auth: { type: "COGNITO", scopes: ["petstore/write"] },
  },
  {
    method: "GET",
    path: "/pets/{petId}",
    integration: { type: "LAMBDA", function: "backend" },
    cors: true,
    auth: { type: "LAMBDA", authorizer: "jwt-token", scopes: ["petstore/read"] },
  },
  {
    method: "DELETE",
    path: "/pets/{petId}",
    integration: { type: "LAMBDA", function: "backend" },
    auth: { type: "LAMBDA", authorizer: "jwt-token", groups: ["admins"], tokenUse: "id", clients: ["web"] },
  },
  {
    method: "PUT",
    path: "/pets/{petId}/photo",
    integration: { type: "LAMBDA", function: "backend" },
    auth: { type: "LAMBDA", authorizer: "jwt-request", groups: ["admins", "staff"] },
  },
  {
    method: "GET",
    path: "/profile",
    integration: { type: "LAMBDA", function: "backend" },
    auth: { type: "COGNITO" },
  },
  {
    method: "GET",
    path: "/credentials",
    integration: { type: "LAMBDA", function: "groupRole" },
    auth: { type: "COGNITO" },
  },
  {
    method: "GET",
    path: "/admin",
    // The Cognito authorizer authenticates; the handler itself refuses callers outside `admins` (seed 003).
    integration: { type: "LAMBDA", function: "adminOnly", decidesAccess: "cognito:groups contains admins" },
    auth: { type: "COGNITO" },
  },
  {
    method: "GET",
    path: "/reports/{reportId}",
    integration: { type: "LAMBDA", function: "backend" },
    auth: { type: "AWS_IAM", groups: ["admins"], roles: ["reporting"] },
  },
  {
    method: "GET",
    path: "/catalog",
    integration: { type: "MOCK" },
    auth: { type: "API_KEY", usagePlan: "partners", reason: "Public catalog; the key meters partner traffic only." },
  },
  {
    method: "POST",
    path: "/orders",
    integration: { type: "LAMBDA", function: "backend" },
    auth: { type: "COGNITO", scopes: ["petstore/orders"], usagePlan: "partners" },
  },
];

/**
 * Prod serves the pets routes behind CloudFront with edge authentication: the verifier checks the token and its
 * scopes before the cache, and the methods are NONE at the gateway (the stage admits CloudFront only).
 */
const EDGE_IN_PROD: Readonly<Record<string, RouteSpec["auth"]>> = {
  "GET /pets": { type: "EDGE", scopes: ["petstore/read"] },
  "POST /pets": { type: "EDGE", scopes: ["petstore/write"] },
  "GET /pets/{petId}": { type: "EDGE", scopes: ["petstore/read"] },
};

const prodRoutes: readonly RouteSpec[] = routes.map((r) => {
  const auth = EDGE_IN_PROD[routeKey(r.method, r.path)];
  return auth === undefined ? r : { ...r, auth };
});

function petstore(environment: "dev" | "prod"): AccessSpec {
  const prod = environment === "prod";
  return {
    name: "petstore",
    environment,
    region: "eu-west-1",
    description: "Sample petstore API exercising every authorization type",
    cognito: {
      userPool: {
        name: `petstore-${environment}-users`,
        passwordPolicy: {
          minimumLength: 14,
          requireLowercase: true,
          requireUppercase: true,
          requireNumbers: true,
          requireSymbols: true,
          temporaryPasswordValidityDays: 3,
        },
        mfa: prod ? "ON" : "OPTIONAL",
        featurePlan: "PLUS",
        advancedSecurityMode: "ENFORCED",
        deletionProtection: true,
        adminCreateUserOnly: true,
        preventUserExistenceErrors: true,
      },
      domainPrefix: `petstore-${environment}-auth`,
      resourceServers: [
        {
          identifier: "petstore",
          name: "Petstore API",
          scopes: { read: "Read pets", write: "Create and change pets", orders: "Place orders" },
        },
      ],
      groups: [
        {
          name: "admins",
          description: "Store administrators",
          precedence: 1,
          permissions: [{ effect: "Allow", actions: ["s3:GetObject"], resources: [`arn:aws:s3:::petstore-${environment}-reports/*`] }],
          trustedBy: ["groupRoleLambda"],
        },
        {
          name: "staff",
          description: "Store staff",
          precedence: 10,
          trustedBy: ["groupRoleLambda"],
        },
      ],
      clients: [
        {
          kind: "user",
          name: "web",
          scopes: ["petstore/read", "petstore/write"],
          callbackUrls: ["https://petstore.example.com/callback"],
          logoutUrls: ["https://petstore.example.com/"],
          tokenValidity: { idTokenMinutes: 60, accessTokenMinutes: 60, refreshTokenMinutes: 60 * 24 * 30 },
        },
        {
          kind: "machine",
          name: "partner-sync",
          scopes: ["petstore/read", "petstore/orders"],
          tokenValidity: { idTokenMinutes: 60, accessTokenMinutes: 15, refreshTokenMinutes: 60 },
        },
      ],
    },
    authorizers: [
      {
        name: "jwt-token",
        type: "TOKEN",
        identitySources: ["method.request.header.Authorization"],
        resultTtlSeconds: 300,
      },
      {
        name: "jwt-request",
        type: "REQUEST",
        identitySources: ["method.request.header.Authorization"],
        resultTtlSeconds: 0,
      },
    ],
    invokerRoles: [{ name: "reporting", assumedBy: { services: ["ecs-tasks.amazonaws.com"] } }],
    routes: prod ? prodRoutes : routes,
    usagePlans: [
      {
        name: "partners",
        throttle: { rateLimit: 50, burstLimit: 100 },
        quota: { limit: 100000, period: "MONTH" },
        methodThrottles: { "GET /catalog": { rateLimit: 20, burstLimit: 40 } },
        keys: ["partner-acme", "partner-globex"],
      },
    ],
    // dev and prod live in separate AWS accounts, so each stack owns its account's API Gateway CloudWatch
    // role; environments sharing an account and region set `cloudWatchRoleArn` on all but one.
    stage: {
      name: environment === "prod" ? "v1" : "dev",
      loggingLevel: prod ? "ERROR" : "INFO",
      metricsEnabled: true,
      xrayTracing: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      logRetentionDays: prod ? 365 : 30,
    },
    cors: {
      allowOrigins: ["https://petstore.example.com"],
      allowHeaders: ["Authorization", "Content-Type", "X-Api-Key"],
      maxAgeSeconds: 600,
    },
    waf: { rateLimitPerFiveMinutes: 2000, logRetentionDays: prod ? 365 : 30 },
    edge: prod
      ? {
          scheme: "OAuth2-Cognito-Edge",
          scopesByPathPrefix: { "/pets": ["petstore/read"], "/orders": ["petstore/orders"] },
          rateLimitPerFiveMinutes: 5000,
          priceClass: "PriceClass_100",
        }
      : undefined,
    lambdaLogRetentionDays: prod ? 365 : 30,
    backend: { type: "local" },
    tags: { project: "petstore", environment },
  };
}

export const petstoreDev: AccessSpec = petstore("dev");
export const petstoreProd: AccessSpec = petstore("prod");

/** The module's specs for `access-specs.json` (one stack each). */
export const specs: readonly AccessSpec[] = [petstoreDev, petstoreProd];

/** Every built-in spec, keyed by stack name. */
export const sampleSpecs: Readonly<Record<string, AccessSpec>> = {
  "petstore-dev": petstoreDev,
  "petstore-prod": petstoreProd,
};
