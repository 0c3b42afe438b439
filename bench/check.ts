// Check benchmark (issue 4): time and peak memory of `check` (load + every rule) on plan JSON of 1,000 and
// 10,000 methods with the real `terraform show -json` shape, next to the time `terraform show -json` takes for
// a real 1,000-method plan (when terraform and TF_PROVIDER_MIRROR are here). Targets: 10k <= 12x 1k (linear);
// 1k check <= 10% of terraform show -json. Each size runs in a fresh child process so peak RSS is its own.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchPool, benchRestStage, ref, type Json } from "./private/resources";
import { parsePolicyDocument } from "../guard/policy/parse";
import { type CheckSample, medianOfChildren, timeCheck } from "./private/measure";
import { planAndTimeShow, type ShowTiming } from "./private/terraform-show";
import type { PolicySet } from "../guard/policy/types";

const RUNS = 3;

const API = "aws_api_gateway_rest_api.api";
const GROUP = 10;

/** The resources of an API with `n` methods (two-level paths, Cognito scopes), as Terraform JSON config. */
function configResources(n: number): Record<string, Record<string, Json>> {
  const res: Record<string, Json> = {};
  const methods: Record<string, Json> = {};
  const integrations: Record<string, Json> = {};
  for (let g = 0; g < Math.ceil(n / GROUP); g++) {
    res[`g${g}`] = { rest_api_id: ref(`${API}.id`), parent_id: ref(`${API}.root_resource_id`), path_part: `g${g}` };
  }
  for (let i = 0; i < n; i++) {
    res[`r${i}`] = { rest_api_id: ref(`${API}.id`), parent_id: ref(`aws_api_gateway_resource.g${Math.floor(i / GROUP)}.id`), path_part: `r${i}` };
    methods[`m${i}`] = {
      rest_api_id: ref(`${API}.id`),
      resource_id: ref(`aws_api_gateway_resource.r${i}.id`),
      http_method: "GET",
      authorization: "COGNITO_USER_POOLS",
      authorizer_id: ref("aws_api_gateway_authorizer.cognito.id"),
      authorization_scopes: ["bench/read"],
    };
    integrations[`i${i}`] = {
      rest_api_id: ref(`${API}.id`),
      resource_id: ref(`aws_api_gateway_resource.r${i}.id`),
      http_method: ref(`aws_api_gateway_method.m${i}.http_method`),
      type: "MOCK",
    };
  }
  return {
    aws_api_gateway_rest_api: { api: { name: "bench-dev" } },
    ...benchPool(),
    aws_api_gateway_authorizer: {
      cognito: {
        name: "bench-dev-cognito",
        rest_api_id: ref(`${API}.id`),
        type: "COGNITO_USER_POOLS",
        identity_source: "method.request.header.Authorization",
        provider_arns: [ref("aws_cognito_user_pool.pool.arn")],
      },
    },
    aws_api_gateway_resource: res,
    aws_api_gateway_method: methods,
    aws_api_gateway_integration: integrations,
    aws_api_gateway_deployment: {
      d: {
        rest_api_id: ref(`${API}.id`),
        triggers: {
          redeployment: ref(
            `sha1(jsonencode([aws_api_gateway_authorizer.cognito, ${Object.keys(methods)
              .map((m) => `aws_api_gateway_method.${m}`)
              .join(", ")}]))`,
          ),
        },
        lifecycle: { create_before_destroy: true },
      },
    },
    ...benchRestStage(API, "bench-access"),
    aws_api_gateway_method_settings: {
      all: {
        rest_api_id: ref(`${API}.id`),
        stage_name: ref("aws_api_gateway_stage.s.stage_name"),
        method_path: "*/*",
        settings: { logging_level: "ERROR", metrics_enabled: true },
      },
    },
    aws_wafv2_web_acl_association: {
      s: { resource_arn: ref("aws_api_gateway_stage.s.arn"), web_acl_arn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/bench/0" },
    },
  };
}

/** Values Terraform knows at plan time: literals; every `${...}` is unknown until apply (all resources are new). */
function split(body: Json): { known: Json; unknown: Json; expressions: Json } {
  const known: Json = {};
  const unknown: Json = { id: true };
  const expressions: Json = {};
  const expr = (v: unknown): unknown => {
    if (typeof v === "string" && v.includes("${")) {
      const refs = [...v.matchAll(/[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(\.[a-z_]+)?/g)].map((m) => m[0]).filter((r) => r.startsWith("aws_"));
      return { constant_value: v, references: refs };
    }
    if (Array.isArray(v))
      return v.every((x) => typeof x !== "object") && !v.some((x) => typeof x === "string" && x.includes("${")) ? { constant_value: v } : v.map(expr);
    if (typeof v === "object" && v !== null) return [Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expr(x)]))];
    return { constant_value: v };
  };
  const isUnknown = (v: unknown): boolean =>
    typeof v === "string" ? v.includes("${") : typeof v === "object" && v !== null && JSON.stringify(v).includes("${");
  for (const [k, v] of Object.entries(body)) {
    if (k === "lifecycle") continue;
    expressions[k] = expr(v);
    if (k === "triggers" && typeof v === "object" && v !== null) {
      // A map attribute: known entries in values, unknown ones marked per key (no list wrapper).
      expressions[k] = { constant_value: v, references: [...JSON.stringify(v).matchAll(/aws_[a-z_]+\.[A-Za-z0-9_-]+/g)].map((m) => m[0]) };
      known[k] = Object.fromEntries(Object.entries(v).filter(([, x]) => !isUnknown(x)));
      unknown[k] = Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => isUnknown(x))
          .map(([f]) => [f, true]),
      );
    } else if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      // A nested block: Terraform knows its literal fields and marks the interpolated ones per field.
      const block = Object.fromEntries(Object.entries(v).filter(([, x]) => !isUnknown(x)));
      const mask = Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => isUnknown(x))
          .map(([f]) => [f, true]),
      );
      known[k] = [block];
      if (Object.keys(mask).length > 0) unknown[k] = [mask];
    } else if (isUnknown(v)) unknown[k] = true;
    else known[k] = v;
  }
  return { known, unknown, expressions };
}

