// A policy file may name the format it is written for (`version`); a later format is refused with exit 2 rather than
// read as this one (a word it adds could mean more access than this tool would check), and a bad value is a problem.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main as check } from "../../../cli/check";
import { parsePolicyDocument, POLICY_FILE_VERSION } from "../../../guard/policy/parse";
import { parseDataText } from "../../../kernel/io/data-file";

const FIX = join(__dirname, "..", "fixtures");
const SHOP = readFileSync(join(FIX, "shop.policy.yaml"), "utf8");

/** The shop fixture's own policy with a top-level `version` line (or none). */
function shop(version?: string): unknown {
  const parsed = parseDataText(version === undefined ? SHOP : `version: ${version}\n${SHOP}`, "yaml");
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.data;
}

const problemsOf = (version?: string): string[] => parsePolicyDocument(shop(version), "shop.policy.yaml").problems.map((p) => `${p.path}: ${p.message}`);

describe("GIVEN the shop policy", () => {
  it("WHEN it names no version, or this tool's THEN it is read as before", () => {
    expect(POLICY_FILE_VERSION).toBe(1);
    expect(problemsOf()).toEqual([]);
    expect(problemsOf("1")).toEqual([]);
    expect(parsePolicyDocument(shop("1"), "f").policy).toEqual(parsePolicyDocument(shop(), "f").policy);
  });

  it("WHEN it names a later version THEN it is refused with what to do", () => {
    expect(problemsOf("2")).toEqual(["version: this file is written for policy format 2; this tool reads format 1: upgrade the tool (docs/migrations.md)"]);
  });

  it.each(["0", '"1"', "1.5", "latest", "-1"])("WHEN its version is %s THEN that is a problem", (v) => {
    expect(problemsOf(v)).toEqual(["version: must be 1 (the policy file format), or left out"]);
  });
});

describe("GIVEN a check with a policy of a later format", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "policy-version-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("WHEN run THEN it exits 2 naming the file and the version; the same file at version 1 checks", () => {
    const run = (version: string): { code: number; err: string } => {
      const file = join(dir, `v${version}.policy.yaml`);
      writeFileSync(file, `version: ${version}\n${SHOP}`);
      let err = "";
      const code = check([join(FIX, "compliant.tf.json"), "--policy", file], { out: () => undefined, err: (s) => (err += s) });
      return { code, err };
    };
    const later = run("2");
    expect(later.code).toBe(2);
    expect(later.err).toContain("v2.policy.yaml");
    expect(later.err).toContain("this file is written for policy format 2");
    expect(run("1").code).not.toBe(2);
  });
});
