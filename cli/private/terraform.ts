// Terraform runs for `npm run plan`: what files the tool puts beside a synthesized stack (pure), and the
// process runner (I/O). The user's own Terraform configuration is never modified.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** Arguments that make the AWS provider call nothing: placeholder credentials and every skip flag. */
export const OFFLINE_PROVIDER_SETTINGS = {
  access_key: "offline-placeholder",
  secret_key: "offline-placeholder",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: "true",
  skip_region_validation: true,
} as const;

export const OVERRIDE_FILE = "zz_offline_override.tf.json";

/**
 * An override file for one synthesized stack: every `aws` provider configuration (default and aliases)
 * gets the offline settings, and the backend becomes local so no bucket is reached.
 */
export function offlineOverride(stackJson: unknown): Record<string, unknown> {
  const providers = readProviders(stackJson);
  const aws = providers.length > 0 ? providers : [{}];
  return {
    provider: {
      aws: aws.map((p) => ({ ...(typeof p.alias === "string" ? { alias: p.alias } : {}), ...OFFLINE_PROVIDER_SETTINGS })),
    },
    terraform: { backend: { local: { path: "terraform.offline.tfstate" } } },
  };
}

function readProviders(stackJson: unknown): Record<string, unknown>[] {
  if (typeof stackJson !== "object" || stackJson === null) return [];
  const provider = (stackJson as Record<string, unknown>).provider;
  if (typeof provider !== "object" || provider === null) return [];
  const aws = (provider as Record<string, unknown>).aws;
  const list = Array.isArray(aws) ? aws : aws !== undefined ? [aws] : [];
  return list.filter((p): p is Record<string, unknown> => typeof p === "object" && p !== null);
}

export const OFFLINE_VARS_FILE = "zz_offline.auto.tfvars.json";

/**
 * Placeholder values for the stack's required variables (no default) that the environment does not set
 * through TF_VAR_<name>, so an offline plan runs unattended. Values satisfy the perimeter's validations.
 */
export function offlineVariables(stackJson: unknown, env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const variables = field(stackJson, "variable");
  const result: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(variables)) {
    if (typeof decl !== "object" || decl === null || "default" in decl) continue;
    if (env[`TF_VAR_${name}`] !== undefined) continue;
    const type = String((decl as Record<string, unknown>).type ?? "string");
    if (name.endsWith("certificate_arn")) result[name] = "arn:aws:acm:us-east-1:000000000000:certificate/offline-placeholder";
    else if (type.startsWith("list") || type.startsWith("set")) result[name] = ["offline.placeholder.example"];
    else if (type === "number") result[name] = 1;
    else if (type === "bool") result[name] = false;
    else result[name] = `offline-placeholder-${name}-0123456789abcdef0123456789abcdef`.slice(0, 64);
  }
  return result;
}

function field(value: unknown, key: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null) return {};
  const inner = (value as Record<string, unknown>)[key];
  return typeof inner === "object" && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {};
}

/** A CLI configuration installing every provider from a filesystem mirror (TF_PROVIDER_MIRROR). */
export function mirrorCliConfig(mirrorDir: string): string {
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(mirrorDir)}`,
    '    include = ["registry.terraform.io/*/*"]',
    "  }",
    "}",
    "",
  ].join("\n");
}

/** Whether the environment carries any AWS credential source the provider could use. */
export function hasAwsCredentials(env: Readonly<Record<string, string | undefined>>): boolean {
  const set = (k: string): boolean => (env[k] ?? "") !== "";
  return (
    (set("AWS_ACCESS_KEY_ID") && set("AWS_SECRET_ACCESS_KEY")) ||
    set("AWS_PROFILE") ||
    set("AWS_WEB_IDENTITY_TOKEN_FILE") ||
    set("AWS_CONTAINER_CREDENTIALS_FULL_URI") ||
    set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
  );
}

/**
 * Why `terraform init` failed when it could not install a provider (registry unreachable, or the mirror lacks
 * it), said as what to do; undefined for any other failure.
 */
export function providerInstallHint(initOutput: string, mirror: string | undefined): string | undefined {
  const cannotInstall = [
    "Failed to query available provider packages",
    "Failed to install provider",
    "could not connect to registry",
    "was not found in any of the search locations",
  ].some((s) => initOutput.includes(s));
  if (!cannotInstall) return undefined;
  const now =
    mirror === undefined || mirror === ""
      ? "TF_PROVIDER_MIRROR is not set, so terraform tried the registry"
      : `TF_PROVIDER_MIRROR=${mirror} does not hold the provider version this stack requires`;
  return [
    `terraform could not install the providers (${now}).`,
    "Set TF_PROVIDER_MIRROR to a filesystem mirror: a directory laid out as",
    "  <mirror>/registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/terraform-provider-aws_v<version>_x5",
    "(or the packed layout <mirror>/registry.terraform.io/hashicorp/aws/terraform-provider-aws_<version>_<os>_<arch>.zip,",
    "which `terraform providers mirror <mirror>` writes on a machine that can reach the registry).",
  ].join("\n");
}

/** Set on every terraform run the tool makes: no call to HashiCorp's version-check service. */
export const TERRAFORM_ENV = { CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" } as const;

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs terraform and collects its output; `onOutput` also receives it as it comes (a long apply shows progress). */
export function runTerraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, onOutput?: (text: string) => void): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn("terraform", [...args], { cwd, env: { ...env, ...TERRAFORM_ENV }, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => {
      out.push(d);
      onOutput?.(d.toString("utf8"));
    });
    child.stderr.on("data", (d: Buffer) => {
      err.push(d);
      onOutput?.(d.toString("utf8"));
    });
    child.on("error", (e) => resolve({ code: 127, stdout: "", stderr: `cannot run terraform: ${e.message}` }));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

/**
 * The environment for the tool's terraform runs: with TF_PROVIDER_MIRROR set, a private CLI config (in a fresh
 * temporary directory the caller removes with `cleanup`) installs every provider from that mirror; the user's own
 * Terraform configuration is not touched. Throws when the mirror does not exist.
 */
export function terraformEnvironment(env: NodeJS.ProcessEnv): { readonly env: NodeJS.ProcessEnv; readonly cleanup: () => void } {
  const mirror = env.TF_PROVIDER_MIRROR;
  if (mirror === undefined || mirror === "") return { env: { ...env }, cleanup: () => undefined };
  if (!existsSync(mirror)) throw new Error(`TF_PROVIDER_MIRROR=${mirror} does not exist`);
  const scratch = mkdtempSync(join(tmpdir(), "access-terraform-"));
  const config = join(scratch, "terraform.rc");
  writeFileSync(config, mirrorCliConfig(resolve(mirror)));
  return { env: { ...env, TF_CLI_CONFIG_FILE: config }, cleanup: () => rmSync(scratch, { recursive: true, force: true }) };
}
