// The doors graph on a live HTTP API (aws-sdk-client-mock): the account gives values, not references, so a route
// reaches its backend through the integration its `integrations/<id>` target names, and the backend's permission
// is the API's plumbing by its execution ARN. Console edits that open the backend each give a
// backend-doors-intended finding; the account as deployed and each edit's harmless twin give none.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { main } from "../../../cli/audit";
import { readAccount } from "../../../cli/private/audit/read";
import { deployedModel } from "../../../cli/private/audit/state";
import { doorsOf } from "../../../guard/access/doors";
import {
  ACCOUNT,
  HTTP_API_ID,
  REGION,
  REST_FN_ARN,
  compliantAccount,
  httpApi,
  installAccount,
  writePolicy,
  type FakeAccount,
  type FakeHttpApi,
  type Mocks,
} from "./fake-account";

type Finding = { rule: string; severity: string; address: string; message: string };

/** The REST API's policy beside the HTTP API's: its route and the doors of both backends, route by route. */
function writePolicies(): string {
  const dir = dirname(writePolicy());
  writeFileSync(
    join(dir, "orders.yaml"),
    [
      'api: "orders-http"',
      "routes:",
      '  "GET /orders": { type: JWT, authorizer: "${api}-jwt", scopes: [shop/read] }',
      "doors:",
      '  "orders-http-backend":',
      '    only: ["api:orders-http GET /orders", "execute-api:orders-http"]',
      '  "shop-dev-backend":',
      '    only: ["api:shop-dev *", "execute-api:shop-dev"]',
      "",
    ].join("\n"),
  );
  return dir;
}

let mocks: Mocks | undefined;
afterEach(() => mocks?.restore());

const withHttp = (edit: (h: FakeHttpApi) => void = () => undefined): FakeAccount => {
  const h = httpApi();
  edit(h);
  return { ...compliantAccount(), httpApi: h };
};

async function doorFindings(account: FakeAccount): Promise<Finding[]> {
  mocks = installAccount(account);
  let out = "";
  let err = "";
  const code = await main(
    ["--region", REGION, "--policy", writePolicies(), "--format", "json"],
    { out: (s) => (out += s), err: (s) => (err += s) },
    undefined,
    {},
  );
  expect({ code, err }).toEqual({ code: expect.any(Number), err: expect.not.stringContaining("usage") });
  return (JSON.parse(out) as { findings: Finding[] }).findings.filter((f) => f.rule === "backend-doors-intended");
}

describe("GIVEN an account serving an HTTP API beside the REST API", () => {
  test("WHEN it is as deployed THEN its route reaches the HTTP backend by value and no door is unintended", async () => {
    mocks = installAccount(withHttp());
    const model = deployedModel(await readAccount({ regions: [REGION] })).model;
    mocks.restore();
    const ids = doorsOf(model).flatMap((t) => t.doors.map((d) => `${t.target.label} ${d.id}`));
    expect(ids).toEqual(expect.arrayContaining(["orders-http-backend api:orders-http GET /orders", "orders-http-backend execute-api:orders-http"]));
    expect(ids.filter((i) => i.includes("lambda-permission"))).toEqual([]);
    expect(await doorFindings(withHttp())).toEqual([]);
  });

  test("WHEN a $default route with no authorizer is added by hand to the backend's integration THEN a critical door", async () => {
    const found = await doorFindings(
      withHttp((h) => h.routes.push({ RouteId: "hr9", RouteKey: "$default", AuthorizationType: "NONE", ApiKeyRequired: false, Target: "integrations/hi1" })),
    );
    expect(found).toEqual([
      expect.objectContaining({
        severity: "critical",
        message: expect.stringMatching(/backend `orders-http-backend`: door route orders-http \$default .*anyone on the internet/),
      }),
    ]);
  });

  test("WHEN a $default route is added with no target (twin) THEN it reaches no backend: no door", async () => {
    expect(
      await doorFindings(withHttp((h) => h.routes.push({ RouteId: "hr9", RouteKey: "$default", AuthorizationType: "NONE", ApiKeyRequired: false }))),
    ).toEqual([]);
  });

  test("WHEN the route's target is moved to a second integration running another function THEN that backend has an unintended door", async () => {
    const found = await doorFindings(
      withHttp((h) => {
        h.integrations.push({ IntegrationId: "hi2", IntegrationType: "AWS_PROXY", IntegrationUri: REST_FN_ARN, PayloadFormatVersion: "2.0" });
        h.routes = h.routes.map((r) => ({ ...r, Target: "integrations/hi2" }));
      }),
    );
    // The route, and the HTTP API's endpoint through which it now reaches the REST backend.
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining("backend `shop-dev-backend`: door route orders-http GET /orders"),
      expect.stringContaining("backend `shop-dev-backend`: door the default execute-api endpoint of orders-http"),
    ]);
  });

  test("WHEN the second integration is only added (twin) THEN no door", async () => {
    const twin = withHttp((h) =>
      h.integrations.push({ IntegrationId: "hi2", IntegrationType: "AWS_PROXY", IntegrationUri: REST_FN_ARN, PayloadFormatVersion: "2.0" }),
    );
    expect(await doorFindings(twin)).toEqual([]);
  });

  test("WHEN the route's target names no integration of the API THEN its door is not verified, never no door", async () => {
    const found = await doorFindings(withHttp((h) => (h.routes = h.routes.map((r) => ({ ...r, Target: "integrations/gone" })))));
    expect(found).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /the integration of orders-http GET \/orders.*not verified: which integration it reaches: target "integrations\/gone" names no integration of API http1/,
        ),
      }),
    ]);
  });

  test.each([
    ["another API's id", `arn:aws:execute-api:${REGION}:${ACCOUNT}:zzz9/*/*`],
    ["the API's id in another account", `arn:aws:execute-api:${REGION}:999999999999:${HTTP_API_ID}/*/*`],
  ])("WHEN the backend gets a permission for %s THEN it is a door the policy does not intend", async (_what, arn) => {
    const found = await doorFindings(withHttp((h) => h.permissionSourceArns.push(arn)));
    expect(found).toEqual([expect.objectContaining({ message: expect.stringContaining("orders-http-backend permission apigw1") })]);
  });

  test("WHEN the added permission names one route of the API (twin) THEN it is the API's plumbing", async () => {
    const twin = withHttp((h) => h.permissionSourceArns.push(`arn:aws:execute-api:${REGION}:${ACCOUNT}:${HTTP_API_ID}/$default/GET/orders`));
    expect(await doorFindings(twin)).toEqual([]);
  });

  test("WHEN a custom domain is mapped to the HTTP API in the console THEN it is a door of its backend, linked by the API's id", async () => {
    const found = await doorFindings({
      ...withHttp(),
      customDomain: { name: "orders.example.com", apiMappings: [{ ApiMappingId: "m1", ApiId: HTTP_API_ID, Stage: "$default", ApiMappingKey: "" }] },
    });
    expect(found).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/backend `orders-http-backend`: door custom domain orders\.example\.com \(aws_apigatewayv2_api_mapping\)/),
      }),
    ]);
    expect(found[0]?.message).not.toContain("not verified");
  });

  test("WHEN the custom domain has no mapping (twin) THEN no door", async () => {
    expect(await doorFindings({ ...withHttp(), customDomain: { name: "orders.example.com", apiMappings: [] } })).toEqual([]);
  });
});
