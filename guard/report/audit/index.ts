// The audit's renderers: the check's, over the same findings, plus the evidence formats.
import { REPORTERS } from "../check";
import type { AuditFormat } from "../formats";
import { htmlReport } from "./html";
import { oscalReport } from "./oscal";
import type { AuditReport } from "./types";

export type { AuditFormat } from "../formats";
export type { AuditReport, MatrixRow } from "./types";

export const AUDIT_RENDERERS: Readonly<Record<AuditFormat, (r: AuditReport) => string>> = {
  ...REPORTERS,
  html: htmlReport,
  oscal: oscalReport,
};
