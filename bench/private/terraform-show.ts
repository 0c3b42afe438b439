// One way for every benchmark to plan a Terraform configuration offline with the real terraform CLI and time
// `terraform show -json` of the plan (median of `runs`): the denominator of the check/review ratios.
// Needs terraform on PATH and TF_PROVIDER_MIRROR (a filesystem mirror of hashicorp/aws); otherwise says why not.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type ShowTiming = { readonly showMs: number; readonly planFile: string } | { readonly skipped: string };

export const median = <T>(xs: readonly T[], by: (x: T) => number): T => [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)] as T;

/** Placeholder credentials and every skip flag: planning calls no AWS API. */
const OFFLINE_PROVIDER = {
  region: "eu-west-1",
  access_key: "bench",
  secret_key: "bench",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: "true",
};

/**
 * Plans `resource` (Terraform JSON resource blocks) in `dir`/tf and times `terraform show -json`; the plan JSON is
 * written to `dir`/`planName`.
 */
export function planAndTimeShow(dir: string, resource: Record<string, unknown>, runs: number, planName = "plan.json"): ShowTiming {
  const mirror = process.env.TF_PROVIDER_MIRROR ?? "";
  if (spawnSync("terraform", ["version"]).status !== 0) return { skipped: "terraform is not on PATH" };
  if (mirror === "" || !existsSync(mirror)) return { skipped: "TF_PROVIDER_MIRROR is not set" };
  const tf = join(dir, "tf");
  mkdirSync(tf, { recursive: true });
  writeFileSync(join(dir, "tfrc"), `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
  writeFileSync(
    join(tf, "main.tf.json"),
    JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws" } } }, provider: { aws: [OFFLINE_PROVIDER] }, resource }),
  );
  const env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, "tfrc"), CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  for (const args of [
    ["init", "-input=false", "-no-color"],
    ["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=plan.out"],
  ]) {
    const r = spawnSync("terraform", args, { cwd: tf, env, encoding: "utf8", maxBuffer: 1 << 28 });
    if (r.status !== 0) return { skipped: `terraform ${args[0]} failed: ${(r.stderr || r.stdout).split("\n").slice(0, 3).join(" ")}` };
  }
  return timeShow(tf, env, runs, join(dir, planName));
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
