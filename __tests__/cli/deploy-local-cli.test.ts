// `npm run deploy:local` refuses, before starting or synthesizing anything, what could reach real AWS or makes no
// sense: one line, exit 2. (The apply itself is __tests__/stacks/apply-moto.test.ts.)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "..", "..");
const outdir = join(mkdtempSync(join(tmpdir(), "deploy-local-cli-")), "cdktf.out");
const run = (...args: string[]): { status: number | null; stderr: string; stdout: string } => {
  const r = spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "cli", "deploy-local.ts"), ...args], {
    cwd: root,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
};

describe("GIVEN an endpoint that is not on a loopback address", () => {
  test.each(["https://apigateway.eu-west-1.amazonaws.com", "http://10.1.2.3:5000"])(
    "WHEN deploy:local --endpoint %s THEN one line, exit 2, nothing synthesized",
    (url) => {
      const r = run("--endpoint", url);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `deploy:local: refusing --endpoint ${url}: not an http(s) URL on a loopback address (127.0.0.0/8, [::1], localhost); this command never calls real AWS\n`,
      );
      expect(() => readdirSync(outdir)).toThrow();
    },
  );
});

describe("GIVEN --destroy without --endpoint", () => {
  test("THEN it is a usage error: a server this command would start holds nothing to destroy", () => {
    const r = run("--destroy");
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe("deploy:local: --destroy needs --endpoint, the server the stacks were applied to");
  });
});
