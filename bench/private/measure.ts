// How the benchmarks measure: each sample in a fresh child process (so peak memory and JIT warm-up are its own),
// the median of `runs` reported; and the one timed unit of the check (load + every rule, JSON parse included).
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { runRules } from "../../guard/engine";
import { loadModel } from "../../guard/load";
import type { PolicySet } from "../../guard/policy/types";
import { median, type ShowTiming } from "./terraform-show";

const root = resolve(__dirname, "..", "..");

/** Runs `script args` `runs` times, each in a fresh tsx process printing one JSON sample as its last line; the median by `ms`. */
export function medianOfChildren<T extends { readonly ms: number }>(script: string, args: readonly string[], runs: number, what: string): T {
  const samples: T[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(join(root, "node_modules", ".bin", "tsx"), [script, ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
    if (child.status !== 0) throw new Error(`${what} failed: ${child.stderr}`);
    samples.push(JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as T);
  }
  return median(samples, (s) => s.ms);
}

export interface CheckSample {
  readonly ms: number;
  readonly maxRssMb: number;
  readonly routes: number;
  readonly findings: number;
}

/** The check of one input in this process: load + every rule, timed, with this process's peak memory. */
export function timeCheck(file: string, policies: PolicySet): CheckSample {
  const t0 = process.hrtime.bigint();
  const model = loadModel(file);
  const { findings } = runRules(model, policies);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, maxRssMb: process.resourceUsage().maxRSS / 1024, routes: model.routes.length, findings: findings.length };
}

/**
 * The check-over-`terraform show -json` benchmark of one real plan: the median check of `runs` fresh children
 * (`script --measure <plan>`), its ratio to the show time (target 0.10), logged as one line with `what` describing
 * the input, and written to bench/results/<name>.json. `expectRoutes`: the plan must give exactly that many routes.
 */
export function checkOverShow(
  name: string,
  script: string,
  tf: ShowTiming,
  runs: number,
  what: (routes: number) => string,
  expectRoutes?: number,
): Record<string, unknown> {
  let result: Record<string, unknown>;
  if ("skipped" in tf) {
    result = { skipped: tf.skipped };
    console.log("%s: skipped (%s)", name, tf.skipped);
  } else {
    const s = medianOfChildren<CheckSample>(script, ["--measure", tf.planFile], runs, `${name} bench`);
    if (expectRoutes !== undefined && s.routes !== expectRoutes) throw new Error(`${name} bench: the plan gave ${s.routes} routes, not ${expectRoutes}`);
    result = {
      runs,
      routes: s.routes,
      findings: s.findings,
      checkMs: Math.round(s.ms),
      terraformShowJsonMs: Math.round(tf.showMs),
      checkOverShow: Number((s.ms / tf.showMs).toFixed(3)),
      target: "checkOverShow <= 0.10",
    };
    console.log(
      "%s (median of %d): check of %s %d ms (%d findings); terraform show -json %d ms; ratio %s (target <= 0.10)",
      name,
      runs,
      what(s.routes),
      Math.round(s.ms),
      s.findings,
      Math.round(tf.showMs),
      result["checkOverShow"],
    );
  }
  mkdirSync(join(root, "bench", "results"), { recursive: true });
  writeFileSync(join(root, "bench", "results", `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
