// What every reporter receives.
import type { Coverage } from "../coverage";
import type { LoweredSeverity, Severity } from "../policy/types";
import type { Finding, Rule } from "../rules/types";

export interface ReportInput {
  readonly findings: readonly Finding[];
  readonly rules: readonly Rule[];
  readonly failOn: Severity;
  /** Input given on the command line (for titles). */
  readonly input: string;
  /** Rules the policies report below their default severity, with the reasons: listed in every format. */
  readonly lowered: readonly LoweredSeverity[];
  /** What the run covered and what it did not (guard/coverage.ts). @default - not reported */
  readonly coverage?: Coverage;
}

export type Format = "table" | "json" | "junit" | "sarif" | "markdown";
export const FORMATS: readonly Format[] = ["table", "json", "junit", "sarif", "markdown"];
