// Synth benchmark (issue 2): time and peak memory of the sample app and of a 500-route generated spec,
// against a baseline that builds the same 500 methods directly. Target: spec layer <= 1.5x baseline.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

interface Sample {
  readonly mode: string;
  readonly ms: number;
  readonly maxRssMb: number;
}

const root = resolve(__dirname, "..");
const RUNS = 5;

function measure(mode: string, routes: number): Sample {
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(__dirname, "private", "synth-child.ts"), mode, String(routes)], {
      cwd: root,
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`synth bench ${mode} failed: ${run.stderr}`);
    samples.push(JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as Sample);
  }
  samples.sort((a, b) => a.ms - b.ms);
  return samples[Math.floor(samples.length / 2)];
}

export async function run(): Promise<Record<string, unknown>> {
  const sample = measure("sample", 0);
  const spec = measure("spec", 500);
  const baseline = measure("baseline", 500);
  // Fixed costs (Cognito, Lambdas and their bundling, WAF, stage) are the same for 1 route or 500: the
  // marginal cost of 500 routes is what the spec layer adds per method.
  const spec1 = measure("spec", 1);
  const baseline1 = measure("baseline", 1);
  const marginalSpec = spec.ms - spec1.ms;
  const marginalBaseline = baseline.ms - baseline1.ms;
  const result = {
    runs: RUNS,
    sampleApp: { ms: Math.round(sample.ms), maxRssMb: Math.round(sample.maxRssMb) },
    spec500: { ms: Math.round(spec.ms), maxRssMb: Math.round(spec.maxRssMb) },
    baseline500: { ms: Math.round(baseline.ms), maxRssMb: Math.round(baseline.maxRssMb) },
    spec1: { ms: Math.round(spec1.ms) },
    baseline1: { ms: Math.round(baseline1.ms) },
    timeRatio: Number((spec.ms / baseline.ms).toFixed(2)),
    marginalTimeRatio: Number((marginalSpec / marginalBaseline).toFixed(2)),
    memoryRatio: Number((spec.maxRssMb / baseline.maxRssMb).toFixed(2)),
    target: "timeRatio <= 1.5",
  };
  console.log("synth (median of %d, in-process time from first construct to synth written):", RUNS);
  console.log("  sample app (2 stacks):      %d ms, peak %d MB", result.sampleApp.ms, result.sampleApp.maxRssMb);
  console.log("  500-route spec (full stack): %d ms, peak %d MB", result.spec500.ms, result.spec500.maxRssMb);
  console.log("  500-method baseline:         %d ms, peak %d MB", result.baseline500.ms, result.baseline500.maxRssMb);
  console.log("  1-route spec / 1-method baseline: %d ms / %d ms (fixed costs)", result.spec1.ms, result.baseline1.ms);
  console.log("  spec/baseline: time %sx, memory %sx (target time <= 1.5x)", result.timeRatio, result.memoryRatio);
  console.log("  marginal cost of 500 routes, spec/baseline: %sx", result.marginalTimeRatio);
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(join(__dirname, "results", "synth.json"), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
