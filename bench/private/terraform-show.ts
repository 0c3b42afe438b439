// One way for every benchmark to plan a Terraform configuration offline with the real terraform CLI and time
// `terraform show -json` of the plan (median of `runs`): the denominator of the check/review ratios.
// Needs terraform on PATH and TF_PROVIDER_MIRROR (a filesystem mirror of hashicorp/aws); otherwise says why not.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { mirrorCliConfig, OFFLINE_PROVIDER_SETTINGS, TERRAFORM_ENV } from "../../cli/private/terraform";

export type ShowTiming = { readonly showMs: number; readonly planFile: string } | { readonly skipped: string };

export const median = <T>(xs: readonly T[], by: (x: T) => number): T => [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)] as T;

/**
 * Plans `resource` (Terraform JSON resource blocks) in `dir`/tf and times `terraform show -json`; the plan JSON is
 * written to `dir`/`planName`.
 */
export function planAndTimeShow(dir: string, resource: Record<string, unknown>, runs: number, planName = "plan.json"): ShowTiming {
  const tf = join(dir, "tf");
  mkdirSync(tf, { recursive: true });
  writeFileSync(
    join(tf, "main.tf.json"),
    JSON.stringify({
      terraform: { required_providers: { aws: { source: "hashicorp/aws" } } },
      provider: { aws: [{ region: "eu-west-1", ...OFFLINE_PROVIDER_SETTINGS }] },
      resource,
    }),
  );
  const planned = planIn(tf, dir);
  return "skipped" in planned ? planned : timeShow(tf, planned.env, runs, join(dir, planName));
}

/**
 * `terraform init` and `plan -out=plan.out` in `tfDir`, providers from TF_PROVIDER_MIRROR through the project's own
 * CLI config (cli/private/terraform.ts), written into `workDir`. Returns the environment to run terraform with.
 */
export function planIn(tfDir: string, workDir: string): { readonly env: NodeJS.ProcessEnv } | { readonly skipped: string } {
  const mirror = process.env.TF_PROVIDER_MIRROR ?? "";
  if (spawnSync("terraform", ["version"]).status !== 0) return { skipped: "terraform is not on PATH" };
  if (mirror === "" || !existsSync(mirror)) return { skipped: "TF_PROVIDER_MIRROR is not set" };
  writeFileSync(join(workDir, "tfrc"), mirrorCliConfig(resolve(mirror)));
  const env = { ...process.env, ...TERRAFORM_ENV, TF_CLI_CONFIG_FILE: join(workDir, "tfrc") };
  for (const args of [
    ["init", "-input=false", "-no-color"],
    ["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=plan.out"],
  ]) {
    const r = spawnSync("terraform", args, { cwd: tfDir, env, encoding: "utf8", maxBuffer: 1 << 28 });
    if (r.status !== 0) return { skipped: `terraform ${args[0]} failed: ${(r.stderr || r.stdout).split("\n").slice(0, 3).join(" ")}` };
  }
  return { env };
}

/** Times `terraform show -json plan.out` in `tfDir` (already planned) and writes the JSON to `planFile`. */
export function timeShow(tfDir: string, env: NodeJS.ProcessEnv, runs: number, planFile: string): ShowTiming {
  const times: number[] = [];
  let out = "";
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync("terraform", ["show", "-json", "plan.out"], { cwd: tfDir, env, encoding: "utf8", maxBuffer: 1 << 28 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) return { skipped: `terraform show failed: ${r.stderr}` };
    out = r.stdout;
  }
  writeFileSync(planFile, out);
  return { showMs: median(times, (t) => t), planFile };
}
