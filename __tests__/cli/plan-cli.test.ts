// `npm run plan`'s command line, on the shared plumbing: --help exits 0, bad usage exits 2 with the usage.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "..", "..");
// An empty out dir: nothing here may touch the shared cdktf.out or run terraform.
const env = { ...process.env, CDKTF_OUTDIR: join(mkdtempSync(join(tmpdir(), "plan-cli-")), "cdktf.out") };
const plan = (...args: string[]) =>
  spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "cli", "plan.ts"), ...args], { cwd: root, env, encoding: "utf8" });

describe("plan command line", () => {
  it("GIVEN --help THEN it prints the usage and exits 0", () => {
    const r = plan("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("usage: npm run plan -- [--offline | --online] [--no-synth] [<stack>...]");
  });

  it.each([
    [["--bogus"], "Unknown option '--bogus'"],
    [["--offline", "--online"], "give --offline or --online, not both"],
  ])("GIVEN %j THEN one line and the usage, exit 2", (args, message) => {
    const r = plan(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`plan: ${message}\nusage: npm run plan`);
  });

  it("GIVEN --no-synth and no synthesized output THEN it says to synthesize first, exit 2", () => {
    const r = plan("--no-synth");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("run npm run synth first");
  });
});
