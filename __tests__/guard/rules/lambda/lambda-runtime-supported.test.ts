// Rule lambda-runtime-supported: AWS's dated runtime table judged at the model's day (never the clock), on
// cdk.tf.json and on a real plan alike; and `check --as-of`, the one door for choosing that day.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../../../cli/check";
import { DEFAULT_NODE_RUNTIME, NODE_RUNTIMES } from "../../../../constructs/private/runtime";
import { runRules } from "../../../../guard/engine";
import { daysBetween } from "../../../../kernel/io/day";
import { loadModel, modelFromDocument } from "../../../../guard/load";
import type { Model } from "../../../../guard/model";
import { LambdaRuntimeSupported, RUNTIME_WARNING_DAYS } from "../../../../guard/rules/lambda/lambda-runtime-supported";
import { RUNTIME_LIFECYCLE, RUNTIME_TABLE_CHECKED_ON } from "../../../../guard/rules/private/runtimes";

const FIX = join(__dirname, "..", "..", "fixtures");
const POLICY = join(FIX, "shop.policy.yaml");
const NO_POLICIES = { policies: [] };

type Doc = { resource: Record<string, Record<string, Record<string, unknown>>> };
const compliant = (): Doc => JSON.parse(readFileSync(join(FIX, "compliant.tf.json"), "utf8")) as Doc;

/** The compliant fixture with the authorizer function's attributes replaced. */
function withFunction(values: Record<string, unknown>): Doc {
  const doc = compliant();
  const fn = { ...doc.resource["aws_lambda_function"]["authz"], ...values };
  for (const [k, v] of Object.entries(fn)) if (v === undefined) delete fn[k];
  doc.resource["aws_lambda_function"]["authz"] = fn;
  return doc;
}

const at = (model: Model, asOf: string): Model => ({ ...model, asOf });
const judge = (doc: Doc, asOf: string) => LambdaRuntimeSupported.check(at(modelFromDocument(doc, "main.tf.json"), asOf), NO_POLICIES);

describe("lambda-runtime-supported", () => {
  test("GIVEN nodejs18.x (its non-compliant fixture) WHEN checked THEN one high finding: create and update blocked", () => {
    const findings = LambdaRuntimeSupported.check(at(loadModel(join(FIX, "noncompliant", "LambdaRuntimeSupported.tf.json")), "2026-12-07"), NO_POLICIES);
    expect(findings).toHaveLength(1);
    expect(findings[0].address).toBe("aws_lambda_function.authz");
    expect(findings[0].severity).toBeUndefined(); // the rule's own: high
    expect(LambdaRuntimeSupported.severity).toBe("high");
    expect(findings[0].message).toMatch(
      /^function "shop-dev-authz": runtime nodejs18\.x: AWS blocks creating functions on it since 2026-02-03 and updating them since 2026-03-09/,
    );
  });

  test("GIVEN nodejs20.x, what the stacks deployed before, WHEN checked today THEN it is high (updates blocked since 2026-09-30)", () => {
    const [f] = judge(withFunction({ runtime: "nodejs20.x" }), "2026-12-07");
    expect(f.severity).toBeUndefined();
    expect(f.message).toContain("updating them since 2026-09-30");
  });

  test("GIVEN nodejs22.x WHEN checked on the day the table was checked (and with no day at all) THEN it is quiet", () => {
    expect(judge(compliant(), "2026-12-07")).toEqual([]);
    expect(LambdaRuntimeSupported.check(modelFromDocument(compliant(), "main.tf.json"), NO_POLICIES)).toEqual([]);
    expect(RUNTIME_TABLE_CHECKED_ON).toBe("2026-12-07");
  });

  test("GIVEN nodejs22.x WHEN checked 47 days before its create block THEN one medium finding that says when", () => {
    const findings = judge(compliant(), "2027-04-15");
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe("medium");
    expect(findings[0].message).toContain("AWS blocks creating functions on it from 2027-06-01 (in 47 days) and updating them from 2027-07-01");
  });

  test("GIVEN nodejs22.x WHEN checked 91 and 90 days before the create block THEN quiet, then medium (the window is 90 days)", () => {
    expect(RUNTIME_WARNING_DAYS).toBe(90);
    expect(judge(compliant(), "2027-03-02")).toEqual([]);
    expect(judge(compliant(), "2027-03-03").map((f) => f.severity)).toEqual(["medium"]);
  });

  test("GIVEN nodejs22.x WHEN checked on its create-block day and its update-block day THEN high, saying which blocks apply", () => {
    const [create] = judge(compliant(), "2027-06-01");
    expect(create.severity).toBeUndefined();
    expect(create.message).toContain(
      "blocks creating functions on it since 2027-06-01, so a deploy that creates this function fails, and updating them from 2027-07-01 (in 30 days)",
    );
    const [update] = judge(compliant(), "2027-07-01");
    expect(update.severity).toBeUndefined();
    expect(update.message).toContain("updating them since 2027-07-01");
  });

  test("GIVEN an old runtime whose exact block days are not recorded WHEN checked THEN high, with the bound said as a bound", () => {
    const [f] = judge(withFunction({ runtime: "nodejs12.x" }), "2026-12-07");
    expect(f.severity).toBeUndefined();
    expect(f.message).toContain("since 2024-02-08 at the latest");
  });

  test.each([
    ["python3.12", "2026-12-07", []],
    ["python3.11", "2026-12-07", []],
    ["python3.11", "2027-06-01", ["medium"]],
    ["python3.10", "2026-12-07", ["high"]],
    ["python3.9", "2026-12-07", ["high"]],
    ["python3.12", "2028-09-15", ["medium"]],
  ])("GIVEN %s WHEN checked on %s THEN %j (the Python page's dates)", (runtime, day, severities) => {
    const findings = judge(withFunction({ runtime }), day);
    expect(findings.map((f) => f.severity ?? "high")).toEqual(severities);
  });

  test("GIVEN runtimes the table does not list (a future nodejs26.x, ruby3.4) WHEN checked THEN low, not verified, never a pass", () => {
    for (const runtime of ["nodejs26.x", "ruby3.4"]) {
      const findings = judge(withFunction({ runtime }), "2026-12-07");
      expect(findings.map((f) => f.severity)).toEqual(["low"]);
      expect(findings[0].message).toContain(`runtime "${runtime}" is not in the dated table of Lambda runtimes: whether AWS still accepts it is not verified`);
    }
  });

  test("GIVEN a runtime known only after apply WHEN checked THEN low, not verified, naming the expression", () => {
    const findings = judge(withFunction({ runtime: "${var.runtime}" }), "2026-12-07");
    expect(findings.map((f) => f.severity)).toEqual(["low"]);
    expect(findings[0].message).toMatch(/runtime \(known after apply.*\) is known only after apply: whether AWS still accepts it is not verified/);
  });

  test("GIVEN a container image (no runtime) and an OS-only provided.al2023 function WHEN checked THEN both are quiet", () => {
    expect(
      judge(
        withFunction({
          runtime: undefined,
          handler: undefined,
          filename: undefined,
          package_type: "Image",
          image_uri: "1.dkr.ecr.eu-west-1.amazonaws.com/a:1",
        }),
        "2026-12-07",
      ),
    ).toEqual([]);
    expect(judge(withFunction({ runtime: "provided.al2023", handler: "bootstrap" }), "2026-12-07")).toEqual([]);
  });

  test("GIVEN a real terraform plan (compliant.plan.json) WHEN its runtime is nodejs22.x, then nodejs18.x THEN quiet, then high", () => {
    const text = readFileSync(join(FIX, "compliant.plan.json"), "utf8");
    expect(LambdaRuntimeSupported.check(at(modelFromDocument(JSON.parse(text), "plan.json"), "2026-12-07"), NO_POLICIES)).toEqual([]);
    const old = JSON.parse(text.replaceAll('"nodejs22.x"', '"nodejs18.x"')) as unknown;
    const findings = LambdaRuntimeSupported.check(at(modelFromDocument(old, "plan.json"), "2026-12-07"), NO_POLICIES);
    expect(findings.map((f) => [f.address, f.severity])).toEqual([["aws_lambda_function.authz", undefined]]);
    expect(findings[0].file).toBe("plan.json");
  });
});

