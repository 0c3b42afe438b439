// A small account as the SDK returns it, served through aws-sdk-client-mock (no network): one REST API with a
// Cognito-protected route, an open health route and an API-key route, its stage behind a web ACL with logs and
// tracing, a usage plan and key, a user pool with a code-flow client and a resource server, and the backend
// function with its resource policy. Secrets are planted (an API key value, a client secret) so tests can prove
// they reach no output. Mutators make the console drifts the audit must see.
import {
  APIGatewayClient,
  GetApiKeysCommand,
  GetAuthorizersCommand,
  GetBasePathMappingsCommand,
  GetDomainNamesCommand,
  GetExportCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  type Integration,
  type Resource,
} from "@aws-sdk/client-api-gateway";
import {
  ApiGatewayV2Client,
  GetApiMappingsCommand,
  GetApisCommand,
  type ApiMapping,
  GetAuthorizersCommand as GetHttpAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand as GetHttpStagesCommand,
  type Integration as HttpIntegration,
  type Route as HttpRoute,
} from "@aws-sdk/client-apigatewayv2";
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  ListGroupsCommand,
  ListResourceServersCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  type UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  type FunctionConfiguration,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  LambdaClient,
  ListFunctionUrlConfigsCommand,
  ListTagsCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-lambda";
import {
  CloudFrontClient,
  GetFunctionCommand,
  ListCachePoliciesCommand,
  ListDistributionsCommand,
  NoSuchFunctionExists,
  type CacheBehavior,
  type CachePolicy,
  type DistributionSummary,
} from "@aws-sdk/client-cloudfront";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { GetAccountAuthorizationDetailsCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetRuleGroupCommand, GetWebACLCommand, ListRuleGroupsCommand, ListWebACLsCommand, WAFV2Client, type Rule as WafRule } from "@aws-sdk/client-wafv2";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mockClient } from "aws-sdk-client-mock";

