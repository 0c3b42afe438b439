// scripts/build-bin.mjs's command line: strict like every CLI of the project (--help exits 0, a usage error exits 2
// with the usage); the build itself is tested installed, in cli/check-bin.test.ts.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const SCRIPT = join(__dirname, "..", "..", "scripts", "build-bin.mjs");
const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8" });

describe("build-bin command line", () => {
  it("GIVEN --help THEN the usage on stdout, exit 0, nothing built", () => {
    const r = run("--help");
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: "usage: node scripts/build-bin.mjs [--outdir DIR]\n" });
  });

  it.each([
    [["--bogus"], "build-bin: Unknown option '--bogus'"],
    [["--outdir"], "build-bin: Option '--outdir <value>' argument missing"],
    [["--outdir="], "build-bin: --outdir needs a directory"],
  ])("GIVEN %j THEN one line and the usage, exit 2", (args, message) => {
    const r = run(...args);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 2, stderr: `${message}\nusage: node scripts/build-bin.mjs [--outdir DIR]\n` });
  });
});
