import type { AuditReport } from "./run";
export function oscalReport(r: AuditReport): string {
  return JSON.stringify(r.audit);
}
