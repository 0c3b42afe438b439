// `npm run plan`: synthesize, then for every stack terraform init and plan (plan validates the configuration
// first, so a separate `terraform validate` would only start the provider once more), writing the plan as
// JSON to cdktf.out/stacks/<stack>/plan.json with every sensitive value redacted (the binary plan never lands
// there), and printing per stack what it will create, change, replace and destroy. Offline (placeholder
// credentials, skip flags, local backend) when no AWS credentials are present or with --offline; providers from
// TF_PROVIDER_MIRROR when set.
import { specListClash } from "./private/spec-list";
import { writeFileAtomically } from "./private/write";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createProgress } from "./progress";
import { inParallel } from "./private/parallel";
import { selectSynthesizedStacks } from "./private/stacks";
import { exitCodeFor, parseCommandLine, single, UsageError } from "./private/args";
import { countsLine, formatPlanSummary, summarizePlan, type PlanSummary } from "./private/plan-summary";
import { redactPlan, redactText, sensitiveVariableValues } from "./private/redact";
import {
  hasAwsCredentials,
  OFFLINE_VARS_FILE,
  offlineOverride,
  offlineVariables,
  OVERRIDE_FILE,
  providerInstallHint,
  runTerraform,
  terraformEnvironment,
} from "./private/terraform";

interface Options {
  readonly offline: boolean;
  readonly synth: boolean;
  readonly stacks: readonly string[];
  readonly outdir: string;
  /** How many stacks plan at once. @default - the number of cores */
  readonly jobs: number;
  /** Keep the binary plan of the one selected stack at this path (for `npm run apply --plan-file`). */
  readonly savePlan?: string;
}

const USAGE = "usage: npm run plan -- [--offline | --online] [--no-synth] [--jobs <n>] [--save-plan <file> <stack>] [<stack>...]";

const OPTIONS = {
  offline: { type: "boolean" },
  online: { type: "boolean" },
  "no-synth": { type: "boolean" },
  "save-plan": { type: "string", multiple: true },
  jobs: { type: "string", multiple: true },
} as const;

function parseArgs(argv: readonly string[]): Options {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, true);
  if (values.offline === true && values.online === true) throw new UsageError("give --offline or --online, not both");
  const offline = values.offline === true || (values.online !== true && !hasAwsCredentials(process.env));
  const savePlan = single("save-plan", values["save-plan"]);
  // A binary plan is one stack's: the apply takes exactly that plan, and an offline plan can never be applied.
  if (savePlan !== undefined && positionals.length !== 1) throw new UsageError("--save-plan takes exactly one stack");
  if (savePlan !== undefined && offline)
    throw new UsageError("--save-plan needs an online plan (an offline plan uses placeholder credentials and cannot be applied)");
  return {
    offline,
    jobs: jobsOption(single("jobs", values.jobs)),
    synth: values["no-synth"] !== true,
    stacks: positionals,
    outdir: resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out"),
    ...(savePlan === undefined ? {} : { savePlan: resolve(savePlan) }),
  };
}

function jobsOption(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  if (!/^[1-9][0-9]{0,2}$/.test(value)) throw new UsageError(`--jobs must be a whole number from 1 to 999 (got "${value}")`);
  return Number(value);
}

interface StackResult {
  readonly failure?: string;
  readonly summary?: PlanSummary;
}

