// JUnit XML: one testsuite per rule, one testcase per rule and subject it judged (guard/verdicts.ts): passes
// included, a failure per subject with a finding at or above --fail-on, skipped (with the reason) for waived,
// "not verified" and below-threshold findings. A rule that declares no subjects has a testcase per finding, or one
// passing testcase when it has none (CI reporters show the whole catalogue). Each suite's properties name the input
// and every policy file with its sha256, and a rule reported below its default severity.
import type { ReportInput } from "../types";
import { xmlText as xml } from "../escape";
import { loweredValue } from "../lowered";
import { verdictLabel, verdictsOf, type Verdict } from "../../verdicts";

const property = (name: string, value: string): string => `<property name="${xml(name)}" value="${xml(value)}"/>`;

function testcase(v: Verdict): string {
  const file = v.subject?.file ?? v.findings[0]?.file;
  const open = `    <testcase classname="${xml(v.rule.id)}" name="${xml(verdictLabel(v))}"${file !== undefined ? ` file="${xml(file)}"` : ""}`;
  const policy = v.subject?.policyFile;
  const props = policy === undefined ? "" : `<properties>${property("policy-file", policy)}</properties>`;
  if (v.status === "passed") return props === "" ? `${open}/>` : `${open}>${props}</testcase>`;
  if (v.status === "skipped") return `${open}>${props}<skipped message="${xml(v.reason ?? "")}"/></testcase>`;
  const failing = v.findings.filter((f) => f.waived === undefined);
  const severity = failing[0]?.severity ?? v.rule.severity;
  const body = failing.map((f) => `[${f.severity}] ${f.api ?? ""} ${f.message}`).join("\n");
  return `${open}>${props}<failure message="${xml(v.reason ?? "")}" type="${severity}">${xml(body)}</failure></testcase>`;
}

export function junitReport(r: ReportInput): string {
  const verdicts = verdictsOf(r.rules, r.findings, r.subjects ?? new Map(), r.failOn);
  const common = [property("input", r.input), ...(r.policyFiles ?? []).map((p) => property("policy-file", `${p.file} sha256:${p.sha256}`))];
  const suites: string[] = [];
  const total = { tests: 0, failures: 0, skipped: 0 };
  for (const rule of r.rules) {
    const mine = verdicts.filter((v) => v.rule === rule);
    const failures = mine.filter((v) => v.status === "failed").length;
    const skipped = mine.filter((v) => v.status === "skipped").length;
    total.tests += mine.length;
    total.failures += failures;
    total.skipped += skipped;
    const props = [...common, ...r.lowered.filter((l) => l.rule === rule.id).map((l) => property("severity-lowered", loweredValue(l)))];
    suites.push(
      `  <testsuite name="${xml(rule.id)}" tests="${mine.length}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
        `    <properties>\n${props.map((p) => `      ${p}`).join("\n")}\n    </properties>\n` +
        `${mine.map(testcase).join("\n")}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="api-access-check" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}">\n${suites.join("\n")}\n</testsuites>\n`;
}
