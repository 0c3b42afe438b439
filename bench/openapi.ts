// OpenAPI body benchmark: `check` (load + every rule) of a real `terraform show -json` plan of a REST
// API whose body declares 1,000 operations, as a ratio to the time `terraform show -json` takes for that plan
// (target <= 0.10; bench/check.ts's method: medians of 3, each check in a fresh process). The body must be known
// at plan time to be in the plan, so its ARNs are literals. Needs terraform and TF_PROVIDER_MIRROR.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePolicyDocument } from "../guard/policy/parse";
import type { PolicySet } from "../guard/policy/types";
import { benchRestStage, ref, type Json } from "./private/resources";
import { checkOverShow, timeCheck } from "./private/measure";
import { planAndTimeShow, type ShowTiming } from "./private/terraform-show";

const RUNS = 3;
const N = 1000;
const API = "aws_api_gateway_rest_api.api";
const POOL_ARN = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_bench";
const BACKEND = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:bench/invocations";

/** An OpenAPI 3 body of `n` operations: a global Cognito default, every 10th operation SigV4 instead. */
export function benchBody(n: number): Json {
  const paths: Record<string, Json> = {};
  for (let i = 0; i < n; i++) {
    const op: Json = { "x-amazon-apigateway-integration": { type: "aws_proxy", httpMethod: "POST", uri: BACKEND } };
    if (i % 10 === 9) op["security"] = [{ sigv4: [] }];
    paths[`/g${Math.floor(i / 10)}/r${i}`] = { get: op };
  }
  return {
    openapi: "3.0.1",
    info: { title: "bench-body", version: "1" },
    security: [{ cognito: ["bench/read"] }],
    paths,
    components: {
      securitySchemes: {
        cognito: {
          type: "apiKey",
          name: "Authorization",
          in: "header",
          "x-amazon-apigateway-authtype": "cognito_user_pools",
          "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: [POOL_ARN] },
        },
        sigv4: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" },
      },
    },
  };
}

function configResources(n: number): Record<string, Record<string, Json>> {
  return {
    aws_api_gateway_rest_api: { api: { name: "bench-body", body: JSON.stringify(benchBody(n)), put_rest_api_mode: "overwrite" } },
    aws_cognito_resource_server: {
      rs: { identifier: "bench", name: "bench", user_pool_id: "eu-west-1_bench", scope: [{ scope_name: "read", scope_description: "read" }] },
    },
    aws_api_gateway_deployment: {
      d: { rest_api_id: ref(`${API}.id`), triggers: { redeployment: ref(`sha1(${API}.body)`) }, lifecycle: { create_before_destroy: true } },
    },
    ...benchRestStage(API, "bench-body-access"),
  };
}

function benchPolicy(n: number): PolicySet {
  const routes: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    routes[`GET /g${Math.floor(i / 10)}/r${i}`] =
      i % 10 === 9 ? { type: "AWS_IAM", groups: [], roles: [] } : { type: "COGNITO", authorizer: "cognito", scopes: ["bench/read"] };
  }
  const { policy, problems } = parsePolicyDocument({ api: "bench-body", routes }, "bench-policy");
  if (policy === undefined) throw new Error(JSON.stringify(problems.slice(0, 3)));
  return { policies: [policy] };
}

function plan(dir: string): ShowTiming {
  return planAndTimeShow(dir, configResources(N), RUNS, "openapi-plan-1000.json");
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "bench-openapi-"));
  const tf = plan(dir);
  return checkOverShow("openapi", __filename, tf, RUNS, (n: number) => `a real plan whose body declares ${n} operations`, N);
}

if (require.main === module) {
  if (process.argv[2] === "--measure") process.stdout.write(`${JSON.stringify(timeCheck(process.argv[3], benchPolicy(N)))}\n`);
  else
    run().catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
