// The CI workflows are code too: these tests pin the invariants that keep the gate out of the pull request's
// reach. Jobs that run the pull request's code hold a read-only token and no secrets; jobs that hold a write
// scope run no code of the pull request; the required check runs the base branch's code and policies.
import { execFileSync } from "child_process";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { changesGate, GATE_PATHS } from "../../guard/review/gate-paths";

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
  readonly "working-directory"?: string;
}
interface Job {
  readonly needs?: string | string[];
  readonly outputs?: Record<string, string>;
  readonly if?: string;
  readonly environment?: string | { name: string };
  readonly permissions?: Record<string, string> | string;
  readonly env?: Record<string, unknown>;
  readonly steps: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string> | string;
  readonly concurrency?: { group: string; "cancel-in-progress": boolean };
  readonly env?: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}

const ROOT = join(__dirname, "..", "..");
const WORKFLOWS_DIR = join(ROOT, ".github", "workflows");
const FILES = readdirSync(WORKFLOWS_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const load = (file: string): Workflow => parse(readFileSync(join(WORKFLOWS_DIR, file), "utf8")) as Workflow;

const BASE_SHA = "${{ github.event.pull_request.base.sha }}";
const PR_TRIGGERS = ["pull_request", "pull_request_target"];

const runs = (job: Job): string => job.steps.map((s) => s.run ?? "").join("\n");
const uses = (job: Job): string[] => job.steps.flatMap((s) => (s.uses === undefined ? [] : [s.uses]));
const stepUsing = (job: Job, action: string): Step | undefined => job.steps.find((s) => s.uses?.startsWith(`${action}@`));
const stepsUsing = (job: Job, action: string): Step[] => job.steps.filter((s) => s.uses?.startsWith(`${action}@`));
const permissionsOf = (job: Job): Record<string, string> => {
  expect(typeof job.permissions).toBe("object");
  return job.permissions as Record<string, string>;
};
const writeScopes = (job: Job): string[] =>
  Object.entries(typeof job.permissions === "object" ? job.permissions : {})
    .filter(([, level]) => level === "write")
    .map(([scope]) => scope)
    .sort();

/** A checkout of anything but the base commit puts the pull request's code (the merge commit by default) on disk. */
const checksOutHead = (job: Job): boolean => stepsUsing(job, "actions/checkout").some((s) => s.with?.ref !== BASE_SHA);
/** Shell steps that execute project code: npm/npx/node/tsx/scripts. */
const EXECUTES = /\b(npm|npx|node|tsx|yarn|pnpm|make)\b|\bbash\s+\S|(^|\s)\.\//m;
/** A job runs the pull request's code when it checks out the head, or executes anything not under the base checkout. */
function runsHeadCode(job: Job): boolean {
  if (checksOutHead(job)) return true;
  return job.steps.some((s) => {
    if (s.run === undefined || !EXECUTES.test(s.run)) return false;
    if (s["working-directory"] === "base") return false;
    // Every command line that executes something names its program under base/.
    return s.run.split("\n").some((line) => EXECUTES.test(line) && !/(^|\s)(bash\s+)?base\/(scripts|node_modules)\//.test(line.trim()));
  });
}
function triggers(wf: Workflow): string[] {
  return typeof wf.on === "string" ? [wf.on] : Array.isArray(wf.on) ? (wf.on as string[]) : Object.keys(wf.on);
}

describe.each(FILES)("%s: general hygiene", (file) => {
  const wf = load(file);

  it("GIVEN the workflow WHEN read THEN grants nothing at the top level", () => {
    expect(wf.permissions).toEqual({});
  });

  it("GIVEN every job WHEN read THEN it declares its own permissions and never write-all", () => {
    for (const job of Object.values(wf.jobs)) {
      expect(typeof job.permissions).toBe("object");
      expect(job.permissions).not.toBe("write-all");
    }
  });

  it("GIVEN every action used WHEN read THEN it is pinned by version tag or commit", () => {
    for (const job of Object.values(wf.jobs)) {
      for (const action of uses(job)) expect(action).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
    }
  });

  it("GIVEN checkouts WHEN read THEN they do not persist the token in the git config", () => {
    for (const job of Object.values(wf.jobs)) {
      for (const step of stepsUsing(job, "actions/checkout")) expect(step.with?.["persist-credentials"]).toBe(false);
    }
  });

  it("GIVEN shell steps WHEN read THEN no event field or secret is pasted into a script (passed through env instead)", () => {
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps) expect(step.run ?? "").not.toMatch(/\$\{\{\s*(github\.event|secrets\.|github\.head_ref)/);
    }
  });

  it("GIVEN OIDC credentials WHEN used THEN only jobs that configure AWS credentials hold id-token: write", () => {
    const oidcJobs = Object.entries(wf.jobs)
      .filter(([, job]) => stepUsing(job, "aws-actions/configure-aws-credentials") !== undefined)
      .map(([name]) => name)
      .sort();
    const withIdToken = Object.entries(wf.jobs)
      .filter(([, job]) => writeScopes(job).includes("id-token"))
      .map(([name]) => name)
      .sort();
    expect(withIdToken).toEqual(oidcJobs);
  });

  it("GIVEN the repository contents WHEN read THEN no job can write to them", () => {
    for (const job of Object.values(wf.jobs)) expect(writeScopes(job)).not.toContain("contents");
  });

  it("GIVEN a pull request trigger WHEN a job holds a write scope THEN it runs no code of the pull request", () => {
    if (!triggers(wf).some((t) => PR_TRIGGERS.includes(t))) return;
    for (const [name, job] of Object.entries(wf.jobs)) {
      if (writeScopes(job).length === 0) continue;
      expect({ job: name, checksOut: stepsUsing(job, "actions/checkout").length, runsHeadCode: runsHeadCode(job) }).toEqual({
        job: name,
        checksOut: 0,
        runsHeadCode: false,
      });
    }
  });

  it("GIVEN a pull request trigger WHEN a job runs the pull request's code THEN it holds contents: read only and no secret", () => {
    if (!triggers(wf).some((t) => PR_TRIGGERS.includes(t))) return;
    for (const [name, job] of Object.entries(wf.jobs)) {
      if (!runsHeadCode(job)) continue;
      expect({ job: name, permissions: job.permissions }).toEqual({ job: name, permissions: { contents: "read" } });
      expect(JSON.stringify(job)).not.toMatch(/secrets\./);
    }
  });

  it("GIVEN pull_request_target (base context, write token) WHEN used THEN no job checks out or runs anything", () => {
    if (!triggers(wf).includes("pull_request_target")) return;
    for (const job of Object.values(wf.jobs)) {
      expect(stepsUsing(job, "actions/checkout")).toEqual([]);
      expect(runsHeadCode(job)).toBe(false);
    }
  });

  it("GIVEN a pull request trigger WHEN an artifact is downloaded THEN by the ID a job output names, never by name or unfiltered", () => {
    // Head code in the same run can lift the artifact token from the runner and upload (or delete and re-upload) an
    // artifact of any name; it cannot set another job's outputs. No name and no ID downloads every artifact.
    if (!triggers(wf).some((t) => PR_TRIGGERS.includes(t))) return;
    for (const [name, job] of Object.entries(wf.jobs)) {
      for (const step of stepsUsing(job, "actions/download-artifact")) {
        expect({ job: name, name: step.with?.name, pattern: step.with?.pattern }).toEqual({ job: name, name: undefined, pattern: undefined });
        expect(String(step.with?.["artifact-ids"])).toMatch(/^\$\{\{ needs\.[\w-]+\.outputs\.[\w-]+ \}\}$/);
        expect(step.with?.["merge-multiple"]).toBe(true);
      }
    }
  });

  it("GIVEN workflow_run (write token, artifacts of PR runs) WHEN looked for THEN no workflow uses it", () => {
    expect(triggers(wf)).not.toContain("workflow_run");
  });
});

describe("the classification used above", () => {
  const job = (steps: Step[]): Job => ({ permissions: {}, steps });
  it("Noncompliance: a default checkout, a checkout of the head, npm outside base/ THEN head code", () => {
    expect(runsHeadCode(job([{ uses: "actions/checkout@v4", with: { "persist-credentials": false } }]))).toBe(true);
    expect(runsHeadCode(job([{ uses: "actions/checkout@v4", with: { ref: "${{ github.event.pull_request.head.sha }}" } }]))).toBe(true);
    expect(runsHeadCode(job([{ run: "npm ci" }]))).toBe(true);
    expect(runsHeadCode(job([{ run: "bash head-synth/gate.sh" }]))).toBe(true);
    expect(runsHeadCode(job([{ run: "./run.sh" }]))).toBe(true);
  });
  it("Compliance: a base checkout, npm in base/, base scripts, gh api THEN no head code", () => {
    expect(
      runsHeadCode(
        job([
          { uses: "actions/checkout@v4", with: { ref: BASE_SHA, path: "base" } },
          { run: "npm ci", "working-directory": "base" },
        ]),
      ),
    ).toBe(false);
    expect(runsHeadCode(job([{ run: "bash base/scripts/ci/gate.sh base head-synth out a b" }]))).toBe(false);
    expect(runsHeadCode(job([{ run: 'gh api "repos/$R/issues/$N/labels"' }]))).toBe(false);
  });
});

describe("pull-request.yml", () => {
  const wf = load("pull-request.yml");
  const { test, synth, gate, publish, comment } = wf.jobs;

  it("GIVEN the triggers WHEN read THEN pull_request only, including pushes and label changes", () => {
    expect(triggers(wf)).toEqual(["pull_request"]);
    const pr = wf.on.pull_request as { types: string[] };
    expect(pr.types).toEqual(expect.arrayContaining(["opened", "synchronize", "reopened", "labeled", "unlabeled"]));
  });

  it("GIVEN two pushes to one PR WHEN the second starts THEN the first is cancelled (concurrency per PR)", () => {
    expect(wf.concurrency?.group).toContain("github.event.pull_request.number");
    expect(wf.concurrency?.["cancel-in-progress"]).toBe(true);
  });

  it("GIVEN the jobs WHEN classified THEN test and synth run head code, gate runs base code, the writers run none", () => {
    const headJobs = Object.entries(wf.jobs)
      .filter(([, j]) => runsHeadCode(j))
      .map(([n]) => n)
      .sort();
    expect(headJobs).toEqual(["synth", "test"]);
    const writers = Object.entries(wf.jobs)
      .filter(([, j]) => writeScopes(j).length > 0)
      .map(([n]) => n)
      .sort();
    expect(writers).toEqual(["comment", "publish"]);
    expect(writeScopes(publish)).toEqual(["checks", "security-events"]);
    expect(writeScopes(comment)).toEqual(["pull-requests"]);
  });

  it("GIVEN the test job WHEN read THEN installs with npm ci and runs npm test with read-only contents", () => {
    expect(runs(test)).toContain("npm ci");
    expect(runs(test)).toContain("npm test");
    expect(permissionsOf(test)).toEqual({ contents: "read" });
  });

  it("GIVEN the synth job WHEN read THEN plans offline with no credentials and uploads data only", () => {
    expect(permissionsOf(synth)).toEqual({ contents: "read" });
    expect(runs(synth)).toContain("npm run plan -- --offline");
    expect(stepUsing(synth, "aws-actions/configure-aws-credentials")).toBeUndefined();
    const upload = stepUsing(synth, "actions/upload-artifact");
    expect(upload?.with?.name).toBe("head-synth");
    const paths = String(upload?.with?.path)
      .split("\n")
      .map((p) => p.trim())
      .filter((p) => p !== "");
    expect(paths[0]).toBe("cdktf.out");
    for (const excluded of ["**/.terraform", "**/*.tfplan", "**/plan.out", "**/*.tfstate", "**/*.tfvars"]) expect(paths).toContain(`!cdktf.out/${excluded}`);
    expect(upload?.with?.["include-hidden-files"]).toBe(false);
  });

  it("GIVEN the gate WHEN read THEN it checks out the base commit only, into base/, and never the head", () => {
    const checkouts = stepsUsing(gate, "actions/checkout");
    expect(checkouts).toHaveLength(1);
    expect(checkouts[0]?.with).toEqual({ ref: BASE_SHA, path: "base", "persist-credentials": false });
    expect(JSON.stringify(gate)).not.toMatch(/head\.(sha|ref)|head_ref|github\.sha/);
    expect(runsHeadCode(gate)).toBe(false);
  });

  it("GIVEN the gate WHEN read THEN installs the base's dependencies without a cache a head job could have written", () => {
    const install = gate.steps.find((s) => s.run?.includes("npm ci"));
    expect(install?.["working-directory"]).toBe("base");
    expect(stepUsing(gate, "actions/setup-node")?.with).not.toHaveProperty("cache");
    expect(stepUsing(gate, "actions/cache")).toBeUndefined();
  });

  it("GIVEN the gate WHEN read THEN holds read scopes only and is the status that decides (no continue-on-error)", () => {
    expect(permissionsOf(gate)).toEqual({ contents: "read", "pull-requests": "read", issues: "read" });
    expect(JSON.stringify(gate)).not.toContain("continue-on-error");
    expect(gate.needs).toBe("synth");
  });

  it("GIVEN the head fails to synthesize WHEN the gate would be skipped (a skipped required check passes) THEN it runs and fails", () => {
    expect(gate.if).toBe("${{ !cancelled() }}");
    const first = gate.steps[0];
    expect(first?.env?.SYNTH_RESULT).toBe("${{ needs.synth.result }}");
    expect(first?.run).toMatch(/if \[ "\$SYNTH_RESULT" != "success" \] \|\| [^\n]*; then[\s\S]*exit 1/);
  });

  it("GIVEN the gate WHEN it reviews THEN base/scripts/ci/gate.sh reads the head artifact as data", () => {
    const download = stepUsing(gate, "actions/download-artifact");
    expect(download?.with).toEqual({ "artifact-ids": "${{ needs.synth.outputs.head-synth-id }}", "merge-multiple": true, path: "head-synth" });
    // The ID is the one synth's own upload returned, and the gate refuses to run without it.
    const upload = stepUsing(synth, "actions/upload-artifact");
    expect(synth.outputs?.["head-synth-id"]).toBe("${{ steps." + String(upload?.id) + ".outputs.artifact-id }}");
    expect(upload?.id).toBeTruthy();
    expect(gate.steps[0]?.env?.HEAD_SYNTH_ID).toBe("${{ needs.synth.outputs.head-synth-id }}");
    expect(gate.steps[0]?.run).toContain('! [[ "$HEAD_SYNTH_ID" =~ ^[1-9][0-9]*$ ]]');
    expect(runs(gate)).toContain("bash base/scripts/ci/gate.sh base head-synth gate-report gate-input/acknowledged.txt gate-input/changed-files.txt");
  });

  it("GIVEN the gate WHEN it lists changed files THEN it asks the API with the base's script, running nothing of the head", () => {
    const step = gate.steps.find((s) => s.run?.includes("changed-files.sh"));
    expect(step?.run).toContain("bash base/scripts/ci/changed-files.sh gate-input/changed-files.txt");
    expect(step?.env?.PR_NUMBER).toBe("${{ github.event.pull_request.number }}");
  });

  it("GIVEN acknowledgement labels WHEN read THEN fresh from the API by the base's code, and never on a push", () => {
    const step = gate.steps.find((s) => s.run?.includes("read-acknowledgements.ts"));
    expect(step?.run).toContain("base/node_modules/.bin/tsx base/scripts/ci/read-acknowledgements.ts gate-input/acknowledged.txt");
    expect(step?.env?.PR_AUTHOR).toBe("${{ github.event.pull_request.user.login }}");
    expect(step?.env?.EVENT_ACTION).toBe("${{ github.event.action }}");
    expect(step?.run).toMatch(
      /if \[ "\$EVENT_ACTION" = "synchronize" \] \|\| \[ "\$EVENT_ACTION" = "reopened" \]; then[\s\S]*: > gate-input\/acknowledged\.txt[\s\S]*else/,
    );
    // The event payload's labels are stale after a push: nothing reads them.
    expect(JSON.stringify(wf)).not.toContain("pull_request.labels");
  });

  it("GIVEN the writers WHEN read THEN they download the gate's report and nothing else", () => {
    for (const job of [publish, comment]) {
      expect(job.needs).toBe("gate");
      expect(job.if).toContain("!cancelled()");
      // The report the gate uploaded, by the ID its upload returned: a same-named artifact uploaded by head code
      // in test or synth is never read. No ID (the gate's upload failed) means no download at all.
      expect(stepsUsing(job, "actions/download-artifact").map((s) => s.with)).toEqual([
        { "artifact-ids": "${{ needs.gate.outputs.report-id }}", "merge-multiple": true, path: "gate-report" },
      ]);
      expect(job.if).toContain("needs.gate.outputs.report-id != ''");
      expect(job.steps.filter((s) => s.run !== undefined)).toEqual([]);
    }
    const report = gate.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@") && s.with?.name === "gate-report");
    expect(report?.id).toBeTruthy();
    expect(gate.outputs?.["report-id"]).toBe("${{ steps." + String(report?.id) + ".outputs.artifact-id }}");
    expect(stepUsing(publish, "github/codeql-action/upload-sarif")?.with?.sarif_file).toBe("gate-report/check.sarif");
    expect(stepUsing(publish, "mikepenz/action-junit-report")?.with?.report_paths).toBe("gate-report/check.junit.xml");
  });

  it("GIVEN a long report WHEN posted THEN cut at GitHub's 65,535 characters with a pointer to the artifact, updated in place", () => {
    const script = String(stepUsing(comment, "actions/github-script")?.with?.script);
    expect(script).toContain("const limit = 65535;");
    expect(script).toContain("body.slice(0, limit - pointer.length) + pointer");
    expect(script).toContain("gate-report");
    expect(script).toContain("<!-- api-access-review -->");
    expect(script).toContain("updateComment");
    expect(script).toContain("createComment");
  });
});

describe("pull-request-labels.yml", () => {
  const wf = load("pull-request-labels.yml");
  const job = wf.jobs["void-acknowledgements"];

  it("GIVEN a push to a pull request, or a reopen after pushes while closed, WHEN it lands THEN the job runs from the base's definition (pull_request_target)", () => {
    expect(wf.on).toEqual({ pull_request_target: { branches: ["main"], types: ["synchronize", "reopened"] } });
  });

  it("GIVEN the job WHEN read THEN it holds the label write scope only and checks out nothing", () => {
    expect(permissionsOf(job)).toEqual({ issues: "write" });
    expect(stepsUsing(job, "actions/checkout")).toEqual([]);
    expect(uses(job)).toEqual([]);
  });

  it("GIVEN the labels WHEN removed THEN every authz-ack:* and the retired authz-downgrade-approved go, through the API only", () => {
    const script = runs(job);
    expect(script).toContain("grep -E '^(authz-ack:|authz-downgrade-approved$)'");
    expect(script).toContain('gh api --method DELETE "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/labels/$encoded"');
    expect(script).toContain("@uri");
  });
});

describe("main.yml", () => {
  const wf = load("main.yml");
  const ENVS = [
    ["dev", "petstore-dev"],
    ["prod", "petstore-prod"],
  ] as const;
  const step = (job: Job, name: string): Step => {
    const found = job.steps.find((s) => s.name === name);
    if (found === undefined) throw new Error(`no step "${name}"`);
    return found;
  };

  it("GIVEN a push to main WHEN it lands THEN the deploy workflow runs, never cancelling an apply", () => {
    expect((wf.on.push as { branches: string[] }).branches).toEqual(["main"]);
    expect(wf.concurrency?.["cancel-in-progress"]).toBe(false);
  });

  it.each(ENVS)("GIVEN %s WHEN planned THEN the plan job saves the plan, checks and reviews it, and passes it on encrypted with its digest", (env, stack) => {
    const job = wf.jobs[`plan-${env}`];
    expect(job.environment).toBe(`${env}-plan`);
    expect(job.env?.STACK).toBe(stack);
    expect(permissionsOf(job)).toEqual({ contents: "read", "id-token": "write" });
    expect(stepUsing(job, "aws-actions/configure-aws-credentials")?.with?.["role-to-assume"]).toBe("${{ vars.AWS_PLAN_ROLE_ARN }}");
    const script = runs(job);
    expect(script).toContain('--save-plan "$RUNNER_TEMP/reviewed.tfplan" "$STACK"');
    expect(script).toContain("npm run check --");
    expect(script).toContain("npm run review -- --plan");
    expect(script).toContain("scripts/ci/plan-artifact.sh pack");
    expect(script.indexOf("--save-plan")).toBeLessThan(script.indexOf("npm run check"));
    expect(script.indexOf("npm run review")).toBeLessThan(script.indexOf("plan-artifact.sh pack"));
    expect(job.outputs).toEqual({ "artifact-id": "${{ steps.upload.outputs.artifact-id }}", digest: "${{ steps.pack.outputs.digest }}" });
    // Never cdktf deploy / diff: those plan again, unreviewed.
    expect(script).not.toMatch(/cdktf (deploy|diff)|terraform apply/);
  });

  it("GIVEN a deploy from CI WHEN the stack would keep its state on the runner THEN the plan job refuses", () => {
    for (const [env] of ENVS) {
      const synth = step(wf.jobs[`plan-${env}`], "Synth").run ?? "";
      expect(synth).toContain('if [ "$backend" = "local" ] || [ "$backend" = "none" ]');
      expect(synth).toContain("exit 1");
    }
    expect(wf.env?.ACCESS_STATE_BUCKET).toBe("${{ vars.ACCESS_STATE_BUCKET }}");
  });

  it.each(ENVS)(
    "GIVEN %s WHEN deployed THEN exactly the reviewed plan (by artifact ID and digest) is applied with npm run apply, then the API is called",
    (env, stack) => {
      const job = wf.jobs[`deploy-${env}`];
      expect(job.environment).toBe(env);
      expect(job.env?.STACK).toBe(stack);
      expect(job.needs).toBe(`plan-${env}`);
      expect(permissionsOf(job)).toEqual({ contents: "read", "id-token": "write" });
      expect(stepUsing(job, "aws-actions/configure-aws-credentials")?.with?.["role-to-assume"]).toBe("${{ vars.AWS_DEPLOY_ROLE_ARN }}");
      expect(stepUsing(job, "actions/download-artifact")?.with?.["artifact-ids"]).toBe(`\${{ needs.plan-${env}.outputs.artifact-id }}`);
      expect(step(job, "Unpack the reviewed plan").env?.DIGEST).toBe(`\${{ needs.plan-${env}.outputs.digest }}`);
      expect(step(job, "Refuse a missing artifact ID").run).toContain('if [ -z "$ARTIFACT_ID" ]');
      const script = runs(job);
      expect(script).toContain('npm run apply -- --plan-file "$RUNNER_TEMP/reviewed.tfplan" "cdktf.out/stacks/$STACK"');
      expect(script).not.toMatch(/cdktf (deploy|diff)|terraform (plan|apply)|npm run plan|npm run synth/);
      expect(script.indexOf("plan-artifact.sh unpack")).toBeLessThan(script.indexOf("npm run apply"));
      expect(script.indexOf("npm run apply")).toBeLessThan(script.indexOf("npm run conformance"));
      expect(step(job, "Remove the plan").if).toBe("${{ always() }}");
    },
  );

  it.each(["plan-dev", "deploy-dev", "plan-prod", "deploy-prod"])("GIVEN %s WHEN dispatched on another branch THEN it does not run (main only)", (jobName) => {
    expect(wf.jobs[jobName].if).toBe("${{ github.ref == 'refs/heads/main' }}");
  });

  it("GIVEN prod WHEN planned THEN dev is deployed first (and dev waits for the tests)", () => {
    expect(wf.jobs["plan-prod"].needs).toBe("deploy-dev");
    expect(wf.jobs["plan-dev"].needs).toBe("test");
  });

  it("GIVEN the prod stack's variables WHEN planned THEN each comes from the environment, secrets for sensitive ones", () => {
    const synth = JSON.parse(readFileSync(join(ROOT, "__tests__", "guard", "review", "fixtures", "synth", "petstore-prod.cdk.tf.json"), "utf8")) as {
      variable: Record<string, { sensitive?: boolean }>;
    };
    const variables = Object.entries(synth.variable);
    expect(variables.length).toBeGreaterThan(0);
    const plan = step(wf.jobs["plan-prod"], "Plan");
    for (const [name, decl] of variables) {
      const value = String(plan.env?.[`TF_VAR_${name}`]);
      expect(value).toMatch(decl.sensitive === true ? /^\$\{\{ secrets\.[A-Z_]+ \}\}$/ : /^\$\{\{ (vars|secrets)\.[A-Z_]+ \}\}$/);
    }
  });

  it("GIVEN the secrets WHEN the jobs run THEN each is given only to the step that needs it (never npm ci or an action)", () => {
    const withSecrets = (job: Job): string[] => job.steps.filter((s) => JSON.stringify(s.env ?? {}).includes("secrets.")).map((s) => s.name ?? "");
    for (const [env] of ENVS) {
      expect(JSON.stringify(wf.jobs[`plan-${env}`].env ?? {})).not.toContain("secrets.");
      expect(JSON.stringify(wf.jobs[`deploy-${env}`].env ?? {})).not.toContain("secrets.");
      expect(withSecrets(wf.jobs[`deploy-${env}`])).toEqual(["Unpack the reviewed plan", "Conformance"]);
    }
    expect(withSecrets(wf.jobs["plan-dev"])).toEqual(["Pack the reviewed plan"]);
    expect(withSecrets(wf.jobs["plan-prod"])).toEqual(["Plan", "Pack the reviewed plan"]);
    expect(JSON.stringify(wf.jobs.test)).not.toContain("secrets.");
    expect(JSON.stringify(wf.env ?? {})).not.toContain("secrets.");
  });

  it("GIVEN a missing edge variable WHEN planning prod THEN the plan step fails with the names to set", () => {
    const plan = step(wf.jobs["plan-prod"], "Plan");
    expect(plan.run).toContain("::error::the prod-plan environment lacks:");
    expect(plan.run?.indexOf("exit 1")).toBeLessThan(plan.run?.indexOf("npm run plan") ?? -1);
  });
});

describe("compliance.yml", () => {
  const wf = load("compliance.yml");
  const audit = wf.jobs["audit"] as Job & { strategy?: { matrix?: { include?: { environment: string; stack: string }[] }; "fail-fast"?: boolean } };
  const issue = wf.jobs["issue"] as Job;
  const auditStep = audit.steps.find((s) => s.id === "audit");

  it("GIVEN the schedule WHEN read THEN it runs nightly and on demand, never on a pull request or a push", () => {
    expect(Object.keys(wf.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect((wf.on.schedule as { cron: string }[])[0]?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
  });

  it("GIVEN each environment WHEN audited THEN through its own OIDC read-only role, with only contents: read and id-token: write", () => {
    expect(audit.strategy?.matrix?.include).toEqual([
      { environment: "dev", stack: "petstore-dev" },
      { environment: "prod", stack: "petstore-prod" },
    ]);
    expect(audit.strategy?.["fail-fast"]).toBe(false);
    expect(audit.environment).toBe("${{ matrix.environment }}-audit");
    expect(permissionsOf(audit)).toEqual({ contents: "read", "id-token": "write" });
    expect(stepUsing(audit, "aws-actions/configure-aws-credentials")?.with?.["role-to-assume"]).toBe("${{ vars.AWS_AUDIT_ROLE_ARN }}");
    expect(runs(audit)).toMatch(/^npm ci$/m);
  });

  it("GIVEN the audit step WHEN read THEN it judges with the policies against the reviewed code and writes HTML, OSCAL and JSON evidence", () => {
    const script = auditStep?.run ?? "";
    expect(script).toContain("npm run --silent audit -- --policy policies");
    expect(script).toContain('--plan "cdktf.out/stacks/$STACK/cdk.tf.json"');
    for (const part of ["--format json --output evidence/audit.json", "--report html=evidence/audit.html", "--report oscal=evidence/audit.oscal.json"])
      expect(script).toContain(part);
    // The exit code is kept for the issue job; only "nothing could be read / bad input" fails this job.
    expect(script).toContain('echo "$status" > evidence/exit-code');
    expect(script).toMatch(/if \[ "\$status" -eq 2 \]; then[\s\S]*exit 2/);
    // Read-only: nothing in the job deploys, applies or writes to the account.
    expect(runs(audit)).not.toMatch(/terraform apply|npm run (apply|deploy)|cdktf deploy/);
    const upload = stepUsing(audit, "actions/upload-artifact");
    expect(upload?.if).toBe("${{ always() }}");
    expect(upload?.with).toMatchObject({ name: "compliance-evidence-${{ matrix.environment }}", path: "evidence/" });
  });

  it("GIVEN drift or a finding WHEN reported THEN one job with issues: write only, running no project code, opens or updates ONE issue and closes nothing", () => {
    expect(issue.needs).toBe("audit");
    expect(issue.if).toBe("${{ always() }}");
    expect(permissionsOf(issue)).toEqual({ issues: "write" });
    expect(stepsUsing(issue, "actions/checkout")).toEqual([]);
    expect(runsHeadCode(issue)).toBe(false);
    const script = runs(issue);
    expect(issue.env?.ISSUE_TITLE).toEqual(expect.any(String));
    expect(script).toContain('--label "$ISSUE_LABEL" --state open');
    expect(script).toContain("map(select(.title == env.ISSUE_TITLE)) | .[0].number // empty");
    expect(script).toContain('gh issue edit "$number"');
    expect(script).toContain('gh issue create --repo "$GITHUB_REPOSITORY" --title "$ISSUE_TITLE" --label "$ISSUE_LABEL"');
    expect(script).not.toMatch(/gh issue (close|delete)|--state closed/);
    // Exit 1 (drift or a finding) and anything else but 0 (not verified) make the issue; 0 everywhere writes none.
    expect(script).toMatch(/1\) failing\+=/);
    expect(script).toMatch(/\*\) failing\+=/);
    expect(script).toMatch(/if \[ "\$\{#failing\[@\]\}" -eq 0 \]; then[\s\S]*exit 0\n\s*fi\n\s*gh label create/);
  });
});

describe("gate paths", () => {
  it("GIVEN every top-level folder of code the check, the review, the synth or CI runs THEN a pull request touching it is a gate change", () => {
    const tracked = execFileSync("git", ["ls-files", "*.ts", "*.js", "*.mjs"], { cwd: ROOT, encoding: "utf8" }).split("\n");
    // Tests, lint configuration and examples run no gate code: a test cannot change what the gate reads.
    const notGate = new Set(["__tests__", "eslint.config.mjs", "examples"]);
    const roots = [...new Set(tracked.filter((f) => f !== "").map((f) => (f.includes("/") ? `${f.split("/")[0]}/` : f)))];
    expect(roots.filter((r) => !notGate.has(r.replace(/\/$/, "")) && !changesGate(r.endsWith("/") ? `${r}x.ts` : r))).toEqual([]);
  });
});

describe(".github/CODEOWNERS", () => {
  const lines = readFileSync(join(ROOT, ".github", "CODEOWNERS"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => l.split(/\s+/));

  it.each(GATE_PATHS)("GIVEN gate path %s WHEN a pull request touches it THEN a code owner team must review", (path) => {
    const entry = lines.find(([pattern]) => pattern === `/${path}`);
    expect(entry).toBeDefined();
    const owners = entry?.slice(1) ?? [];
    expect(owners.length).toBeGreaterThan(0);
    for (const o of owners) expect(o).toMatch(/^@[\w-]+\/[\w-]+$/);
  });
});

/**
 * GitHub's CODEOWNERS matching, for the patterns this repository uses: gitignore-like, the LAST matching line wins,
 * and a line without owners leaves its files unowned.
 */
function codeownersRules(text: string): { pattern: RegExp; owners: string[] }[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => {
      const [raw = "", ...owners] = l.split(/\s+/);
      const dir = raw.endsWith("/");
      const body = raw.replace(/^\//, "").replace(/\/$/, "");
      const anchored = raw.startsWith("/") || body.includes("/");
      const glob = body
        .split("")
        .map((c, i, all) =>
          c === "*"
            ? all[i + 1] === "*" || all[i - 1] === "*"
              ? all[i - 1] === "*"
                ? ""
                : ".*"
              : "[^/]*"
            : c === "?"
              ? "[^/]"
              : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"),
        )
        .join("");
      const source = `${anchored ? "^" : "(^|/)"}${glob}${dir ? "/" : "(/|$)"}`;
      return { pattern: new RegExp(source), owners };
    });
}
const ownersOf = (rules: ReturnType<typeof codeownersRules>, path: string): string[] => {
  let owners: string[] = [];
  for (const r of rules) if (r.pattern.test(path)) owners = r.owners;
  return owners;
};

describe(".github/CODEOWNERS: nothing that can run at synth or deploy time is unowned", () => {
  const rules = codeownersRules(readFileSync(join(ROOT, ".github", "CODEOWNERS"), "utf8"));

  it("the matcher: last match wins, directories, anchors, extensions", () => {
    const r = codeownersRules("*.ts @o/a\n/docs/ @o/b\n/x @o/c\n/docs/free.md\n");
    expect(ownersOf(r, "a/b/c.ts")).toEqual(["@o/a"]);
    expect(ownersOf(r, "docs/deep/c.ts")).toEqual(["@o/b"]);
    expect(ownersOf(r, "docs/free.md")).toEqual([]);
    expect(ownersOf(r, "x")).toEqual(["@o/c"]);
    expect(ownersOf(r, "x/y.md")).toEqual(["@o/c"]);
    expect(ownersOf(r, "xy.md")).toEqual([]);
    expect(ownersOf(r, "README.md")).toEqual([]);
  });

  it.each([
    // access-specs.json names the specs synth builds, and a spec can be a .ts module anywhere in the repository:
    // a module outside the owned folders that returns the base's spec in the pull request's synth and an open
    // route on main passes the gate without a code owner.
    "access-specs.json",
    "specs/petstore-v2.ts",
    "examples/orders/orders.ts",
    // node-options for every npm script (the deploy's cdktf synth), registry and install settings.
    ".npmrc",
    // An action other repositories run; the check's own CI entry point.
    "action.yml",
    ".ci/run",
    "jest.config.js",
    "bench/run.ts",
  ])("GIVEN a pull request adding or changing %s WHEN merged THEN a code owner team must have reviewed it", (path) => {
    const owners = ownersOf(rules, path);
    expect(owners.length).toBeGreaterThan(0);
    for (const o of owners) expect(o).toMatch(/^@[\w-]+\/[\w-]+$/);
  });

  it("GIVEN every file in the repository WHEN matched THEN each has a code owner team", () => {
    const files = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" })
      .split("\n")
      .filter((f) => f !== "");
    expect(files.length).toBeGreaterThan(100);
    const unowned = files.filter((f) => ownersOf(rules, f).length === 0);
    expect(unowned).toEqual([]);
  });
});

describe("docs/ci.md", () => {
  const section = readFileSync(join(ROOT, "docs", "ci.md"), "utf8");

  it("GIVEN the workflows WHEN documented THEN the page names each file, the required check and how it is made binding", () => {
    for (const file of FILES) expect(section).toContain(`.github/workflows/${file}`);
    expect(section).toContain("Access gate");
    expect(section).toContain("authz-ack:<digest>");
    expect(section).toContain("CODEOWNERS");
    for (const setting of ["GitHub Actions", "code owner", "Dismiss stale", "bypass"]) expect(section).toContain(setting);
  });
});
