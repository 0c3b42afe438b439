// The check's rebuild of this project's handlers from source, for an input that is this project's own cdktf.out
// (its synth marker names this directory as the project that made it). Each `lambdas/<name>/index.ts` is bundled
// exactly as the stacks bundle it (constructs/private/bundle.ts) and keyed by the same code digest the loader takes
// of a package (guard/load/bundles.ts codeDigest).
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { codeDigest } from "../../guard/load/bundles";
import { SYNTH_MARKER } from "../../kernel/io/synth-marker";

/** The project root when `input` is a cdktf.out this project synthesized, else undefined (then nothing is rebuilt). */
export function ownProjectRoot(input: string, cwd: string): string | undefined {
  const marker = join(input, SYNTH_MARKER);
  if (!existsSync(marker) || !existsSync(join(cwd, "constructs", "private", "bundle.ts"))) return undefined;
  try {
    const root = (JSON.parse(readFileSync(marker, "utf8")) as { root?: unknown }).root;
    return typeof root === "string" && realpathSync(root) === realpathSync(cwd) ? cwd : undefined;
  } catch {
    return undefined;
  }
}

/** Code digest -> entry of every handler under `root`/lambdas, built from source. */
export function sourceBuilds(root: string): Map<string, string> {
  // Loaded here, not at the top: the installable check (cli/check-bin.ts) never bundles esbuild or the constructs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildHandlerCode } = require(join(root, "constructs", "private", "bundle")) as { buildHandlerCode: (entry: string, runtime: string) => Buffer };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NODE_RUNTIMES } = require(join(root, "constructs", "private", "runtime")) as { NODE_RUNTIMES: Readonly<Record<string, unknown>> };
  const out = new Map<string, string>();
  const lambdas = join(root, "lambdas");
  for (const name of readdirSync(lambdas).sort()) {
    const entry = join(lambdas, name, "index.ts");
    if (!existsSync(entry)) continue;
    // A function may pick any runtime the stacks deploy, and each builds different code: every one is a handler's build.
    for (const runtime of Object.keys(NODE_RUNTIMES)) {
      out.set(codeDigest([{ name: "index.js", data: buildHandlerCode(entry, runtime) }]), `lambdas/${name}/index.ts`);
    }
  }
  return out;
}
