// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// Real terraform: `npm run plan` (offline) of the sample, synthesized into a temporary out dir with the edge secrets
// planted. One synth and one plan of both stacks serve every assertion on the plan: it succeeds and prints what each
// stack will do; each plan.json creates the whole access-control layer; the offline override, the binary plan and
// every planted secret are gone from the out dir (the CI artifact) and from the check's and the review's output (the
// PR comment); and the guard reads the plan JSON: every rule passes, and every mutation of it is caught.
// Needs terraform on PATH and the provider mirror in TF_PROVIDER_MIRROR (no network here); says so visibly when
// skipped. Init failures (no mirror, no registry) are in plan-cli.test.ts.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main as check } from "../../cli/check";
import { REDACTED } from "../../cli/private/redact";
import { main as review } from "../../cli/review";
import { failing, runRules } from "../../guard/engine";
import { loadModel, modelFromDocument } from "../../guard/load";
import { loadPolicies } from "../../guard/policy/load";
import { RULES } from "../../guard/rules";
import { zipFiles } from "../../guard/load/zip";
import { petstoreProd } from "../../access-spec/samples/petstore";
import { missedBy, planMutantsOf, type Blocks, type PlanDoc } from "../guard/fixtures/sample-mutants";
import { SAMPLE_POLICY, sampleEnv } from "../helpers/sample";

const root = resolve(__dirname, "..", "..");
const terraformOnPath = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
const mirror = process.env.TF_PROVIDER_MIRROR ?? "";
const canPlan = terraformOnPath && mirror !== "" && existsSync(mirror);
if (!canPlan) {
  // Visible in the jest output: a skipped integration test must never look like a pass.
  console.warn(`SKIPPED terraform plan integration test: ${!terraformOnPath ? "terraform is not on PATH" : "TF_PROVIDER_MIRROR is not set"}`);
}

// Unique, 32+ characters (the variables' validation), never produced by anything but this test.
const CURRENT = `PLANTEDcurrent${randomBytes(16).toString("hex")}`;
const NEXT = `PLANTEDnext${randomBytes(16).toString("hex")}`;
const SECRETS = [CURRENT, NEXT];

/** Every file under `dir` (symlinks not followed: the provider directory links to the mirror), zip entries inflated. */
function filesUnder(dir: string): { path: string; data: Buffer }[] {
  const out: { path: string; data: Buffer }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) out.push(...filesUnder(path));
    else {
      const data = readFileSync(path);
      out.push({ path, data });
      if (data.subarray(0, 2).toString("latin1") === "PK") for (const e of zipFiles(data)) out.push({ path: `${path}!${e.name}`, data: e.data });
    }
  }
  return out;
}

const leaks = (text: string): string[] => SECRETS.filter((s) => text.includes(s));

interface Captured {
  readonly code: number;
  readonly text: string;
}

function runCheck(argv: string[]): Captured {
  let text = "";
  const code = check(argv, { out: (s) => (text += s), err: (s) => (text += s) });
  return { code, text };
}

function runReview(argv: string[]): Captured {
  let text = "";
  const code = review(argv, { stdout: (s) => (text += s), stderr: (s) => (text += s), writeFile: (_f, t) => (text += t) });
  return { code, text };
}

interface PlanJson {
  readonly resource_changes: { type: string; change: { actions: string[] } }[];
}

