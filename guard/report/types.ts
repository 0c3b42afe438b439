// What the check's and the audit's renderers receive.
import type { BaselineOutcome } from "../baseline/types";
import type { Coverage } from "../coverage";
import type { LoweredSeverity, Severity } from "../policy/types";
import type { PolicyFileDigest } from "../policy/digest";
import type { Finding, Rule, Subject } from "../rules/types";

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
  /** What each rule judged (CheckResult.subjects): JUnit lists one test case per rule and subject. @default - per finding */
  readonly subjects?: ReadonlyMap<string, readonly Subject[]>;
  /** The policy files read, with their digests (JUnit properties). @default - not named */
  readonly policyFiles?: readonly PolicyFileDigest[];
  /** What `--baseline` accepted, and its expired and unused entries. @default - no baseline */
  readonly baseline?: BaselineOutcome;
}
