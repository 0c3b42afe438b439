// `npm run plan`'s command line, on the shared plumbing: --help exits 0, bad usage exits 2 with the usage; and
// when terraform cannot install the providers, init's error says to set TF_PROVIDER_MIRROR (real terraform, on a
// one-provider stack: nothing is planned). The real plan of the sample is in plan.test.ts.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
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
    expect(r.stdout).toContain("usage: npm run plan -- [--offline | --online] [--no-synth] [--jobs <n>] [--save-plan <file> <stack>] [<stack>...]");
  });

  it.each([
    [["--bogus"], "Unknown option '--bogus'"],
    [["--offline", "--online"], "give --offline or --online, not both"],
    [["--jobs", "0"], '--jobs must be a whole number from 1 to 999 (got "0")'],
    [["--jobs", "two"], '--jobs must be a whole number from 1 to 999 (got "two")'],
    [
      ["--offline", "--save-plan", "p.tfplan", "petstore-dev"],
      "--save-plan needs an online plan (an offline plan uses placeholder credentials and cannot be applied)",
    ],
    [["--online", "--save-plan", "p.tfplan"], "--save-plan takes exactly one stack"],
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

const terraformOnPath = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
if (!terraformOnPath) console.warn("SKIPPED plan init-failure test: terraform is not on PATH");

(terraformOnPath ? describe : describe.skip)("GIVEN a synthesized stack WHEN terraform cannot install its provider", () => {
  const scratch = mkdtempSync(join(tmpdir(), "plan-init-"));
  const outdir = join(scratch, "cdktf.out");
  mkdirSync(join(outdir, "stacks", "tiny"), { recursive: true });
  writeFileSync(
    join(outdir, "stacks", "tiny", "cdk.tf.json"),
    JSON.stringify({
      terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } } },
      provider: { aws: [{ region: "us-east-1" }] },
    }),
  );
  const base: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, AWS_ACCESS_KEY_ID: "", AWS_PROFILE: "", CI: "1" };
  const planTiny = (extra: NodeJS.ProcessEnv) =>
    spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "cli", "plan.ts"), "--no-synth", "--offline", "tiny"], {
      cwd: root,
      env: { ...base, ...extra },
      encoding: "utf8",
    });

  it("WHEN the mirror lacks the provider THEN init's error under the stack name says TF_PROVIDER_MIRROR does not hold it", () => {
    const r = planTiny({ TF_PROVIDER_MIRROR: mkdtempSync(join(scratch, "empty-mirror-")) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("tiny: terraform init failed");
    expect(r.stderr).toMatch(/TF_PROVIDER_MIRROR=\S+ does not hold the provider/);
    expect(r.stderr).toContain("<mirror>/registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/");
  });

  it("WHEN no mirror is set and the registry is unreachable THEN the error says to set TF_PROVIDER_MIRROR", () => {
    const r = planTiny({ TF_PROVIDER_MIRROR: "", HTTPS_PROXY: "http://127.0.0.1:9", https_proxy: "http://127.0.0.1:9", NO_PROXY: "", no_proxy: "" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("tiny: terraform init failed");
    expect(r.stderr).toContain("TF_PROVIDER_MIRROR is not set");
    expect(r.stderr).toContain("Set TF_PROVIDER_MIRROR to a filesystem mirror");
  });
});