/** A synthetic `terraform show -json` plan of `n` methods (planned_values, resource_changes, configuration). */
export function syntheticPlan(n: number): Json {
  const planned: Json[] = [];
  const changes: Json[] = [];
  const config: Json[] = [];
  for (const [type, byName] of Object.entries(configResources(n))) {
    for (const [name, body] of Object.entries(byName)) {
      const address = `${type}.${name}`;
      const { known, unknown, expressions } = split(body);
      planned.push({
        address,
        mode: "managed",
        type,
        name,
        provider_name: "registry.terraform.io/hashicorp/aws",
        schema_version: 0,
        values: known,
        sensitive_values: {},
      });
      changes.push({
        address,
        mode: "managed",
        type,
        name,
        provider_name: "registry.terraform.io/hashicorp/aws",
        change: { actions: ["create"], before: null, after: known, after_unknown: unknown, before_sensitive: false, after_sensitive: {} },
      });
      config.push({ address, mode: "managed", type, name, provider_config_key: "aws", expressions, schema_version: 0 });
    }
  }
  return {
    format_version: "1.2",
    terraform_version: "1.11.0",
    planned_values: { root_module: { resources: planned } },
    resource_changes: changes,
    configuration: { provider_config: { aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws" } }, root_module: { resources: config } },
    applyable: true,
    complete: true,
    errored: false,
  };
}

export function benchPolicy(n: number): PolicySet {
  const routes: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) routes[`GET /g${Math.floor(i / GROUP)}/r${i}`] = { type: "COGNITO", authorizer: "${api}-cognito", scopes: ["bench/read"] };
  const { policy, problems } = parsePolicyDocument({ api: "bench-*", routes }, "bench-policy");
  if (policy === undefined) throw new Error(JSON.stringify(problems.slice(0, 3)));
  return { policies: [policy] };
}

type Sample = CheckSample;

const measure = (file: string, n: number): Sample => medianOfChildren<Sample>(__filename, ["--measure", file, String(n)], RUNS, `check bench on ${file}`);

/** Plan a real 1,000-method configuration with terraform and time `terraform show -json`; undefined when not possible. */
function terraformShow(n: number, dir: string): ShowTiming {
  return planAndTimeShow(dir, configResources(n), RUNS, "real-plan-1000.json");
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "bench-check-"));
  const files: Record<number, string> = {};
  for (const n of [1000, 10000]) {
    files[n] = join(dir, `plan-${n}.json`);
    writeFileSync(files[n], JSON.stringify(syntheticPlan(n)));
  }
  const s1k = measure(files[1000], 1000);
  const s10k = measure(files[10000], 10000);
  const tf = terraformShow(1000, dir);
  const real = "planFile" in tf ? measure(tf.planFile, 1000) : undefined;
  const round = (s: Sample) => ({ ms: Math.round(s.ms), maxRssMb: Math.round(s.maxRssMb), routes: s.routes, findings: s.findings });
  const result = {
    runs: RUNS,
    synthetic1000: round(s1k),
    synthetic10000: round(s10k),
    scaling10kOver1k: Number((s10k.ms / s1k.ms).toFixed(2)),
    terraformShowJson1000Ms: "showMs" in tf ? Math.round(tf.showMs) : `skipped: ${tf.skipped}`,
    ...(real !== undefined ? { realPlan1000: round(real) } : {}),
    check1kOverShow: "showMs" in tf ? Number(((real ?? s1k).ms / tf.showMs).toFixed(3)) : null,
    targets: "scaling10kOver1k <= 12; check1kOverShow <= 0.10",
  };
  console.log("check (median of %d; load + every rule, JSON parse included; fresh process per size):", RUNS);
  console.log(
    "  1,000 methods (synthetic plan):  %d ms, peak %d MB, %d findings",
    result.synthetic1000.ms,
    result.synthetic1000.maxRssMb,
    result.synthetic1000.findings,
  );
  console.log(
    "  10,000 methods (synthetic plan): %d ms, peak %d MB, %d findings",
    result.synthetic10000.ms,
    result.synthetic10000.maxRssMb,
    result.synthetic10000.findings,
  );
  console.log("  10k / 1k: %sx (target <= 12x)", result.scaling10kOver1k);
  if ("showMs" in tf) {
    console.log("  terraform show -json, real 1,000-method plan: %d ms", Math.round(tf.showMs));
    if (real !== undefined)
      console.log("  check of that real plan: %d ms, peak %d MB, %d findings", Math.round(real.ms), Math.round(real.maxRssMb), real.findings);
    console.log("  check / show: %s (target <= 0.10)", result.check1kOverShow);
  } else console.log("  terraform show -json: %s", result.terraformShowJson1000Ms);
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(join(__dirname, "results", "check.json"), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (require.main === module) {
  if (process.argv[2] === "--measure") {
    process.stdout.write(`${JSON.stringify(timeCheck(process.argv[3] as string, benchPolicy(Number(process.argv[4]))))}\n`);
  } else {
    run().catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  }
}
