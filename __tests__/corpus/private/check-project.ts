// The check of one corpus plan (.sources/<name>/plan.json) as a first run makes it (cli/check.ts main with no policy: every rule but
// method-matches-policy), and the --init-policy drafts of the same model. The day is fixed so the date-bound rule
// (lambda-runtime-supported) gives the same answer on every later day; the expectations were reviewed at it.
import { rulesWithoutPolicy } from "../../../cli/private/no-policy";
import { runRules } from "../../../guard/engine";
import { draftPolicies, type DraftResult } from "../../../guard/draft-policies";
import { loadModel } from "../../../guard/load";
import type { Model } from "../../../guard/model";
import { RULES } from "../../../guard/rules";
import type { Finding } from "../../../guard/rules/types";
import type { Judged } from "./manifest";
import { planFile } from "./sources";

export const AS_OF = "2026-12-01";

/** How an expectation names a finding: its address, then its route when it has one. */
export const subjectOf = (f: Pick<Finding, "address" | "route">): string => (f.route !== undefined ? `${f.address} ${f.route}` : f.address);

export const keyOf = (j: { readonly rule: string; readonly subject: string; readonly says?: string }): string =>
  `${j.rule} | ${j.subject}${j.says !== undefined ? ` | says "${j.says}"` : ""}`;

/** Whether finding `f` is the one `j` describes. */
export const matches = (j: Judged, f: Finding): boolean =>
  j.rule === f.rule && j.subject === subjectOf(f) && (j.says === undefined || f.message.includes(j.says));

export interface ProjectCheck {
  readonly model: Model;
  readonly findings: readonly Finding[];
  readonly drafts: DraftResult;
}

export function checkProject(name: string): ProjectCheck {
  const file = planFile(name);
  const model = { ...loadModel(file), asOf: AS_OF };
  const { findings } = runRules(model, { policies: [] }, rulesWithoutPolicy(RULES));
  // The drafts name their input; "plan.json" keeps their text the same on every machine.
  return { model, findings, drafts: draftPolicies(model, "plan.json") };
}
