// Reporters: JSON shape, SARIF 2.1.0 structure as GitHub code scanning reads it, well-formed JUnit, Markdown.
import { join } from "node:path";
import { runRules } from "../../../../guard/engine";
import { loadModel } from "../../../../guard/load";
import { loadPolicies } from "../../../../guard/policy/load";
import { RULES } from "../../../../guard/rules";
import { REPORTERS, type ReportInput } from "../../../../guard/report/check";

const FIX = join(__dirname, "..", "..", "fixtures");
const policies = loadPolicies(join(FIX, "shop.policy.yaml"), RULES);
const input = (file: string): ReportInput => {
  const r = runRules(loadModel(join(FIX, file)), policies);
  return { findings: r.findings, rules: r.rules, failOn: "low", input: file, lowered: [] };
};
const open = input("noncompliant/NoOpenMethod.tf.json");
const clean = input("compliant.tf.json");

describe("json", () => {
  test("GIVEN findings THEN each is {rule, severity, address, api, route, message}", () => {
    const doc = JSON.parse(REPORTERS.json(open)) as { findings: Record<string, unknown>[]; summary: { passed: boolean } };
    expect(doc.summary.passed).toBe(false);
    expect(doc.findings).toContainEqual(
      expect.objectContaining({
        rule: "no-open-method",
        severity: "critical",
        address: "aws_api_gateway_method.delete",
        api: "shop-dev",
        route: "DELETE /items/{id}",
      }),
    );
    for (const f of doc.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(["rule", "severity", "address", "api", "route", "message"]));
  });
});

describe("sarif", () => {
  type Sarif = {
    version: string;
    $schema: string;
    runs: {
      tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; properties: Record<string, unknown> }[] } };
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        partialFingerprints: Record<string, string>;
      }[];
    }[];
  };
  const doc = JSON.parse(REPORTERS.sarif(open)) as Sarif;

  test("GIVEN findings THEN the log is SARIF 2.1.0 with one run and a described rule per result", () => {
    expect(doc.version).toBe("2.1.0");
    expect(doc.$schema).toMatch(/sarif-2\.1\.0/);
    expect(doc.runs).toHaveLength(1);
    const run = doc.runs[0];
    expect(run.tool.driver.name).not.toBe("");
    expect(run.results.length).toBeGreaterThan(0);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(["error", "warning", "note", "none"]).toContain(r.level);
      expect(r.message.text).not.toBe("");
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).not.toMatch(/\\/);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(Object.keys(r.partialFingerprints)).toHaveLength(1);
    }
  });

  test("GIVEN rules THEN each has a numeric security-severity (GitHub's severity source)", () => {
    for (const rule of doc.runs[0].tool.driver.rules) {
      expect(Number.isFinite(Number(rule.properties["security-severity"]))).toBe(true);
      expect(rule.shortDescription.text).not.toBe("");
    }
  });

  test("GIVEN a finding THEN its location is the line declaring the resource", () => {
    const r = doc.runs[0].results.find((x) => x.ruleId === "no-open-method");
    expect(r?.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
  });
});

describe("junit", () => {
  // sax ships with the toolchain (a cdktf dependency); a strict parser proves the XML is well-formed.

  const sax = require("sax") as {
    parser: (strict: boolean) => {
      onerror: (e: Error) => void;
      onopentag: (t: { name: string; attributes: Record<string, string> }) => void;
      write: (s: string) => { close: () => void };
    };
  };
  const parse = (xml: string) => {
    const tags: { name: string; attributes: Record<string, string> }[] = [];
    const p = sax.parser(true);
    p.onerror = (e) => {
      throw e;
    };
    p.onopentag = (t) => tags.push(t);
    p.write(xml).close();
    return tags;
  };

  test("GIVEN findings THEN testsuites count failures per rule", () => {
    const tags = parse(REPORTERS.junit(open));
    const root = tags[0];
    expect(root.name).toBe("testsuites");
    expect(Number(root.attributes.failures)).toBe(tags.filter((t) => t.name === "failure").length);
    expect(Number(root.attributes.failures)).toBeGreaterThan(0);
    expect(tags.filter((t) => t.name === "testsuite").length).toBe(open.rules.length);
  });

  test("GIVEN no findings THEN every rule is a passing testcase", () => {
    const tags = parse(REPORTERS.junit(clean));
    expect(tags.filter((t) => t.name === "failure")).toHaveLength(0);
    expect(tags.filter((t) => t.name === "testcase")).toHaveLength(clean.rules.length);
  });
});

describe("markdown and table", () => {
  test("GIVEN findings THEN markdown says failed and lists the rule", () => {
    const md = REPORTERS.markdown(open);
    expect(md).toMatch(/^## API access check: failed/);
    expect(md).toContain("`no-open-method`");
  });

  test("GIVEN no findings THEN the table says PASS", () => {
    expect(REPORTERS.table(clean)).toMatch(/PASS: 0 finding/);
  });
});
