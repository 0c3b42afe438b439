// `npm run apply -- --plan-file <reviewed plan> <stack directory>`: applies exactly the plan that was reviewed, never
// a new one. Before applying, it refreshes the deployed stack (a refresh-only plan, applied to nothing) and refuses when
// anything differs from what the reviewed plan saw: a change made outside it (the console, another pipeline) would
// otherwise be overwritten or kept without review. Terraform itself refuses a plan whose state has moved on ("Saved
// plan is stale"). Exit 0 applied; 1 refused or the apply failed; 2 bad usage or input.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { exitCodeFor, parseCommandLine, single, UsageError } from "./private/args";
import { driftSince, formatDrift } from "./private/apply-drift";
import { redactText, sensitiveVariableValues } from "./private/redact";
import { runTerraform, terraformEnvironment, type RunResult } from "./private/terraform";

const USAGE = "usage: npm run apply -- --plan-file <reviewed binary plan> <stack directory>";

const OPTIONS = { "plan-file": { type: "string", multiple: true } } as const;

interface ApplyArgs {
  readonly planFile: string;
  readonly stackDir: string;
}

export function parseArgs(argv: readonly string[]): ApplyArgs {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, true);
  const planFile = single("plan-file", values["plan-file"]);
  if (planFile === undefined) throw new UsageError("--plan-file is required: the binary plan that was reviewed");
  if (positionals.length !== 1) throw new UsageError("give one stack directory (the synthesized stack the plan was made in)");
  return { planFile: resolve(planFile), stackDir: resolve(positionals[0] as string) };
}

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

const processIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** Where to read when an apply fails halfway (docs/deploy.md). */
const RECOVERY = "docs/deploy.md#when-an-apply-fails";

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let args: ApplyArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    return exitCodeFor("apply", USAGE, e, io.err, io.out);
  }
  if (!existsSync(args.planFile)) {
    io.err(`apply: ${args.planFile}: no such plan file\n`);
    return 2;
  }
  if (!existsSync(args.stackDir)) {
    io.err(`apply: ${args.stackDir}: no such directory\n`);
    return 2;
  }
  let terraform: ReturnType<typeof terraformEnvironment>;
  try {
    terraform = terraformEnvironment(process.env);
  } catch (e) {
    io.err(`apply: ${(e as Error).message}\n`);
    return 2;
  }
  const secrets = stackSecrets(args.stackDir);
  const say = (text: string): void => io.err(redactText(text, secrets));
  const scratch = mkdtempSync(join(tmpdir(), "access-apply-"));
  const run = (a: readonly string[], onOutput?: (t: string) => void): Promise<RunResult> => runTerraform(a, args.stackDir, terraform.env, onOutput);
  try {
    const init = await run(["init", "-input=false", "-no-color"]);
    if (init.code !== 0) return failed(say, "terraform init failed", init);

    const reviewedShown = await run(["show", "-json", args.planFile]);
    if (reviewedShown.code !== 0) return failed(say, `terraform cannot read ${args.planFile}`, reviewedShown);
    const reviewed: unknown = JSON.parse(reviewedShown.stdout);
    const status = reviewed as { errored?: unknown; applyable?: unknown };
    if (status.errored === true || status.applyable === false) {
      say(`apply: refused: ${args.planFile} is ${status.errored === true ? "an errored plan" : "not applyable (nothing to do, or incomplete)"}\n`);
      return status.errored === true ? 1 : 0;
    }

    // The deployed stack as it is now, read the same way the reviewed plan read it.
    const refreshPlan = join(scratch, "refresh.tfplan");
    const refreshed = await run(["plan", "-refresh-only", "-input=false", "-no-color", `-out=${refreshPlan}`]);
    if (refreshed.code !== 0) return failed(say, "terraform could not refresh the deployed stack", refreshed);
    const refreshShown = await run(["show", "-json", refreshPlan]);
    if (refreshShown.code !== 0) return failed(say, "terraform show of the refresh failed", refreshShown);
    const drifts = driftSince(reviewed, JSON.parse(refreshShown.stdout));
    if (drifts.length > 0) {
      say(
        `apply: refused: the deployed stack changed after the plan was reviewed, so the plan no longer says what the apply would do:\n${formatDrift(drifts)}\n` +
          "Plan and review again (the new plan shows the drift and what reconciling it does); nothing was applied.\n",
      );
      return 1;
    }

    say(`apply: the deployed stack is as the reviewed plan saw it; applying ${args.planFile}\n`);
    const applied = await run(["apply", "-input=false", "-no-color", args.planFile], (t) => say(t));
    if (applied.code !== 0) {
      say(`apply: terraform apply failed; what it created or changed before the error is in the state. See ${RECOVERY}\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    say(`apply: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    terraform.cleanup();
  }
}

function failed(say: (t: string) => void, what: string, result: RunResult): number {
  say(`apply: ${what}:\n${(result.stderr + result.stdout).trim()}\n`);
  return 1;
}

/** The values of the stack's sensitive variables (from TF_VAR_...), never to be printed. */
function stackSecrets(stackDir: string): string[] {
  const file = join(stackDir, "cdk.tf.json");
  if (!existsSync(file)) return [];
  try {
    return sensitiveVariableValues(JSON.parse(readFileSync(file, "utf8")), process.env);
  } catch {
    return [];
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`apply: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
