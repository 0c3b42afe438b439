// `npm run deploy:local`: try a spec without an AWS account. Synthesizes, starts moto_server on a free loopback
// port (or uses --endpoint of a running one), points every AWS provider configuration of each stack at it, applies,
// and prints what was created and the API's invoke URLs on it; `--destroy` destroys what an earlier run applied to
// --endpoint. Never calls real AWS: an endpoint that is not loopback, or a stack with a resource type no local
// endpoint covers, is refused (exit 2).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { exitCodeFor, parseCommandLine, single, UsageError } from "./private/args";
import {
  appliedCounts,
  countByType,
  destroyedCount,
  isLoopbackEndpoint,
  LOCAL_STATE_DIR,
  localInvokeUrl,
  localStatePath,
  NOT_DESTROYED_BY_MOTO,
  type Excluded,
} from "./private/local-deploy";
import {
  applyLocal,
  destroyLocal,
  initLocal,
  LocalDeployRefused,
  outputsLocal,
  prepareLocalStack,
  removeLocalFiles,
  stateListLocal,
  type LocalStack,
} from "./private/local-terraform";
import { motoInstalled, startMoto, type LocalEndpoint } from "./private/moto";
import { specListClash } from "./private/spec-list";
import { selectSynthesizedStacks } from "./private/stacks";
import { providerInstallHint, terraformEnvironment } from "./private/terraform";

const USAGE = "usage: npm run deploy:local -- [--endpoint <http://127.0.0.1:PORT>] [--destroy] [--no-synth] [--no-wait] [<stack>...]";

const OPTIONS = {
  endpoint: { type: "string", multiple: true },
  destroy: { type: "boolean" },
  "no-synth": { type: "boolean" },
  "no-wait": { type: "boolean" },
} as const;

interface Options {
  readonly endpoint?: string;
  readonly destroy: boolean;
  readonly synth: boolean;
  readonly wait: boolean;
  readonly stacks: readonly string[];
  readonly outdir: string;
}

function parseArgs(argv: readonly string[]): Options {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, true);
  const endpoint = single("endpoint", values.endpoint);
  const destroy = values.destroy === true;
  // A server this command starts is empty: there is nothing of an earlier run on it to destroy.
  if (destroy && endpoint === undefined) throw new UsageError("--destroy needs --endpoint, the server the stacks were applied to");
  return {
    endpoint,
    destroy,
    // Synthesizing replaces cdktf.out; a destroy works on what was applied, so it never synthesizes.
    synth: values["no-synth"] !== true && !destroy,
    wait: values["no-wait"] !== true,
    stacks: positionals,
    outdir: resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out"),
  };
}

