// The reader: pagination followed to the end (aws-sdk-client-mock), a failed read kept as "not read", the call
// record and the IAM policy it proves, and throttling retried by the SDK's own adaptive retry against a loopback
// API Gateway endpoint answering 429 first (real SDK, real HTTP, nothing leaves 127.0.0.1).
import { GetResourcesCommand, GetRestApisCommand } from "@aws-sdk/client-api-gateway";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { CloudFrontClient, GetDistributionConfigCommand, ListCachePoliciesCommand, type DistributionSummary } from "@aws-sdk/client-cloudfront";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { WAFV2Client } from "@aws-sdk/client-wafv2";
import { main } from "../../../cli/audit";
import { allPages } from "../../../cli/private/audit/calls";
import { actionOf, auditIamPolicy, isReadAction } from "../../../cli/private/audit/iam-policy";
import { readAccount } from "../../../cli/private/audit/read";
import { compliantAccount, edgeAccount, edgeDistribution, installAccount, REGION, type Mocks } from "./fake-account";

let mocks: Mocks | undefined;
afterEach(() => mocks?.restore());

describe("pagination", () => {
  test("GIVEN APIs and resources over several pages WHEN read THEN every page is read", async () => {
    const account = compliantAccount();
    mocks = installAccount(account);
    mocks.gw
      .on(GetRestApisCommand)
      .resolves({ items: [{ id: "api1", name: "shop-dev", rootResourceId: "root1" }], position: "p2" })
      .on(GetRestApisCommand, { position: "p2" })
      .resolves({ items: [{ id: "api2", name: "shop-two", rootResourceId: "root1" }] });
    mocks.gw
      .on(GetResourcesCommand)
      .resolves({ items: account.resources.slice(0, 2), position: "r2" })
      .on(GetResourcesCommand, { position: "r2" })
      .resolves({ items: account.resources.slice(2) });
    const snap = await readAccount({ regions: [REGION] });
    const rest = snap.regions[0]!.restApis;
    expect(rest.map((a) => a.api.name)).toEqual(["shop-dev", "shop-two"]);
    expect(rest[0]!.resources.map((r) => r.path)).toEqual(["/", "/health", "/pets", "/catalog"]);
    // One GetResources call per page and API, never one per method.
    expect(snap.calls.filter((c) => c.operation === "GetResources")).toHaveLength(4);
  });

  test("GIVEN a service that repeats its token WHEN listed THEN the listing fails rather than loops or truncates", async () => {
    await expect(allPages(async () => ({ items: [1], next: "same" }))).rejects.toThrow(/token repeated/);
  });
});

