// `npm run plan`: synthesize, then for every stack terraform init, validate and plan, writing the plan as
// JSON to cdktf.out/stacks/<stack>/plan.json. Offline (placeholder credentials, skip flags, local backend)
// when no AWS credentials are present or with --offline; providers from TF_PROVIDER_MIRROR when set.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createProgress } from "./progress";
import {
  hasAwsCredentials,
  mirrorCliConfig,
  OFFLINE_VARS_FILE,
  offlineOverride,
  offlineVariables,
  OVERRIDE_FILE,
  runTerraform,
} from "./private/terraform";

interface Options {
  readonly offline: boolean;
  readonly synth: boolean;
  readonly stacks: readonly string[];
  readonly outdir: string;
}

function parseArgs(argv: readonly string[]): Options {
  const stacks: string[] = [];
  let offline = !hasAwsCredentials(process.env);
  let synth = true;
  for (const arg of argv) {
    if (arg === "--offline") offline = true;
    else if (arg === "--online") offline = false;
    else if (arg === "--no-synth") synth = false;
    else if (arg.startsWith("--")) {
      process.stderr.write(`plan: unknown option ${arg} (use --offline, --online, --no-synth, or stack names)\n`);
      process.exit(2);
    } else stacks.push(arg);
  }
  return { offline, synth, stacks, outdir: resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out") };
}

async function planStack(stackDir: string, name: string, opts: Options, env: NodeJS.ProcessEnv, step: (s: string) => void): Promise<string | undefined> {
  const overridePath = join(stackDir, OVERRIDE_FILE);
  const varsPath = join(stackDir, OFFLINE_VARS_FILE);
  if (opts.offline) {
    const stackJson: unknown = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8"));
    writeFileSync(overridePath, `${JSON.stringify(offlineOverride(stackJson), null, 2)}\n`);
    writeFileSync(varsPath, `${JSON.stringify(offlineVariables(stackJson, process.env), null, 2)}\n`);
  }
  try {
    const steps: [string, string[]][] = [
      ["init", ["init", "-input=false", "-no-color"]],
      ["validate", ["validate", "-no-color"]],
      ["plan", ["plan", "-input=false", "-no-color", "-lock=false", "-out=plan.out"]],
    ];
    for (const [label, args] of steps) {
      if (label !== "init") step(label);
      const result = await runTerraform(args, stackDir, env);
      if (result.code !== 0) return `${name}: terraform ${label} failed:\n${(result.stderr + result.stdout).trim()}`;
    }
    step("show -json");
    const shown = await runTerraform(["show", "-json", "plan.out"], stackDir, env);
    if (shown.code !== 0) return `${name}: terraform show failed:\n${shown.stderr.trim()}`;
    writeFileSync(join(stackDir, "plan.json"), shown.stdout);
    return undefined;
  } finally {
    rmSync(join(stackDir, "plan.out"), { force: true });
    if (opts.offline) {
      rmSync(overridePath, { force: true });
      rmSync(varsPath, { force: true });
    }
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.synth) {
    const synth = spawnSync(process.execPath, [join(__dirname, "..", "scripts", "synth.mjs")], { stdio: "inherit" });
    if (synth.status !== 0) process.exit(synth.status ?? 1);
  }
  const stacksDir = join(opts.outdir, "stacks");
  if (!existsSync(stacksDir)) {
    process.stderr.write(`plan: ${stacksDir} does not exist; run npm run synth first\n`);
    process.exit(2);
  }
  const all = readdirSync(stacksDir).filter((d) => existsSync(join(stacksDir, d, "cdk.tf.json"))).sort();
  const unknown = opts.stacks.filter((s) => !all.includes(s));
  if (unknown.length > 0) {
    process.stderr.write(`plan: unknown stack(s) ${unknown.join(", ")}; synthesized: ${all.join(", ")}\n`);
    process.exit(2);
  }
  const selected = opts.stacks.length > 0 ? [...opts.stacks] : all;
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  let scratch: string | undefined;
  const mirror = process.env.TF_PROVIDER_MIRROR;
  if (mirror !== undefined && mirror !== "") {
    if (!existsSync(mirror)) {
      process.stderr.write(`plan: TF_PROVIDER_MIRROR=${mirror} does not exist\n`);
      process.exit(2);
    }
    scratch = mkdtempSync(join(tmpdir(), "access-plan-"));
    const config = join(scratch, "terraform.rc");
    writeFileSync(config, mirrorCliConfig(resolve(mirror)));
    env.TF_CLI_CONFIG_FILE = config;
  }
  if (opts.offline) process.stderr.write("plan: offline mode (placeholder credentials, skip flags, local backend)\n");
  const progress = createProgress({ total: selected.length });
  const failures: string[] = [];
  try {
    // Stacks run one after another: each plan already uses both cores of a small machine.
    for (const name of selected) {
      progress.start(name, "init");
      const failure = await planStack(join(stacksDir, name), name, opts, env, (s) => progress.step(name, s));
      progress.done(name, failure === undefined);
      if (failure !== undefined) failures.push(failure);
    }
  } finally {
    progress.finish();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }
  for (const f of failures) process.stderr.write(`${f}\n`);
  if (failures.length > 0) process.exit(1);
  process.stdout.write(`planned ${selected.length} stack(s): ${selected.map((s) => join(stacksDir, s, "plan.json")).join(", ")}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`plan: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
