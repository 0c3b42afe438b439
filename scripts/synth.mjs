// `npm run synth`: runs the cdktf app into a fresh temporary directory and moves it to cdktf.out only
// when the whole run succeeded, so a failed run (bad spec, bundling error) leaves no partial output.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = resolve(root, process.env.CDKTF_OUTDIR ?? "cdktf.out");
const staging = mkdtempSync(join(dirname(outdir), ".cdktf.out.staging-"));
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
rmSync(outdir, { recursive: true, force: true });
renameSync(staging, outdir);
process.stdout.write(`synthesized into ${outdir} in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