describe("least privilege", () => {
  test("GIVEN a full audit WHEN its calls are recorded THEN each is granted by the printed policy and none writes", async () => {
    // Behind CloudFront, with a custom cache policy: every edge read is made too.
    const account = edgeAccount();
    const d = edgeDistribution();
    d.DefaultCacheBehavior = {
      ...d.DefaultCacheBehavior!,
      CachePolicyId: "custom-auth",
      FunctionAssociations: { Quantity: 1, Items: [{ EventType: "viewer-request", FunctionARN: "arn:aws:cloudfront::111122223333:function/shop-rewrite" }] },
    };
    account.cloudfrontFunctions = { "shop-rewrite": "function handler(e) { return e.request; }" };
    // A second one listed without its configuration (as moto lists them): completed with GetDistributionConfig.
    const { Origins, DefaultCacheBehavior, CacheBehaviors, ...bare } = edgeDistribution();
    account.distributions = [d, { ...bare, Id: "E3BARE" } as DistributionSummary];
    mocks = installAccount(account);
    mocks.cf
      .on(GetDistributionConfigCommand, { Id: "E3BARE" })
      .resolves({ DistributionConfig: { CallerReference: "r", Comment: "bare", Enabled: true, Origins, DefaultCacheBehavior, CacheBehaviors } });
    mocks.cf.on(ListCachePoliciesCommand).resolves({
      CachePolicyList: {
        MaxItems: 100,
        Quantity: 1,
        Items: [
          {
            Type: "custom",
            CachePolicy: {
              Id: "custom-auth",
              LastModifiedTime: new Date(),
              CachePolicyConfig: {
                Name: "auth",
                MinTTL: 1,
                ParametersInCacheKeyAndForwardedToOrigin: {
                  EnableAcceptEncodingGzip: true,
                  HeadersConfig: { HeaderBehavior: "whitelist", Headers: { Quantity: 1, Items: ["Authorization"] } },
                  CookiesConfig: { CookieBehavior: "none" },
                  QueryStringsConfig: { QueryStringBehavior: "none" },
                },
              },
            },
          },
        ],
      },
    });
    const role = "arn:aws:iam::222233334444:role/api-audit";
    mocks.sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: "ASIA", SecretAccessKey: "s", SessionToken: "t", Expiration: new Date() } });
    const snap = await readAccount({ regions: [REGION, "us-east-1"], assumeRoleArns: [role] });
    expect(snap.calls.length).toBeGreaterThan(10);
    const bareRead = snap.regions.flatMap((r) => r.edge?.distributions ?? []).find((x) => x.Id === "E3BARE");
    expect(bareRead?.Origins?.Items?.[0]?.CustomHeaders?.Items?.[0]?.HeaderValue).toBe("(sensitive value redacted)");
    const ops = [...new Set(snap.calls.map((c) => `${c.service}:${c.operation}`))].sort();
    const ungranted = snap.calls.filter((c) => actionOf(c) === undefined);
    expect(ungranted).toEqual([]);
    let printed = "";
    expect(await main(["--print-iam-policy", "--assume-role-arn", role], { out: (s) => (printed += s), err: () => undefined })).toBe(0);
    const policy = JSON.parse(printed) as ReturnType<typeof auditIamPolicy>;
    const granted = policy.Statement.flatMap((s) => s.Action);
    for (const c of snap.calls) expect(granted).toContain(actionOf(c));
    expect(granted.filter((a) => !isReadAction(a))).toEqual([]);
    // At the transport: every command any SDK client sent (the mocks stand where the HTTP request would leave),
    // recorded by the client it went through, not by the reader's own record.
    const services = { gw: "apigateway", v2: "apigateway", idp: "cognito-idp", fn: "lambda", sts: "sts", waf: "wafv2", iam: "iam", cf: "cloudfront" } as const;
    const sent = Object.entries(services).flatMap(([mock, service]) =>
      mocks![mock as keyof typeof services].calls().map((c) => ({ service, operation: (c.args[0] as object).constructor.name.replace(/Command$/, "") })),
    );
    expect(sent.length).toBe(snap.calls.length);
    for (const c of sent) expect([`${c.service}:${c.operation}`, granted.includes(actionOf(c) ?? "(none)")]).toEqual([`${c.service}:${c.operation}`, true]);
    expect(ops).toEqual(
      expect.arrayContaining([
        "apigateway:GetResources",
        "cloudfront:GetDistributionConfig",
        "cloudfront:GetFunction",
        "cloudfront:ListCachePolicies",
        "cloudfront:ListDistributions",
        "cognito-idp:DescribeUserPoolClient",
        "iam:GetAccountAuthorizationDetails",
        "lambda:GetPolicy",
        "lambda:ListTags",
        "sts:AssumeRole",
        "sts:GetCallerIdentity",
        "wafv2:GetRuleGroup",
        "wafv2:GetWebACL",
        "wafv2:ListRuleGroups",
        "wafv2:ListWebACLs",
      ]),
    );
  });
});

describe("throttling, with the SDK's adaptive retry over real HTTP", () => {
  let server: Server;
  let url = "";
  const seen: { method: string; path: string; status: number }[] = [];
  let throttleLeft = 2;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        seen.push({ method: req.method ?? "", path, status });
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      req.resume();
      if (path === "/restapis" && throttleLeft > 0) {
        throttleLeft--;
        return reply(429, { message: "Too Many Requests" }, { "x-amzn-errortype": "TooManyRequestsException" });
      }
      if (path === "/restapis") return reply(200, { item: [{ id: "api1", name: "shop-dev", rootResourceId: "root1" }] });
      if (path === "/restapis/api1/resources")
        return reply(200, { item: [{ id: "root1", path: "/", resourceMethods: { GET: { httpMethod: "GET", authorizationType: "NONE" } } }] });
      if (path.startsWith("/restapis/") || ["/usageplans", "/apikeys", "/domainnames"].includes(path)) return reply(200, { item: [] });
      if (path === "/v2/apis") return reply(200, { items: [] });
      // Cognito, Lambda and STS are not served here: those reads fail and are recorded as not read.
      return reply(404, { message: "not served" });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("GIVEN GetRestApis throttled twice WHEN read THEN the SDK retries and the API is read", async () => {
    const config = {
      region: REGION,
      endpoint: url,
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-secret" },
      retryMode: "adaptive",
      maxAttempts: 4,
    } as const;
    const snap = await readAccount({
      regions: [REGION],
      clients: () => ({
        apigateway: new APIGatewayClient(config),
        apigatewayv2: new ApiGatewayV2Client(config),
        cognito: new CognitoIdentityProviderClient(config),
        lambda: new LambdaClient(config),
        sts: new STSClient(config),
        wafv2: new WAFV2Client(config),
        iam: new IAMClient(config),
        cloudfront: new CloudFrontClient(config),
      }),
    });
    expect(seen.filter((s) => s.path === "/restapis").map((s) => s.status)).toEqual([429, 429, 200]);
    expect(snap.regions[0]!.restApis.map((a) => a.api.name)).toEqual(["shop-dev"]);
    expect(snap.unread.filter((u) => u.service === "apigateway")).toEqual([]);
    // At the transport: every API Gateway request the audit sent was a GET.
    const gateway = seen.filter((s) => /^\/(restapis|usageplans|apikeys|domainnames|v2\/apis)/.test(s.path));
    expect(gateway.length).toBeGreaterThan(5);
    expect([...new Set(gateway.map((s) => s.method))]).toEqual(["GET"]);
  });
});
