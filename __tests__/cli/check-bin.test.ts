// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// The installable command: its package (packages/api-access-check) built by scripts/build-bin.mjs, packed,
// installed into an empty project with npm (offline: it has no dependencies), then run with plain node and npx: on
// the compliant fixture (cdk.tf.json) and its open-method twin, and on a real `terraform show -json` plan of that
// fixture (compliant.plan.json, written by terraform through make-compliant-plan.ts). Exit 0 / 1 / 2 as
// `npm run check`; `review` between the two as `npm run review`. The package itself: the check's bundle, the
// review's (loaded by `review` only) and the audit's (tested in audit-bin.test.ts), no
// dependencies, at most 1 MB packed, one package installed.
// Needs a working npm; says so visibly when skipped.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installBin, type InstalledBin } from "../../bench/private/installed-bin";

const FIX = join(__dirname, "..", "guard", "fixtures");
const COMPLIANT = join(FIX, "compliant.tf.json");
const OPEN = join(FIX, "noncompliant", "NoOpenMethod.tf.json");
/** `terraform show -json` of COMPLIANT, planned offline by real terraform (regenerate: make-compliant-plan.ts). */
const PLAN = join(FIX, "compliant.plan.json");
const POLICY = join(FIX, "shop.policy.yaml");

const ROOT = join(__dirname, "..", "..");
const npmUsable = spawnSync("npm", ["--version"], { encoding: "utf8" }).status === 0;
// Visible in the jest output: a skipped integration test must never look like a pass.
if (!npmUsable) console.warn("SKIPPED the installed-command tests: npm is not usable here (npm --version failed)");

let dir: string;
let installed: InstalledBin;

(npmUsable ? describe : describe.skip)("GIVEN the command's package packed and installed into an empty project", () => {
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

  test("GIVEN review from the compliant fixture to its open twin THEN exit 1 naming the route opened; the same input on both sides THEN exit 0", () => {
    const r = node(installed.bin, "review", "--base", COMPLIANT, "--head", OPEN, "--policy", POLICY, "--format", "text");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/BLOCK\s+shop-dev DELETE \/items\/\{id\}/);
    expect(node(installed.bin, "review", "--base", COMPLIANT, "--head", COMPLIANT, "--policy", POLICY, "--format", "text")).toMatchObject({ code: 0, err: "" });
  });

  test.each([
    ["an input that is not JSON", ["check", "__NOT_JSON__", "--policy", POLICY], /bad JSON at line 1/],
    ["a missing subcommand", [], /missing subcommand/],
    ["an unknown subcommand", ["scan", "plan.json"], /unknown subcommand "scan"/],
    ["an unknown option", ["check", "plan.json", "--nope"], /Unknown option '--nope'/],
    ["a review with nothing to compare", ["review"], /nothing to review/],
  ])("GIVEN %s THEN exit 2 with one clear message", (_n, argv, message) => {
    const notJson = join(dir, "not.json");
    writeFileSync(notJson, "{");
    const r = node(installed.bin, ...argv.map((a) => (a === "__NOT_JSON__" ? notJson : a)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  // The trial's finding: the installed review told its user to run `npm run review --`, which their project has not.
  test.each([
    ["check", ["check", "plan.json", "--nope"]],
    ["review", ["review", "--bogus"]],
  ])("GIVEN bad arguments to the installed %s THEN its usage names api-access-check %s, not the npm script", (sub, argv) => {
    const r = node(installed.bin, ...argv);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[1]).toMatch(new RegExp(`^usage: api-access-check ${sub} `));
    expect(r.err).not.toContain("npm run");
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

  const json = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const npx = (...args: string[]) => {
    const r = spawnSync("npx", ["--offline", "api-access-check", ...args], { cwd: installed.project, encoding: "utf8" });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  test("GIVEN the tarball THEN it is the committed package: the check's bundle and the audit's, licences, a README, no dependencies, at most 1 MB", () => {
    const files = spawnSync("tar", ["-tzf", installed.tarball], { encoding: "utf8" }).stdout.trim().split("\n").sort();
    expect(files).toEqual([
      "package/LICENSE",
      "package/README.md",
      "package/THIRD-PARTY-LICENSES",
      "package/audit.js",
      "package/check.js",
      "package/package.json",
      "package/review.js",
    ]);
    expect(statSync(installed.tarball).size).toBeLessThanOrEqual(1024 * 1024);
    const { scripts, ...committed } = json(join(ROOT, "packages", "api-access-check", "package.json"));
    expect(scripts).toEqual({ prepack: "node ../../scripts/build-bin.mjs" });
    const manifest = json(join(installed.project, "node_modules", "api-access-check", "package.json"));
    expect(manifest).toMatchObject(committed);
    expect(Object.keys(manifest).filter((k) => /ependencies$/.test(k))).toEqual([]);
  });

  test("GIVEN npm install of the tarball THEN exactly one package is installed", () => {
    const lock = json(join(installed.project, "node_modules", ".package-lock.json")) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages)).toEqual(["node_modules/api-access-check"]);
  });

  test("GIVEN npx api-access-check --help and --version THEN exit 0, the usage and the package's version", () => {
    expect(npx("--help")).toMatchObject({ code: 0, out: expect.stringMatching(/^usage: api-access-check check /) as unknown });
    expect(npx("--version")).toEqual({ code: 0, out: `${String(json(join(ROOT, "package.json")).version)}\n`, err: "" });
  });

  test("GIVEN the installed command WHEN it drafts a baseline THEN the draft is written and refused as written (exit 2)", () => {
    const baseline = join(dir, "baseline.yaml");
    const drafted = node(installed.bin, "check", OPEN, "--policy", POLICY, "--fail-on", "critical", "--write-baseline", baseline);
    expect(drafted).toMatchObject({ code: 0, err: "" });
    expect(readFileSync(baseline, "utf8")).toContain('owner: "TODO"');
    const refused = node(installed.bin, "check", OPEN, "--policy", POLICY, "--baseline", baseline);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("accepted[0].reason: is the drafted placeholder");
  });

  test("GIVEN npx api-access-check check on a real plan.json THEN the report, exit 0 with its policy and 1 without one (its one open route)", () => {
    const checked = npx("check", PLAN, "--policy", POLICY, "--format", "json");
    expect(checked.code).toBe(0);
    expect((JSON.parse(checked.out) as { summary: { passed: boolean } }).summary.passed).toBe(true);
    const first = npx("check", PLAN);
    expect(first.code).toBe(1);
    expect(first.err).toContain("open to anyone: 1 route(s): shop-dev GET /");
    expect(first.out).toMatch(/^FAIL: /m);
  });
});

(npmUsable ? test : test.skip)("GIVEN npm pack at the repository root THEN it refuses and names the command's package (the root is the project)", () => {
  const r = spawnSync("npm", ["pack", "--dry-run", "--ignore-scripts=false"], { cwd: ROOT, encoding: "utf8" });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain("The check command's package is packages/api-access-check");
});
