// Where a rule's fixtures live and what they must show: the rule reports the fail input (a finding at low or above,
// not waived) and says nothing at all on the pass input. Shared by the registry test and the fixture generator.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { failing, runRules } from "../../../../guard/engine";
import type { Model } from "../../../../guard/model";
import type { PolicySet } from "../../../../guard/policy/types";
import type { Finding, Rule } from "../../../../guard/rules/types";

export const RULES_SOURCE = join(__dirname, "..", "..", "..", "..", "guard", "rules");
export const FIXTURE_ROOT = join(__dirname, "..");

/** The service folders of guard/rules (every folder but private/). */
export const services = (): string[] =>
  readdirSync(RULES_SOURCE, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== "private")
    .map((e) => e.name)
    .sort();

/** The services whose folder holds guard/rules/<service>/<id>.ts (exactly one when the layout is kept). */
export const servicesOf = (id: string): string[] => services().filter((s) => existsSync(join(RULES_SOURCE, s, `${id}.ts`)));

export function serviceOf(id: string): string {
  const found = servicesOf(id);
  if (found.length !== 1) throw new Error(`rule ${id}: expected one guard/rules/<service>/${id}.ts, found ${found.length}`);
  return found[0] as string;
}

interface Verdict {
  readonly findings: readonly Finding[];
  /** What the rule judged, when it says (Rule.subjects); a pass fixture must give it something. */
  readonly subjects?: number;
  /** At least one finding at low or above that no waiver covers. */
  readonly fires: boolean;
  /** No finding at all, not even an info note. */
  readonly silent: boolean;
}

/**
 * The rule's findings on a fixture's model. `sourceBuilds` stands for the handlers `check` rebuilds from source when
 * the input is this project's own cdktf.out (cli/private/source-bundles.ts), which a single file cannot show.
 */
export function ruleVerdict(rule: Rule, model: Model, policies: PolicySet, sourceBuilds?: Readonly<Record<string, string>>): Verdict {
  const judged = sourceBuilds === undefined ? model : { ...model, sourceBuilds: new Map(Object.entries(sourceBuilds)) };
  const { findings } = runRules(judged, policies, [rule]);
  const mine = findings.filter((f) => f.rule === rule.id);
  const subjects = rule.subjects?.(judged, policies).length;
  return { findings: mine, fires: failing(mine, "low").length > 0, silent: mine.length === 0, ...(subjects === undefined ? {} : { subjects }) };
}
