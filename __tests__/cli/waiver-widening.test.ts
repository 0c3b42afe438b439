// A policy waiver must not become a door for the next change. The policy is a gate path (code owners); the Terraform is
// not. Each case is a pull request that edits only the Terraform of a repository whose policy waives one door of the
// backend: GIVEN the sample's real synth (petstore dev, frozen) with an AWS_IAM function URL on the backend (base), and
// the sample policy with a waiver for that door, WHEN the head opens the same URL to anyone, or adds another door to the
// same function, THEN the check fails on the widened door; its harmless twin (the waived door unchanged, an unrelated
// edit) passes. Each for a waiver naming the finding's detail and severity, and for a coarse one written before
// waivers named details (rule and address only): before this, both passed every widening here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/check";
import { synth, type Doc, type Json } from "../guard/review/fixtures/pairs";
import { SAMPLE_POLICY } from "../helpers/sample";

const TODAY = ["--as-of", "2026-12-07"];
const BACKEND = "fn-backend_function_39B17E9A";
const BACKEND_ADDRESS = `aws_lambda_function.${BACKEND}`;
const BACKEND_REF = `\${aws_lambda_function.${BACKEND}.function_name}`;
const IAM_URL = "unintended function-url:petstore-dev-backend admits iam:IAM principals of this account granted lambda:InvokeFunctionUrl";
/** The sample's web client allows USER_PASSWORD_AUTH (medium, no detail): waived in every policy here, as before. */
const PASSWORD_AUTH = {
  rule: "app-client-password-auth",
  address: "aws_cognito_user_pool_client.identity_client-web_C7D0E3A6",
  reason: "The user-migration trigger needs the password until SEC-7 ends",
};

const add = (doc: Doc, type: string, name: string, body: Json): void => {
  doc.resource[type] = { ...(doc.resource[type] ?? {}), [name]: body };
};
const functionUrl = (doc: Doc, authorization: "NONE" | "AWS_IAM"): void =>
  add(doc, "aws_lambda_function_url", "backend_url", { function_name: BACKEND_REF, authorization_type: authorization });
const permission = (doc: Doc, name: string, principal: string): void =>
  add(doc, "aws_lambda_permission", name, { action: "lambda:InvokeFunction", function_name: BACKEND_REF, principal, statement_id: name });
/** The twin's edit: nothing about access changes (the backend gets more memory). */
const harmless = (doc: Doc): void => {
  const fn = doc.resource["aws_lambda_function"]?.[BACKEND];
  if (fn === undefined) throw new Error("fixture: no backend function");
  fn["memory_size"] = 512;
};

/** The waiver a security reviewer wrote for the AWS_IAM function URL. */
const WAIVERS: Readonly<Record<string, Json>> = {
  "naming the door and whom it admits (detail) and its severity": {
    rule: "backend-doors-intended",
    address: BACKEND_ADDRESS,
    detail: IAM_URL,
    severity: "high",
    reason: "Partner batch jobs sign with SigV4 until the API route lands (SEC-31)",
  },
  "written before waivers named details (rule and address: coarse)": {
    rule: "backend-doors-intended",
    address: BACKEND_ADDRESS,
    reason: "Partner batch jobs sign with SigV4 until the API route lands (SEC-31)",
  },
};

