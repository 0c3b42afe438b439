// action.yml: no input reaches a script except through the environment; the documented workflow using it passes
// actionlint and gives the action exactly its inputs; and the Check step's own script, run by bash with the built
// command, records the exit code, writes the job summary and the SARIF report, and never reports 2 as a pass.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

const ROOT = join(__dirname, "..", "..");
const ACTIONLINT = join(ROOT, "node_modules", "@tktco", "node-actionlint", "bin", "node-actionlint.js");
const FIX = join(ROOT, "__tests__", "guard", "fixtures");

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly env?: Record<string, string>;
}
const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as { inputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };

/** The workflow example of docs/use-in-your-repo.md, using the action from the repository root. */
function documentedWorkflow(): string {
  const doc = readFileSync(join(ROOT, "docs", "use-in-your-repo.md"), "utf8");
  const m = /<!-- workflow-example[^>]*-->\n```yaml\n([\s\S]*?)```/.exec(doc);
  if (m === null) throw new Error("docs/use-in-your-repo.md: no workflow example");
  return m[1];
}

/** What is wrong with the inputs the workflow's steps give this action (`uses: OWNER/api-access-control@...`). */
function inputProblems(workflow: string): string[] {
  const doc = parse(workflow) as { jobs: Record<string, { steps?: (Step & { with?: Record<string, unknown> })[] }> };
  const uses = Object.values(doc.jobs)
    .flatMap((j) => j.steps ?? [])
    .filter((s) => /^OWNER\/api-access-control@/.test(s.uses ?? ""));
  if (uses.length === 0) return ["no step uses the action"];
  const inputs = action.inputs as Record<string, { required?: boolean }>;
  const problems: string[] = [];
  for (const s of uses) {
    const given = Object.keys(s.with ?? {});
    for (const k of given) if (!(k in inputs)) problems.push(`input "${k}" is not defined in action.yml`);
    for (const [k, v] of Object.entries(inputs)) if (v.required === true && !given.includes(k)) problems.push(`required input "${k}" is missing`);
  }
  return problems;
}