(canPlan ? describe : describe.skip)("GIVEN the sample synthesized into a temporary out dir and planned offline with the edge secrets set", () => {
  const scratch = mkdtempSync(join(tmpdir(), "plan-sample-"));
  const outdir = join(scratch, "cdktf.out");
  const policyDir = SAMPLE_POLICY;
  const policies = loadPolicies(policyDir, RULES);
  const STACKS = ["petstore-dev", "petstore-prod"];
  const planFile = (stack: string): string => join(outdir, "stacks", stack, "plan.json");
  const planOf = (stack: string): PlanJson => JSON.parse(readFileSync(planFile(stack), "utf8")) as PlanJson;
  const env: NodeJS.ProcessEnv = {
    ...sampleEnv(),
    CDKTF_OUTDIR: outdir,
    AWS_ACCESS_KEY_ID: "",
    AWS_PROFILE: "",
    CI: "1",
    TF_VAR_origin_verify_secret: CURRENT,
    TF_VAR_origin_verify_secret_next: NEXT,
  };
  let synth: ReturnType<typeof spawnSync>;
  let plan: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    synth = spawnSync(process.execPath, [join(root, "scripts", "synth.mjs")], { cwd: root, env, encoding: "utf8" });
    plan = spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "cli", "plan.ts"), "--no-synth", "--offline"], {
      cwd: root,
      env,
      encoding: "utf8",
    });
  }, 600_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test("THEN init and plan succeed for every stack, and each prints what it will create, change, replace and destroy", () => {
    if (synth.status !== 0) throw new Error(String(synth.stderr));
    if (plan.status !== 0) throw new Error(String(plan.stderr));
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(STACKS);
    for (const stack of STACKS) {
      const creates = planOf(stack).resource_changes.filter((c) => c.change.actions.join() === "create").length;
      expect(creates).toBeGreaterThan(50);
      expect(plan.stdout).toContain(`${stack}: ${creates} to create, 0 to change, 0 to replace, 0 to destroy\n`);
    }
    expect(leaks(String(plan.stdout) + String(plan.stderr))).toEqual([]);
  });

  test("THEN each plan.json creates the whole access-control layer", () => {
    for (const stack of STACKS) {
      const created = new Set(
        planOf(stack)
          .resource_changes.filter((c) => c.change.actions.includes("create"))
          .map((c) => c.type),
      );
      for (const type of [
        "aws_cognito_user_pool",
        "aws_cognito_user_pool_domain",
        "aws_cognito_resource_server",
        "aws_cognito_user_group",
        "aws_cognito_user_pool_client",
        "aws_api_gateway_rest_api",
        "aws_api_gateway_method",
        "aws_api_gateway_authorizer",
        "aws_api_gateway_deployment",
        "aws_api_gateway_stage",
        "aws_api_gateway_usage_plan",
        "aws_api_gateway_api_key",
        "aws_lambda_function",
      ]) {
        expect([stack, type, created.has(type)]).toEqual([stack, type, true]);
      }
    }
  });

  test(`THEN prod (edge scheme ${String(petstoreProd.edge?.scheme)}) plans CloudFront, both web ACLs and the verifier's SSM configuration`, () => {
    // The other edge schemes are planned in stacks/schemes-plan.test.ts.
    expect(petstoreProd.edge?.scheme).toBe("OAuth2-Cognito-Edge");
    const types = planOf("petstore-prod").resource_changes.map((c) => c.type);
    expect(types).toContain("aws_cloudfront_distribution");
    expect(types.filter((t) => t === "aws_wafv2_web_acl")).toHaveLength(2);
    expect(types).toContain("aws_ssm_parameter");
  });

  test("THEN plan.json carries the marker where terraform put the secrets (the variables and the web ACL's byte matches)", () => {
    const text = readFileSync(planFile("petstore-prod"), "utf8");
    const doc = JSON.parse(text) as { variables: Record<string, { value: unknown }> };
    expect(doc.variables["origin_verify_secret"].value).toBe(REDACTED);
    expect(doc.variables["origin_verify_secret_next"].value).toBe(REDACTED);
    expect(text).toContain(`"search_string":"${REDACTED}"`);
    expect(text).toContain(`"x-origin-verify"`);
  });

  test("THEN no file under the out dir holds a secret, and neither the offline override nor a binary plan is left there", () => {
    const files = filesUnder(outdir);
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => SECRETS.some((s) => f.data.includes(s))).map((f) => f.path)).toEqual([]);
    expect(files.map((f) => f.path).filter((p) => /(^|\/)plan\.out$|\.tfplan$|\.tmp$|zz_offline/.test(p))).toEqual([]);
  });

  test("THEN the check reads the redacted plan: origin protection is still verified and its reports hold no secret", () => {
    for (const format of ["table", "json", "sarif", "markdown"]) {
      const r = runCheck([planFile("petstore-prod"), "--policy", policyDir, "--format", format]);
      expect([format, r.code === 2 ? r.text : "ok"]).toEqual([format, "ok"]);
      expect(leaks(r.text)).toEqual([]);
    }
    const json = JSON.parse(runCheck([planFile("petstore-prod"), "--policy", policyDir, "--format", "json"]).text) as {
      findings: { rule: string; message: string }[];
    };
    expect(json.findings.filter((f) => f.rule === "edge-origin-protected")).toEqual([]);
  });

  test("THEN the review (--plan, and --base/--head of the out dir) runs on it and its comment holds no secret", () => {
    for (const argv of [
      ["--plan", planFile("petstore-prod"), "--format", "markdown", "--output", "comment.md"],
      ["--plan", planFile("petstore-prod"), "--format", "json"],
      ["--base", outdir, "--head", outdir, "--format", "markdown"],
    ]) {
      const r = runReview([...argv, "--policy", policyDir]);
      expect([argv.join(" "), r.code === 2 ? r.text : "ok"]).toEqual([argv.join(" "), "ok"]);
      expect(r.text.length).toBeGreaterThan(100);
      expect(leaks(r.text)).toEqual([]);
    }
  });

  test("THEN every rule passes, reading the plans; what is reported as info says it is not verified", () => {
    const model = loadModel(outdir);
    expect(model.format).toBe("plan");
    expect(model.routes.length).toBeGreaterThan(20);
    const findings = runRules(model, policies).findings;
    expect(failing(findings, "low")).toEqual([]);
    for (const f of findings.filter((x) => x.severity === "info")) expect(f.message).toContain("not verified");
    // lifecycle is not in `terraform show -json`: a plan is judged on what it does to each deployment, and a first
    // plan creates them (no destroy-first replacement for deployment-redeploys-on-auth-change to report).
    expect(model.deployments.length).toBeGreaterThan(0);
    for (const d of model.deployments)
      expect([d.address, model.changes.find((c) => c.address === d.address && c.source.stack === d.resource.source.stack)?.actions]).toEqual([
        d.address,
        ["create"],
      ]);
  });

  test("THEN every mutation of the plan JSON is caught too", () => {
    const missed: string[] = [];
    let total = 0;
    let edgeMutants = 0;
    for (const stack of STACKS) {
      const base = JSON.parse(readFileSync(planFile(stack), "utf8")) as PlanDoc;
      expect(failing(runRules(modelFromDocument(base, stack), policies).findings, "low")).toEqual([]);
      for (const mutant of planMutantsOf(base, stack, policies)) {
        total++;
        const doc = structuredClone(base);
        mutant.apply(doc as unknown as { resource: Blocks });
        if (missedBy(mutant, failing(runRules(modelFromDocument(doc, stack), policies).findings, "low"))) missed.push(`${stack}: ${mutant.name}`);
        if (mutant.routes !== undefined && mutant.routes.length > 0) edgeMutants++;
      }
    }
    console.log(`guard plan-JSON mutation score: ${total - missed.length}/${total} (${(((total - missed.length) / total) * 100).toFixed(1)}%)`);
    expect(missed).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(100);
    expect(edgeMutants).toBeGreaterThanOrEqual(3);
  });
});
