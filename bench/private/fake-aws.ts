// A loopback fake of the AWS endpoints the audit reads, with a fixed latency per request: `apis` REST APIs of
// `routesPerApi` methods each (two methods per resource, Cognito-protected, behind a handful of shared backend
// functions), one user pool, no HTTP API. API Gateway's REST JSON, Cognito's JSON 1.1, Lambda's REST JSON and
// STS's query XML, as the SDK v3 clients parse them. Listens on 127.0.0.1 only; counts what it served.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeAwsOptions {
  readonly apis: number;
  readonly routesPerApi: number;
  readonly latencyMs: number;
  /** Backend functions the integrations share. @default 5 */
  readonly functions?: number;
}

export interface FakeAws {
  readonly url: string;
  readonly requests: () => number;
  readonly close: () => Promise<void>;
}

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";

function restApi(i: number) {
  return { id: `api${i}`, name: `bench-${i}`, rootResourceId: `api${i}-root` };
}

function resources(i: number, routes: number, functions: number) {
  const items: Record<string, unknown>[] = [{ id: `api${i}-root`, path: "/", resourceMethods: {} }];
  for (let r = 0; r * 2 < routes; r++) {
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:bench-backend-${r % functions}`;
    const method = (verb: string) => ({
      httpMethod: verb,
      authorizationType: "COGNITO_USER_POOLS",
      authorizerId: `api${i}-auth`,
      authorizationScopes: ["bench/read"],
      apiKeyRequired: false,
      methodIntegration: { type: "AWS_PROXY", httpMethod: "POST", uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fn}/invocations` },
    });
    items.push({
      id: `api${i}-r${r}`,
      parentId: `api${i}-root`,
      pathPart: `r${r}`,
      path: `/r${r}`,
      resourceMethods: { GET: method("GET"), POST: method("POST") },
    });
  }
  return items;
}

const POOL = `${REGION}_Bench0001`;

/** The stage's OpenAPI 3 export with the API Gateway extensions: what the deployment serves (the same methods). */
function exportOf(i: number, routes: number) {
  const paths: Record<string, unknown> = {};
  const op = { security: [{ [`bench-${i}-cognito`]: ["bench/read"] }] };
  for (let r = 0; r * 2 < routes; r++) paths[`/r${r}`] = { get: op, post: op };
  return {
    openapi: "3.0.1",
    info: { title: `bench-${i}` },
    paths,
    components: {
      securitySchemes: {
        [`bench-${i}-cognito`]: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "cognito_user_pools" },
      },
    },
  };
}

function cognito(target: string): unknown {
  switch (target.split(".")[1]) {
    case "ListUserPools":
      return { UserPools: [{ Id: POOL, Name: "bench-users" }] };
    case "DescribeUserPool":
      return {
        UserPool: {
          Id: POOL,
          Name: "bench-users",
          Arn: `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${POOL}`,
          MfaConfiguration: "ON",
          DeletionProtection: "ACTIVE",
        },
      };
    case "GetUserPoolMfaConfig":
      return { MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: true } };
    case "ListUserPoolClients":
      return { UserPoolClients: [] };
    case "ListGroups":
      return { Groups: [] };
    case "ListResourceServers":
      return { ResourceServers: [{ UserPoolId: POOL, Identifier: "bench", Name: "bench", Scopes: [{ ScopeName: "read", ScopeDescription: "read" }] }] };
    default:
      return undefined;
  }
}