export const ACCOUNT = "111122223333";
export const REGION = "eu-west-1";
export const API_KEY_VALUE_MARKER = "PLANTED-API-KEY-VALUE-7f3a9c";
export const CLIENT_SECRET_MARKER = "PLANTED-CLIENT-SECRET-4b8e1d";
/** A web ACL byte-match search string (the kind an origin-verify rule holds). */
export const WAF_SEARCH_STRING_MARKER = "PLANTED-WAF-SEARCH-STRING-91c2e0";
const POOL_ID = `${REGION}_AbCdEf123`;
const POOL_ARN = `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${POOL_ID}`;
const FN_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:shop-dev-backend`;
const URI = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${FN_ARN}/invocations`;
const WEB_ACL = `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/shop-dev/1111`;
const EDGE_ACL = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/shop-edge/2222`;
const RULE_GROUP = `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/rulegroup/shop-deny/3333`;
const VISIBILITY = { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: "m" };
/** The HTTP API's backend (FakeAccount.httpApi). */
const HTTP_FN_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-http-backend`;
/** The REST API's backend. */
export const REST_FN_ARN = FN_ARN;
/** The HTTP API's id (FakeAccount.httpApi). */
export const HTTP_API_ID = "http1";
/** The origin-verify secret CloudFront sends to the API (an origin custom header's value). */
export const ORIGIN_SECRET_MARKER = "PLANTED-ORIGIN-VERIFY-SECRET-5d7e2b";
const EDGE_FN_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:shop-edge-verifier:3`;
const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

/**
 * The stage's regional web ACL when the API sits behind CloudFront: the baseline, then ALLOW only what carries the
 * origin-verify header (default BLOCK): what edge-origin-protected wants.
 */
function originVerifyRules(): WafRule[] {
  return [
    ...baselineRules(),
    {
      Name: "allow-cloudfront",
      Priority: 10,
      Statement: {
        ByteMatchStatement: {
          FieldToMatch: { SingleHeader: { Name: "x-origin-verify" } },
          PositionalConstraint: "EXACTLY",
          SearchString: new TextEncoder().encode(ORIGIN_SECRET_MARKER),
          TextTransformations: [{ Priority: 0, Type: "NONE" }],
        },
      },
      Action: { Allow: {} },
      VisibilityConfig: VISIBILITY,
    },
  ];
}

const edgeBehavior = (fn: string | undefined): Omit<CacheBehavior, "PathPattern"> => ({
  TargetOriginId: "api",
  ViewerProtocolPolicy: "https-only",
  CachePolicyId: CACHING_DISABLED,
  LambdaFunctionAssociations:
    fn === undefined ? { Quantity: 0, Items: [] } : { Quantity: 1, Items: [{ EventType: "viewer-request", LambdaFunctionARN: fn, IncludeBody: false }] },
});

/**
 * The distribution in front of the REST API (CloudFront is global, read in us-east-1): its origin is the API's
 * execute-api host with the origin-verify header, every behavior runs the edge verifier on viewer-request, HTTPS
 * only, TLS 1.2, the CLOUDFRONT-scope web ACL attached.
 */
export function edgeDistribution(): DistributionSummary {
  return {
    Id: "E2SHOPDEV",
    ARN: `arn:aws:cloudfront::${ACCOUNT}:distribution/E2SHOPDEV`,
    Status: "Deployed",
    LastModifiedTime: new Date("2026-12-01T00:00:00Z"),
    DomainName: "d111.cloudfront.net",
    Aliases: { Quantity: 1, Items: ["shop.example.com"] },
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: "api",
          DomainName: `api1.execute-api.${REGION}.amazonaws.com`,
          OriginPath: "/dev",
          CustomHeaders: { Quantity: 1, Items: [{ HeaderName: "X-Origin-Verify", HeaderValue: ORIGIN_SECRET_MARKER }] },
          CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: "https-only", OriginSslProtocols: { Quantity: 1, Items: ["TLSv1.2"] } },
        },
      ],
    },
    DefaultCacheBehavior: edgeBehavior(EDGE_FN_ARN) as CacheBehavior,
    CacheBehaviors: { Quantity: 1, Items: [{ PathPattern: "/pets*", ...edgeBehavior(EDGE_FN_ARN) }] },
    CustomErrorResponses: { Quantity: 0 },
    Comment: "shop-dev edge",
    PriceClass: "PriceClass_100",
    Enabled: true,
    ViewerCertificate: {
      ACMCertificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/1`,
      SSLSupportMethod: "sni-only",
      MinimumProtocolVersion: "TLSv1.2_2021",
    },
    Restrictions: { GeoRestriction: { RestrictionType: "none", Quantity: 0 } },
    WebACLId: EDGE_ACL,
    HttpVersion: "http2",
    IsIPV6Enabled: true,
    Staging: false,
  };
}

/** `edgeBehavior` without the verifier, for the drift of an association removed in the console. */
export const behaviorWithoutEdge = (path: string): CacheBehavior => ({ PathPattern: path, ...edgeBehavior(undefined) });

/** The AWS managed baseline, a blocking rate limit and a blocking header match: what waf-managed-rules wants. */
export function baselineRules(): WafRule[] {
  const managed = (Name: string, Priority: number): WafRule => ({
    Name,
    Priority,
    Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name } },
    OverrideAction: { None: {} },
    VisibilityConfig: VISIBILITY,
  });
  return [
    managed("AWSManagedRulesKnownBadInputsRuleSet", 0),
    managed("AWSManagedRulesCommonRuleSet", 1),
    {
      Name: "rate",
      Priority: 2,
      Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: "IP" } },
      Action: { Block: {} },
      VisibilityConfig: VISIBILITY,
    },
    {
      Name: "deny-debug",
      Priority: 3,
      Statement: {
        ByteMatchStatement: {
          FieldToMatch: { SingleHeader: { Name: "x-debug-token" } },
          PositionalConstraint: "EXACTLY",
          SearchString: new TextEncoder().encode(WAF_SEARCH_STRING_MARKER),
          TextTransformations: [{ Priority: 0, Type: "NONE" }],
        },
      },
      Action: { Block: {} },
      VisibilityConfig: VISIBILITY,
    },
  ];
}

