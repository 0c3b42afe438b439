// The output formats of every command, in the order their usage lists them: the names `--format` and
// `--report <format>=<file>` accept. Each command's renderers (check/, review/, audit/, conformance.ts) are a record
// over its list, so a format cannot be named without a renderer.

/** The check's formats (`npm run check`). */
export const FORMATS = ["table", "json", "junit", "sarif", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

/** The review's formats (`npm run review`): Markdown for a pull-request comment, JSON, plain text for a terminal. */
export const REVIEW_FORMATS = ["markdown", "json", "text"] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

/** The audit's formats: the check's, plus the evidence an auditor files (self-contained HTML, OSCAL assessment results). */
export const AUDIT_FORMATS = [...FORMATS, "html", "oscal"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** The conformance run's formats (`npm run conformance`). */
export const CONFORMANCE_FORMATS = ["table", "json", "junit"] as const;
export type ConformanceFormat = (typeof CONFORMANCE_FORMATS)[number];
