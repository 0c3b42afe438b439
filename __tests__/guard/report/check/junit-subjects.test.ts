// JUnit per subject: one testcase per rule and subject it judged (passes included), failures with the finding,
// "not verified" as skipped with its reason, and properties naming the input and each policy file with its digest.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runRules } from "../../../../guard/engine";
import { modelFromDocument } from "../../../../guard/load";
import { policyDigests } from "../../../../guard/policy/digest";
import { loadPolicies } from "../../../../guard/policy/load";
import { RULES } from "../../../../guard/rules";
import { REPORTERS, type ReportInput } from "../../../../guard/report/check";

const sax = require("sax") as {
  parser: (strict: boolean) => {
    onerror: (e: Error) => void;
    onopentag: (t: { name: string; attributes: Record<string, string> }) => void;
    onclosetag: (name: string) => void;
    write: (s: string) => { close: () => void };
  };
};

interface Case {
  readonly classname: string;
  readonly name: string;
  readonly outcome: "passed" | "failure" | "skipped";
  readonly message?: string;
  readonly properties: Record<string, string>;
}

/** Parses strictly (well-formed or it throws) into the testcases and the first suite's properties. */
function parse(xml: string): { cases: Case[]; suiteProperties: [string, string][]; root: Record<string, string> } {
  const cases: Case[] = [];
  const suiteProperties: [string, string][] = [];
  let root: Record<string, string> = {};
  let current: { classname: string; name: string; outcome: Case["outcome"]; message?: string; properties: Record<string, string> } | undefined;
  let suites = 0;
  const p = sax.parser(true);
  p.onerror = (e) => {
    throw e;
  };
  p.onopentag = (t) => {
    const a = t.attributes;
    if (t.name === "testsuites") root = a;
    if (t.name === "testsuite") suites++;
    if (t.name === "testcase") current = { classname: a.classname, name: a.name, outcome: "passed", properties: {} };
    if (t.name === "property" && current !== undefined) current.properties[a.name] = a.value;
    if (t.name === "property" && current === undefined && suites === 1) suiteProperties.push([a.name, a.value]);
    if ((t.name === "failure" || t.name === "skipped") && current !== undefined) {
      current.outcome = t.name;
      current.message = a.message;
    }
  };
  p.onclosetag = (name) => {
    if (name === "testcase" && current !== undefined) {
      cases.push(current);
      current = undefined;
    }
  };
  p.write(xml).close();
  return { cases, suiteProperties, root };
}

const FIX = join(__dirname, "..", "..", "fixtures");
const POLICY = join(FIX, "shop.policy.yaml");
const policies = loadPolicies(POLICY, RULES);

/** The compliant fixture in memory: no authorizer package is read, so its CUSTOM route is "not verified". */
function input(): ReportInput {
  const doc = JSON.parse(readFileSync(join(FIX, "compliant.tf.json"), "utf8")) as unknown;
  const model = modelFromDocument(doc, "compliant.tf.json");
  const r = runRules(model, policies);
  return {
    findings: r.findings,
    rules: r.rules,
    failOn: "low",
    input: "compliant.tf.json",
    lowered: [],
    subjects: r.subjects,
    policyFiles: policyDigests(policies),
  };
}

describe("GIVEN the compliant fixture in memory", () => {
  const report = input();
  const { cases, suiteProperties, root } = parse(REPORTERS.junit(report));
  const routes = modelFromDocument(JSON.parse(readFileSync(join(FIX, "compliant.tf.json"), "utf8")), "x").routes.map((r) => `shop-dev ${r.routeKey}`);

  test("THEN every route is a method-matches-policy testcase, passed or skipped, naming the policy file that decides it", () => {
    const mine = cases.filter((c) => c.classname === "method-matches-policy" && routes.includes(c.name));
    expect(mine.map((c) => c.name).sort()).toEqual([...routes].sort());
    for (const c of mine) expect(c.properties["policy-file"]).toBe(POLICY);
    expect(mine.filter((c) => c.outcome === "failure")).toEqual([]);
  });

  test("THEN the CUSTOM route, whose route table is not on disk, is skipped with its reason", () => {
    const c = cases.find((x) => x.classname === "method-matches-policy" && x.name === "shop-dev DELETE /items/{id}");
    expect(c?.outcome).toBe("skipped");
    expect(c?.message).toContain("not verified");
  });

  test("THEN the totals count every testcase, and each suite names the input and the policy file with its sha256", () => {
    expect(Number(root.tests)).toBe(cases.length);
    expect(Number(root.skipped)).toBe(cases.filter((c) => c.outcome === "skipped").length);
    expect(Number(root.failures)).toBe(0);
    const sha = createHash("sha256").update(readFileSync(POLICY)).digest("hex");
    expect(suiteProperties).toEqual([
      ["input", "compliant.tf.json"],
      ["policy-file", `${POLICY} sha256:${sha}`],
    ]);
  });
});

test("GIVEN an opened method THEN exactly that route's testcases fail, each with the finding as its message", () => {
  const doc = JSON.parse(readFileSync(join(FIX, "noncompliant", "NoOpenMethod.tf.json"), "utf8")) as unknown;
  const r = runRules(modelFromDocument(doc, "open.tf.json"), policies);
  const { cases, root } = parse(
    REPORTERS.junit({ findings: r.findings, rules: r.rules, failOn: "low", input: "open.tf.json", lowered: [], subjects: r.subjects }),
  );
  const failed = cases.filter((c) => c.outcome === "failure");
  expect(failed.map((c) => `${c.classname}: ${c.name}`)).toEqual([
    "method-matches-policy: shop-dev DELETE /items/{id}",
    "no-open-method: shop-dev DELETE /items/{id}",
  ]);
  expect(failed[1].message).toBe("DELETE /items/{id} has authorization NONE and no API key, and the policy gives no reason for it to be open");
  expect(Number(root.failures)).toBe(2);
  expect(cases.filter((c) => c.classname === "no-open-method" && c.outcome === "passed").length).toBe(5);
});
