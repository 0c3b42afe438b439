// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// The audit in the installed command: the package built by scripts/build-bin.mjs (check.js, and audit.js with the
// AWS SDK clients, loaded only by `audit`), packed, installed into an empty project with npm (offline: no
// dependencies), then `api-access-check audit` run with plain node and npx against a loopback fake account
// (bench/private/fake-aws.ts: one REST API of four Cognito-protected routes, a user pool; real HTTP on 127.0.0.1
// reached through AWS_ENDPOINT_URL with placeholder credentials, the real SDK clients as bundled). Exit 0 / 1 / 2
// as `npm run audit`. Needs a working npm; says so visibly when skipped.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeAws, type FakeAws } from "../../bench/private/fake-aws";
import { installBin, type InstalledBin } from "../../bench/private/installed-bin";

const ROOT = join(__dirname, "..", "..");
/** A reviewed plan of another API (the check's compliant fixture): with --plan, the fake's routes are drift. */
const FIX = join(ROOT, "__tests__", "guard", "fixtures");
const PLAN = join(FIX, "compliant.plan.json");
/** The check's compliant fixture and its policy: what the check alone runs on. */
const COMPLIANT = join(FIX, "compliant.tf.json");
const CHECK_POLICY = join(FIX, "shop.policy.yaml");
const npmUsable = spawnSync("npm", ["--version"], { encoding: "utf8" }).status === 0;
if (!npmUsable) console.warn("SKIPPED the installed audit's tests: npm is not usable here (npm --version failed)");

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/**
 * The environment of a run: this process's without any AWS setting, then the loopback endpoint and placeholder
 * credentials, so nothing can reach a real account or read a profile of this machine.
 */
