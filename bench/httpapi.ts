// HTTP API benchmark (issue 11): `check` (load + every rule) of a real `terraform show -json` plan of 1,000
// HTTP API routes, as a ratio to the time `terraform show -json` takes for that plan (target <= 0.10; the method
// of bench/check.ts: medians of 3, each check in a fresh process). Needs terraform and TF_PROVIDER_MIRROR.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePolicyDocument } from "../guard/policy/parse";
import type { PolicySet } from "../guard/policy/types";
import { type CheckSample, medianOfChildren, timeCheck } from "./private/measure";
import { planAndTimeShow, type ShowTiming } from "./private/terraform-show";

const RUNS = 3;
const N = 1000;
type Json = Record<string, unknown>;
const ref = (s: string) => "${" + s + "}";
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
    aws_cognito_user_pool: {
      pool: {
        name: "bench-users",
        deletion_protection: "ACTIVE",
        mfa_configuration: "ON",
        software_token_mfa_configuration: { enabled: true },
        user_pool_add_ons: { advanced_security_mode: "ENFORCED" },
        password_policy: { minimum_length: 14, require_lowercase: true, require_uppercase: true, require_numbers: true, require_symbols: true },
      },
    },
    aws_cognito_resource_server: {
      rs: {
        identifier: "bench",
        name: "bench",
        user_pool_id: ref("aws_cognito_user_pool.pool.id"),
        scope: [{ scope_name: "read", scope_description: "read" }],
      },
    },
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

type Sample = CheckSample;

function plan(dir: string): ShowTiming {
  return planAndTimeShow(dir, configResources(N), RUNS, "http-plan-1000.json");
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "bench-httpapi-"));
  const tf = plan(dir);
  let result: Record<string, unknown>;
  if ("skipped" in tf) {
    result = { skipped: tf.skipped };
    console.log("httpapi: skipped (%s)", tf.skipped);
  } else {
    const s = medianOfChildren<Sample>(__filename, ["--measure", tf.planFile], RUNS, "httpapi bench");
    result = {
      runs: RUNS,
      routes: s.routes,
      findings: s.findings,
      checkMs: Math.round(s.ms),
      terraformShowJsonMs: Math.round(tf.showMs),
      checkOverShow: Number((s.ms / tf.showMs).toFixed(3)),
      target: "checkOverShow <= 0.10",
    };
    console.log(
      "httpapi (median of %d): check of a real plan of %d HTTP API routes %d ms (%d findings); terraform show -json %d ms; ratio %s (target <= 0.10)",
      RUNS,
      s.routes,
      Math.round(s.ms),
      s.findings,
      Math.round(tf.showMs),
      result["checkOverShow"],
    );
  }
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(join(__dirname, "results", "httpapi.json"), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (require.main === module) {
  if (process.argv[2] === "--measure") process.stdout.write(`${JSON.stringify(timeCheck(process.argv[3], benchPolicy(N)))}\n`);
  else
    run().catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
