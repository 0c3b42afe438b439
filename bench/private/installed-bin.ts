// Installs the check command the way another repository would: build the command's package
// (scripts/build-bin.mjs --outdir: the bundle beside a copy of packages/api-access-check), pack it into a tarball,
// `npm install` it into an empty project (offline: the package has no dependencies). Used by the start-up
// benchmark and the command's tests.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "..", "..");

export interface InstalledBin {
  /** The bundle as built (dist/check.js in `dir`). */
  readonly bundle: string;
  /** The packed package (`npm pack` of dist/ in `dir`). */
  readonly tarball: string;
  /** The empty project the tarball was installed into (run `npx api-access-check` here). */
  readonly project: string;
  /** `node_modules/.bin/api-access-check` of that project. */
  readonly bin: string;
  /** What the build said (file size, inlined packages). */
  readonly buildLog: string;
}

function run(cmd: string, args: readonly string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

export function installBin(dir: string): InstalledBin {
  const dist = join(dir, "dist");
  const buildLog = run(process.execPath, [join(root, "scripts", "build-bin.mjs"), "--outdir", dist], root);
  const tarball = run("npm", ["pack", "--silent", "--pack-destination", dir], dist).trim().split("\n").pop() ?? "";
  const project = join(dir, "project");
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "package.json"), '{ "private": true }\n');
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", join(dir, tarball)], project);
  return { bundle: join(dist, "check.js"), tarball: join(dir, tarball), project, bin: join(project, "node_modules", ".bin", "api-access-check"), buildLog };
}