const HEADS: Readonly<Record<string, { readonly head: (doc: Doc) => void; readonly fails: string }>> = {
  "the same function URL opened to anyone (AWS_IAM -> NONE)": {
    head: (d) => functionUrl(d, "NONE"),
    fails: "unintended function-url:petstore-dev-backend admits anyone:",
  },
  "another door on the same function (a Lambda permission for a partner account, also high)": {
    head: (d) => permission(d, "partner", "111111111111"),
    fails: "unintended lambda-permission:aws_lambda_permission.partner admits account:account 111111111111",
  },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "waiver-widening-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The sample policy with these waivers (YAML is a superset of JSON: each waiver one flow mapping). */
function policyWith(waivers: readonly Json[]): string {
  const text = readFileSync(SAMPLE_POLICY, "utf8");
  if (!text.includes("\nwaivers: []\n")) throw new Error("fixture: the sample policy no longer has `waivers: []`");
  const file = join(dir, "petstore.yaml");
  writeFileSync(file, text.replace("\nwaivers: []\n", `\nwaivers:\n${waivers.map((w) => `  - ${JSON.stringify(w)}\n`).join("")}`));
  return file;
}

function check(doc: Doc, policy: string) {
  const file = join(dir, "input.tf.json");
  writeFileSync(file, JSON.stringify(doc));
  let out = "";
  let err = "";
  const code = main([file, "--policy", policy, "--format", "json", ...TODAY], { out: (s) => (out += s), err: (s) => (err += s) });
  const json = JSON.parse(out) as { findings: { rule: string; severity: string; detail: string | null; waived?: unknown }[] };
  // What fails at the default --fail-on (low): info findings (a route table not in a frozen synth) never do.
  return { code, err, failing: json.findings.filter((f) => f.waived === undefined && f.severity !== "info") };
}

function base(): Doc {
  const doc = synth("dev");
  functionUrl(doc, "AWS_IAM");
  return doc;
}

describe.each(Object.entries(WAIVERS))("GIVEN an AWS_IAM function URL on the backend and a waiver %s", (_name, waiver) => {
  test("THEN the base passes, the waived door reported as waived", () => {
    const r = check(base(), policyWith([waiver, PASSWORD_AUTH]));
    expect(r.failing).toEqual([]);
    expect(r.code).toBe(0);
  });

  test.each(Object.entries(HEADS))("WHEN a Terraform-only change makes %s THEN the check fails on it", (_h, c) => {
    const head = base();
    c.head(head);
    const r = check(head, policyWith([waiver, PASSWORD_AUTH]));
    expect(r.code).toBe(1);
    expect(r.failing).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: "backend-doors-intended", detail: expect.stringContaining(c.fails) as unknown })]),
    );
    expect(r.failing.every((f) => f.rule === "backend-doors-intended")).toBe(true);
  });

  test("WHEN its harmless twin leaves the waived door as it is THEN the check passes", () => {
    const twin = base();
    harmless(twin);
    const r = check(twin, policyWith([waiver, PASSWORD_AUTH]));
    expect(r.failing).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe("GIVEN a coarse waiver (no detail) of the AWS_IAM function URL", () => {
  const coarse = WAIVERS["written before waivers named details (rule and address: coarse)"] as Json;

  test("THEN the run notes it accepts only coarsely, with the detail to write", () => {
    const r = check(base(), policyWith([coarse, PASSWORD_AUTH]));
    expect(r.code).toBe(0);
    expect(r.err).toContain(`waivers[0] names no detail: it accepts backend-doors-intended ${BACKEND_ADDRESS} (${IAM_URL}) only while`);
    expect(r.err).toContain(`(detail: ${JSON.stringify(IAM_URL)})`);
  });

  test("THEN the Markdown marks the waived door coarse, and the JSON keeps its schemaVersion 3 shape", () => {
    const file = join(dir, "input.tf.json");
    writeFileSync(file, JSON.stringify(base()));
    const policy = policyWith([coarse, PASSWORD_AUTH]);
    let md = "";
    expect(main([file, "--policy", policy, "--format", "markdown", ...TODAY], { out: (s) => (md += s), err: () => undefined })).toBe(0);
    expect(md).toMatch(/\| ~~high~~ waived \(coarse\) \| `backend-doors-intended` .*\(waived, coarse: the waiver names no detail: Partner batch jobs/);
    expect(md).toMatch(/\| ~~medium~~ waived \| `app-client-password-auth`/);
    let json = "";
    main([file, "--policy", policy, "--format", "json", ...TODAY], { out: (s) => (json += s), err: () => undefined });
    const door = (JSON.parse(json) as { findings: { rule: string; waived?: unknown }[] }).findings.find((f) => f.rule === "backend-doors-intended");
    expect(door?.waived).toEqual({ reason: coarse["reason"], policyFile: policy });
  });

  test("WHEN the URL is opened to anyone THEN the run says why the waiver does not accept it", () => {
    const head = base();
    functionUrl(head, "NONE");
    const r = check(head, policyWith([coarse, PASSWORD_AUTH]));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/waivers\[0\] names no detail, so it accepts up to high: backend-doors-intended .* is critical: not waived, it counts/);
  });

  test("WHEN another door is added THEN neither door is waived, and the run says why", () => {
    const head = base();
    permission(head, "partner", "111111111111");
    const r = check(head, policyWith([coarse, PASSWORD_AUTH]));
    expect(r.code).toBe(1);
    expect(r.failing.map((f) => f.detail)).toEqual(
      expect.arrayContaining([IAM_URL, HEADS["another door on the same function (a Lambda permission for a partner account, also high)"]?.fails]),
    );
    expect(r.err).toContain(`waivers[0] names no detail and its rule reports several findings on ${BACKEND_ADDRESS}`);
  });

  test("WHEN its severity is written as high and the URL is opened to anyone THEN the run says the finding is above it", () => {
    const head = base();
    functionUrl(head, "NONE");
    const r = check(head, policyWith([{ ...coarse, severity: "high" }, PASSWORD_AUTH]));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/waivers\[0\] names no detail, so it accepts up to high: .* is critical: not waived/);
  });
});

test("GIVEN a waiver naming the open URL's detail with severity medium WHEN the finding is critical THEN it is not waived and the run says so", () => {
  const head = base();
  functionUrl(head, "NONE");
  const open = check(head, policyWith([PASSWORD_AUTH])).failing.find((f) => f.rule === "backend-doors-intended");
  if (open?.detail === undefined || open.detail === null) throw new Error("fixture: the open URL has no finding with a detail");
  const waiver = { rule: "backend-doors-intended", address: BACKEND_ADDRESS, detail: open.detail, severity: "medium", reason: "Written for a lesser finding" };
  const r = check(head, policyWith([waiver, PASSWORD_AUTH]));
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/waivers\[0\] accepts findings up to medium: backend-doors-intended .* is critical: not waived, it counts/);
  // The same waiver with the finding's severity accepts it: the ceiling is what refused it.
  expect(check(head, policyWith([{ ...waiver, severity: "critical" }, PASSWORD_AUTH])).code).toBe(0);
});
