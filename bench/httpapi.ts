// HTTP API benchmark: `check` (load + every rule) of a real `terraform show -json` plan of 1,000
// HTTP API routes, as a ratio to the time `terraform show -json` takes for that plan (target <= 0.10; the method
// of bench/check.ts: medians of 3, each check in a fresh process). Needs terraform and TF_PROVIDER_MIRROR.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePolicyDocument } from "../guard/policy/parse";
import type { PolicySet } from "../guard/policy/types";
import { benchPool, ref, type Json } from "./private/resources";
import { checkOverShow, timeCheck } from "./private/measure";
import { planAndTimeShow, type ShowTiming } from "./private/terraform-show";

const RUNS = 3;
const N = 1000;
const API = "aws_apigatewayv2_api.api";

/** An HTTP API with `n` JWT routes (Cognito issuer and client, one scope), as Terraform JSON config. */
function configResources(n: number): Record<string, Record<string, Json>> {
  const routes: Record<string, Json> = {};
  for (let i = 0; i < n; i++) {
    routes[`r${i}`] = {
      api_id: ref(`${API}.id`),
      route_key: `GET /g${Math.floor(i / 10)}/r${i}`,
      target: `integrations/${ref("aws_apigatewayv2_integration.backend.id")}`,
      authorization_type: "JWT",
      authorizer_id: ref("aws_apigatewayv2_authorizer.jwt.id"),
      authorization_scopes: ["bench/read"],
    };
  }
  return {
    aws_apigatewayv2_api: { api: { name: "bench-http", protocol_type: "HTTP", disable_execute_api_endpoint: true } },
    ...benchPool(),
    aws_cognito_user_pool_client: { web: { name: "bench-web", user_pool_id: ref("aws_cognito_user_pool.pool.id") } },
    aws_apigatewayv2_authorizer: {
      jwt: {
        api_id: ref(`${API}.id`),
        authorizer_type: "JWT",
        name: "bench-http-jwt",
        identity_sources: ["$request.header.Authorization"],
        jwt_configuration: {
          issuer: `https://cognito-idp.eu-west-1.amazonaws.com/${ref("aws_cognito_user_pool.pool.id")}`,
          audience: [ref("aws_cognito_user_pool_client.web.id")],
        },
      },
    },
    aws_apigatewayv2_integration: {
      backend: { api_id: ref(`${API}.id`), integration_type: "HTTP_PROXY", integration_method: "ANY", integration_uri: "https://backend.example.com" },
    },
    aws_apigatewayv2_route: routes,
    aws_cloudwatch_log_group: { access: { name: "bench-http-access" } },
    aws_apigatewayv2_stage: {
      s: {
        api_id: ref(`${API}.id`),
        name: "prod",
        auto_deploy: true,
        access_log_settings: { destination_arn: ref("aws_cloudwatch_log_group.access.arn"), format: "$context.requestId" },
      },
    },
  };
}

function benchPolicy(n: number): PolicySet {
  const routes: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) routes[`GET /g${Math.floor(i / 10)}/r${i}`] = { type: "COGNITO", authorizer: "${api}-jwt", scopes: ["bench/read"] };
  const { policy, problems } = parsePolicyDocument({ api: "bench-http", routes }, "bench-policy");
  if (policy === undefined) throw new Error(JSON.stringify(problems.slice(0, 3)));
  return { policies: [policy] };
}

function plan(dir: string): ShowTiming {
  return planAndTimeShow(dir, configResources(N), RUNS, "http-plan-1000.json");
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "bench-httpapi-"));
  const tf = plan(dir);
  return checkOverShow("httpapi", __filename, tf, RUNS, (n: number) => `a real plan of ${n} HTTP API routes`);
}

if (require.main === module) {
  if (process.argv[2] === "--measure") process.stdout.write(`${JSON.stringify(timeCheck(process.argv[3], benchPolicy(N)))}\n`);
  else
    run().catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
