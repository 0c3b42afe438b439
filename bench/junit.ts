// JUnit evidence benchmark: size and rendering time of `check --format junit` (one testcase per rule and
// subject) next to the table format (findings and coverage, as `check` prints it), on the check benchmark's synthetic plans of 1,000 and 10,000 methods; and the
// time to build the policy tests of the same model (what __tests__/policy declares). Each size runs in a fresh
// child process; the median of RUNS by JUnit rendering time is reported.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { benchPolicy, syntheticPlan } from "./check";
import { medianOfChildren } from "./private/measure";
import { coverageOf } from "../guard/coverage";
import { runRules } from "../guard/engine";
import { loadModel } from "../guard/load";
import { REPORTERS, type ReportInput } from "../guard/report/check";
import { policyTests } from "../guard/testing/policy-tests";

const RUNS = 3;

interface Sample {
  /** JUnit rendering, ms. */
  readonly ms: number;
  readonly tableMs: number;
  readonly checkMs: number;
  readonly junitBytes: number;
  readonly junitGzipBytes: number;
  readonly tableBytes: number;
  readonly testcases: number;
  readonly routes: number;
  readonly policyTestsMs: number;
  readonly policyTests: number;
}

const since = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

/** One sample in this process: the check, then each rendering of its result, then the policy tests of the model. */
function measureOnce(file: string, n: number): Sample {
  const policies = benchPolicy(n);
  let t0 = process.hrtime.bigint();
  const model = loadModel(file);
  const result = runRules(model, policies);
  const checkMs = since(t0);
  const input: ReportInput = {
    findings: result.findings,
    rules: result.rules,
    failOn: "low",
    input: file,
    lowered: [],
    coverage: coverageOf(model, policies),
    subjects: result.subjects,
    policyFiles: [{ file: "bench-policy", sha256: "0".repeat(64) }],
  };
  t0 = process.hrtime.bigint();
  const table = REPORTERS.table(input);
  const tableMs = since(t0);
  t0 = process.hrtime.bigint();
  const junit = REPORTERS.junit(input);
  const ms = since(t0);
  t0 = process.hrtime.bigint();
  const tests = policyTests(model, policies);
  const policyTestsMs = since(t0);
  return {
    ms,
    tableMs,
    checkMs,
    junitBytes: Buffer.byteLength(junit),
    junitGzipBytes: gzipSync(junit).length,
    tableBytes: Buffer.byteLength(table),
    testcases: junit.split("<testcase ").length - 1,
    routes: model.routes.length,
    policyTestsMs,
    policyTests: tests.length,
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "bench-junit-"));
  const out: Record<string, unknown> = { runs: RUNS };
  for (const n of [1000, 10000]) {
    const file = join(dir, `plan-${n}.json`);
    writeFileSync(file, JSON.stringify(syntheticPlan(n)));
    const s = medianOfChildren<Sample>(__filename, ["--measure", file, String(n)], RUNS, `junit bench on ${n} methods`);
    if (s.routes !== n) throw new Error(`junit bench: the plan gave ${s.routes} routes, not ${n}`);
    const r = {
      methods: n,
      checkMs: Math.round(s.checkMs),
      tableMs: Number(s.tableMs.toFixed(1)),
      junitMs: Math.round(s.ms),
      tableBytes: s.tableBytes,
      junitBytes: s.junitBytes,
      junitGzipBytes: s.junitGzipBytes,
      junitTestcases: s.testcases,
      junitBytesPerTestcase: Math.round(s.junitBytes / s.testcases),
      policyTestsMs: Math.round(s.policyTestsMs),
      policyTests: s.policyTests,
    };
    out[`synthetic${n}`] = r;
    console.log(
      "  %d methods: check %d ms; table %s ms, %d bytes; junit %d ms, %d bytes (%d gzipped), %d testcases; policy tests %d in %d ms",
      n,
      r.checkMs,
      r.tableMs,
      r.tableBytes,
      r.junitMs,
      r.junitBytes,
      r.junitGzipBytes,
      r.junitTestcases,
      r.policyTests,
      r.policyTestsMs,
    );
  }
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(join(__dirname, "results", "junit.json"), `${JSON.stringify(out, null, 2)}\n`);
  return out;
}

if (require.main === module) {
  if (process.argv[2] === "--measure") process.stdout.write(`${JSON.stringify(measureOnce(process.argv[3] as string, Number(process.argv[4])))}\n`);
  else
    run().catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