export interface FakeAccount {
  /** Resources of the REST API, methods embedded; change them to drift the account. */
  resources: Resource[];
  clients: UserPoolClientType[];
  stageWebAcl: string | undefined;
  /**
   * What the stage's deployment serves (its export is built from these). @default - the working copy itself, as if
   * every change had been redeployed
   */
  served?: Resource[];
  /** Auth types of the backend's function URLs (none when reviewed). */
  functionUrlAuth: ("NONE" | "AWS_IAM")[];
  /** The rules of the stage's regional web ACL (and of the CLOUDFRONT-scope one in us-east-1). */
  webAclRules: WafRule[];
  /** What the reporting role's inline policy lets it invoke (execute-api:Invoke). */
  reportingInvoke: string;
  /** The stage's regional web ACL's default action. @default "allow" */
  regionalDefault?: "allow" | "block";
  /** The rules of the CLOUDFRONT-scope web ACL. @default - webAclRules */
  edgeAclRules?: WafRule[];
  /** CloudFront distributions (read in us-east-1). @default - none */
  distributions?: DistributionSummary[];
  /** The backend's tags. @default - none */
  backendTags?: Record<string, string>;
  /** The REST API's name. @default "shop-dev" */
  apiName?: string;
  /** The source ARN of the backend's permission for API Gateway. @default - under the API's execution ARN */
  apiGatewaySourceArn?: string;
  /** An HTTP API "orders-http" (id http1) beside the REST API, with its own backend. @default - none */
  httpApi?: FakeHttpApi;
  /** A custom domain with the API mappings API Gateway v2 lists for it (no base path mappings). @default - none */
  customDomain?: { name: string; apiMappings: ApiMapping[] };
  /** More Lambda@Edge versions, served by their qualified FunctionArn. @default - only shop-edge-verifier:3 */
  edgeFunctions?: FunctionConfiguration[];
  /** CloudFront Functions' LIVE code by name (GetFunction). @default - none */
  cloudfrontFunctions?: Record<string, string>;
  /** The custom cache policies (ListCachePolicies). @default - none */
  cachePolicies?: CachePolicy[];
}

export interface FakeHttpApi {
  routes: HttpRoute[];
  integrations: HttpIntegration[];
  /** The source ARNs of the HTTP backend's permissions for API Gateway, one statement each. */
  permissionSourceArns: string[];
}

/**
 * The HTTP API as deployed: GET /orders behind a JWT authorizer on the account's pool, its integration the HTTP
 * backend by its function ARN, the backend's permission under the API's execution ARN.
 */
export function httpApi(): FakeHttpApi {
  return {
    routes: [
      {
        RouteId: "hr1",
        RouteKey: "GET /orders",
        AuthorizationType: "JWT",
        AuthorizerId: "ha1",
        AuthorizationScopes: ["shop/read"],
        ApiKeyRequired: false,
        Target: "integrations/hi1",
      },
    ],
    integrations: [{ IntegrationId: "hi1", IntegrationType: "AWS_PROXY", IntegrationUri: HTTP_FN_ARN, PayloadFormatVersion: "2.0" }],
    permissionSourceArns: [`arn:aws:execute-api:${REGION}:${ACCOUNT}:${HTTP_API_ID}/*/*`],
  };
}

/** The compliant account behind CloudFront: the distribution in front, the stage admitting only its secret header. */
export function edgeAccount(): FakeAccount {
  return {
    ...compliantAccount(),
    distributions: [edgeDistribution()],
    webAclRules: originVerifyRules(),
    edgeAclRules: baselineRules(),
    regionalDefault: "block",
  };
}

