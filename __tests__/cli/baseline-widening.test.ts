// A baseline must not become a door for the next change. Each case is a pull request against a repository that
// adopted the check with a baseline: GIVEN the sample's real synth (petstore dev, frozen) with one accepted problem
// (base), and the baseline `--write-baseline` drafts on it, filled in by a person, WHEN the head widens access in a
// way the rules report under the same rule and address as the accepted finding (another door of the same function,
// the same door opened wider, one more role, one more WAF rule in COUNT) THEN the check fails on exactly the new
// finding; its harmless twin (the accepted problem unchanged, an unrelated edit) passes. Before findings carried a
// `detail`, every widening here passed: the entry matched on rule, address, API and route only.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/check";
import { synth, type Doc, type Json } from "../guard/review/fixtures/pairs";
import { SAMPLE_POLICY } from "../helpers/sample";

const TODAY = ["--as-of", "2026-12-07"];
const BACKEND = "fn-backend_function_39B17E9A";
const BACKEND_REF = `\${aws_lambda_function.${BACKEND}.function_name}`;
const REPORTING_POLICY = "invoke_invoke-role-reporting_B0D8C99C";
const WAF = "perimeter_regional-waf_acl_E8EF929C";

function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = main([...argv, "--policy", SAMPLE_POLICY, ...TODAY], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const add = (doc: Doc, type: string, name: string, body: Json): void => {
  doc.resource[type] = { ...(doc.resource[type] ?? {}), [name]: body };
};

const functionUrl = (doc: Doc, authorization: "NONE" | "AWS_IAM"): void =>
  add(doc, "aws_lambda_function_url", "backend_url", { function_name: BACKEND_REF, authorization_type: authorization });

const permission = (doc: Doc, name: string, principal: string): void =>
  add(doc, "aws_lambda_permission", name, { action: "lambda:InvokeFunction", function_name: BACKEND_REF, principal, statement_id: name });

/** A role of this account (trusted by ECS tasks) whose identity policy lets it invoke the backend directly. */
function directInvoker(doc: Doc, name: string): void {
  add(doc, "aws_iam_role", name, {
    name: `partner-${name}`,
    assume_role_policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: ["ecs-tasks.amazonaws.com"] }, Action: "sts:AssumeRole" }],
    }),
  });
  add(doc, "aws_iam_role_policy", `${name}_invoke`, {
    name: "invoke-backend",
    role: `\${aws_iam_role.${name}.name}`,
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "arn:aws:lambda:eu-west-1:123456789012:function:petstore-dev-backend" }],
    }),
  });
}

/** A role the policy does not name, with the same execute-api grant as the reporting role (GET /reports/{reportId}). */
function reportingLookalike(doc: Doc, name: string): void {
  const granted = doc.resource["aws_iam_role_policy"]?.[REPORTING_POLICY];
  if (granted === undefined) throw new Error("fixture: the reporting role's policy is gone from the synth");
  add(doc, "aws_iam_role", name, {
    name: `petstore-dev-${name}`,
    assume_role_policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: ["ecs-tasks.amazonaws.com"] }, Action: "sts:AssumeRole" }],
    }),
  });
  add(doc, "aws_iam_role_policy", `${name}_invoke`, { ...granted, role: `\${aws_iam_role.${name}.name}` });
}

function wafRule(doc: Doc, name: string): Json {
  const rules = doc.resource["aws_wafv2_web_acl"]?.[WAF]?.["rule"] as Json[] | undefined;
  const rule = rules?.find((r) => r["name"] === name);
  if (rule === undefined) throw new Error(`fixture: no WAF rule ${name}`);
  return rule;
}

/** The twin's edit: nothing about access changes (the backend gets more memory). */
const harmless = (doc: Doc): void => {
  const fn = doc.resource["aws_lambda_function"]?.[BACKEND];
  if (fn === undefined) throw new Error("fixture: no backend function");
  fn["memory_size"] = 512;
};

interface Case {
  /** The problem the team accepted in its baseline. */
  readonly base: (doc: Doc) => void;
  /** The pull request: on top of the base. */
  readonly head: (doc: Doc) => void;
  /** The failing finding the head must produce: its rule and a part of its detail. */
  readonly fails: readonly [string, string];
}

