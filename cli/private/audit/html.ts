import type { AuditReport } from "./run";
export function htmlReport(r: AuditReport): string {
  return JSON.stringify(r.audit);
}
