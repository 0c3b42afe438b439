// schema/check-report.schema.json describes the real JSON output of `check --format json`: every fixture's output
// (findings, waivers, lowered severities, coverage, a baseline with baselined, expired and unused entries)
// validates against it, every object in it rejects unknown keys (so a new output field fails here until the schema
// and schemaVersion say it), and its schemaVersion is the one the reporter writes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../cli/check";
import { CHECK_REPORT_SCHEMA_VERSION } from "../../guard/report/check/json";
import type { JsonSchema } from "../../scripts/gen-spec-schema";
import { validate } from "./json-schema";

const ROOT = resolve(__dirname, "..", "..");
const FIX = join(ROOT, "__tests__", "guard", "fixtures");
const POLICY = join(FIX, "shop.policy.yaml");
const OPEN = join(FIX, "noncompliant", "NoOpenMethod.tf.json");
const schema = JSON.parse(readFileSync(join(ROOT, "schema", "check-report.schema.json"), "utf8")) as JsonSchema;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "report-schema-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jsonOf(...argv: string[]): Record<string, unknown> {
  let out = "";
  let err = "";
  const code = main([...argv, "--format", "json", "--as-of", "2026-12-07"], { out: (s) => (out += s), err: (s) => (err += s) });
  if (code === 2) throw new Error(`check exited 2: ${err}`);
  return JSON.parse(out) as Record<string, unknown>;
}

test("GIVEN the schema THEN draft-07, every object closed, and its schemaVersion is the reporter's", () => {
  expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
  expect((schema.properties as Record<string, JsonSchema>).schemaVersion).toMatchObject({ type: "integer", const: CHECK_REPORT_SCHEMA_VERSION });
  const objects: JsonSchema[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === "object" && node !== null) {
      const s = node as JsonSchema;
      if (s.type === "object") objects.push(s);
      Object.values(s).forEach(walk);
    }
  };
  walk(schema);
  expect(objects.length).toBeGreaterThan(10);
  for (const o of objects) expect(o.additionalProperties).toBe(false);
});

const inputs = [
  join(FIX, "compliant.tf.json"),
  join(FIX, "compliant.plan.json"),
  ...readdirSync(join(FIX, "noncompliant"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(FIX, "noncompliant", f)),
];

test.each(inputs.map((f) => [f.slice(FIX.length + 1), f]))("GIVEN %s checked against the shop policy THEN the output is valid", (_n, input) => {
  const out = jsonOf(input, "--policy", POLICY);
  expect(out.schemaVersion).toBe(CHECK_REPORT_SCHEMA_VERSION);
  expect(validate(schema, out)).toEqual([]);
});

test("GIVEN an API whose routes are unknown (an OpenAPI body known only after apply) THEN its null counts and why are valid", () => {
  const unseen = join(ROOT, "__tests__", "guard", "rules", "fixtures", "unseen-projects-plan");
  const out = jsonOf(join(unseen, "plan.json"), "--policy", join(unseen, "policies"));
  const coverage = out.coverage as { apis: { routes: number | null; routesUnknown: string | null }[]; routes: { unknownApis: number } };
  expect(coverage.apis.filter((a) => a.routes === null && a.routesUnknown !== null)).toHaveLength(1);
  expect(coverage.routes.unknownApis).toBe(1);
  expect(validate(schema, out)).toEqual([]);
});

test("GIVEN a policy with a waiver and a lowered severity THEN the output (waived, loweredSeverities) is valid", () => {
  const policy = join(dir, "waived.yaml");
  writeFileSync(
    policy,
    `${readFileSync(POLICY, "utf8")}\nwaivers:\n  - rule: no-open-method\n    route: "DELETE /items/{id}"\n    reason: "Closed at the WAF until SEC-12 lands"\n` +
      `severities:\n  stage-xray:\n    severity: info\n    reason: "tracing is off in dev on purpose (cost)"\n`,
  );
  const out = jsonOf(OPEN, "--policy", policy);
  expect((out.findings as { waived?: unknown }[]).some((f) => f.waived !== undefined)).toBe(true);
  expect(out.loweredSeverities).not.toEqual([]);
  expect(validate(schema, out)).toEqual([]);
});

test("GIVEN a baseline with a live, an expired, an unused, an undetailed and an escalated entry THEN the output (baseline, waived.baseline) is valid", () => {
  const entry = (rule: string, expires: string, more: Record<string, string> = {}) => ({
    rule,
    address: "aws_api_gateway_method.delete",
    api: "shop-dev",
    route: "DELETE /items/{id}",
    reason: "Internal test API, closed by SEC-12",
    owner: "team-shop",
    expires,
    ...more,
  });
  const baseline = join(dir, "baseline.json");
  writeFileSync(
    baseline,
    JSON.stringify({
      accepted: [
        entry("no-open-method", "2027-01-01", { severity: "critical" }),
        entry("method-matches-policy", "2026-12-01", { detail: "authorization=NONE" }),
        entry("no-open-method", "2027-01-01", { route: "GET /" }),
        entry("method-matches-policy", "2027-01-01"),
        entry("method-matches-policy", "2027-01-01", { detail: "authorizer=none", severity: "medium" }),
      ],
    }),
  );
  const out = jsonOf(OPEN, "--policy", POLICY, "--baseline", baseline);
  expect(out.baseline).toMatchObject({
    entries: 5,
    baselined: 1,
    expired: [{ path: "accepted[1]", findings: 1 }],
    unused: [{ path: "accepted[2]" }, { path: "accepted[3]", redraft: expect.stringContaining("--write-baseline") as unknown }],
    escalated: [{ path: "accepted[4]", severity: "medium", now: "critical", findings: 1 }],
  });
  expect((out.findings as { detail: string | null }[]).map((f) => f.detail)).toContain("authorization=NONE");
  expect(validate(schema, out)).toEqual([]);
});

test.each([
  ["a field the schema does not know", (o: Record<string, unknown>) => ({ ...o, extra: true }), "extra: unknown property"],
  ["another schemaVersion", (o: Record<string, unknown>) => ({ ...o, schemaVersion: CHECK_REPORT_SCHEMA_VERSION + 1 }), "schemaVersion: must be"],
  [
    "a finding without its route",
    (o: Record<string, unknown>) => ({ ...o, findings: (o.findings as Record<string, unknown>[]).map(({ route: _r, ...f }) => f) }),
    "missing required route",
  ],
])("GIVEN a real output with %s THEN the schema rejects it (the twin of the valid outputs)", (_n, change, error) => {
  const out = jsonOf(OPEN, "--policy", POLICY);
  expect(validate(schema, out)).toEqual([]);
  expect(validate(schema, change(out)).join("\n")).toContain(error);
});
