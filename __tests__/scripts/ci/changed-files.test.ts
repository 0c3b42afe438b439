// scripts/ci/changed-files.sh with a stand-in `gh` on PATH answering as the GitHub API does (after --jq): renamed
// files count under both paths, and a list shorter than the pull request's changed_files fails instead of passing.
import { spawnSync } from "child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

const SCRIPT = join(__dirname, "..", "..", "..", "scripts", "ci", "changed-files.sh");

function run(files: string[], changedFiles: number, prNumber = "7"): { status: number | null; list: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), "changed-files-"));
  try {
    // The fake prints what `gh api ... --jq` would: one TSV row per file, or the changed_files count.
    writeFileSync(
      join(dir, "gh"),
      [
        "#!/usr/bin/env bash",
        'case "$*" in',
        `  *"pulls/$PR_NUMBER/files"*) printf '%b' ${JSON.stringify(files.map((f) => `${f}\n`).join(""))} ;;`,
        `  *"pulls/$PR_NUMBER"*) echo ${changedFiles} ;;`,
        '  *) echo "unexpected gh $*" >&2; exit 9 ;;',
        "esac",
        "",
      ].join("\n"),
    );
    chmodSync(join(dir, "gh"), 0o755);
    const out = join(dir, "changed.txt");
    const r = spawnSync("bash", [SCRIPT, out], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ""}`, GITHUB_REPOSITORY: "acme/api", PR_NUMBER: prNumber },
    });
    let list = "";
    try {
      list = readFileSync(out, "utf8");
    } catch {
      list = "";
    }
    return { status: r.status, list, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("changed-files.sh", () => {
  it("GIVEN a rename out of policies/ WHEN listed THEN both the new and the old path are listed", () => {
    const r = run(["README.md", "docs/old-policy.yaml\tpolicies/petstore.yaml"], 2);
    expect(r.status).toBe(0);
    expect(r.list.split("\n").filter((l) => l !== "")).toEqual(["README.md", "docs/old-policy.yaml", "policies/petstore.yaml"]);
  });

  it("GIVEN the API lists fewer files than the pull request changed WHEN listed THEN it fails rather than hide a gate change", () => {
    const r = run(["README.md"], 3001);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("listed 1 of 3001");
  });

  it("GIVEN a pull request number that is not a number WHEN listed THEN it refuses with exit 2", () => {
    expect(run([], 0, "7; rm -rf /").status).toBe(2);
  });
});
