// `npm run classify`: writes guard/access/classification/provider-attributes.json, the list of every attribute and
// nested block of the in-scope resource types (guard/access/classification/scope.ts) of hashicorp/aws at the
// pinned version, from `terraform providers schema -json` run offline through TF_PROVIDER_MIRROR. The
// classification test reads the list, so a provider upgrade that adds an attribute fails until it is classified.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { mirrorCliConfig, runTerraform } from "../cli/private/terraform";
import { classifiedPath, inScope, PROVIDER, PROVIDER_VERSION } from "../guard/access/classification/scope";
import type { PathKind } from "../guard/access/classification/schema";

export const LIST_FILE = resolve(__dirname, "..", "guard", "access", "classification", "provider-attributes.json");

interface SchemaBlock {
  readonly attributes?: Readonly<
    Record<string, { readonly optional?: boolean; readonly required?: boolean; readonly computed?: boolean; readonly sensitive?: boolean }>
  >;
  readonly block_types?: Readonly<Record<string, { readonly block: SchemaBlock }>>;
}

/** Every path of the in-scope types of one provider's schema (`terraform providers schema -json`), sorted. */
export function extractAttributes(schema: unknown, provider = PROVIDER): Record<string, Record<string, PathKind>> {
  const resources = (schema as { provider_schemas?: Record<string, { resource_schemas?: Record<string, { block: SchemaBlock }> }> })?.provider_schemas?.[
    provider
  ]?.resource_schemas;
  if (resources === undefined) throw new Error(`the schema has no resource schemas of ${provider}`);
  const out: Record<string, Record<string, PathKind>> = {};
  for (const type of Object.keys(resources).filter(inScope).sort()) {
    const paths: Record<string, PathKind> = {};
    const walk = (block: SchemaBlock, prefix: readonly string[]): void => {
      for (const [name, a] of Object.entries(block.attributes ?? {})) {
        const kind: PathKind = a.sensitive === true ? "s" : a.computed === true && a.optional !== true && a.required !== true ? "c" : "a";
        paths[classifiedPath(type, [...prefix, name])] = kind;
      }
      for (const [name, b] of Object.entries(block.block_types ?? {})) {
        paths[classifiedPath(type, [...prefix, name])] = "b";
        walk(b.block, [...prefix, name]);
      }
    };
    walk(resources[type].block, []);
    out[type] = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  }
  return out;
}

/** The list as committed: one path a line (Prettier's own JSON layout), so a provider upgrade reads as a small diff. */
export function formatList(types: Record<string, Record<string, PathKind>>): string {
  return `${JSON.stringify({ provider: PROVIDER, version: PROVIDER_VERSION, types }, null, 2)}\n`;
}

async function main(): Promise<number> {
  const mirror = process.env["TF_PROVIDER_MIRROR"];
  if (mirror === undefined || mirror === "") {
    process.stderr.write("classify: set TF_PROVIDER_MIRROR to a provider mirror holding hashicorp/aws " + PROVIDER_VERSION + "\n");
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), "provider-schema-"));
  try {
    const required = { terraform: { required_providers: { aws: { source: "hashicorp/aws", version: PROVIDER_VERSION } } } };
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify(required));
    writeFileSync(join(dir, "cli.tfrc"), mirrorCliConfig(mirror));
    const env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, "cli.tfrc") };
    const init = await runTerraform(["init", "-input=false", "-backend=false"], dir, env);
    if (init.code !== 0) throw new Error(`terraform init failed:\n${init.stderr || init.stdout}`);
    const shown = await runTerraform(["providers", "schema", "-json"], dir, env);
    if (shown.code !== 0) throw new Error(`terraform providers schema failed:\n${shown.stderr}`);
    const types = extractAttributes(JSON.parse(shown.stdout) as unknown);
    writeFileSync(LIST_FILE, formatList(types));
    const paths = Object.values(types).reduce((n, p) => n + Object.keys(p).length, 0);
    process.stdout.write(`wrote ${LIST_FILE}: ${Object.keys(types).length} resource types, ${paths} paths (WAFv2 statements folded by type)\n`);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`classify: ${(e as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