const out = (s: string): boolean => process.stdout.write(s);
const err = (s: string): boolean => process.stderr.write(s);
const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)}s`;

function synthesize(opts: Options): void {
  const clash = specListClash(opts.outdir, process.env);
  if (clash !== undefined) {
    err(`deploy:local: ${clash}\n`);
    process.exit(2);
  }
  const synth = spawnSync(process.execPath, [join(__dirname, "..", "scripts", "synth.mjs")], { stdio: "inherit" });
  if (synth.status !== 0) process.exit(synth.status ?? 1);
}

function selectStacks(opts: Options): string[] {
  const selection = selectSynthesizedStacks(opts.outdir, opts.stacks);
  if ("problem" in selection) {
    err(`deploy:local: ${selection.problem}\n`);
    process.exit(2);
  }
  return selection.stacks;
}

function describeExcluded(excluded: readonly Excluded[]): string {
  if (excluded.length === 0) return "";
  return `  left out (the local endpoint does not serve them):\n${excluded.map((e) => `    ${e.address}: ${e.reason}\n`).join("")}`;
}

async function describeApplied(stack: LocalStack, opts: Options, endpoint: string, stdout: string, took: string): Promise<string> {
  const counts = appliedCounts(stdout);
  const lines = [`${stack.name}: applied to ${endpoint} in ${took}${counts === undefined ? "" : `: ${counts.added} added, ${counts.changed} changed`}\n`];
  const listed = await stateListLocal(stack);
  for (const [type, n] of countByType(listed.stdout)) lines.push(`  ${String(n).padStart(3)}  ${type}\n`);
  lines.push(describeExcluded(stack.scope.excluded));
  const outputs = await outputsLocal(stack);
  const invokeUrl = outputs.code === 0 ? (JSON.parse(outputs.stdout) as Record<string, { value?: unknown }>).invoke_url?.value : undefined;
  if (typeof invokeUrl === "string") {
    lines.push(`  invoke URL (as AWS names it): ${invokeUrl}\n`);
    const local = localInvokeUrl(invokeUrl, endpoint);
    if (local !== undefined) lines.push(`  invoke URL on the local endpoint: ${local}/<path>\n`);
  }
  // A server this command started takes what was applied with it; only --endpoint state outlives the run.
  if (opts.endpoint !== undefined) lines.push(`  state: ${stack.statePath} (npm run deploy:local -- --endpoint ${endpoint} --destroy removes it all)\n`);
  return lines.join("");
}

/** One stack: init, then apply or destroy. Returns the failure text, if any. */
async function deployStack(stack: LocalStack, opts: Options, endpoint: string): Promise<string | undefined> {
  const init = await initLocal(stack);
  if (init.code !== 0) {
    const output = init.stderr + init.stdout;
    const hint = providerInstallHint(output, process.env.TF_PROVIDER_MIRROR);
    return `${stack.name}: terraform init failed:\n${hint ?? output.trim()}`;
  }
  const started = Date.now();
  if (opts.destroy) {
    const destroyed = await destroyLocal(stack, endpoint);
    if (destroyed.code !== 0) return `${stack.name}: terraform destroy failed:\n${(destroyed.stderr + destroyed.stdout).trim()}`;
    out(
      `${stack.name}: destroyed on ${endpoint} in ${seconds(started)}: ${destroyedCount(destroyed.stdout) ?? "?"} destroyed by terraform, before it the types moto cannot destroy through the provider (${Object.keys(NOT_DESTROYED_BY_MOTO).join(", ")}) outside it\n`,
    );
    return undefined;
  }
  const applied = await applyLocal(stack);
  if (applied.code !== 0) return `${stack.name}: terraform apply failed:\n${applied.stderr.trim()}${describeExcluded(stack.scope.excluded)}`;
  out(await describeApplied(stack, opts, endpoint, applied.stdout, seconds(started)));
  return undefined;
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}

async function main(): Promise<void> {
  let opts: Options;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.exit(exitCodeFor("deploy:local", USAGE, e, err, out));
  }
  if (opts.endpoint !== undefined && !isLoopbackEndpoint(opts.endpoint)) {
    err(
      `deploy:local: refusing --endpoint ${opts.endpoint}: not an http(s) URL on a loopback address (127.0.0.0/8, [::1], localhost); this command never calls real AWS\n`,
    );
    process.exit(2);
  }
  if (opts.endpoint === undefined && !motoInstalled()) {
    err("deploy:local: moto_server is not on PATH (pip install 'moto[server]'), and no --endpoint was given\n");
    process.exit(2);
  }
  if (opts.synth) synthesize(opts);
  const selected = selectStacks(opts);
  const stacksDir = join(opts.outdir, "stacks");
  let terraform: ReturnType<typeof terraformEnvironment>;
  try {
    terraform = terraformEnvironment(process.env);
  } catch (e) {
    err(`deploy:local: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const env = terraform.env;
  const scratch = mkdtempSync(join(tmpdir(), "deploy-local-"));
  let moto: LocalEndpoint | undefined;
  const failures: string[] = [];
  try {
    if (opts.endpoint === undefined) {
      moto = await startMoto();
      err(`deploy:local: started moto_server at ${moto.url} (pid ${moto.pid})\n`);
    }
    const endpoint = moto?.url ?? (opts.endpoint as string);
    // A server this command started dies with it: its state is scratch. --endpoint state outlives the run.
    const stateRoot = moto === undefined ? resolve(LOCAL_STATE_DIR) : join(scratch, "state");
    for (const name of selected) {
      const dir = join(stacksDir, name);
      try {
        const stack = prepareLocalStack(name, dir, endpoint, localStatePath(stateRoot, endpoint, name), env);
        const failure = await deployStack(stack, opts, endpoint);
        if (failure !== undefined) failures.push(failure);
      } finally {
        removeLocalFiles(dir);
      }
    }
    if (moto !== undefined && failures.length === 0 && opts.wait) {
      out(`moto_server keeps running at ${moto.url}; press Ctrl-C to stop it (what was applied goes with it)\n`);
      await untilInterrupted();
    }
  } catch (e) {
    if (!(e instanceof LocalDeployRefused)) throw e;
    failures.push(e.message);
    process.exitCode = 2;
  } finally {
    await moto?.stop();
    rmSync(scratch, { recursive: true, force: true });
    terraform.cleanup();
  }
  for (const f of failures) err(`deploy:local: ${f}\n`);
  if (failures.length > 0 && process.exitCode !== 2) process.exitCode = 1;
}

main().catch((e: unknown) => {
  err(`deploy:local: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
