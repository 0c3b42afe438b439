// The one data-file reader (kernel/io/data-file.ts) and the commands that read data through it: deep nesting,
// alias bombs and duplicate keys are one clear line and exit 2; a legitimate policy using 150 aliases works.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main as check } from "../../../cli/check";
import { MAX_DEPTH, parseDataText } from "../../../kernel/io/data-file";
import { loadPolicies } from "../../../guard/policy/load";
import { RULES } from "../../../guard/rules";

const FIX = join(__dirname, "..", "..", "guard", "fixtures");
const SYNTH = join(__dirname, "..", "..", "guard", "review", "fixtures", "synth", "petstore-dev.cdk.tf.json");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "data-file-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const laughs = (): string => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++)
    lines.push(
      `${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(9)
        .fill(`*${"abcdefghi"[i - 1]}`)
        .join(",")}]`,
    );
  return `${lines.join("\n")}\napi: x\n`;
};

function runCheck(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = check(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join(""), err: err.join("") };
}

describe("parseDataText", () => {
  it("GIVEN JSON nested 5,000 levels THEN a refusal naming the position, before any recursive walk", () => {
    const r = parseDataText(`${"[".repeat(5000)}${"]".repeat(5000)}`, "json");
    expect(r).toEqual({ ok: false, message: `nested deeper than ${MAX_DEPTH} levels at line 1, column ${MAX_DEPTH + 1}` });
  });

  it("GIVEN brackets inside strings THEN they do not count as nesting", () => {
    expect(parseDataText(JSON.stringify({ a: "[".repeat(5000) }), "json").ok).toBe(true);
  });

  it("GIVEN a billion-laughs YAML THEN a refusal, quickly bounded by the alias cap", () => {
    expect(parseDataText(laughs(), "yaml")).toEqual({ ok: false, message: "bad YAML: aliases expand beyond 1000 nodes (a resource-exhaustion pattern)" });
  });

  it("GIVEN duplicate keys THEN JSON and YAML both refuse with line and column", () => {
    expect(parseDataText('{\n  "a": 1,\n  "a": 2\n}', "json")).toEqual({
      ok: false,
      message: "bad JSON at line 3, column 3: duplicate key (JSON would silently keep the last one)",
    });
    const y = parseDataText("a: 1\na: 2\n", "yaml");
    expect(y.ok === false && y.message).toMatch(/^bad YAML at line 2, column 1: /);
  });

  it("GIVEN a YAML syntax error THEN its line and column", () => {
    const y = parseDataText("routes:\n  - [unclosed\n", "yaml");
    expect(y.ok === false && y.message).toMatch(/^bad YAML at line \d+, column \d+: /);
  });
});

describe("GIVEN hostile policy files WHEN the check runs", () => {
  it.each([
    ["laughs.yaml", laughs, "bad YAML: aliases expand beyond 1000 nodes"],
    ["deep.json", () => `{"api": "x", "routes": ${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`, "nested deeper than 512 levels"],
    ["dup.json", () => '{"api": "petstore-*", "api": "other"}', "bad JSON at line 1, column 23: duplicate key"],
  ])("%s: one line naming the file, exit 2", (file, text, message) => {
    writeFileSync(join(dir, file), text());
    const r = runCheck([SYNTH, "--policy", join(dir, file)]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toContain(`${join(dir, file)}: ${message}`);
    expect(r.err).not.toContain("(got null)");
  });

  it("GIVEN a legitimate policy reusing one block through 150 aliases THEN it loads", () => {
    const lines = [readFileSync(join(FIX, "shop.policy.yaml"), "utf8"), "overrides:"];
    lines.push("  - apis: [shop-anchor]", "    routes:", '      "GET /r0": &iam {type: AWS_IAM, groups: [admins]}');
    for (let i = 1; i <= 150; i++) lines.push(`      "GET /r${i}": *iam`);
    writeFileSync(join(dir, "aliases.yaml"), `${lines.join("\n")}\n`);
    const set = loadPolicies(join(dir, "aliases.yaml"), RULES);
    expect(Object.keys(set.policies[0].overrides[0].routes)).toHaveLength(151);
  });
});

describe("GIVEN a hostile Terraform input WHEN the check runs", () => {
  it("nested 6,000 levels inside a resource: one line, exit 2, no stack trace", () => {
    const doc = JSON.stringify({ resource: { aws_api_gateway_rest_api: { x: { name: "n", body: "BODY" } } } }).replace(
      '"BODY"',
      `${'{"a":'.repeat(6000)}1${"}".repeat(6000)}`,
    );
    writeFileSync(join(dir, "deep.cdk.tf.json"), doc);
    const r = runCheck([join(dir, "deep.cdk.tf.json")]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`check: ${join(dir, "deep.cdk.tf.json")}: nested deeper than 512 levels at line 1, column 2605\n`);
  });
});
