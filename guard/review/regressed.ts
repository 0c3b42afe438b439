// The review acts on the check: the policy check runs on both versions with the same policies, and a head finding
// at or above the review's threshold that the base does not have is a blocking "control regressed" change. A
// finding the base already had stays in the findings list, not blocking. Pure.
import { atLeast } from "../policy/rank";
import { SEVERITIES, type Severity } from "../policy/types";
import { change } from "./change";
import type { Change, ReviewFinding } from "./types";

/** Findings at or above this severity that the base did not have block the review. */
export const DEFAULT_REVIEW_FAIL_ON: Severity = "high";

/**
 * The same finding on both sides: the same rule about the same route or subject saying the same thing. Messages name
 * their subject as the reviewer knows it (route, stage, pool, role), not by Terraform address, so a construct
 * refactor that renames every address regresses nothing. A message that changed (another value, another problem of
 * the same resource) is a new finding: fail closed.
 */
const keyOf = (f: ReviewFinding): string => JSON.stringify([f.ruleId, f.route ?? "", f.message]);

const severityOf = (s: string): Severity | undefined => SEVERITIES.find((x) => x === s);

/**
 * The head findings the base does not have, as `control-regressed` changes. Waived findings never count, nor does a
 * finding about a resource that a blocking change of the review already names (`blocking`: the route whose
 * authorization was removed is blocking once; the finding is listed, marked new).
 */
export function regressedControls(
  base: readonly ReviewFinding[],
  head: readonly ReviewFinding[],
  blocking: readonly Change[],
  failOn: Severity = DEFAULT_REVIEW_FAIL_ON,
): Change[] {
  const counted = base.filter((f) => f.waived === undefined);
  const before = new Set(counted.map(keyOf));
  // What the base said of the same rule and subject, when it said something else: the head's message is new, the
  // finding is not (another count, another value), and the change must not claim the base was clean.
  const subjectOf = (f: ReviewFinding): string => JSON.stringify([f.ruleId, f.route ?? "", f.address ?? ""]);
  const said = new Map<string, string>();
  for (const f of counted) if (!said.has(subjectOf(f))) said.set(subjectOf(f), f.message);
  const named = new Set(blocking.filter((c) => c.severity === "blocking").flatMap((c) => c.addresses));
  return head
    .filter((f) => f.waived === undefined && !before.has(keyOf(f)))
    .filter((f) => f.address === undefined || !named.has(f.address))
    .filter((f) => {
      const s = severityOf(f.severity);
      // An unknown severity is not below the threshold: fail closed.
      return s === undefined || atLeast(s, failOn);
    })
    .map((f) =>
      change(
        "control-regressed",
        f.route !== undefined ? `${f.ruleId} ${f.route}` : `${f.ruleId} ${f.address ?? ""}`.trim(),
        said.has(subjectOf(f))
          ? `the check's ${f.ruleId} (${f.severity}) says on the head what it did not on the base: ${f.message} (the base: ${said.get(subjectOf(f)) ?? ""})`
          : `the check's ${f.ruleId} (${f.severity}) fails on the head and did not on the base: ${f.message}`,
        f.address !== undefined ? [f.address] : [],
      ),
    );
}

/** The head findings marked with whether the base had them (for the findings list). */
export function markNewFindings(base: readonly ReviewFinding[], head: readonly ReviewFinding[]): ReviewFinding[] {
  const before = new Set(base.map(keyOf));
  return head.map((f) => (before.has(keyOf(f)) ? f : { ...f, new: true }));
}
