// JSON report: `{findings: [{rule, severity, address, api, route, message, waived?}], summary, loweredSeverities, coverage?}`.
import { summarize } from "./summary";
import type { ReportInput } from "./types";

export function jsonReport(r: ReportInput): string {
  const findings = r.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    address: f.address,
    api: f.api ?? null,
    route: f.route ?? null,
    message: f.message,
    ...(f.file !== undefined ? { file: f.file } : {}),
    ...(f.waived !== undefined ? { waived: f.waived } : {}),
  }));
  return `${JSON.stringify({ findings, summary: { ...summarize(r), failOn: r.failOn }, loweredSeverities: r.lowered, ...(r.coverage !== undefined ? { coverage: r.coverage } : {}) }, null, 2)}\n`;
}
