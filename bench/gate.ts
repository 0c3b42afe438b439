// Gate benchmark: the gate's whole work on a 1,000-route API as the pull-request workflow and
// scripts/ci/gate.sh run it, through the real commands (npm run synth / plan / check / review), against the head's
// offline plan alone; and `npm run plan --jobs 2` against `--jobs 1` on four stacks. Median of RUNS each.
//   head: synth, offline plan, check        base: synth, review of base against head
// The workflow runs the head's jobs and the gate on separate runners, so the wall time a pull request waits is the
// critical path: max(head synth, base synth) + max(plan + check, review). Both that and the one-machine sum are
// reported. Needs terraform and TF_PROVIDER_MIRROR; otherwise says why not.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generatedSpec } from "./private/generated-spec";
import { median } from "./private/terraform-show";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROUTES = 1000;
const root = resolve(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/**
 * One command, timed; throws with its output when it fails (exit 1 of check/review is an answer, not a failure).
 * `cwd`: where it runs (the check's first run, without a policy, runs where there is no ./policies).
 */
function timed(args: readonly string[], env: NodeJS.ProcessEnv, okCodes: readonly number[] = [0], cwd = root): number {
  const t0 = process.hrtime.bigint();
  const [command, commandArgs] =
    cwd === root ? [npm, ["run", "--silent", ...args]] : [join(root, "node_modules", ".bin", "tsx"), [join(root, "cli", `${args[0]}.ts`), ...args.slice(2)]];
  const r = spawnSync(command, commandArgs, { cwd, env, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!okCodes.includes(r.status ?? -1)) throw new Error(`${args.join(" ")} exited ${r.status}:\n${r.stderr}\n${r.stdout}`.slice(0, 4000));
  return ms;
}

interface GateSample {
  readonly ms: number;
  readonly headSynth: number;
  readonly plan: number;
  readonly check: number;
  readonly baseSynth: number;
  readonly review: number;
  readonly criticalPath: number;
}

function gateOnce(dir: string, baseSpec: string, headSpec: string, env: NodeJS.ProcessEnv): GateSample {
  const head = join(dir, "head", "cdktf.out");
  const base = join(dir, "base", "cdktf.out");
  rmSync(join(dir, "head"), { recursive: true, force: true });
  rmSync(join(dir, "base"), { recursive: true, force: true });
  const headSynth = timed(["synth"], { ...env, ACCESS_SPEC: headSpec, CDKTF_OUTDIR: head });
  const plan = timed(["plan", "--", "--offline", "--no-synth"], { ...env, CDKTF_OUTDIR: head });
  // A pull request's first run: no policy yet (the check reports what is open and every control finding).
  const check = timed(["check", "--", head], env, [0, 1], join(dir, "no-policy"));
  const baseSynth = timed(["synth"], { ...env, ACCESS_SPEC: baseSpec, CDKTF_OUTDIR: base });
  const review = timed(["review", "--", "--base", base, "--head", head, "--format", "json", "--output", join(dir, "review.json")], env, [0, 1]);
  const criticalPath = Math.max(headSynth, baseSynth) + Math.max(plan + check, review);
  return { ms: headSynth + plan + check + baseSynth + review, headSynth, plan, check, baseSynth, review, criticalPath };
}

function planJobs(dir: string, env: NodeJS.ProcessEnv, jobs: number): number {
  const out = join(dir, "four", "cdktf.out");
  return timed(["plan", "--", "--offline", "--no-synth", "--jobs", String(jobs)], { ...env, CDKTF_OUTDIR: out });
}

export async function run(): Promise<Record<string, unknown>> {
  const mirror = process.env.TF_PROVIDER_MIRROR ?? "";
  const skipped =
    spawnSync("terraform", ["version"]).status !== 0
      ? "terraform is not on PATH"
      : mirror === "" || !existsSync(mirror)
        ? "TF_PROVIDER_MIRROR is not set"
        : undefined;
  if (skipped !== undefined) {
    console.log("gate: skipped (%s)", skipped);
    return { skipped };
  }
  const dir = mkdtempSync(join(tmpdir(), "bench-gate-"));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "true" };
    const spec = generatedSpec(ROUTES);
    const baseSpec = join(dir, "base-spec.json");
    const headSpec = join(dir, "head-spec.json");
    writeFileSync(baseSpec, JSON.stringify(spec));
    // The head downgrades one route, as a pull request under review would.
    const downgraded = spec.routes.map((r, i) => (i === 0 ? { ...r, auth: { type: "NONE" as const, reason: "benchmark: one route downgraded" } } : r));
    writeFileSync(headSpec, JSON.stringify({ ...spec, routes: downgraded }));
    mkdirSync(join(dir, "no-policy"));

    const samples: GateSample[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(gateOnce(dir, baseSpec, headSpec, env));
    const pick = (key: keyof GateSample): number => Math.round(median(samples, (s) => s[key])[key]);
    const planAlone = pick("plan");

    // Four stacks: the sample (two) and examples/orders (two), planned offline one at a time and two at a time.
    const four = ["access-spec/samples/petstore.ts", "examples/orders/orders-dev.yaml", "examples/orders/orders-prod.json"].join(",");
    timed(["synth"], { ...env, ACCESS_SPEC: four, CDKTF_OUTDIR: join(dir, "four", "cdktf.out") });
    const jobs1: number[] = [];
    const jobs2: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      jobs1.push(planJobs(dir, env, 1));
      jobs2.push(planJobs(dir, env, 2));
    }
    const j1 = Math.round(median(jobs1, (x) => x));
    const j2 = Math.round(median(jobs2, (x) => x));

    const result = {
      runs: RUNS,
      routes: ROUTES,
      steps: { headSynthMs: pick("headSynth"), offlinePlanMs: planAlone, checkMs: pick("check"), baseSynthMs: pick("baseSynth"), reviewMs: pick("review") },
      gateSumMs: pick("ms"),
      gateCriticalPathMs: pick("criticalPath"),
      gateSumOverPlan: Number((pick("ms") / planAlone).toFixed(2)),
      gateCriticalPathOverPlan: Number((pick("criticalPath") / planAlone).toFixed(2)),
      target: "gate <= 1.3 x the offline plan alone",
      planFourStacks: { jobs1Ms: j1, jobs2Ms: j2, speedup: Number((j1 / j2).toFixed(2)) },
    };
    console.log("gate on a %d-route API (median of %d, real npm commands):", ROUTES, RUNS);
    console.log("  head synth %d ms, offline plan %d ms, check %d ms; base synth %d ms, review %d ms", ...Object.values(result.steps));
    console.log("  one machine, in sequence: %d ms = %sx the plan", result.gateSumMs, result.gateSumOverPlan);
    console.log(
      "  critical path (head and gate jobs on separate runners): %d ms = %sx the plan (target <= 1.3)",
      result.gateCriticalPathMs,
      result.gateCriticalPathOverPlan,
    );
    console.log("  npm run plan, four stacks: --jobs 1 %d ms, --jobs 2 %d ms (%sx)", j1, j2, result.planFourStacks.speedup);
    mkdirSync(join(__dirname, "results"), { recursive: true });
    writeFileSync(join(__dirname, "results", "gate.json"), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
