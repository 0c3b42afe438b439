// The adapter from SDK responses to the check's model: pure, no network, no mock.
import { deployedModel, regionDocument } from "../../../cli/private/audit/state";
import { policyText } from "../../../cli/private/audit/state-rest";
import type { AccountSnapshot, RegionSnapshot } from "../../../cli/private/audit/snapshot";

const region = (over: Partial<RegionSnapshot> = {}): RegionSnapshot => ({
  waf: [],
  region: "eu-west-1",
  restApis: [
    {
      api: { id: "a1", name: "shop", rootResourceId: "root", policy: '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}' },
      resources: [
        { id: "root", path: "/", resourceMethods: { GET: { httpMethod: "GET", authorizationType: "NONE" } } },
        { id: "r1", parentId: "root", pathPart: "pets", path: "/pets" },
        {
          id: "r2",
          parentId: "r1",
          pathPart: "{id}",
          path: "/pets/{id}",
          resourceMethods: { DELETE: { httpMethod: "DELETE", authorizationType: "CUSTOM", authorizerId: "z1" } },
        },
      ],
      authorizers: [
        {
          id: "z1",
          name: "jwt",
          type: "TOKEN",
          identitySource: "method.request.header.Authorization",
          authorizerUri: "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:authz/invocations",
        },
      ],
      stages: [{ stageName: "prod", deploymentId: "d1", webAclArn: "arn:aws:wafv2:eu-west-1:1:regional/webacl/x/1" }],
      served: [],
    },
  ],
  usagePlans: [],
  apiKeys: [],
  domains: [],
  httpApis: [],
  userPools: [],
  functions: [
    { config: { FunctionName: "authz", FunctionArn: "arn:aws:lambda:eu-west-1:1:function:authz", Runtime: "nodejs22.x" }, policy: "not json", urls: [] },
  ],
  ...over,
});

const snapshot = (r: RegionSnapshot): AccountSnapshot => ({ account: "1", accounts: [{ account: "1" }], regions: [r], unread: [], calls: [] });

describe("GIVEN a REST API as GetResources (embed=methods), GetAuthorizers and GetStages return it", () => {
  const { model } = deployedModel(snapshot(region()));

  test("THEN each method is a route with its path rebuilt through its parents, the root's included", () => {
    expect(model.routes.map((r) => [r.routeKey, r.authorization]).sort()).toEqual([
      ["DELETE /pets/{id}", "CUSTOM"],
      ["GET /", "NONE"],
    ]);
  });

  test("THEN a CUSTOM method's authorizer and its Lambda function resolve by id and invoke ARN", () => {
    const del = model.routes.find((r) => r.routeKey === "DELETE /pets/{id}");
    expect(del?.authorizer?.name).toBe("jwt");
    expect(del?.authorizer?.lambdaFunctionAddress).toBe('aws_lambda_function.live["1 eu-west-1 function authz"]');
    expect(model.unresolved).toEqual([]);
  });

  test("THEN the stage's web ACL is an association on that stage", () => {
    expect(model.stages.map((s) => [s.name, s.wafAssociations.length])).toEqual([["prod", 1]]);
  });

  test("THEN a resource policy that is not JSON is a problem said aloud, not an empty policy", () => {
    expect(regionDocument("1", region()).problems).toEqual(["eu-west-1 function authz: its resource policy is not JSON"]);
  });
});

test("API Gateway's escaped resource policy is unescaped as the provider does", () => {
  expect(JSON.parse(policyText('{\\"Version\\":\\"2012-10-17\\"}') ?? "")).toEqual({ Version: "2012-10-17" });
  expect(policyText(undefined)).toBeNull();
});

test("GIVEN a key value or a client secret in what was read THEN the state document never holds them", () => {
  const r = region({
    apiKeys: [{ id: "k1", name: "partner", enabled: true, value: "KEY-VALUE-MARKER" }],
    userPools: [
      {
        pool: { Id: "eu-west-1_x", Name: "users", Arn: "arn:aws:cognito-idp:eu-west-1:1:userpool/eu-west-1_x" },
        clients: [{ ClientId: "c1", ClientName: "web", ClientSecret: "CLIENT-SECRET-MARKER" }],
        groups: [],
        resourceServers: [],
        totpEnabled: false,
      },
    ],
  });
  const text = JSON.stringify(regionDocument("1", r).document);
  expect(text).toContain('"name":"partner"');
  expect(text).toContain('"name":"web"');
  expect(text).not.toContain("KEY-VALUE-MARKER");
  expect(text).not.toContain("CLIENT-SECRET-MARKER");
  // Whether it has one is kept (rule app-client-password-auth weighs it).
  expect(text).toContain('"generate_secret":true');
});