describe("evidence per function", () => {
  test("GIVEN the compliant fixture WHEN the engine runs THEN the rule's subjects are its Lambda functions, labelled by name", () => {
    const { subjects } = runRules(at(loadModel(join(FIX, "compliant.tf.json")), "2026-12-07"), NO_POLICIES, [LambdaRuntimeSupported]);
    expect(subjects.get("lambda-runtime-supported")).toEqual([
      { kind: "function", address: "aws_lambda_function.authz", file: join(FIX, "compliant.tf.json"), label: 'function "shop-dev-authz"' },
    ]);
  });
});

describe("the dated table and the runtime the stacks deploy", () => {
  test("GIVEN the table THEN every entry's days are real and in order (deprecated <= create block <= update block) and cite a source", () => {
    for (const [runtime, l] of Object.entries(RUNTIME_LIFECYCLE)) {
      expect([runtime, daysBetween(l.deprecated, l.blockCreate) >= 0, daysBetween(l.blockCreate, l.blockUpdate) >= 0]).toEqual([runtime, true, true]);
      expect(l.source).toMatch(/docs\.aws\.amazon\.com\/lambda\/latest\/dg\/lambda-(nodejs|python|runtimes)\.html/);
    }
  });

  test("GIVEN every runtime the stacks may deploy THEN the table dates it and its create block is more than 90 days after the table's day", () => {
    expect(DEFAULT_NODE_RUNTIME).toBe("nodejs22.x");
    for (const runtime of Object.keys(NODE_RUNTIMES)) {
      const l = RUNTIME_LIFECYCLE[runtime];
      expect(l).toBeDefined();
      expect(daysBetween(RUNTIME_TABLE_CHECKED_ON, l.blockCreate)).toBeGreaterThan(RUNTIME_WARNING_DAYS);
    }
    expect(Object.keys(NODE_RUNTIMES)).not.toContain("nodejs20.x");
  });
});

describe("check --as-of", () => {
  function run(...argv: string[]) {
    let out = "";
    let err = "";
    const code = main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  }

  test("GIVEN the compliant fixture WHEN checked as of 2026-12-07 THEN exit 0; as of 2027-04-15 THEN exit 1 with the runtime finding", () => {
    expect(run(join(FIX, "compliant.tf.json"), "--policy", POLICY, "--as-of", "2026-12-07").code).toBe(0);
    const later = run(join(FIX, "compliant.tf.json"), "--policy", POLICY, "--as-of", "2027-04-15", "--format", "json");
    expect(later.code).toBe(1);
    expect(JSON.stringify(JSON.parse(later.out))).toContain("lambda-runtime-supported");
  });

  test.each(["2027-02-30", "27-04-15", "tomorrow"])("GIVEN --as-of %s THEN exit 2 with one line naming the value", (bad) => {
    const r = run(join(FIX, "compliant.tf.json"), "--policy", POLICY, "--as-of", bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--as-of takes a day as YYYY-MM-DD (got "${bad}")`);
  });
});
