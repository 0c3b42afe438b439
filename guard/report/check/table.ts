// Terminal table: one finding a line, grouped by severity, and a summary line.
import { alignColumns } from "../columns";
import { coverageLines } from "./coverage-text";
import { messageText, severityText } from "../finding-text";
import { summarize } from "../summary";
import type { ReportInput } from "../types";
import { loweredLine } from "../lowered";

export function tableReport(r: ReportInput): string {
  const s = summarize(r);
  const rows = r.findings.map((f) => [severityText(f), f.rule, f.api ?? "-", f.route ?? "-", f.address, messageText(f)]);
  const head = ["SEVERITY", "RULE", "API", "ROUTE", "ADDRESS", "MESSAGE"];
  const body = rows.length === 0 ? ["No findings."] : alignColumns([head, ...rows], 60);
  const counts = Object.entries(s.bySeverity)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  for (const l of r.lowered) body.push(loweredLine(l));
  if (r.coverage !== undefined) body.push("", ...coverageLines(r.coverage));
  body.push(
    "",
    `${s.passed ? "PASS" : "FAIL"}: ${s.total} finding(s)${counts !== "" ? ` (${counts})` : ""}, ${s.waived} waived${s.baselined > 0 ? ` (${s.baselined} by the baseline)` : ""}, ${s.failing} at or above ${r.failOn}`,
  );
  return `${body.join("\n")}\n`;
}
