// Markdown report for pull-request comments and job summaries.
import { mdCode, mdText } from "../escape";
import { COARSE_TEXT } from "../finding-text";
import { summarize } from "../summary";
import type { ReportInput } from "../types";
import { loweredMarkdown } from "../lowered";
import { totalText } from "./coverage-text";

const cell = mdText;
const code = mdCode;

export function markdownReport(r: ReportInput): string {
  const s = summarize(r);
  const out: string[] = [];
  out.push(`## API access check: ${s.passed ? "passed" : "failed"}`, "");
  out.push(`Input ${code(r.input)}; fail on **${r.failOn}** or above. ${s.total} finding(s), ${s.waived} waived, ${s.failing} failing.`, "");
  out.push("| severity | count |", "|---|---|");
  for (const [k, n] of Object.entries(s.bySeverity)) out.push(`| ${k} | ${n} |`);
  out.push("");
  if (r.findings.length > 0) {
    out.push("| severity | rule | API | route | address | message |", "|---|---|---|---|---|---|");
    for (const f of r.findings) {
      const sev = f.waived !== undefined ? `~~${f.severity}~~ waived${f.waived.coarse === true ? " (coarse)" : ""}` : `**${f.severity}**`;
      const msg = f.waived !== undefined ? `${f.message} (waived${f.waived.coarse === true ? `, ${COARSE_TEXT}` : ""}: ${f.waived.reason})` : f.message;
      out.push(`| ${sev} | ${code(f.rule)} | ${cell(f.api ?? "")} | ${cell(f.route ?? "")} | ${code(f.address)} | ${cell(msg)} |`);
    }
  } else out.push("No findings.");
  if (r.lowered.length > 0) out.push("", ...loweredMarkdown(r.lowered));
  if (r.coverage !== undefined) {
    const c = r.coverage;
    out.push("", "### Coverage", "", `${totalText(c)} covered by a policy.`, "");
    if (c.apis.length > 0) {
      out.push("| API | stack | routes | covered | policy |", "|---|---|---|---|---|");
      for (const a of c.apis)
        out.push(
          `| ${cell(a.api)} | ${cell(a.stack)} | ${a.routes ?? "unknown (not verified)"} | ${a.covered ?? "–"} | ${a.policy === null ? "**none**" : code(a.policy)} |`,
        );
    }
    if (c.notCovered.length > 0) {
      out.push("", "**Not covered**", "", "| API | route | address | why |", "|---|---|---|---|");
      for (const n of c.notCovered) out.push(`| ${cell(n.api ?? "")} | ${cell(n.route ?? "")} | ${code(n.address)} | ${cell(n.reason)} |`);
    }
  }
  return `${out.join("\n")}\n`;
}
