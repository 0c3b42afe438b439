// The stacks this repository is configured to build (ACCESS_SPEC, else access-specs.json, else the sample: the same
// choice as npm run synth), synthesized in-process into a temporary directory by the project's own app code
// (access-spec/select, stacks/access-stack) and read with the check's loader, bundles and source rebuild included; and,
// when cdktf.out holds a plan.json of exactly this synth for every stack, the plan too. No terraform runs here.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { App } from "cdktf";
import { ownProjectRoot, sourceBuilds } from "../../../cli/private/source-bundles";
import { loadModel } from "../../../guard/load";
import type { Model } from "../../../guard/model";
import { selectSpecs, SYNTH_MARKER, type SpecSource } from "../../../access-spec/select";
import { AccessStack } from "../../../stacks/access-stack";

export const ROOT = resolve(__dirname, "..", "..", "..");

export type Configured =
  | {
      readonly ok: true;
      readonly source: SpecSource;
      readonly stacks: readonly string[];
      /** The synthesized cdk.tf.json of every stack. */
      readonly synth: Model;
      /** cdktf.out with a plan.json of this very synth for every stack. @default - none read */
      readonly plan?: Model;
      /** Why cdktf.out's plan.json was not read, when there is one. @default - nothing to say */
      readonly planNote?: string;
    }
  | { readonly ok: false; readonly source: SpecSource; readonly problems: readonly string[] };

/** The model of a synthesized cdktf.out, with this project's handlers rebuilt from source (bundle-matches-source). */
function modelOf(dir: string, prefer: "plan" | "config", builds: () => ReadonlyMap<string, string>): Model {
  const loaded = loadModel(dir, { prefer });
  const root = loaded.bundles !== undefined ? ownProjectRoot(dir, ROOT) : undefined;
  return root === undefined ? loaded : { ...loaded, sourceBuilds: builds() };
}

/** Why cdktf.out's plans are not of this synth, or undefined when every stack has one that is. */
function stalePlan(outdir: string, fresh: string, stacks: readonly string[]): string | undefined {
  const rel = relative(ROOT, outdir);
  let marked: unknown;
  try {
    marked = (JSON.parse(readFileSync(join(outdir, SYNTH_MARKER), "utf8")) as { stacks?: unknown }).stacks;
  } catch {
    marked = undefined;
  }
  if (JSON.stringify(marked) !== JSON.stringify(stacks))
    return `${rel} holds other stacks (${JSON.stringify(marked)}) than the configured ${JSON.stringify(stacks)}`;
  for (const s of stacks) {
    const plan = join(outdir, "stacks", s, "plan.json");
    const tf = join(outdir, "stacks", s, "cdk.tf.json");
    if (!existsSync(plan)) return `${rel} has no plan.json for ${s} (npm run plan writes it)`;
    if (!existsSync(tf) || statSync(plan).mtimeMs < statSync(tf).mtimeMs) return `${relative(ROOT, plan)} is older than its cdk.tf.json (run npm run plan)`;
    if (readFileSync(tf, "utf8") !== readFileSync(join(fresh, "stacks", s, "cdk.tf.json"), "utf8"))
      return `${relative(ROOT, tf)} is not what the configured specs synthesize now (run npm run plan)`;
  }
  return undefined;
}

export function configuredStacks(env: Readonly<Record<string, string | undefined>> = process.env): Configured {
  const cwd = process.cwd();
  // Spec paths in access-specs.json are relative to it and returned relative to the working directory: the root.
  process.chdir(ROOT);
  try {
    const selection = selectSpecs(env);
    if (selection.problems.length > 0) return { ok: false, source: selection.source, problems: selection.problems };
    const outdir = join(mkdtempSync(join(tmpdir(), "policy-tests-")), "cdktf.out");
    const app = new App({ outdir });
    for (const { stackName, spec, backend } of selection.stacks) new AccessStack(app, stackName, { spec, ...(backend !== undefined ? { backend } : {}) });
    app.synth();
    const stacks = selection.stacks.map((s) => s.stackName);
    writeFileSync(
      join(outdir, SYNTH_MARKER),
      `${JSON.stringify({ from: selection.source.from, files: selection.source.files, stacks, root: ROOT }, null, 2)}\n`,
    );
    let builds: ReadonlyMap<string, string> | undefined;
    const once = (): ReadonlyMap<string, string> => (builds ??= sourceBuilds(ROOT));
    const synth = modelOf(outdir, "config", once);
    const out = join(ROOT, "cdktf.out");
    const anyPlan = stacks.some((s) => existsSync(join(out, "stacks", s, "plan.json")));
    if (!anyPlan) return { ok: true, source: selection.source, stacks, synth };
    const note = stalePlan(out, outdir, stacks);
    return note === undefined
      ? { ok: true, source: selection.source, stacks, synth, plan: modelOf(out, "plan", once) }
      : { ok: true, source: selection.source, stacks, synth, planNote: note };
  } finally {
    process.chdir(cwd);
  }
}