const CASES: Readonly<Record<string, Case>> = {
  "an open function URL accepted; a Lambda permission for * added on the same function": {
    base: (d) => functionUrl(d, "NONE"),
    head: (d) => permission(d, "anyone", "*"),
    fails: ["backend-doors-intended", "lambda-permission:aws_lambda_permission.anyone admits aws-any:"],
  },
  "a Lambda permission for one partner account accepted; the same permission opened to any AWS account": {
    base: (d) => permission(d, "partner", "111111111111"),
    head: (d) => permission(d, "partner", "*"),
    fails: ["backend-doors-intended", "lambda-permission:aws_lambda_permission.partner admits aws-any:"],
  },
  "an AWS_IAM function URL accepted; the same URL opened to anyone": {
    base: (d) => functionUrl(d, "AWS_IAM"),
    head: (d) => functionUrl(d, "NONE"),
    fails: ["backend-doors-intended", "function-url:petstore-dev-backend admits anyone:"],
  },
  "one role's direct invocation of the backend accepted; a second role granted the same (same door, same severity)": {
    base: (d) => directInvoker(d, "partner_a"),
    head: (d) => directInvoker(d, "partner_b"),
    fails: ["backend-doors-intended", "iam-invoke:petstore-dev-backend admits"],
  },
  "a role the policy does not name on GET /reports/{reportId} accepted; a second one added (same method, same rule)": {
    base: (d) => reportingLookalike(d, "bi-export"),
    head: (d) => reportingLookalike(d, "ml-training"),
    fails: ["method-matches-policy", "invokers extra-roles="],
  },
  "the WAF's rate rule in COUNT accepted; the common rule set put in COUNT too (same web ACL, same rule)": {
    base: (d) => {
      wafRule(d, "rate-limit-per-ip")["action"] = { count: {} };
    },
    head: (d) => {
      wafRule(d, "AWSManagedRulesCommonRuleSet")["override_action"] = { count: {} };
    },
    fails: ["waf-managed-rules", "waf-managed-count AWSManagedRulesCommonRuleSet override_action=count"],
  },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "baseline-widening-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The base written out, and the baseline drafted on it as a person fills it in. */
function adopt(c: Case): { base: Doc; baseline: string } {
  const base = synth("dev");
  c.base(base);
  const file = join(dir, "base.tf.json");
  writeFileSync(file, JSON.stringify(base));
  expect(run(file).code).toBe(1); // the accepted problem fails without the baseline
  const draft = join(dir, "draft.yaml");
  expect(run(file, "--write-baseline", draft).code).toBe(0);
  const baseline = join(dir, "access-baseline.yaml");
  writeFileSync(
    baseline,
    readFileSync(draft, "utf8")
      .replaceAll('"TODO: why this finding is accepted for now"', '"Partner integration, removed by SEC-12 next quarter"')
      .replaceAll('owner: "TODO"', "owner: team-platform"),
  );
  expect(run(file, "--baseline", baseline).code).toBe(0);
  return { base, baseline };
}

function checkHead(doc: Doc, baseline: string) {
  const file = join(dir, "head.tf.json");
  writeFileSync(file, JSON.stringify(doc));
  const r = run(file, "--baseline", baseline, "--format", "json");
  const json = JSON.parse(r.out) as { findings: { rule: string; severity: string; detail: string | null; waived?: unknown }[] };
  // What fails at the default --fail-on (low): info findings (a route table not in a frozen synth) never do.
  return { code: r.code, err: r.err, failing: json.findings.filter((f) => f.waived === undefined && f.severity !== "info") };
}

describe.each(Object.entries(CASES))("GIVEN %s", (_name, c) => {
  test("WHEN the head widens access THEN the check fails on the new finding, not on the accepted one", () => {
    const { base, baseline } = adopt(c);
    const head = structuredClone(base);
    c.head(head);
    const r = checkHead(head, baseline);
    expect(r.code).toBe(1);
    expect(r.failing).toEqual([expect.objectContaining({ rule: c.fails[0], detail: expect.stringContaining(c.fails[1]) as unknown })]);
  });

  test("WHEN its harmless twin leaves the accepted problem as it is THEN the check passes", () => {
    const { base, baseline } = adopt(c);
    const twin = structuredClone(base);
    harmless(twin);
    const r = checkHead(twin, baseline);
    expect(r.failing).toEqual([]);
    expect(r.code).toBe(0);
  });
});

test("GIVEN an entry written before its rule told findings apart (no detail) THEN it accepts nothing and the run says to draft it again", () => {
  const { baseline } = adopt(CASES["an open function URL accepted; a Lambda permission for * added on the same function"] as Case);
  writeFileSync(baseline, readFileSync(baseline, "utf8").replace(/\n {4}detail: .*/g, ""));
  const head = synth("dev");
  functionUrl(head, "NONE");
  const r = checkHead(head, baseline);
  expect(r.code).toBe(1);
  expect(r.failing.map((f) => f.rule)).toEqual(["backend-doors-intended"]);
  expect(r.err).toMatch(/accepted\[0\] accepts nothing: its findings on this address now carry a `detail` .*: draft it again with --write-baseline/);
});

describe("GIVEN a cdktf.out of both stacks with dev's user pool MFA off accepted", () => {
  const POOL = "identity_user-pool_40B5B78A";
  const mfaOff = (doc: Doc): void => {
    const pool = doc.resource["aws_cognito_user_pool"]?.[POOL];
    if (pool === undefined) throw new Error("fixture: no user pool");
    pool["mfa_configuration"] = "OFF";
  };
  /** Writes a cdktf.out with the two stacks; returns its path. */
  function out(name: string, dev: Doc, prod: Doc): string {
    const root = join(dir, name);
    for (const [stack, doc] of [
      ["petstore-dev", dev],
      ["petstore-prod", prod],
    ] as const) {
      mkdirSync(join(root, "stacks", stack), { recursive: true });
      writeFileSync(join(root, "stacks", stack, "cdk.tf.json"), JSON.stringify(doc));
    }
    return root;
  }
  function adoptBoth(): { dev: Doc; prod: Doc; baseline: string } {
    const dev = synth("dev");
    mfaOff(dev);
    const prod = synth("prod");
    const base = out("base", dev, prod);
    const draft = join(dir, "draft.yaml");
    expect(run(base, "--write-baseline", draft).code).toBe(0);
    expect(readFileSync(draft, "utf8")).toContain('    detail: "mfa_configuration=OFF"\n    stack: "petstore-dev"\n');
    const baseline = join(dir, "access-baseline.yaml");
    writeFileSync(
      baseline,
      readFileSync(draft, "utf8")
        .replaceAll('"TODO: why this finding is accepted for now"', '"Dev pool only, MFA rollout tracked in SEC-40"')
        .replaceAll('owner: "TODO"', "owner: team-identity"),
    );
    expect(run(base, "--baseline", baseline).code).toBe(0);
    return { dev, prod, baseline };
  }
  const failingOf = (input: string, baseline: string) => {
    const r = run(input, "--baseline", baseline, "--format", "json");
    const json = JSON.parse(r.out) as { findings: { rule: string; severity: string; stack?: string; waived?: unknown }[] };
    return { code: r.code, failing: json.findings.filter((f) => f.waived === undefined && f.severity !== "info") };
  };

  test("WHEN the head turns MFA off in prod's pool too (the same address in the other stack) THEN the check fails on prod's", () => {
    const { dev, prod, baseline } = adoptBoth();
    const head = structuredClone(prod);
    mfaOff(head);
    const r = failingOf(out("head", dev, head), baseline);
    expect(r.code).toBe(1);
    expect(r.failing).toEqual([expect.objectContaining({ rule: "user-pool-mfa", stack: "petstore-prod" })]);
  });

  test("WHEN its harmless twin leaves dev's accepted finding as it is THEN the check passes", () => {
    const { dev, prod, baseline } = adoptBoth();
    const twin = structuredClone(dev);
    harmless(twin);
    const r = failingOf(out("twin", twin, prod), baseline);
    expect(r.failing).toEqual([]);
    expect(r.code).toBe(0);
  });
});
