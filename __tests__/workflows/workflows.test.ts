// The CI workflows are code too: these tests pin the jobs, triggers, permissions and steps that keep the
// pipeline safe (least privilege, OIDC, the review comment, protected prod deploys).
import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";

interface Step {
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
  readonly jobs: Record<string, Job>;
}

const load = (file: string): Workflow =>
  parse(readFileSync(join(__dirname, "..", "..", ".github", "workflows", file), "utf8")) as Workflow;

const runs = (job: Job): string => job.steps.map((s) => s.run ?? "").join("\n");
const uses = (job: Job): string[] => job.steps.flatMap((s) => (s.uses === undefined ? [] : [s.uses]));
const stepUsing = (job: Job, action: string): Step | undefined => job.steps.find((s) => s.uses?.startsWith(`${action}@`));
const permissionsOf = (job: Job): Record<string, string> => {
  expect(typeof job.permissions).toBe("object");
  return job.permissions as Record<string, string>;
};

function jobsWithWrite(wf: Workflow, scope: string): string[] {
  return Object.entries(wf.jobs)
    .filter(([, job]) => typeof job.permissions === "object" && (job.permissions as Record<string, string>)[scope] === "write")
    .map(([name]) => name)
    .sort();
}

describe.each(["pull-request.yml", "main.yml"])("%s: general hygiene", (file) => {
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

  it("GIVEN every action used WHEN read THEN it is pinned at least by major version", () => {
    for (const job of Object.values(wf.jobs)) {
      for (const action of uses(job)) expect(action).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
    }
  });

  it("GIVEN checkouts WHEN read THEN they do not persist the token in the git config", () => {
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith("actions/checkout@"))) {
        expect(step.with?.["persist-credentials"]).toBe(false);
      }
    }
  });

  it("GIVEN OIDC credentials WHEN used THEN only jobs that configure AWS credentials hold id-token: write", () => {
    const oidcJobs = Object.entries(wf.jobs)
      .filter(([, job]) => stepUsing(job, "aws-actions/configure-aws-credentials") !== undefined)
      .map(([name]) => name)
      .sort();
    expect(jobsWithWrite(wf, "id-token")).toEqual(oidcJobs);
  });

  it("GIVEN the repository contents WHEN read THEN no job can write to them", () => {
    expect(jobsWithWrite(wf, "contents")).toEqual([]);
  });
});

