// A baseline: findings a team accepts for now while it adopts the check on an existing codebase, each with why,
// who owns it and until when, so the check can be required today and the list burnt down. Problems in the file
// are a BaselineError: exit 2, one line per problem with file, path and value, as for policies.
import { PolicyError, type PolicyProblem, type Severity } from "../policy/types";

/**
 * One accepted finding: matched on rule, address, API, route and detail exactly (an absent API, route or detail
 * matches only findings without one), and accepted only up to the severity it was drafted at.
 */
export interface BaselineEntry {
  readonly rule: string;
  /** The finding's resource address, exactly (no patterns: an entry accepts one known finding, never the next). */
  readonly address: string;
  /** The finding's API name, when it has one. */
  readonly api?: string;
  /** The finding's route key (`GET /pets`), when it has one. */
  readonly route?: string;
  /** Which of the rule's findings on the address it is (a door and whom it admits, a problem), when the rule says. */
  readonly detail?: string;
  /** The finding's stack, for a cdktf.out input (the same address in another stack is another resource). */
  readonly stack?: string;
  /** The finding's severity when the entry was drafted: the same finding reported above it is not accepted. @default - any severity */
  readonly severity?: Severity;
  readonly reason: string;
  /** Who fixes it: a team or a person. */
  readonly owner: string;
  /** `YYYY-MM-DD` (UTC): from this day on the entry accepts nothing and the finding counts again. */
  readonly expires: string;
  /** Where the entry is in its file: `accepted[3]`. */
  readonly path: string;
}

export interface Baseline {
  readonly file: string;
  readonly entries: readonly BaselineEntry[];
}

/** An entry as reported: where it is and what it names. */
export interface BaselineEntryRef {
  readonly path: string;
  readonly rule: string;
  readonly address: string;
  readonly api: string | null;
  readonly route: string | null;
  readonly detail: string | null;
  readonly stack: string | null;
  readonly severity: Severity | null;
  readonly owner: string;
  readonly expires: string;
}

/** What a baseline did in one run (the JSON report's `baseline`). */
export interface BaselineOutcome {
  readonly file: string;
  /** Entries in the file. */
  readonly entries: number;
  /** Findings a live entry accepted. */
  readonly baselined: number;
  /** Entries past their expiry, with the findings they no longer accept (these count again). */
  readonly expired: readonly (BaselineEntryRef & { readonly findings: number })[];
  /**
   * Live entries that accept no finding of this run: fixed, or renamed; delete them. `redraft` is set when findings
   * of the entry's rule, address, API and route exist but carry a `detail` or `stack` the entry does not name (an
   * entry written before findings carried them): draft it again.
   */
  readonly unused: readonly (BaselineEntryRef & { readonly redraft?: string })[];
  /** Live entries whose findings are now above the severity they were drafted at: not accepted, they count again. */
  readonly escalated: readonly (BaselineEntryRef & { readonly findings: number; readonly now: Severity })[];
}

export class BaselineError extends PolicyError {
  constructor(problems: readonly PolicyProblem[]) {
    super(problems);
    this.name = "BaselineError";
  }
}
