// Audit benchmark: SDK calls per route of a live audit of 50 REST APIs x 100 routes (target <= 0.05:
// no per-method calls; one export per stage for what it serves), and its wall time against a loopback fake of the AWS endpoints answering each request after
// a realistic latency (bench/private/fake-aws.ts), through the real SDK clients with their adaptive retry. The
// audit runs whole (read, adapter, every rule, the JSON report); the median of RUNS is reported.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { CloudFrontClient } from "@aws-sdk/client-cloudfront";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { STSClient } from "@aws-sdk/client-sts";
import { WAFV2Client } from "@aws-sdk/client-wafv2";
import { runAudit } from "../cli/private/audit/run";
import { startFakeAws } from "./private/fake-aws";

const RUNS = 3;
const APIS = 50;
const ROUTES_PER_API = 100;
const LATENCY_MS = 30;
const CONCURRENCY = 8;

interface Sample {
  readonly ms: number;
  readonly calls: number;
  readonly requests: number;
  readonly routes: number;
}

async function once(): Promise<Sample> {
  const fake = await startFakeAws({ apis: APIS, routesPerApi: ROUTES_PER_API, latencyMs: LATENCY_MS });
  try {
    const config = {
      region: "eu-west-1",
      endpoint: fake.url,
      credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" },
      retryMode: "adaptive",
      maxAttempts: 8,
    } as const;
    const clients = () => ({
      apigateway: new APIGatewayClient(config),
      apigatewayv2: new ApiGatewayV2Client(config),
      cognito: new CognitoIdentityProviderClient(config),
      lambda: new LambdaClient(config),
      sts: new STSClient(config),
      wafv2: new WAFV2Client(config),
      iam: new IAMClient(config),
      cloudfront: new CloudFrontClient(config),
    });
    const start = performance.now();
    const run = await runAudit({ regions: ["eu-west-1"], policies: [], failOn: "low", asOf: "2026-12-01", concurrency: CONCURRENCY }, clients, new Date());
    run.render("json");
    const ms = performance.now() - start;
    const unread = run.snapshot.unread.filter((u) => u.region !== "all");
    if (unread.length > 0) throw new Error(`the fake did not serve: ${unread.map((u) => `${u.what}: ${u.reason}`).join("; ")}`);
    const routes = run.report.audit.matrix.length;
    if (routes !== APIS * ROUTES_PER_API) throw new Error(`read ${routes} routes, expected ${APIS * ROUTES_PER_API}`);
    const served = run.report.findings.filter((f) => f.rule === "stage-serves-working-copy");
    if (served.length > 0) throw new Error(`the fake's stages should serve their working copy: ${served[0]?.message}`);
    return { ms, calls: run.snapshot.calls.length, requests: fake.requests(), routes };
  } finally {
    await fake.close();
  }
}

export async function run(): Promise<unknown> {
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await once());
  samples.sort((a, b) => a.ms - b.ms);
  const median = samples[Math.floor(RUNS / 2)] as Sample;
  const result = {
    runs: RUNS,
    apis: APIS,
    routesPerApi: ROUTES_PER_API,
    routes: median.routes,
    latencyMs: LATENCY_MS,
    concurrency: CONCURRENCY,
    sdkCalls: median.calls,
    httpRequests: median.requests,
    callsPerRoute: Number((median.calls / median.routes).toFixed(4)),
    target: 0.05,
    wallMs: Math.round(median.ms),
  };
  console.log(
    `audit: ${result.routes} routes in ${APIS} APIs: ${result.sdkCalls} SDK calls (${result.callsPerRoute} per route, target <= ${result.target}), ` +
      `${result.wallMs} ms against a loopback fake answering after ${LATENCY_MS} ms (concurrency ${CONCURRENCY})`,
  );
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(join(__dirname, "results", "audit.json"), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