export function compliantAccount(): FakeAccount {
  const integration: Integration = { type: "AWS_PROXY", httpMethod: "POST", uri: URI };
  return {
    resources: [
      { id: "root1", path: "/", resourceMethods: {} },
      {
        id: "res-health",
        parentId: "root1",
        pathPart: "health",
        path: "/health",
        resourceMethods: { GET: { httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: false, methodIntegration: integration } },
      },
      {
        id: "res-pets",
        parentId: "root1",
        pathPart: "pets",
        path: "/pets",
        resourceMethods: {
          GET: {
            httpMethod: "GET",
            authorizationType: "COGNITO_USER_POOLS",
            authorizerId: "auth1",
            authorizationScopes: ["shop/read"],
            apiKeyRequired: false,
            methodIntegration: integration,
          },
        },
      },
      {
        id: "res-catalog",
        parentId: "root1",
        pathPart: "catalog",
        path: "/catalog",
        resourceMethods: { GET: { httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: true, methodIntegration: integration } },
      },
    ],
    clients: [
      {
        ClientId: "client1",
        ClientName: "web",
        UserPoolId: POOL_ID,
        ClientSecret: CLIENT_SECRET_MARKER,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ["openid", "shop/read"],
        CallbackURLs: ["https://shop.example.com/callback"],
        ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
        AccessTokenValidity: 60,
        IdTokenValidity: 60,
        RefreshTokenValidity: 30,
        TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days" },
      },
    ],
    stageWebAcl: WEB_ACL,
    functionUrlAuth: [],
    webAclRules: baselineRules(),
    reportingInvoke: `arn:aws:execute-api:${REGION}:${ACCOUNT}:api1/dev/GET/catalog`,
  };
}

/** The policy the fake account is deployed to: every route as intended. */
export function writePolicy(): string {
  const dir = mkdtempSync(join(tmpdir(), "audit-policy-"));
  const file = join(dir, "shop.yaml");
  writeFileSync(
    file,
    [
      'api: "shop-*"',
      "routes:",
      '  "GET /health":',
      "    type: NONE",
      "    reason: Uptime probes.",
      '  "GET /pets":',
      "    type: COGNITO",
      '    authorizer: "${api}-cognito"',
      "    scopes: [shop/read]",
      '  "GET /catalog":',
      "    type: API_KEY",
      "    reason: Partner catalog, metered by key.",
      "",
    ].join("\n"),
  );
  return file;
}

/** The stage's OpenAPI 3 export with the API Gateway extensions, as API Gateway writes it for these resources. */
function exportOf(resources: readonly Resource[]): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of resources) {
    for (const [verb, m] of Object.entries(r.resourceMethods ?? {})) {
      const requirement: Record<string, string[]> = {};
      if (m.authorizationType === "COGNITO_USER_POOLS") requirement["shop-dev-cognito"] = m.authorizationScopes ?? [];
      if (m.authorizationType === "AWS_IAM") requirement["sigv4"] = [];
      if (m.apiKeyRequired === true) requirement["api_key"] = [];
      (paths[r.path ?? ""] ??= {})[verb.toLowerCase()] = {
        ...(Object.keys(requirement).length > 0 ? { security: [requirement] } : {}),
        "x-amazon-apigateway-integration": { type: "aws_proxy", httpMethod: "POST", uri: URI },
      };
    }
  }
  return {
    openapi: "3.0.1",
    info: { title: "shop-dev", version: "2026-12-01" },
    paths,
    components: {
      securitySchemes: {
        "shop-dev-cognito": {
          type: "apiKey",
          name: "Authorization",
          in: "header",
          "x-amazon-apigateway-authtype": "cognito_user_pools",
          "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: [POOL_ARN] },
        },
        api_key: { type: "apiKey", name: "x-api-key", in: "header" },
        sigv4: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" },
      },
    },
  };
}

/** The REST backend's resource policy: API Gateway may invoke it from `sourceArn`. */
export function backendPolicy(sourceArn: string): { Policy: string } {
  return {
    Policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "apigw",
          Effect: "Allow",
          Principal: { Service: "apigateway.amazonaws.com" },
          Action: "lambda:InvokeFunction",
          Resource: FN_ARN,
          Condition: { ArnLike: { "AWS:SourceArn": sourceArn } },
        },
      ],
    }),
  };
}

export type Mocks = ReturnType<typeof installAccount>;

