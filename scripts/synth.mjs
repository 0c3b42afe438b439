// `npm run synth`: runs the cdktf app into a fresh temporary directory and moves it to cdktf.out only
// when the whole run succeeded, so a failed run (bad spec, bundling error) leaves no partial output.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = resolve(root, process.env.CDKTF_OUTDIR ?? "cdktf.out");
// The staging directory sits beside the output so the final rename stays on one filesystem; CDKTF_OUTDIR may name
// a directory whose parent does not exist yet.
let staging;
try {
  mkdirSync(dirname(outdir), { recursive: true });
  staging = mkdtempSync(join(dirname(outdir), ".cdktf.out.staging-"));
} catch (e) {
  const blocked = e.code === "EEXIST" || e.code === "ENOTDIR" ? " (a file is in the way)" : "";
  process.stderr.write(`synth: cannot create ${dirname(outdir)} to write ${outdir} into: ${e.code ?? e.message}${blocked}\n`);
  process.exit(2);
}
const started = Date.now();
const tsx = join(root, "node_modules", ".bin", "tsx");
const run = spawnSync(tsx, [join(root, "main.ts")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, CDKTF_OUTDIR: staging, CHECKPOINT_DISABLE: "1" },
});
if (run.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  process.stderr.write(`synth failed; ${existsSync(outdir) ? `${outdir} was left as it was` : "no output written"}\n`);
  process.exit(run.status ?? 1);
}
// The app records which spec list it built and the stacks (main.ts); say both.
let written = { stacks: [], from: "?" };
try {
  written = JSON.parse(readFileSync(join(staging, "access-specs.synthesized.json"), "utf8"));
} catch {
  // an app without the marker: the stacks directory still tells
}
rmSync(outdir, { recursive: true, force: true });
renameSync(staging, outdir);
const stacks = written.stacks.length > 0 ? written.stacks : existsSync(join(outdir, "stacks")) ? readdirSync(join(outdir, "stacks")) : [];
process.stdout.write(
  `synthesized ${stacks.length} stack(s) into ${outdir} in ${((Date.now() - started) / 1000).toFixed(1)}s (specs from ${written.from}):\n` +
    stacks.map((s) => `  ${s}  ${join(outdir, "stacks", s, "cdk.tf.json")}\n`).join(""),
);
