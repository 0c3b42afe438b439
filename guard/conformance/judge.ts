// The verdict on one answer, and whether a run fails. An answer refused by the backend (a 401/403 no gate signed)
// counts as reached for a caller who should get through: the gateway let it pass, which is all the spec speaks of.
// For a caller who should be refused, any refusal passes.
import { FAILING_VERDICTS, type CaseResult, type Expectation, type FailingVerdict, type Observation, type Verdict } from "./types";

export function verdictOf(expected: Expectation, observed: Observation): { readonly verdict: Verdict; readonly detail: string } {
  const answer = observed.note;
  if (expected.kind === "unjudged") return { verdict: "unjudged", detail: `${expected.why}; answered ${answer}` };
  if (observed.outcome === "inconclusive")
    return { verdict: "inconclusive", detail: `expected ${expected.kind === "admit" ? "reached" : "denied"} (${expected.why}); ${answer}` };
  if (expected.kind === "deny") {
    return observed.outcome === "denied"
      ? { verdict: "pass", detail: `denied as expected (${expected.why}): ${answer}` }
      : { verdict: "exposed", detail: `reached (${answer}) although ${expected.why}` };
  }
  if (observed.outcome === "reached") return { verdict: "pass", detail: `reached as expected (${expected.why}): ${answer}` };
  if (observed.refusedBy === "backend") return { verdict: "pass", detail: `the gateway let it through (${expected.why}); ${answer}` };
  return { verdict: "locked-out", detail: `denied (${answer}) although ${expected.why}` };
}

/** The verdicts that fail a run at `failOn`: it and every more severe one. */
export function failingVerdicts(failOn: FailingVerdict): readonly Verdict[] {
  return FAILING_VERDICTS.slice(0, FAILING_VERDICTS.indexOf(failOn) + 1);
}

export const failures = (results: readonly CaseResult[], failOn: FailingVerdict): CaseResult[] =>
  results.filter((r) => failingVerdicts(failOn).includes(r.verdict));
