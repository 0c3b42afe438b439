// The audit's output formats: the check's, plus the evidence formats an auditor files (a self-contained HTML
// report and OSCAL assessment results).
import { FORMATS, type Format } from "../../../guard/report";

export type AuditFormat = Format | "html" | "oscal";
export const AUDIT_FORMATS: readonly AuditFormat[] = [...FORMATS, "html", "oscal"];