export async function startFakeAws(o: FakeAwsOptions): Promise<FakeAws> {
  const functions = o.functions ?? 5;
  let served = 0;
  const route = (method: string, path: string, target: string | undefined): { status: number; body: unknown; xml?: boolean } => {
    if (target?.startsWith("AWSWAF_20190729.") === true) {
      // No web ACL or rule group in the bench account: one listing each per scope.
      const op = target.split(".")[1];
      return op === "ListWebACLs"
        ? { status: 200, body: { WebACLs: [] } }
        : op === "ListRuleGroups"
          ? { status: 200, body: { RuleGroups: [] } }
          : { status: 400, body: { __type: "WAFInvalidParameterException", message: target } };
    }
    if (target !== undefined) {
      const body = cognito(target);
      return body === undefined ? { status: 400, body: { __type: "InvalidParameterException", message: target } } : { status: 200, body };
    }
    if (method === "POST" && path === "/") return { status: 200, xml: true, body: "" };
    const x = /^\/restapis\/api(\d+)\/stages\/prod\/exports\/oas30$/.exec(path);
    if (x !== null) return { status: 200, body: exportOf(Number(x[1]), o.routesPerApi) };
    const m = /^\/restapis\/api(\d+)\/(resources|authorizers|stages)$/.exec(path);
    if (path === "/restapis") return { status: 200, body: { item: Array.from({ length: o.apis }, (_, i) => restApi(i)) } };
    if (m !== null) {
      const i = Number(m[1]);
      if (m[2] === "resources") return { status: 200, body: { item: resources(i, o.routesPerApi, functions) } };
      if (m[2] === "authorizers") {
        return {
          status: 200,
          body: {
            item: [
              {
                id: `api${i}-auth`,
                name: `bench-${i}-cognito`,
                type: "COGNITO_USER_POOLS",
                identitySource: "method.request.header.Authorization",
                providerARNs: [`arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${POOL}`],
              },
            ],
          },
        };
      }
      return { status: 200, body: { item: [{ stageName: "prod", deploymentId: `api${i}-dep`, tracingEnabled: true }] } };
    }
    if (["/usageplans", "/apikeys", "/domainnames"].includes(path)) return { status: 200, body: { item: [] } };
    if (path === "/v2/apis") return { status: 200, body: { items: [] } };
    const fn = /^\/2015-03-31\/functions\/([^/]+)\/(configuration|policy)$/.exec(path);
    if (fn !== null) {
      const arn = decodeURIComponent(fn[1] ?? "");
      if (fn[2] === "policy") return { status: 404, body: { Type: "User", Message: "no policy" } };
      return {
        status: 200,
        body: {
          FunctionName: arn.split(":")[6],
          FunctionArn: arn,
          Runtime: "nodejs22.x",
          Handler: "index.handler",
          Role: `arn:aws:iam::${ACCOUNT}:role/bench`,
        },
      };
    }
    if (/^\/2021-10-31\/functions\/[^/]+\/urls$/.test(path)) return { status: 200, body: { FunctionUrlConfigs: [] } };
    if (/^\/2017-03-31\/tags\/[^/]+$/.test(path)) return { status: 200, body: { Tags: {} } };
    // CloudFront (REST-XML): no distribution in the bench account, one listing.
    if (path === "/2020-05-31/distribution") {
      return {
        status: 200,
        xml: true,
        body: `<?xml version="1.0" encoding="UTF-8"?><DistributionList xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>0</Quantity></DistributionList>`,
      };
    }
    return { status: 404, body: { message: `not served: ${method} ${path}` } };
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let form = "";
    req.on("data", (c: Buffer) => (form += c.toString("utf8")));
    req.on("end", () => {
      served++;
      const path = (req.url ?? "").split("?")[0] ?? "";
      const target = req.headers["x-amz-target"];
      const r = route(req.method ?? "GET", path, typeof target === "string" ? target : undefined);
      setTimeout(() => {
        // IAM and STS share the query protocol (POST /): the form's Action says which.
        if (r.xml === true && form.includes("Action=GetAccountAuthorizationDetails")) {
          res.writeHead(200, { "content-type": "text/xml" });
          res.end(
            `<GetAccountAuthorizationDetailsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountAuthorizationDetailsResult><IsTruncated>false</IsTruncated><UserDetailList/><GroupDetailList/><RoleDetailList/><Policies/></GetAccountAuthorizationDetailsResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetAccountAuthorizationDetailsResponse>`,
          );
          return;
        }
        if (r.xml === true && typeof r.body === "string" && r.body !== "") {
          res.writeHead(200, { "content-type": "text/xml" });
          res.end(r.body);
          return;
        }
        if (r.xml === true) {
          res.writeHead(200, { "content-type": "text/xml" });
          res.end(
            `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/bench</Arn><UserId>AIDBENCH</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
          );
          return;
        }
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (r.status === 404 && path.endsWith("/policy")) headers["x-amzn-errortype"] = "ResourceNotFoundException";
        res.writeHead(r.status, headers);
        res.end(JSON.stringify(r.body));
      }, o.latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests: () => served, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
