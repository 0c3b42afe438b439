// JUnit XML: one testsuite per rule, one failing testcase per finding at or above --fail-on, a skipped one per
// waived finding, and a passing testcase for a rule with no findings (CI reporters show the whole catalogue).
import { atLeast } from "../engine";
import type { ReportInput } from "./types";
import { loweredValue } from "./lowered";

export const xml = (s: string): string =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

export function junitReport(r: ReportInput): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const rule of r.rules) {
    const fs = r.findings.filter((f) => f.rule === rule.id);
    const cases: string[] = [];
    let sf = 0;
    let ss = 0;
    if (fs.length === 0) cases.push(`    <testcase classname="${xml(rule.id)}" name="${xml(rule.title)}"/>`);
    for (const f of fs) {
      const name = xml(`${f.address}${f.route !== undefined ? ` (${f.route})` : ""}`);
      const open = `    <testcase classname="${xml(rule.id)}" name="${name}"${f.file !== undefined ? ` file="${xml(f.file)}"` : ""}>`;
      if (f.waived !== undefined) {
        ss++;
        cases.push(`${open}<skipped message="${xml(`waived: ${f.waived.reason}`)}"/></testcase>`);
      } else if (atLeast(f.severity, r.failOn)) {
        sf++;
        cases.push(
          `${open}<failure message="${xml(f.message)}" type="${f.severity}">${xml(`[${f.severity}] ${f.api ?? ""} ${f.message}`)}</failure></testcase>`,
        );
      } else cases.push(`${open}<system-out>${xml(`[${f.severity}, below --fail-on ${r.failOn}] ${f.message}`)}</system-out></testcase>`);
    }
    const n = Math.max(1, fs.length);
    tests += n;
    failures += sf;
    skipped += ss;
    const lowered = r.lowered.filter((l) => l.rule === rule.id);
    const properties =
      lowered.length === 0
        ? ""
        : `    <properties>\n${lowered.map((l) => `      <property name="severity-lowered" value="${xml(loweredValue(l))}"/>`).join("\n")}\n    </properties>\n`;
    suites.push(
      `  <testsuite name="${xml(rule.id)}" tests="${n}" failures="${sf}" errors="0" skipped="${ss}">\n${properties}${cases.join("\n")}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="api-access-check" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n${suites.join("\n")}\n</testsuites>\n`;
}
