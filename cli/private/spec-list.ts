// Whether `npm run plan`'s synth would replace the output directory's stacks with another spec list's: main.ts
// records the list it built (SYNTH_MARKER); the list now in force is ACCESS_SPEC or access-specs.json.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { specSource, SYNTH_MARKER } from "../../access-spec/select";

/**
 * Why synthesizing now would replace the output directory's stacks with another spec list's (undefined when the
 * lists agree, or nothing was synthesized yet).
 */
export function specListClash(outdir: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const marker = join(outdir, SYNTH_MARKER);
  if (!existsSync(marker)) return undefined;
  let was: { from?: unknown; files?: unknown };
  try {
    was = JSON.parse(readFileSync(marker, "utf8")) as { from?: unknown; files?: unknown };
  } catch {
    return undefined;
  }
  const now = specSource(env).source;
  const same = JSON.stringify(was.files) === JSON.stringify(now.files);
  if (same) return undefined;
  const list = (files: unknown) => (Array.isArray(files) && files.length > 0 ? files.join(", ") : "the built-in samples");
  return (
    `${outdir} holds stacks synthesized from ${list(was.files)} (${String(was.from)}); synthesizing now would replace them with ` +
    `${list(now.files)} (${now.from}). Plan what is there with --no-synth, or synthesize the list you mean first ` +
    "(ACCESS_SPEC=... npm run synth, or edit access-specs.json)."
  );
}
