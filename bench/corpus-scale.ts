// The check of a 200 MB plan built from real Terraform: a corpus plan (__tests__/corpus, CloudFront + WAF in front of
// an HTTP API with a Lambda authorizer) replicated as module calls `module.c<i>` (addresses renamed, configuration
// kept per copy) until the file reaches TARGET_MB; then the first-run check of it (load + every rule but
// method-matches-policy) against JSON.parse of the same file alone. No binary plan exists for a synthesized JSON
// document, so `terraform show -json` of it cannot be timed; JSON.parse is the floor any reader of it pays. Each
// measure runs in a fresh child process, so its peak RSS is its own. `CORPUS_SCALE_MB=20 npx tsx bench/corpus-scale.ts`.
// The base plan is a corpus project's fetched source (git-ignored, __tests__/corpus/README.md): absent, exit 2.
// Measured 2026-12-07 before the per-model indexes (loader, IAM access, doors, CloudFront lookups): 5 MB / 45 copies
// 11.5 s, 10 MB 35.5 s, 20 MB 277 s, 200 MB did not finish in 15 min; after: 5 MB 0.6 s, 50 MB 2.9 s, 100 MB 6.8 s,
// 200 MB 21 s (peak 2.3 GB), JSON.parse alone 1.9 s (bench/results/corpus-scale.json keeps both series). What is
// left above linear is the answers' own size: every copy writes the same role and function names.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rulesWithoutPolicy } from "../cli/private/no-policy";
import { runRules } from "../guard/engine";
import { loadModel } from "../guard/load";
import { RULES } from "../guard/rules";
import { medianOfChildren } from "./private/measure";

const TARGET_MB = Number(process.env.CORPUS_SCALE_MB ?? "200");
const RUNS = 1;
const BASE_NAME = "__tests__/corpus/.sources/sp-http-api-cloudfront-waf/plan.json";
const BASE = join(__dirname, "..", BASE_NAME);

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/** A planned-values module moved under `module.<key>`: every address (its own, its resources', its children's) prefixed. */
function movedModule(m: Obj, prefix: string): Obj {
  return {
    ...m,
    address: m.address === undefined ? prefix : `${prefix}.${String(m.address)}`,
    resources: asList(m.resources).map((r) => ({ ...r, address: `${prefix}.${String(r.address)}` })),
    child_modules: asList(m.child_modules).map((c) => movedModule(c, prefix)),
  };
}

/** The base plan with its root module replicated `copies` times as `module.c<i>`. */
export function replicatedPlan(base: Obj, copies: number): Obj {
  const root = asObj(asObj(base.planned_values).root_module);
  const config = asObj(asObj(base.configuration).root_module);
  const keys = Array.from({ length: copies }, (_, i) => `c${i}`);
  return {
    ...base,
    planned_values: { ...asObj(base.planned_values), root_module: { child_modules: keys.map((k) => movedModule(root, `module.${k}`)) } },
    resource_changes: keys.flatMap((k) =>
      asList(base.resource_changes).map((c) => ({
        ...c,
        address: `module.${k}.${String(c.address)}`,
        module_address: c.module_address === undefined ? `module.${k}` : `module.${k}.${String(c.module_address)}`,
      })),
    ),
    relevant_attributes: keys.flatMap((k) => asList(base.relevant_attributes).map((a) => ({ ...a, resource: `module.${k}.${String(a.resource)}` }))),
    output_changes: {},
    configuration: {
      ...asObj(base.configuration),
      root_module: { module_calls: Object.fromEntries(keys.map((k) => [k, { source: "./project", module: config }])) },
    },
  };
}

interface Sample {
  readonly ms: number;
  readonly maxRssMb: number;
  readonly routes?: number;
  readonly findings?: number;
}

function measure(mode: string, file: string): Sample {
  const t0 = process.hrtime.bigint();
  let extra = {};
  if (mode === "--parse") JSON.parse(readFileSync(file, "utf8"));
  else {
    const model = loadModel(file);
    const { findings } = runRules(model, { policies: [] }, rulesWithoutPolicy(RULES));
    extra = { routes: model.routes.length, findings: findings.length };
  }
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024, ...extra };
}

export async function run(): Promise<Record<string, unknown>> {
  // In `npm run bench` (bench/run.ts) a machine without the fetched corpus skips this one and keeps the others.
  if (!existsSync(BASE)) {
    console.log(`corpus-scale: skipped, ${BASE_NAME} is not on this machine (see __tests__/corpus/README.md)`);
    return { skipped: `${BASE_NAME} absent` };
  }
  const baseText = readFileSync(BASE, "utf8");
  const base = JSON.parse(baseText) as Obj;
  const copies = Math.ceil((TARGET_MB * 1024 * 1024) / Buffer.byteLength(baseText));
  const dir = mkdtempSync(join(tmpdir(), "corpus-scale-"));
  try {
    const file = join(dir, "plan.json");
    writeFileSync(file, JSON.stringify(replicatedPlan(base, copies)));
    const mb = statSync(file).size / 1024 / 1024;
    const parse = medianOfChildren<Sample>(__filename, ["--parse", file], RUNS, "JSON.parse");
    const check = medianOfChildren<Sample>(__filename, ["--check", file], RUNS, "check");
    const result = {
      base: BASE_NAME,
      copies,
      sizeMb: Number(mb.toFixed(1)),
      routes: check.routes,
      findings: check.findings,
      check: { ms: Math.round(check.ms), maxRssMb: Math.round(check.maxRssMb) },
      jsonParse: { ms: Math.round(parse.ms), maxRssMb: Math.round(parse.maxRssMb) },
      comparedWith: "JSON.parse alone (no binary plan exists for a synthesized plan JSON, so terraform show -json cannot be timed)",
    };
    console.log(
      "corpus-scale: %s MB (%d copies, %d routes, %d findings): check %d ms, peak %d MB; JSON.parse alone %d ms, peak %d MB",
      result.sizeMb,
      copies,
      check.routes,
      check.findings,
      result.check.ms,
      result.check.maxRssMb,
      result.jsonParse.ms,
      result.jsonParse.maxRssMb,
    );
    writeFileSync(join(__dirname, "results", "corpus-scale.json"), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [mode, file] = process.argv.slice(2);
  if ((mode === "--parse" || mode === "--check") && file !== undefined) console.log(JSON.stringify(measure(mode, file)));
  else if (!existsSync(BASE)) {
    console.error(`corpus-scale: ${BASE_NAME} is not on this machine (fetched code is never committed; see __tests__/corpus/README.md)`);
    process.exit(2);
  } else
    run().catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
