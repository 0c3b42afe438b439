// Start-up benchmark: the installed command (`node_modules/.bin/api-access-check`, installed from the
// packed bundle as another repository would) checking a 10-route plan, as a ratio to `node -e 0`; median of RUNS
// runs each, interleaved so a busy machine slows both alike. Target <= 3x. `npm run check` (tsx) for context.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { benchPolicy, syntheticPlan } from "./check";
import { installBin } from "./private/installed-bin";

const root = resolve(__dirname, "..");
const RUNS = 11;
const ROUTES = 10;

function time(cmd: string, args: readonly string[], cwd: string): { ms: number; status: number | null } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, stdio: "ignore" });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: r.status };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "bench-startup-"));
  try {
    const installed = installBin(dir);
    const plan = join(dir, "plan.json");
    writeFileSync(plan, JSON.stringify(syntheticPlan(ROUTES)));
    const policy = join(dir, "policy.json");
    writeFileSync(policy, JSON.stringify({ api: "bench-*", routes: benchPolicy(ROUTES).policies[0].routes }));
    const args = ["check", plan, "--policy", policy];
    // One untimed run each: file-system caches warm, as on a runner after checkout.
    const first = time(installed.bin, args, installed.project);
    if (first.status !== 0 && first.status !== 1) throw new Error(`api-access-check exited ${first.status} on the bench plan`);
    time(process.execPath, ["-e", "0"], installed.project);
    const bin: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bin.push(time(installed.bin, args, installed.project).ms);
      bare.push(time(process.execPath, ["-e", "0"], installed.project).ms);
    }
    const tsx: number[] = [];
    for (let i = 0; i < 3; i++) tsx.push(time(join(root, "node_modules", ".bin", "tsx"), [join(root, "cli", "check.ts"), ...args.slice(1)], root).ms);
    const result = {
      runs: RUNS,
      routes: ROUTES,
      exitCode: first.status,
      installedCommandMs: Math.round(median(bin)),
      nodeEmptyMs: Math.round(median(bare)),
      ratio: Number((median(bin) / median(bare)).toFixed(2)),
      tsxCheckMs: Math.round(median(tsx)),
      // check.js's line: the audit's bundle (the second line) is not loaded by the check.
      bundle: (installed.buildLog.split("\n")[0] ?? "").replace(/^build-bin: \S+ /, ""),
      target: "ratio <= 3",
    };
    console.log("startup (median of %d, interleaved; installed from the packed bundle, %d-route plan):", RUNS, ROUTES);
    console.log("  api-access-check check: %d ms (exit %d)", result.installedCommandMs, result.exitCode);
    console.log("  node -e 0:              %d ms", result.nodeEmptyMs);
    console.log("  ratio: %sx (target <= 3x)", result.ratio);
    console.log("  for context, npm run check (tsx, median of 3): %d ms", result.tsxCheckMs);
    mkdirSync(join(__dirname, "results"), { recursive: true });
    writeFileSync(join(__dirname, "results", "startup.json"), `${JSON.stringify(result, null, 2)}\n`);
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