async function planStack(stackDir: string, name: string, opts: Options, env: NodeJS.ProcessEnv, step: (s: string) => void): Promise<StackResult> {
  const overridePath = join(stackDir, OVERRIDE_FILE);
  const varsPath = join(stackDir, OFFLINE_VARS_FILE);
  const planPath = join(stackDir, "plan.json");
  const stackJson: unknown = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8"));
  // Terraform echoes values in some errors: never print a sensitive variable's value.
  const secrets = sensitiveVariableValues(stackJson, process.env);
  const fail = (what: string, output: string): StackResult => ({ failure: redactText(`${name}: ${what}:\n${output.trim()}`, secrets) });
  // A plan.json left from an earlier run would be read by the check as this run's result.
  rmSync(planPath, { force: true });
  if (opts.offline) {
    writeFileSync(overridePath, `${JSON.stringify(offlineOverride(stackJson), null, 2)}\n`);
    writeFileSync(varsPath, `${JSON.stringify(offlineVariables(stackJson, process.env), null, 2)}\n`);
  }
  // The binary plan holds every value in plain text: it lives outside the output directory (CI uploads that),
  // in a directory only this user can read, and is deleted whatever happens.
  const binDir = mkdtempSync(join(tmpdir(), "access-plan-bin-"));
  const binPlan = join(binDir, "plan.out");
  try {
    const init = await runTerraform(["init", "-input=false", "-no-color"], stackDir, env);
    if (init.code !== 0) {
      const output = init.stderr + init.stdout;
      const hint = providerInstallHint(output, process.env.TF_PROVIDER_MIRROR);
      return fail("terraform init failed", hint === undefined ? output : `${hint}\n\nterraform said:\n${output.trim()}`);
    }
    step("plan");
    const planned = await runTerraform(["plan", "-input=false", "-no-color", "-lock=false", `-out=${binPlan}`], stackDir, env);
    if (planned.code !== 0) return fail("terraform plan failed", planned.stderr + planned.stdout);
    step("show -json");
    const shown = await runTerraform(["show", "-json", binPlan], stackDir, env);
    if (shown.code !== 0) return fail("terraform show failed", shown.stderr);
    let redacted: unknown;
    try {
      redacted = redactPlan(JSON.parse(shown.stdout));
    } catch (e) {
      return fail("cannot redact the plan, so it was not written", e instanceof Error ? e.message : String(e));
    }
    // Through a temporary file and rename: an interrupted run never leaves a partial plan.json.
    writeFileAtomically(planPath, `${JSON.stringify(redacted)}\n`);
    // The binary plan holds every secret in plain text: readable by this user only, where the caller asked.
    if (opts.savePlan !== undefined) copyFileSync(binPlan, opts.savePlan);
    if (opts.savePlan !== undefined) chmodSync(opts.savePlan, 0o600);
    return { summary: summarizePlan(redacted) };
  } finally {
    rmSync(binDir, { recursive: true, force: true });
    if (opts.offline) {
      rmSync(overridePath, { force: true });
      rmSync(varsPath, { force: true });
    }
  }
}

async function main(): Promise<void> {
  let opts: Options;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.exit(
      exitCodeFor(
        "plan",
        USAGE,
        e,
        (t) => process.stderr.write(t),
        (t) => process.stdout.write(t),
      ),
    );
  }
  if (opts.synth) {
    // Never synthesize another spec list over stacks the user synthesized from a different one.
    const clash = specListClash(opts.outdir, process.env);
    if (clash !== undefined) {
      process.stderr.write(`plan: ${clash}\n`);
      process.exit(2);
    }
    const synth = spawnSync(process.execPath, [join(__dirname, "..", "scripts", "synth.mjs")], { stdio: "inherit" });
    if (synth.status !== 0) process.exit(synth.status ?? 1);
  }
  const stacksDir = join(opts.outdir, "stacks");
  const selection = selectSynthesizedStacks(opts.outdir, opts.stacks);
  if ("problem" in selection) {
    process.stderr.write(`plan: ${selection.problem}\n`);
    process.exit(2);
  }
  const selected = selection.stacks;
  let terraform: ReturnType<typeof terraformEnvironment>;
  try {
    terraform = terraformEnvironment(process.env);
  } catch (e) {
    process.stderr.write(`plan: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const env = terraform.env;
  if (opts.offline) process.stderr.write("plan: offline mode (placeholder credentials, skip flags, local backend)\n");
  const progress = createProgress({ total: selected.length });
  const failures: string[] = [];
  const summaries = new Map<string, PlanSummary>();
  try {
    // Up to --jobs stacks at once; each stack's summary and errors are printed together, in stack order, at the end.
    const results = await inParallel(selected, opts.jobs, async (name) => {
      progress.start(name, "init");
      const result = await planStack(join(stacksDir, name), name, opts, env, (s) => progress.step(name, s));
      progress.done(name, result.failure === undefined, result.summary === undefined ? undefined : countsLine(result.summary));
      return result;
    });
    selected.forEach((name, i) => {
      const result = results[i] as StackResult;
      if (result.failure !== undefined) failures.push(result.failure);
      if (result.summary !== undefined) summaries.set(name, result.summary);
    });
  } finally {
    progress.finish();
    terraform.cleanup();
  }
  for (const name of selected) {
    const summary = summaries.get(name);
    if (summary !== undefined) process.stdout.write(formatPlanSummary(name, summary));
  }
  for (const f of failures) process.stderr.write(`${f}\n`);
  if (failures.length > 0) process.exit(1);
  process.stdout.write(`planned ${selected.length} stack(s): ${selected.map((s) => join(stacksDir, s, "plan.json")).join(", ")}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`plan: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