describe("pull-request.yml", () => {
  const wf = load("pull-request.yml");
  const { test, plan, check, review, comment } = wf.jobs;

  it("GIVEN the triggers WHEN read THEN runs on pull requests, including label changes for acknowledgement", () => {
    const pr = wf.on.pull_request as { types: string[] };
    expect(pr.types).toEqual(expect.arrayContaining(["opened", "synchronize", "reopened", "labeled", "unlabeled"]));
    // pull_request_target would run PR code with a write token: never.
    expect(wf.on).not.toHaveProperty("pull_request_target");
  });

  it("GIVEN two pushes to one PR WHEN the second starts THEN the first is cancelled (concurrency per PR)", () => {
    expect(wf.concurrency?.group).toContain("github.event.pull_request.number");
    expect(wf.concurrency?.["cancel-in-progress"]).toBe(true);
  });

  it("GIVEN the test job WHEN read THEN installs with npm ci and runs npm test with read-only contents", () => {
    expect(runs(test)).toContain("npm ci");
    expect(runs(test)).toContain("npm test");
    expect(permissionsOf(test)).toEqual({ contents: "read" });
  });

  it("GIVEN the plan job WHEN a plan role is configured THEN assumes it through OIDC, else plans offline", () => {
    expect(runs(plan)).toContain("npm run synth");
    const creds = stepUsing(plan, "aws-actions/configure-aws-credentials");
    expect(creds?.with?.["role-to-assume"]).toBe("${{ vars.AWS_PLAN_ROLE_ARN }}");
    expect(creds?.if).toContain("vars.AWS_PLAN_ROLE_ARN != ''");
    expect(runs(plan)).toMatch(/npm run plan\n/);
    expect(runs(plan)).toContain("npm run plan -- --offline");
    expect(permissionsOf(plan)).toEqual({ contents: "read", "id-token": "write" });
  });

  it("GIVEN the synthesized output WHEN handed to later jobs THEN provider binaries are left out of the artifact", () => {
    const upload = stepUsing(plan, "actions/upload-artifact");
    expect(upload?.with?.name).toBe("head-synth");
    expect(String(upload?.with?.path)).toContain("!cdktf.out/**/.terraform");
    for (const job of [check, review]) {
      expect(stepUsing(job, "actions/download-artifact")?.with).toMatchObject({ name: "head-synth", path: "cdktf.out" });
    }
  });

  it("GIVEN the check job WHEN read THEN writes SARIF to code scanning and publishes JUnit", () => {
    expect(runs(check)).toContain("npm run check -- cdktf.out --format sarif --output check.sarif");
    expect(runs(check)).toContain("--format junit");
    expect(stepUsing(check, "github/codeql-action/upload-sarif")?.with?.sarif_file).toBe("check.sarif");
    expect(stepUsing(check, "mikepenz/action-junit-report")).toBeDefined();
    // Uploads happen even when the check found problems (its step then fails).
    expect(stepUsing(check, "github/codeql-action/upload-sarif")?.if).toContain("!cancelled()");
  });

  it("GIVEN security-events, pull-requests and id-token WHEN granted THEN each only where it is used", () => {
    expect(jobsWithWrite(wf, "security-events")).toEqual(["check"]);
    expect(jobsWithWrite(wf, "pull-requests")).toEqual(["comment"]);
    expect(jobsWithWrite(wf, "id-token")).toEqual(["plan"]);
  });

  it("GIVEN the review job WHEN read THEN synthesizes the PR base and compares it with the head", () => {
    const baseCheckout = review.steps.find((s) => s.uses?.startsWith("actions/checkout@") && s.with?.path === "base");
    expect(baseCheckout?.with?.ref).toBe("${{ github.event.pull_request.base.sha }}");
    const baseSynth = review.steps.find((s) => s["working-directory"] === "base");
    expect(baseSynth?.run).toContain("npm run synth");
    expect(runs(review)).toContain("--base base/cdktf.out --head cdktf.out");
    expect(runs(review)).toContain("--format markdown");
    expect(runs(review)).toContain("--format json");
    expect(permissionsOf(review)).toEqual({ contents: "read" });
  });

  it("GIVEN the authz-downgrade-approved label WHEN present THEN the review runs with --acknowledge", () => {
    expect(String(review.env?.ACKNOWLEDGED)).toContain("'authz-downgrade-approved'");
    expect(runs(review)).toContain('if [ "$ACKNOWLEDGED" = "true" ]; then args+=(--acknowledge); fi');
  });

  it("GIVEN a blocking downgrade WHEN the review fails THEN the comment is still posted, updated in place", () => {
    expect(comment.needs).toBe("review");
    expect(comment.if).toContain("!cancelled()");
    const script = String(stepUsing(comment, "actions/github-script")?.with?.script);
    expect(script).toContain("<!-- api-access-review -->");
    expect(script).toContain("updateComment");
    expect(script).toContain("createComment");
    expect(permissionsOf(comment)).toEqual({ "pull-requests": "write" });
  });
});

describe("main.yml", () => {
  const wf = load("main.yml");

  it("GIVEN a push to main WHEN it lands THEN the deploy workflow runs, never cancelling an apply", () => {
    expect((wf.on.push as { branches: string[] }).branches).toEqual(["main"]);
    expect(wf.concurrency?.["cancel-in-progress"]).toBe(false);
  });

  it.each([
    ["deploy-dev", "dev", "petstore-dev"],
    ["deploy-prod", "prod", "petstore-prod"],
  ])("GIVEN %s WHEN read THEN runs in environment %s, plans then deploys %s with OIDC", (jobName, environment, stack) => {
    const job = wf.jobs[jobName];
    expect(job.environment).toBe(environment);
    expect(job.env?.STACK).toBe(stack);
    expect(permissionsOf(job)).toEqual({ contents: "read", "id-token": "write" });
    expect(stepUsing(job, "aws-actions/configure-aws-credentials")?.with?.["role-to-assume"]).toContain("vars.");
    const script = runs(job);
    expect(script).toContain('npx cdktf diff "$STACK"');
    expect(script).toContain('npx cdktf deploy "$STACK" --auto-approve');
    expect(script.indexOf("cdktf diff")).toBeLessThan(script.indexOf("cdktf deploy"));
  });

  it("GIVEN prod WHEN deployed THEN it waits for dev (and dev for the tests)", () => {
    expect(wf.jobs["deploy-prod"].needs).toBe("deploy-dev");
    expect(wf.jobs["deploy-dev"].needs).toBe("test");
  });
});
