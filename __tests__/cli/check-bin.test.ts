// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// The installable command: built by scripts/build-bin.mjs, packed, installed into an empty project with npm
// (offline: it has no dependencies), then run with plain node: on the compliant fixture (cdk.tf.json) and its
// open-method twin, and on a real `terraform show -json` plan of that fixture (compliant.plan.json, written by
// terraform through make-compliant-plan.ts). Exit 0 / 1 / 2 as `npm run check`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installBin, type InstalledBin } from "../../bench/private/installed-bin";

const FIX = join(__dirname, "..", "guard", "fixtures");
const COMPLIANT = join(FIX, "compliant.tf.json");
const OPEN = join(FIX, "noncompliant", "NoOpenMethod.tf.json");
/** `terraform show -json` of COMPLIANT, planned offline by real terraform (regenerate: make-compliant-plan.ts). */
const PLAN = join(FIX, "compliant.plan.json");
const POLICY = join(FIX, "shop.policy.yaml");

let dir: string;
let installed: InstalledBin;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "check-bin-"));
  installed = installBin(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a file with plain node from the installing project (no node_modules of this repository in reach). */
function node(file: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [file, ...args], { cwd: installed.project, encoding: "utf8", env: { ...process.env, NODE_PATH: "" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("GIVEN the build THEN the bundle inlines yaml and nothing else (no cdktf)", () => {
  expect(installed.buildLog).toMatch(/inlined: yaml\)/);
});

test("GIVEN the compliant fixture WHEN the installed command checks it THEN exit 0", () => {
  const r = node(installed.bin, "check", COMPLIANT, "--policy", POLICY);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^PASS: /m);
});

test("GIVEN npx in the installing project THEN the same command runs", () => {
  const r = spawnSync("npx", ["--offline", "api-access-check", "check", COMPLIANT, "--policy", POLICY, "--format", "json"], {
    cwd: installed.project,
    encoding: "utf8",
  });
  expect(r.status).toBe(0);
  expect((JSON.parse(r.stdout) as { summary: { passed: boolean } }).summary.passed).toBe(true);
});

test("GIVEN its twin with one open method THEN exit 1 naming the rule and the route", () => {
  const r = node(installed.bin, "check", OPEN, "--policy", POLICY);
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/no-open-method\s+shop-dev\s+DELETE \/items\/\{id\}/);
});

test("GIVEN a real terraform show -json plan of the fixture THEN exit 0, and 1 once the policy wants another authorization", () => {
  expect(node(installed.bin, "check", PLAN, "--policy", POLICY)).toMatchObject({ code: 0, err: "" });
  const stricter = join(dir, "stricter.policy.yaml");
  writeFileSync(
    stricter,
    readFileSync(POLICY, "utf8").replace('"GET /":\n    type: NONE\n    reason: Index page with links only, no data.\n', '"GET /":\n    type: AWS_IAM\n'),
  );
  expect(readFileSync(stricter, "utf8")).toContain('"GET /":\n    type: AWS_IAM\n');
  const r = node(installed.bin, "check", PLAN, "--policy", stricter);
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/method-matches-policy\s+shop-dev\s+GET \/\s.*authorization is "NONE", policy says AWS_IAM/);
});

test.each([
  ["an input that is not JSON", ["check", "__NOT_JSON__", "--policy", POLICY], /bad JSON at line 1/],
  ["a missing subcommand", [], /missing subcommand/],
  ["an unknown subcommand", ["scan", "plan.json"], /unknown subcommand "scan"/],
  ["an unknown option", ["check", "plan.json", "--nope"], /Unknown option '--nope'/],
])("GIVEN %s THEN exit 2 with one clear message", (_n, argv, message) => {
  const notJson = join(dir, "not.json");
  writeFileSync(notJson, "{");
  const r = node(installed.bin, ...argv.map((a) => (a === "__NOT_JSON__" ? notJson : a)));
  expect(r.code).toBe(2);
  expect(r.err).toMatch(message);
  expect(r.err).not.toMatch(/\n\s+at /);
});

test.each([[["--help"]], [["check", "--help"]], [["--version"]]])("GIVEN %j THEN exit 0 with text on stdout", (argv) => {
  const r = node(installed.bin, ...argv);
  expect(r.code).toBe(0);
  expect(r.out).not.toBe("");
});

test("GIVEN no --policy and no ./policies in the installing project THEN the first run reports what is open and how to draft intent, exit by the findings", () => {
  const r = node(installed.bin, "check", OPEN);
  expect(r.err).not.toMatch(/ENOENT/);
  expect(r.err).toContain("intent is not checked yet");
  expect(r.err).toContain("--init-policy policies");
  expect(r.out).toMatch(/no-open-method\s+shop-dev\s+DELETE \/items\/\{id\}/);
  expect(r.code).toBe(1);
});