function actionlint(workflow: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "action-lint-"));
  try {
    mkdirSync(join(dir, ".github", "workflows"), { recursive: true });
    copyFileSync(join(ROOT, "action.yml"), join(dir, "action.yml"));
    writeFileSync(join(dir, ".github", "workflows", "use.yml"), workflow);
    const r = spawnSync(process.execPath, [ACTIONLINT, ".github/workflows/*.yml"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("action.yml", () => {
  it("GIVEN its steps THEN no script interpolates an expression: inputs reach scripts only as environment variables", () => {
    expect(action.runs.using).toBe("composite");
    const scripts = action.runs.steps.filter((s) => s.run !== undefined);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect({ step: s.name, run: s.run }).toEqual({ step: s.name, run: expect.not.stringContaining("${{") });
  });

  it("GIVEN the documented workflow using it THEN actionlint passes", () => {
    const local = documentedWorkflow().replace(/uses: OWNER\/api-access-control@\S+/, "uses: ./");
    expect(local).toContain("uses: ./");
    expect(actionlint(local)).toEqual({ status: 0, output: expect.stringContaining("passed") });
  });

  // actionlint as wasm reads no local action metadata, so the inputs are compared with action.yml here.
  it("GIVEN the documented workflow THEN it gives the action every required input and no unknown one; a misspelt one is caught", () => {
    expect(inputProblems(documentedWorkflow())).toEqual([]);
    expect(inputProblems(documentedWorkflow().replace("policy: policies\n", "polcy: policies\n"))).toEqual(['input "polcy" is not defined in action.yml']);
    expect(inputProblems(documentedWorkflow().replace(/ {10}input: plan\.json\n/, ""))).toEqual(['required input "input" is missing']);
  });
});

describe("the Check step's script", () => {
  const step = action.runs.steps.find((s) => s.id === "check") as Step;
  let temp: string;

  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), "action-run-"));
    const build = spawnSync(process.execPath, [join(ROOT, "scripts", "build-bin.mjs"), "--outdir", join(temp, "api-access-check")], { encoding: "utf8" });
    if (build.status !== 0) throw new Error(build.stderr);
  });
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  function runStep(input: string, env: Readonly<Record<string, string>> = {}) {
    for (const f of ["out", "summary", "api-access-check.sarif", "api-access-check.md"]) rmSync(join(temp, f), { force: true });
    writeFileSync(join(temp, "out"), "");
    writeFileSync(join(temp, "summary"), "");
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run as string], {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        RUNNER_TEMP: temp,
        GITHUB_OUTPUT: join(temp, "out"),
        GITHUB_STEP_SUMMARY: join(temp, "summary"),
        CHECK_INPUT: input,
        CHECK_POLICY: join(FIX, "shop.policy.yaml"),
        CHECK_FAIL_ON: "low",
        ...env,
      },
    });
    const outputs = Object.fromEntries(
      readFileSync(join(temp, "out"), "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split("=", 2)),
    );
    return { status: r.status, outputs, summary: readFileSync(join(temp, "summary"), "utf8"), sarif: existsSync(join(temp, "api-access-check.sarif")) };
  }

  it("GIVEN the compliant fixture THEN exit-code 0, a summary and a SARIF file", () => {
    const r = runStep(join(FIX, "compliant.tf.json"));
    expect(r.status).toBe(0);
    expect(r.outputs).toEqual({ "exit-code": "0", "sarif-file": join(temp, "api-access-check.sarif") });
    expect(r.summary).toContain("## API access check: passed");
    expect(r.summary).toContain("### Coverage");
  });

  it("GIVEN its open-method twin THEN exit-code 1 with the SARIF to upload (the last step fails the job)", () => {
    const r = runStep(join(FIX, "noncompliant", "NoOpenMethod.tf.json"));
    expect(r.status).toBe(0);
    expect(r.outputs["exit-code"]).toBe("1");
    expect(r.sarif).toBe(true);
    expect(r.summary).toContain("## API access check: failed");
  });

  it("GIVEN the twin's critical findings accepted by a baseline input THEN exit-code 0; a malformed baseline THEN 2", () => {
    const critical = { CHECK_FAIL_ON: "critical" };
    const twin = join(FIX, "noncompliant", "NoOpenMethod.tf.json");
    expect(runStep(twin, critical).outputs["exit-code"]).toBe("1");
    const baseline = join(temp, "baseline.yaml");
    const entry = (rule: string, detail?: string) =>
      `  - rule: ${rule}\n    address: aws_api_gateway_method.delete\n    api: shop-dev\n    route: "DELETE /items/{id}"\n` +
      (detail !== undefined ? `    detail: ${JSON.stringify(detail)}\n` : "") +
      `    reason: Internal test API, closed by SEC-12\n    owner: team-shop\n    expires: "2999-01-01"\n`;
    // method-matches-policy reports each difference from the policy on its own: one entry each (by its detail).
    writeFileSync(
      baseline,
      `accepted:\n${entry("no-open-method")}${entry("method-matches-policy", "authorization=NONE")}${entry("method-matches-policy", "authorizer=none")}`,
    );
    const accepted = runStep(twin, { ...critical, CHECK_BASELINE: baseline });
    expect(accepted.outputs["exit-code"]).toBe("0");
    expect(accepted.summary).toContain("## API access check: passed");
    writeFileSync(baseline, "accepted:\n  - rule: no-open-method\n");
    expect(runStep(twin, { ...critical, CHECK_BASELINE: baseline }).outputs).toEqual({ "exit-code": "2" });
  });

  it("GIVEN an input that cannot be read THEN exit-code 2 and no SARIF to upload", () => {
    const r = runStep(join(temp, "missing.json"));
    expect(r.outputs).toEqual({ "exit-code": "2" });
    expect(r.sarif).toBe(false);
  });
});

describe("the step failing the job", () => {
  const step = action.runs.steps.find((s) => s.name === "Fail on the check's result") as Step;
  it.each([
    ["0", 0],
    ["1", 1],
    ["2", 2],
    ["", 2],
  ])("GIVEN exit-code %j THEN the step exits %d", (code, status) => {
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run as string], {
      encoding: "utf8",
      env: { ...process.env, CHECK_EXIT: code },
    });
    expect(r.status).toBe(status);
  });
});
