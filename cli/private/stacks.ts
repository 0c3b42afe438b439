// Which synthesized stacks a command works on: every `cdktf.out/stacks/<name>` with a cdk.tf.json, or the ones named.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** The stacks to work on, sorted as synthesized; a one-line problem when there is nothing synthesized or a name is unknown. */
export function selectSynthesizedStacks(outdir: string, wanted: readonly string[]): { readonly stacks: string[] } | { readonly problem: string } {
  const stacksDir = join(outdir, "stacks");
  if (!existsSync(stacksDir)) return { problem: `${stacksDir} does not exist; run npm run synth first` };
  const all = readdirSync(stacksDir)
    .filter((d) => existsSync(join(stacksDir, d, "cdk.tf.json")))
    .sort();
  const unknown = wanted.filter((s) => !all.includes(s));
  if (unknown.length > 0) return { problem: `unknown stack(s) ${unknown.join(", ")}; synthesized: ${all.join(", ")}` };
  return { stacks: wanted.length > 0 ? [...wanted] : all };
}
