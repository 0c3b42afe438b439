// Real terraform: `npm run plan` of the prod stack with planted edge secrets leaves none of them in any file under
// the output directory (the CI artifact), nor in the check's or the review's output (the PR comment); and when
// providers cannot be installed, init's error says to set TF_PROVIDER_MIRROR. Needs terraform on PATH and the
// provider mirror in TF_PROVIDER_MIRROR (no network here); says so visibly when skipped.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main as check } from "../../cli/check";
import { REDACTED } from "../../cli/private/redact";
import { main as review } from "../../cli/review";
import { zipFiles } from "../../guard/load/zip";

const root = resolve(__dirname, "..", "..");
const terraformOnPath = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
const mirror = process.env.TF_PROVIDER_MIRROR ?? "";
const canPlan = terraformOnPath && mirror !== "" && existsSync(mirror);
if (!canPlan) {
  // Visible in the jest output: a skipped integration test must never look like a pass.
  console.warn(`SKIPPED plan secret-redaction integration test: ${!terraformOnPath ? "terraform is not on PATH" : "TF_PROVIDER_MIRROR is not set"}`);
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

(canPlan ? describe : describe.skip)("GIVEN the sample synthesized into a temporary out dir and the edge secrets set", () => {
  const scratch = mkdtempSync(join(tmpdir(), "plan-secrets-"));
  const outdir = join(scratch, "cdktf.out");
  const policies = join(root, "policies");
  const prodDir = join(outdir, "stacks", "petstore-prod");
  const planFile = join(prodDir, "plan.json");
  const base: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, AWS_ACCESS_KEY_ID: "", AWS_PROFILE: "", CI: "1" };
  const plan = (env: NodeJS.ProcessEnv, ...args: string[]) =>
    spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "cli", "plan.ts"), "--no-synth", "--offline", ...args], {
      cwd: root,
      env,
      encoding: "utf8",
    });
  let synth: ReturnType<typeof spawnSync>;
  let emptyMirror: ReturnType<typeof plan>;
  let noNetwork: ReturnType<typeof plan>;
  let prod: ReturnType<typeof plan>;

  beforeAll(() => {
    synth = spawnSync(process.execPath, [join(root, "scripts", "synth.mjs")], { cwd: root, env: base, encoding: "utf8" });
    // Providers cannot be installed: a mirror without them, and no mirror with the registry unreachable.
    emptyMirror = plan({ ...base, TF_PROVIDER_MIRROR: mkdtempSync(join(scratch, "empty-mirror-")) }, "petstore-dev");
    noNetwork = plan(
      { ...base, TF_PROVIDER_MIRROR: "", HTTPS_PROXY: "http://127.0.0.1:9", https_proxy: "http://127.0.0.1:9", NO_PROXY: "", no_proxy: "" },
      "petstore-dev",
    );
    prod = plan({ ...base, TF_VAR_origin_verify_secret: CURRENT, TF_VAR_origin_verify_secret_next: NEXT }, "petstore-prod");
  }, 600_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test("WHEN the mirror lacks the provider THEN init's error under the stack name says TF_PROVIDER_MIRROR does not hold it", () => {
    expect(synth.status).toBe(0);
    expect(emptyMirror.status).toBe(1);
    expect(emptyMirror.stderr).toContain("petstore-dev: terraform init failed");
    expect(emptyMirror.stderr).toMatch(/TF_PROVIDER_MIRROR=\S+ does not hold the provider/);
    expect(emptyMirror.stderr).toContain("<mirror>/registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/");
  });

  test("WHEN no mirror is set and the registry is unreachable THEN the error says to set TF_PROVIDER_MIRROR", () => {
    expect(noNetwork.status).toBe(1);
    expect(noNetwork.stderr).toContain("petstore-dev: terraform init failed");
    expect(noNetwork.stderr).toContain("TF_PROVIDER_MIRROR is not set");
    expect(noNetwork.stderr).toContain("Set TF_PROVIDER_MIRROR to a filesystem mirror");
  });

  test("WHEN the prod stack is planned THEN it succeeds and prints what it will create, change, replace and destroy", () => {
    if (prod.status !== 0) throw new Error(prod.stderr);
    const doc = JSON.parse(readFileSync(planFile, "utf8")) as { resource_changes: { change: { actions: string[] } }[] };
    const creates = doc.resource_changes.filter((c) => c.change.actions.join() === "create").length;
    expect(creates).toBeGreaterThan(100);
    expect(prod.stdout).toContain(`petstore-prod: ${creates} to create, 0 to change, 0 to replace, 0 to destroy\n`);
    expect(leaks(prod.stdout + prod.stderr)).toEqual([]);
  });

  test("THEN plan.json carries the marker where terraform put the secrets (the variables and the web ACL's byte matches)", () => {
    const text = readFileSync(planFile, "utf8");
    const doc = JSON.parse(text) as { variables: Record<string, { value: unknown }> };
    expect(doc.variables["origin_verify_secret"].value).toBe(REDACTED);
    expect(doc.variables["origin_verify_secret_next"].value).toBe(REDACTED);
    expect(text).toContain(`"search_string":"${REDACTED}"`);
    expect(text).toContain(`"x-origin-verify"`);
  });

  test("THEN no file under the out dir holds a secret, and no binary plan is left there", () => {
    const files = filesUnder(outdir);
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => SECRETS.some((s) => f.data.includes(s))).map((f) => f.path)).toEqual([]);
    expect(files.map((f) => f.path).filter((p) => /(^|\/)plan\.out$|\.tfplan$|\.tmp$/.test(p))).toEqual([]);
  });

  test("THEN the check reads the redacted plan: origin protection is still verified and its reports hold no secret", () => {
    for (const format of ["table", "json", "sarif", "markdown"]) {
      const r = runCheck([planFile, "--policy", policies, "--format", format]);
      expect([format, r.code === 2 ? r.text : "ok"]).toEqual([format, "ok"]);
      expect(leaks(r.text)).toEqual([]);
    }
    const json = JSON.parse(runCheck([planFile, "--policy", policies, "--format", "json"]).text) as { findings: { rule: string; message: string }[] };
    expect(json.findings.filter((f) => f.rule === "edge-origin-protected")).toEqual([]);
  });

  test("THEN the review (--plan, and --base/--head of the out dir) runs on it and its comment holds no secret", () => {
    for (const argv of [
      ["--plan", planFile, "--format", "markdown", "--output", "comment.md"],
      ["--plan", planFile, "--format", "json"],
      ["--base", outdir, "--head", outdir, "--format", "markdown"],
    ]) {
      const r = runReview([...argv, "--policy", policies]);
      expect([argv.join(" "), r.code === 2 ? r.text : "ok"]).toEqual([argv.join(" "), "ok"]);
      expect(r.text.length).toBeGreaterThan(100);
      expect(leaks(r.text)).toEqual([]);
    }
  });
});
