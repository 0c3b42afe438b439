// Runs rules over a model: applies per-policy severity overrides and waivers (a waived finding is reported
// with its reason, never hidden, and never counts for --fail-on), and decides pass/fail against a threshold.
import type { Model } from "./model";
import { policiesFor } from "./policy/match";
import { atLeast, severityRank } from "./policy/rank";
import type { ApiPolicy, PolicySet, Severity } from "./policy/types";
import { waiverFor, type WaiverNote } from "./policy/waivers";
import { RULES } from "./rules";
import { ENGINE_ADDRESS, type Finding, type Rule, type RuleFinding, type Subject } from "./rules/types";

export interface CheckResult {
  readonly findings: readonly Finding[];
  readonly rules: readonly Rule[];
  readonly model: Model;
  /**
   * Rule id -> what the rule judged, for rules that declare their subjects (guard/verdicts.ts turns these and the
   * findings into one verdict per rule and subject).
   */
  readonly subjects: ReadonlyMap<string, readonly Subject[]>;
  /** Waivers that named a finding without accepting it (above their severity; coarse), or accepted it coarsely. */
  readonly waiverNotes: readonly WaiverNote[];
}

/** Policies that speak for a finding: those matching its API, else (no API) every policy. */
function policiesOf(set: PolicySet, f: RuleFinding): readonly ApiPolicy[] {
  return f.api !== undefined ? policiesFor(set, f.api) : set.policies;
}

const subjectKey = (f: RuleFinding): string => JSON.stringify([f.address, f.api ?? null, f.route ?? null, f.file ?? null]);

export function runRules(model: Model, policies: PolicySet, rules: readonly Rule[] = RULES): CheckResult {
  const findings: Finding[] = [];
  const subjects = new Map<string, readonly Subject[]>();
  const waiverNotes: WaiverNote[] = [];
  // A finding's stack, by its file: every resource of a stack comes from the stack's one file.
  const stackOfFile = new Map(model.resources.filter((r) => r.source.stack !== "").map((r) => [r.source.file, r.source.stack]));
  for (const rule of rules) {
    if (rule.subjects !== undefined) {
      try {
        subjects.set(rule.id, rule.subjects(model, policies));
      } catch (e) {
        // Subjects only add evidence: a crash leaves the rule reported finding by finding, and says so.
        findings.push({
          rule: rule.id,
          severity: rule.severity,
          address: ENGINE_ADDRESS,
          detail: "subjects-crashed",
          message: `listing the rule's subjects crashed: ${(e as Error).message}`,
        });
      }
    }
    let raw: RuleFinding[];
    try {
      raw = rule.check(model, policies);
    } catch (e) {
      // A crashing rule must not turn into a pass.
      raw = [{ address: ENGINE_ADDRESS, detail: "crashed", message: `rule crashed: ${(e as Error).message}` }];
    }
    // How many findings the rule reported on each address, API, route and file (a coarse waiver accepts only one).
    const siblings = new Map<string, number>();
    for (const f of raw) siblings.set(subjectKey(f), (siblings.get(subjectKey(f)) ?? 0) + 1);
    for (const f of raw) {
      const ps = policiesOf(policies, f);
      // A finding of no API (a user pool, an IAM policy) is seen by every policy file: one API's reviewers may
      // raise its severity but not lower it, and may waive it only by naming its exact address.
      const apiLess = f.api === undefined;
      const ruleSeverity = f.severity ?? rule.severity;
      const override = ps.map((p) => p.severities[rule.id]?.severity).find((s): s is Severity => s !== undefined && (!apiLess || atLeast(s, ruleSeverity)));
      const severity = f.severity ?? override ?? rule.severity;
      const stack = f.file === undefined ? undefined : stackOfFile.get(f.file);
      const identity = {
        rule: rule.id,
        severity,
        address: f.address,
        ...(f.api !== undefined ? { api: f.api } : {}),
        ...(f.route !== undefined ? { route: f.route } : {}),
        ...(f.detail !== undefined ? { detail: f.detail } : {}),
        ...(stack !== undefined ? { stack } : {}),
      };
      // A crashed rule stands for everything it did not judge: never waived.
      const accepted = f.address === ENGINE_ADDRESS ? { notes: [] } : waiverFor(ps, { ...identity, siblings: siblings.get(subjectKey(f)) ?? 1 });
      waiverNotes.push(...accepted.notes);
      findings.push({
        ...identity,
        message: f.message,
        ...(f.file !== undefined ? { file: f.file } : {}),
        ...(accepted.waived !== undefined ? { waived: accepted.waived } : {}),
      });
    }
  }
  findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.rule.localeCompare(b.rule) || a.address.localeCompare(b.address));
  return { findings, rules, model, subjects, waiverNotes };
}

/** Findings that fail the check at this threshold (waived ones never do). */
export const failing = (findings: readonly Finding[], failOn: Severity): Finding[] =>
  findings.filter((f) => f.waived === undefined && atLeast(f.severity, failOn));