/** Serves `account` through mocked SDK clients (every instance of each client class). */
export function installAccount(account: FakeAccount) {
  const gw = mockClient(APIGatewayClient);
  const v2 = mockClient(ApiGatewayV2Client);
  const idp = mockClient(CognitoIdentityProviderClient);
  const fn = mockClient(LambdaClient);
  const sts = mockClient(STSClient);
  const waf = mockClient(WAFV2Client);
  const iam = mockClient(IAMClient);
  const doc = (d: unknown) => encodeURIComponent(JSON.stringify(d));
  const basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  iam.on(GetAccountAuthorizationDetailsCommand).callsFake(() => ({
    IsTruncated: false,
    RoleDetailList: [
      {
        RoleName: "shop-backend",
        Arn: `arn:aws:iam::${ACCOUNT}:role/shop-backend`,
        Path: "/",
        AssumeRolePolicyDocument: doc({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
        RolePolicyList: [],
        AttachedManagedPolicies: [{ PolicyName: "AWSLambdaBasicExecutionRole", PolicyArn: basic }],
      },
      {
        RoleName: "shop-reporting",
        Arn: `arn:aws:iam::${ACCOUNT}:role/shop-reporting`,
        Path: "/",
        AssumeRolePolicyDocument: doc({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/shop-backend` }, Action: "sts:AssumeRole" }],
        }),
        RolePolicyList: [
          {
            PolicyName: "invoke",
            PolicyDocument: doc({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: account.reportingInvoke }] }),
          },
        ],
        AttachedManagedPolicies: [],
      },
    ],
    UserDetailList: [],
    GroupDetailList: [],
    Policies: [
      {
        PolicyName: "AWSLambdaBasicExecutionRole",
        Arn: basic,
        DefaultVersionId: "v1",
        AttachmentCount: 1,
        PolicyVersionList: [
          {
            VersionId: "v1",
            IsDefaultVersion: true,
            Document: doc({
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" }],
            }),
          },
        ],
      },
      { PolicyName: "Unattached", Arn: `arn:aws:iam::${ACCOUNT}:policy/unattached`, AttachmentCount: 0, DefaultVersionId: "v1", PolicyVersionList: [] },
    ],
  }));
  waf.on(ListWebACLsCommand).callsFake((input: { Scope?: string }) => ({
    WebACLs: input.Scope === "CLOUDFRONT" ? [{ Name: "shop-edge", Id: "2222", ARN: EDGE_ACL }] : [{ Name: "shop-dev", Id: "1111", ARN: WEB_ACL }],
  }));
  waf.on(GetWebACLCommand).callsFake((input: { Scope?: string }) => ({
    WebACL: {
      ...(input.Scope === "CLOUDFRONT" ? { Name: "shop-edge", Id: "2222", ARN: EDGE_ACL } : { Name: "shop-dev", Id: "1111", ARN: WEB_ACL }),
      DefaultAction: input.Scope !== "CLOUDFRONT" && account.regionalDefault === "block" ? { Block: {} } : { Allow: {} },
      Rules: input.Scope === "CLOUDFRONT" ? (account.edgeAclRules ?? account.webAclRules) : account.webAclRules,
      VisibilityConfig: VISIBILITY,
    },
    LockToken: "lock",
  }));
  waf.on(ListRuleGroupsCommand).callsFake((input: { Scope?: string }) => ({
    RuleGroups: input.Scope === "CLOUDFRONT" ? [] : [{ Name: "shop-deny", Id: "3333", ARN: RULE_GROUP }],
  }));
  waf.on(GetRuleGroupCommand).resolves({
    RuleGroup: { Name: "shop-deny", Id: "3333", ARN: RULE_GROUP, Capacity: 10, Rules: [], VisibilityConfig: VISIBILITY },
    LockToken: "lock",
  });
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
  gw.on(GetRestApisCommand).resolves({ items: [{ id: "api1", name: account.apiName ?? "shop-dev", rootResourceId: "root1" }] });
  gw.on(GetResourcesCommand).callsFake(() => ({ items: account.resources }));
  gw.on(GetAuthorizersCommand).resolves({
    items: [
      { id: "auth1", name: "shop-dev-cognito", type: "COGNITO_USER_POOLS", identitySource: "method.request.header.Authorization", providerARNs: [POOL_ARN] },
    ],
  });
  gw.on(GetStagesCommand).callsFake(() => ({
    item: [
      {
        stageName: "dev",
        deploymentId: "dep1",
        tracingEnabled: true,
        webAclArn: account.stageWebAcl,
        accessLogSettings: { destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:shop-dev-access`, format: "$context.requestId" },
        methodSettings: { "*/*": { loggingLevel: "INFO", metricsEnabled: true, dataTraceEnabled: false } },
      },
    ],
  }));
  gw.on(GetExportCommand).callsFake(() => ({ body: new TextEncoder().encode(JSON.stringify(exportOf(account.served ?? account.resources))) }));
  gw.on(GetUsagePlansCommand).resolves({
    items: [
      {
        id: "plan1",
        name: "partners",
        apiStages: [{ apiId: "api1", stage: "dev" }],
        throttle: { burstLimit: 10, rateLimit: 5 },
        quota: { limit: 1000, period: "DAY" },
      },
    ],
  });
  gw.on(GetUsagePlanKeysCommand).resolves({ items: [{ id: "key1", name: "partner-a", type: "API_KEY", value: API_KEY_VALUE_MARKER }] });
  gw.on(GetApiKeysCommand).resolves({ items: [{ id: "key1", name: "partner-a", enabled: true, value: API_KEY_VALUE_MARKER }] });
  const domain = account.customDomain;
  gw.on(GetDomainNamesCommand).resolves({
    items: domain === undefined ? [] : [{ domainName: domain.name, regionalDomainName: `d-1.execute-api.${REGION}.amazonaws.com`, securityPolicy: "TLS_1_2" }],
  });
  v2.on(GetApiMappingsCommand).callsFake(() => ({ Items: domain?.apiMappings ?? [] }));
  gw.on(GetBasePathMappingsCommand).resolves({ items: [] });
  const http = account.httpApi;
  v2.on(GetApisCommand).resolves({
    Items:
      http === undefined
        ? []
        : [
            {
              ApiId: HTTP_API_ID,
              Name: "orders-http",
              ProtocolType: "HTTP",
              ApiEndpoint: `https://${HTTP_API_ID}.execute-api.${REGION}.amazonaws.com`,
              RouteSelectionExpression: "$request.method $request.path",
            },
          ],
  });
  v2.on(GetRoutesCommand).callsFake(() => ({ Items: http?.routes ?? [] }));
  v2.on(GetIntegrationsCommand).callsFake(() => ({ Items: http?.integrations ?? [] }));
  v2.on(GetHttpAuthorizersCommand).resolves({
    Items: [
      {
        AuthorizerId: "ha1",
        Name: "orders-http-jwt",
        AuthorizerType: "JWT",
        IdentitySource: ["$request.header.Authorization"],
        JwtConfiguration: { Audience: ["client1"], Issuer: `https://cognito-idp.${REGION}.amazonaws.com/${POOL_ID}` },
      },
    ],
  });
  v2.on(GetHttpStagesCommand).resolves({ Items: [{ StageName: "$default", AutoDeploy: true, DeploymentId: "hd1" }] });
  idp.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: POOL_ID, Name: "shop-dev-users" }] });
  idp.on(DescribeUserPoolCommand).resolves({
    UserPool: {
      Id: POOL_ID,
      Name: "shop-dev-users",
      Arn: POOL_ARN,
      MfaConfiguration: "ON",
      DeletionProtection: "ACTIVE",
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 1,
        },
      },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolTier: "PLUS",
    },
  });
  idp.on(GetUserPoolMfaConfigCommand).resolves({ MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: true } });
  idp
    .on(ListUserPoolClientsCommand)
    .callsFake(() => ({ UserPoolClients: account.clients.map((c) => ({ ClientId: c.ClientId, ClientName: c.ClientName, UserPoolId: POOL_ID })) }));
  idp
    .on(DescribeUserPoolClientCommand)
    .callsFake((input: { ClientId?: string }) => ({ UserPoolClient: account.clients.find((c) => c.ClientId === input.ClientId) }));
  idp.on(ListGroupsCommand).resolves({ Groups: [] });
  idp.on(ListResourceServersCommand).resolves({
    ResourceServers: [{ UserPoolId: POOL_ID, Identifier: "shop", Name: "shop", Scopes: [{ ScopeName: "read", ScopeDescription: "read" }] }],
  });
  fn.on(GetFunctionConfigurationCommand).callsFake(
    (input: { FunctionName?: string }) =>
      account.edgeFunctions?.find((f) => f.FunctionArn === input.FunctionName) ??
      (input.FunctionName === HTTP_FN_ARN
        ? {
            FunctionName: "orders-http-backend",
            FunctionArn: HTTP_FN_ARN,
            Runtime: "nodejs22.x",
            Handler: "index.handler",
            Role: `arn:aws:iam::${ACCOUNT}:role/shop-backend`,
          }
        : input.FunctionName === EDGE_FN_ARN
          ? {
              FunctionName: "shop-edge-verifier",
              FunctionArn: EDGE_FN_ARN,
              Version: "3",
              Runtime: "nodejs22.x",
              Handler: "index.handler",
              Role: `arn:aws:iam::${ACCOUNT}:role/shop-edge`,
              CodeSha256: "edge-code-hash",
            }
          : {
              FunctionName: "shop-dev-backend",
              FunctionArn: FN_ARN,
              Runtime: "nodejs22.x",
              Handler: "index.handler",
              Role: `arn:aws:iam::${ACCOUNT}:role/shop-backend`,
            }),
  );
  fn.on(ListTagsCommand).callsFake((input: { Resource?: string }) => ({ Tags: input.Resource === FN_ARN ? (account.backendTags ?? {}) : {} }));
  // Edge versions have no resource policy; the backend's is below.
  fn.on(GetPolicyCommand).rejects(new ResourceNotFoundException({ message: "no policy", $metadata: {} }));
  fn.on(GetPolicyCommand, { FunctionName: EDGE_FN_ARN }).rejects(new ResourceNotFoundException({ message: "no policy", $metadata: {} }));
  fn.on(GetPolicyCommand, { FunctionName: FN_ARN }).resolves(
    backendPolicy(account.apiGatewaySourceArn ?? `arn:aws:execute-api:${REGION}:${ACCOUNT}:api1/*/*/*`),
  );
  fn.on(GetPolicyCommand, { FunctionName: HTTP_FN_ARN }).callsFake(() => ({
    Policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: (http?.permissionSourceArns ?? []).map((arn, i) => ({
        Sid: `apigw${i}`,
        Effect: "Allow",
        Principal: { Service: "apigateway.amazonaws.com" },
        Action: "lambda:InvokeFunction",
        Resource: HTTP_FN_ARN,
        Condition: { ArnLike: { "AWS:SourceArn": arn } },
      })),
    }),
  }));
  fn.on(ListFunctionUrlConfigsCommand).callsFake((input: { FunctionName?: string }) => ({
    FunctionUrlConfigs: (input.FunctionName === HTTP_FN_ARN ? [] : account.functionUrlAuth).map((AuthType, i) => ({
      FunctionArn: FN_ARN,
      FunctionUrl: `https://url${i}.lambda-url.${REGION}.on.aws/`,
      AuthType,
    })),
  }));
  const cf = mockClient(CloudFrontClient);
  cf.on(ListDistributionsCommand).callsFake(() => {
    const items = account.distributions ?? [];
    return { DistributionList: { Marker: "", MaxItems: 100, IsTruncated: false, Quantity: items.length, Items: items } };
  });
  cf.on(GetFunctionCommand).callsFake((input: { Name?: string; Stage?: string }) => {
    const code = account.cloudfrontFunctions?.[input.Name ?? ""];
    if (code === undefined || input.Stage !== "LIVE") throw new NoSuchFunctionExists({ message: `no function ${input.Name ?? ""}`, $metadata: {} });
    return { FunctionCode: new TextEncoder().encode(code), ETag: "E1", ContentType: "application/octet-stream" };
  });
  cf.on(ListCachePoliciesCommand).callsFake(() => {
    const items = (account.cachePolicies ?? []).map((CachePolicy) => ({ Type: "custom" as const, CachePolicy }));
    return { CachePolicyList: { MaxItems: 100, Quantity: items.length, Items: items } };
  });
  return { gw, v2, idp, fn, sts, waf, iam, cf, restore: () => [gw, v2, idp, fn, sts, waf, iam, cf].forEach((m) => m.restore()) };
}