function awsEnv(endpoint: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
  return {
    ...env,
    NODE_PATH: "",
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "not-a-secret",
    AWS_CONFIG_FILE: join(tmpdir(), "no-such-aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), "no-such-aws-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** Runs without blocking: the fake account answers from this process's event loop. */
function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (err += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

/** What the fake account serves, as intended: every route Cognito with its scope. */
const POLICY = [
  'api: "bench-*"',
  "routes:",
  ...["GET /r0", "POST /r0", "GET /r1", "POST /r1"].map((r) => `  "${r}": { type: COGNITO, authorizer: "\${api}-cognito", scopes: [bench/read] }`),
  "",
].join("\n");

interface JsonReport {
  readonly findings: readonly { readonly rule: string; readonly severity: string; readonly route: string | null; readonly message: string }[];
  readonly coverage: { readonly routes: { readonly total: number; readonly covered: number } };
}

let dir: string;
let installed: InstalledBin;
let fake: FakeAws;
let policy: string;

(npmUsable ? describe : describe.skip)("GIVEN the command's package packed and installed into an empty project", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "audit-bin-"));
    installed = installBin(dir);
    fake = await startFakeAws({ apis: 1, routesPerApi: 4, latencyMs: 0 });
    policy = join(dir, "bench.policy.yaml");
    writeFileSync(policy, POLICY);
  });

  afterAll(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const audit = (...args: string[]) => run(process.execPath, [installed.bin, "audit", ...args], installed.project, awsEnv(fake.url));
  const findingsOf = (r: Run) => (JSON.parse(r.out) as JsonReport).findings;

  test("GIVEN the build THEN the check's bundle inlines yaml only and the audit's the AWS SDK, each licence shipped", () => {
    expect(installed.buildLog).toMatch(/check\.js \(\d+ KiB; inlined: yaml\)/);
    expect(installed.buildLog).toMatch(/audit\.js \(\d+ KiB, loaded by `audit` only; inlined: \d+ packages\)/);
    const licences = readFileSync(join(installed.project, "node_modules", "api-access-check", "THIRD-PARTY-LICENSES"), "utf8");
    // Every SDK client the audit's sources import, whichever they are, and what the bundles always carry.
    const sources = readdirSync(join(ROOT, "cli", "private", "audit")).map((f) => readFileSync(join(ROOT, "cli", "private", "audit", f), "utf8"));
    const clients = [...new Set(sources.flatMap((s) => [...s.matchAll(/from "(@aws-sdk\/client-[a-z0-9-]+)"/g)].map((m) => m[1])))];
    expect(clients).toContain("@aws-sdk/client-api-gateway");
    for (const p of [...clients, "yaml", "@smithy/core"]) expect(licences).toContain(`\n${p}@`);
    expect(licences).toContain("Apache License");
  });

  test("GIVEN check.js without audit.js beside it THEN the check runs, and the audit says its bundle is missing (exit 2)", async () => {
    const alone = join(dir, "check-alone");
    mkdirSync(alone);
    copyFileSync(installed.bundle, join(alone, "check.js"));
    const checked = await run(process.execPath, [join(alone, "check.js"), "check", COMPLIANT, "--policy", CHECK_POLICY], installed.project, process.env);
    expect(checked).toMatchObject({ code: 0, err: "" });
    const audited = await run(process.execPath, [join(alone, "check.js"), "audit", "--help"], installed.project, process.env);
    expect(audited).toEqual({
      code: 2,
      out: "",
      err: "api-access-check: the audit's bundle (audit.js, beside check.js) is missing: reinstall the api-access-check package\n",
    });
  });

  test("GIVEN api-access-check --help THEN the audit is listed with its options", async () => {
    const r = await run(process.execPath, [installed.bin, "--help"], installed.project, process.env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ +api-access-check audit --region <region>\.\.\. \[--assume-role-arn <arn>\]\.\.\. \[--policy <file\|dir>\]\.\.\. \[--plan /m);
    expect(r.out).toContain("[--format table|json|junit|sarif|markdown|html|oscal]");
    expect(r.out).toMatch(/^ +api-access-check audit --print-iam-policy /m);
  });

  test("GIVEN audit --help THEN the audit's usage, exit 0", async () => {
    const r = await audit("--help");
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(/^usage: api-access-check audit --region <region>\.\.\. /);
    expect(r.out).toContain("--print-iam-policy");
  });

  test("GIVEN npx api-access-check audit --print-iam-policy --assume-role-arn THEN the read-only policy and the one AssumeRole grant, exit 0", async () => {
    const role = "arn:aws:iam::222233334444:role/api-audit";
    const r = await run("npx", ["--offline", "api-access-check", "audit", "--print-iam-policy", "--assume-role-arn", role], installed.project, process.env);
    expect(r.code).toBe(0);
    const statements = (JSON.parse(r.out) as { Statement: { Action: string[]; Resource: string | string[] }[] }).Statement;
    const actions = statements.flatMap((s) => s.Action);
    expect(actions).toEqual(expect.arrayContaining(["apigateway:GET", "cognito-idp:DescribeUserPoolClient", "sts:AssumeRole"]));
    expect(actions.filter((a) => !/^[a-z0-9-]+:(Get|List|Describe|GET)/.test(a) && a !== "sts:AssumeRole")).toEqual([]);
    expect(statements.find((s) => s.Action.includes("sts:AssumeRole"))?.Resource).toEqual([role]);
  });

  test("GIVEN the fake account as the policy intends WHEN audited --format json --fail-on critical THEN exit 0, every route read and none critical", async () => {
    const r = await audit("--region", "eu-west-1", "--policy", policy, "--format", "json", "--fail-on", "critical");
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as JsonReport;
    expect(report.findings.filter((f) => f.severity === "critical")).toEqual([]);
    // Read, not merely reported empty: the four routes are covered by the policy, the stage is judged.
    expect(report.coverage.routes).toEqual({ total: 4, covered: 4, unknownApis: 0 });
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: "stage-waf", severity: "high" }));
    expect(fake.requests()).toBeGreaterThan(5);
  });

  test("GIVEN a policy that wants another authorization on one route THEN exit 1 with a critical finding on that route", async () => {
    const stricter = join(dir, "stricter.policy.yaml");
    writeFileSync(stricter, POLICY.replace('"GET /r0": { type: COGNITO, authorizer: "${api}-cognito", scopes: [bench/read] }', '"GET /r0": { type: AWS_IAM }'));
    expect(readFileSync(stricter, "utf8")).toContain('"GET /r0": { type: AWS_IAM }');
    const r = await audit("--region", "eu-west-1", "--policy", stricter, "--format", "json", "--fail-on", "critical");
    expect(r.code).toBe(1);
    const critical = findingsOf(r).filter((f) => f.severity === "critical");
    expect(new Set(critical.map((f) => `${f.rule} ${f.route}`))).toEqual(new Set(["method-matches-policy GET /r0"]));
    expect(critical.map((f) => f.message)).toContainEqual(expect.stringMatching(/^GET \/r0: authorization is "COGNITO_USER_POOLS", policy says AWS_IAM/));
  });

  test("GIVEN --format html THEN one self-contained HTML report of the account on stdout", async () => {
    const r = await audit("--region", "eu-west-1", "--policy", policy, "--format", "html", "--fail-on", "critical");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^<!DOCTYPE html>/i);
    expect(r.out).toContain("123456789012");
    expect(r.out).toContain("bench-0");
    expect(r.out).toContain("GET /r0");
    expect(r.out).not.toMatch(/<script|<link |src="http/i);
  });

  test("GIVEN --plan, --output and --report THEN drift against the code and every file written, exit by --fail-on", async () => {
    const html = join(dir, "evidence.html");
    const oscal = join(dir, "evidence.oscal.json");
    const r = await audit("--region", "eu-west-1", "--policy", policy, "--plan", PLAN, "--format", "html", "--output", html, "--report", `oscal=${oscal}`);
    expect(r.code).toBe(1);
    expect(readFileSync(html, "utf8")).toMatch(/^<!DOCTYPE html>/i);
    const ar = JSON.parse(readFileSync(oscal, "utf8")) as { "assessment-results": { results: { findings?: unknown[] }[] } };
    expect(ar["assessment-results"].results[0]?.findings?.length).toBeGreaterThan(0);
    expect(r.out).toMatch(/deployed-matches-code .*GET \/r0: deployed COGNITO \(scopes: bench\/read\), code has no such route/);
  });

  test.each([
    ["an unknown option", ["--nope"], "audit: Unknown option '--nope'"],
    ["a bad region", ["--region", "mars"], 'audit: --region takes an AWS region name such as eu-west-1 (got "mars")'],
    ["--print-iam-policy with a region", ["--print-iam-policy", "--region", "eu-west-1"], "audit: --print-iam-policy reads nothing: it takes no --region"],
  ])("GIVEN %s THEN one message and the usage, exit 2", async (_n, argv, message) => {
    const r = await audit(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.split("\n")[0]).toBe(message);
    expect(r.err.split("\n")[1]).toMatch(/^usage: api-access-check audit /);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  describe("GIVEN an account that refuses every read", () => {
    let denying: Server;
    let url = "";
    beforeAll(async () => {
      denying = createServer((req, res) => {
        req.resume();
        res.writeHead(403, { "content-type": "application/json", "x-amzn-errortype": "AccessDeniedException" });
        res.end(JSON.stringify({ __type: "AccessDeniedException", message: "User is not authorized to perform this action" }));
      });
      await new Promise<void>((resolve) => denying.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(denying.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => denying.close(() => resolve())));

    test("WHEN audited THEN nothing is verified: exit 2, never a pass", async () => {
      const r = await run(process.execPath, [installed.bin, "audit", "--region", "eu-west-1", "--policy", policy], installed.project, awsEnv(url));
      expect(r.code).toBe(2);
      expect(r.err).toContain("audit: nothing could be read, so nothing is verified:");
      expect(r.out).not.toMatch(/PASS/);
    });
  });
});
