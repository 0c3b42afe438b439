// cli/check.ts: exit 0 / 1 / 2 and one-line reasons, --format, --output, --fail-on.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/check";

const FIX = join(__dirname, "..", "guard", "fixtures");
const POLICY = join(FIX, "shop.policy.yaml");

function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

test("GIVEN a compliant input THEN exit 0", () => {
  expect(run(join(FIX, "compliant.tf.json"), "--policy", POLICY).code).toBe(0);
});

test("GIVEN a critical finding THEN exit 1", () => {
  const r = run(join(FIX, "noncompliant", "NoOpenMethod.tf.json"), "--policy", POLICY);
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/no-open-method/);
});

test("GIVEN only a low finding and --fail-on high THEN exit 0", () => {
  expect(run(join(FIX, "noncompliant", "StageXray.tf.json"), "--policy", POLICY, "--fail-on", "high").code).toBe(0);
  expect(run(join(FIX, "noncompliant", "StageXray.tf.json"), "--policy", POLICY, "--fail-on=low").code).toBe(1);
});

test("GIVEN --format sarif --output THEN the file holds SARIF", () => {
  const out = join(mkdtempSync(join(tmpdir(), "guard-cli-")), "r.sarif");
  run(join(FIX, "noncompliant", "StageXray.tf.json"), "--policy", POLICY, "--format", "sarif", "--output", out);
  expect(JSON.parse(readFileSync(out, "utf8")).version).toBe("2.1.0");
});

test("GIVEN --report twice THEN one run writes SARIF and JUnit, and stdout gets the table", () => {
  const dir = mkdtempSync(join(tmpdir(), "guard-cli-"));
  const r = run(
    join(FIX, "noncompliant", "StageXray.tf.json"),
    "--policy",
    POLICY,
    "--report",
    `sarif=${join(dir, "r.sarif")}`,
    "--report",
    `junit=${join(dir, "r.xml")}`,
  );
  expect(r.code).toBe(1);
  expect(JSON.parse(readFileSync(join(dir, "r.sarif"), "utf8")).version).toBe("2.1.0");
  expect(readFileSync(join(dir, "r.xml"), "utf8")).toMatch(/^<\?xml/);
  expect(r.out).toMatch(/stage-xray|FAIL/);
});

test("GIVEN a policy file that is neither YAML nor JSON THEN exit 2 naming it (it is not read as YAML)", () => {
  const file = join(mkdtempSync(join(tmpdir(), "guard-cli-")), "policy.txt");
  writeFileSync(file, "api: shop-*\nroutes: {}\n");
  const r = run(join(FIX, "compliant.tf.json"), "--policy", file);
  expect(r.code).toBe(2);
  expect(r.err).toBe(`check: ${file}: a policy file is .yaml, .yml or .json (got ${JSON.stringify(file)})\n`);
});

test("GIVEN --format json and --report THEN stdout is the JSON and the file the other format", () => {
  const dir = mkdtempSync(join(tmpdir(), "guard-cli-"));
  const r = run(join(FIX, "compliant.tf.json"), "--policy", POLICY, "--format", "json", "--report", `markdown=${join(dir, "r.md")}`);
  expect(r.code).toBe(0);
  expect((JSON.parse(r.out) as { summary: { passed: boolean } }).summary.passed).toBe(true);
  expect(readFileSync(join(dir, "r.md"), "utf8")).toMatch(/^#/);
});

test.each([
  ["a report without a file", [join(FIX, "compliant.tf.json"), "--report", "sarif"], /--report takes <format>=<file>/],
  ["one file for two reports", [join(FIX, "compliant.tf.json"), "--output", "x", "--report", "json=x"], /"x" is named by two reports/],
  ["a missing input", [join(FIX, "nope.json")], /nope.json: cannot read/],
  ["not JSON", ["__FILE__:{"], /bad JSON at line 1, column 2/],
  ["an unknown format", [join(FIX, "compliant.tf.json"), "--format", "xml"], /--format must be one of/],
  ["an unknown option", [join(FIX, "compliant.tf.json"), "--nope"], /Unknown option .--nope./],
  ["no input", [], /missing input/],
  ["a bad policy", [join(FIX, "compliant.tf.json"), "--policy", "__FILE__:api: x\nroutes:\n  GET /a: {type: NONE}\n"], /reason: NONE needs a written reason/],
])("GIVEN %s THEN exit 2 with the reason", (_n, argv, reason) => {
  const dir = mkdtempSync(join(tmpdir(), "guard-cli-"));
  const args = (argv as string[]).map((a, i) => {
    if (!a.startsWith("__FILE__:")) return a;
    const f = join(dir, `f${i}.${a.includes("routes") ? "yaml" : "json"}`);
    writeFileSync(f, a.slice("__FILE__:".length));
    return f;
  });
  const r = run(...args);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(reason);
});
