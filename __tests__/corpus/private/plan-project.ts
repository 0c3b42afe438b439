// Plans one corpus project offline, as the manifest says, and returns `terraform show -json` of the plan. The
// project's fetched files (.sources/<name>/tf) are copied to a scratch directory and never changed: the placeholder credentials and skip flags
// go into an override file (cli/private/terraform.ts offlineOverride), providers come from TF_PROVIDER_MIRROR through
// a CLI config (mirrorCliConfig), and the backend is never initialised.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mirrorCliConfig, offlineOverride, OVERRIDE_FILE, TERRAFORM_ENV } from "../../../cli/private/terraform";
import type { Manifest } from "./manifest";
import { tfDir } from "./sources";

/** Where a plan can run: terraform on PATH and the provider mirror; otherwise why not. */
export function planPrerequisites(env: NodeJS.ProcessEnv = process.env): { readonly mirror: string } | { readonly missing: string } {
  const mirror = env.TF_PROVIDER_MIRROR ?? "";
  if (spawnSync("terraform", ["version"], { encoding: "utf8" }).status !== 0) return { missing: "terraform is not on PATH" };
  if (mirror === "") return { missing: "TF_PROVIDER_MIRROR is not set (providers cannot be downloaded here)" };
  return { mirror };
}

/**
 * The override giving every `aws` provider configuration the manifest names (default and aliases) the offline
 * settings, and unsetting a named `profile` (null in an override unsets it): the provider would otherwise look for
 * that profile's shared config, which does not exist here, before using the placeholder keys.
 */
function overrideFor(manifest: Manifest): Record<string, unknown> {
  const aws = manifest.providers.map((alias) => (alias === "aws" ? {} : { alias }));
  const { provider } = offlineOverride({ provider: { aws } }) as { provider: { aws: Record<string, unknown>[] } };
  return { provider: { aws: provider.aws.map((p) => ({ ...p, profile: null })) } };
}

/** Plans `name`'s fetched `tf/` offline; returns the plan as `terraform show -json` prints it (throws with terraform's output on failure). */
export function planProject(name: string, manifest: Manifest, mirror: string): string {
  if (!existsSync(tfDir(name))) throw new Error(`corpus ${name}: ${tfDir(name)} does not exist (fetch the sources: __tests__/corpus/README.md)`);
  const work = mkdtempSync(join(tmpdir(), `corpus-${name}-`));
  try {
    cpSync(tfDir(name), work, { recursive: true });
    const root = join(work, manifest.root);
    writeFileSync(join(root, OVERRIDE_FILE), JSON.stringify(overrideFor(manifest), null, 2));
    if (Object.keys(manifest.variables).length > 0) writeFileSync(join(root, "zz_corpus.auto.tfvars.json"), JSON.stringify(manifest.variables));
    writeFileSync(join(work, "cli.tfrc"), mirrorCliConfig(mirror));
    // The region of the provider block wins; AWS_REGION only fills in for a project that leaves it to the environment.
    const env = {
      ...process.env,
      ...TERRAFORM_ENV,
      TF_CLI_CONFIG_FILE: join(work, "cli.tfrc"),
      AWS_REGION: manifest.region,
      TF_DATA_DIR: join(work, ".terraform"),
    };
    const tf = (...args: string[]): string => {
      const r = spawnSync("terraform", args, { cwd: root, env, encoding: "utf8", maxBuffer: 1 << 28 });
      if (r.status !== 0) throw new Error(`corpus ${name}: terraform ${args[0]} failed:\n${r.stderr || r.stdout}`);
      return r.stdout;
    };
    tf("init", "-input=false", "-backend=false", "-no-color");
    tf("plan", "-input=false", "-refresh=false", "-lock=false", "-no-color", "-out=corpus.tfplan");
    return tf("show", "-json", "corpus.tfplan");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
