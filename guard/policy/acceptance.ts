// One definition of "an acceptance speaks for a finding", shared by policy waivers (guard/policy/waivers.ts) and
// baseline entries (guard/baseline/apply.ts): every part of the finding the acceptance names must be the finding's,
// and the finding must not be above the severity it was accepted at. Pure.
import { globMatch } from "./match";
import { severityRank } from "./rank";
import type { Severity } from "./types";

/** What an acceptance compares of a finding (guard/rules/types.ts Finding has these). */
export interface FindingIdentity {
  readonly rule: string;
  readonly severity: Severity;
  readonly address: string;
  readonly api?: string;
  readonly route?: string;
  readonly detail?: string;
  readonly stack?: string;
}

/**
 * How an acceptance names one part of a finding: `{ exactly }` the finding's value is this (`undefined`: the finding
 * has none), `{ pattern }` a name pattern the finding's value matches (a value it has), `"any"` not compared.
 */
type Term = { readonly exactly: string | undefined } | { readonly pattern: string } | "any";

export interface Acceptance {
  readonly rule: string;
  readonly address: Term;
  readonly api: Term;
  readonly route: Term;
  readonly detail: Term;
  readonly stack: Term;
  /** The most severe finding it accepts. @default - no ceiling */
  readonly severity?: Severity;
}

const termMatches = (t: Term, v: string | undefined): boolean => t === "any" || ("pattern" in t ? v !== undefined && globMatch(t.pattern, v) : t.exactly === v);

/** Whether the acceptance names this finding (its severity aside). */
export const names = (a: Acceptance, f: FindingIdentity): boolean =>
  a.rule === f.rule &&
  termMatches(a.address, f.address) &&
  termMatches(a.api, f.api) &&
  termMatches(a.route, f.route) &&
  termMatches(a.detail, f.detail) &&
  termMatches(a.stack, f.stack);

/** Whether `found` is above `ceiling` (no ceiling: never). */
const above = (ceiling: Severity | undefined, found: Severity): boolean => ceiling !== undefined && severityRank(found) < severityRank(ceiling);

/**
 * What the acceptance does with the finding: `accepts` it, names it but it is `above` the acceptance's severity (not
 * accepted: it counts, and the run says so), or names `none` of it.
 */
export function judge(a: Acceptance, f: FindingIdentity): "accepts" | "above" | "none" {
  if (!names(a, f)) return "none";
  return above(a.severity, f.severity) ? "above" : "accepts";
}
