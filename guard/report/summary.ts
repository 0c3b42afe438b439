// Counts shared by the reporters.
import { failing } from "../engine";
import { SEVERITIES, type Severity } from "../policy/types";
import type { ReportInput } from "./types";

export interface Summary {
  readonly total: number;
  /** Findings a policy waiver or a baseline entry accepted (`baselined` counts the latter). */
  readonly waived: number;
  readonly baselined: number;
  readonly failing: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly passed: boolean;
}

export function summarize(r: ReportInput): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of r.findings) if (f.waived === undefined) bySeverity[f.severity]++;
  const fail = failing(r.findings, r.failOn).length;
  return {
    total: r.findings.length,
    waived: r.findings.filter((f) => f.waived !== undefined).length,
    baselined: r.findings.filter((f) => f.waived?.baseline !== undefined).length,
    failing: fail,
    bySeverity,
    passed: fail === 0,
  };
}
