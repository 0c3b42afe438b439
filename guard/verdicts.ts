// One verdict per rule and subject it judged, passes included: the evidence the JUnit report and the policy tests
// list. A subject with a finding at or above --fail-on failed; one whose findings are all below the threshold
// (the "not verified" cases are info) or waived is skipped with the reason, never passed. A finding that falls on
// no declared subject, and every finding of a rule that declares none, is a verdict of its own.
import { atLeast } from "./policy/rank";
import type { Severity } from "./policy/types";
import type { Finding, Rule, Subject } from "./rules/types";

export type VerdictStatus = "passed" | "failed" | "skipped";

export interface Verdict {
  readonly rule: Rule;
  /** What was judged; undefined for a rule judged as a whole (no subjects declared) or a finding on no subject. */
  readonly subject?: Subject;
  readonly status: VerdictStatus;
  /** The findings on this subject (for a whole-rule pass: none). */
  readonly findings: readonly Finding[];
  /** Failed: the failing findings' messages; skipped: why (waiver, "not verified", below --fail-on). */
  readonly reason?: string;
}

/** Whether a finding falls on a subject: same address, and the same file when both name one. */
const fallsOn = (f: Finding, s: Subject): boolean => f.address === s.address && (f.file === undefined || s.file === undefined || f.file === s.file);

const failingOf = (fs: readonly Finding[], failOn: Severity): Finding[] => fs.filter((f) => f.waived === undefined && atLeast(f.severity, failOn));

/** The verdict on a group of findings about one subject (or one finding of its own). */
/** Why an accepted finding is not a failure: the waiver's or the baseline entry's file and reason. */
function acceptedBecause(f: Finding): string {
  const w = f.waived;
  if (w?.baseline !== undefined) return `baselined (${w.policyFile}, owner ${w.baseline.owner}, until ${w.baseline.expires}): ${w.reason}`;
  return `waived (${w?.policyFile}): ${w?.reason}`;
}

function judge(rule: Rule, subject: Subject | undefined, fs: readonly Finding[], failOn: Severity): Verdict {
  const base = { rule, ...(subject !== undefined ? { subject } : {}), findings: fs };
  if (fs.length === 0) return { ...base, status: "passed" };
  const failing = failingOf(fs, failOn);
  if (failing.length > 0) return { ...base, status: "failed", reason: failing.map((f) => f.message).join("\n") };
  const below = fs.filter((f) => f.waived === undefined);
  if (below.length > 0) return { ...base, status: "skipped", reason: below.map((f) => `[${f.severity}, below --fail-on ${failOn}] ${f.message}`).join("\n") };
  return { ...base, status: "skipped", reason: fs.map(acceptedBecause).join("\n") };
}

/**
 * Every verdict, rule by rule in report order. `subjects` is the engine's (CheckResult.subjects): rule id -> what
 * the rule judged. A rule with no subjects and no findings has one passing verdict (the rule held).
 */
export function verdictsOf(
  rules: readonly Rule[],
  findings: readonly Finding[],
  subjects: ReadonlyMap<string, readonly Subject[]>,
  failOn: Severity,
): Verdict[] {
  const out: Verdict[] = [];
  for (const rule of rules) {
    const mine = findings.filter((f) => f.rule === rule.id);
    const judged = subjects.get(rule.id) ?? [];
    const byAddress = new Map<string, Finding[]>();
    for (const f of mine) {
      const list = byAddress.get(f.address);
      if (list === undefined) byAddress.set(f.address, [f]);
      else list.push(f);
    }
    const onSubject = new Set<Finding>();
    for (const s of judged) {
      const fs = (byAddress.get(s.address) ?? []).filter((f) => fallsOn(f, s));
      for (const f of fs) onSubject.add(f);
      out.push(judge(rule, s, fs, failOn));
    }
    const rest = mine.filter((f) => !onSubject.has(f));
    for (const f of rest) out.push(judge(rule, undefined, [f], failOn));
    if (judged.length === 0 && mine.length === 0) out.push(judge(rule, undefined, [], failOn));
  }
  return out;
}

/** A verdict's name: what was judged (`petstore-dev GET /pets`), or the finding's address and route, or the rule. */
export function verdictLabel(v: Verdict): string {
  if (v.subject !== undefined) return v.subject.label;
  const f = v.findings[0];
  if (f === undefined) return v.rule.title;
  return `${f.api !== undefined ? `${f.api} ` : ""}${f.route ?? f.address}${f.route !== undefined ? ` (${f.address})` : ""}`;
}
