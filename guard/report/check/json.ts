// JSON report: `{schemaVersion, findings: [{rule, severity, address, api, route, detail, message, file?, stack?, waived?}], summary,
// loweredSeverities, coverage?, baseline?}`, described by schema/check-report.schema.json (docs/json-output.md).
import { summarize } from "../summary";
import type { ReportInput } from "../types";

/** Changes whenever the output's shape does; the schema's `schemaVersion` const is the same number. */
export const CHECK_REPORT_SCHEMA_VERSION = 3;

export function jsonReport(r: ReportInput): string {
  const findings = r.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    address: f.address,
    api: f.api ?? null,
    route: f.route ?? null,
    detail: f.detail ?? null,
    message: f.message,
    ...(f.file !== undefined ? { file: f.file } : {}),
    ...(f.stack !== undefined ? { stack: f.stack } : {}),
    // `coarse` is not part of schemaVersion 3: said on stderr and in the Markdown and table instead.
    ...(f.waived !== undefined
      ? { waived: { reason: f.waived.reason, policyFile: f.waived.policyFile, ...(f.waived.baseline !== undefined ? { baseline: f.waived.baseline } : {}) } }
      : {}),
  }));
  return `${JSON.stringify(
    {
      schemaVersion: CHECK_REPORT_SCHEMA_VERSION,
      findings,
      summary: { ...summarize(r), failOn: r.failOn },
      loweredSeverities: r.lowered,
      ...(r.coverage !== undefined ? { coverage: r.coverage } : {}),
      ...(r.baseline !== undefined ? { baseline: r.baseline } : {}),
    },
    null,
    2,
  )}\n`;
}
