// What one stack's plan will do, in terraform's own words (create, change, replace, destroy), for the lines
// `npm run plan` prints after each stack. Pure: plan JSON in, counts and text out. Actions are read with the
// loader's one definition (summarizeActions), so the plan output and the review count a change the same way.
import { summarizeActions } from "../../guard/load/plan";

export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly replace: readonly string[];
  readonly destroy: readonly string[];
}

/** Counts of resource changes by action; undefined when the document has no readable `resource_changes`. */
export function summarizePlan(plan: unknown): PlanSummary | undefined {
  if (typeof plan !== "object" || plan === null) return undefined;
  const changes = (plan as Record<string, unknown>)["resource_changes"];
  // A plan without changes omits the key.
  if (changes === undefined) return { create: 0, update: 0, replace: [], destroy: [] };
  if (!Array.isArray(changes)) return undefined;
  let create = 0;
  let update = 0;
  const replace: string[] = [];
  const destroy: string[] = [];
  for (const rc of changes) {
    if (typeof rc !== "object" || rc === null) return undefined;
    const address = (rc as Record<string, unknown>)["address"];
    const change = (rc as Record<string, unknown>)["change"];
    const actions = typeof change === "object" && change !== null ? (change as Record<string, unknown>)["actions"] : undefined;
    if (typeof address !== "string" || !Array.isArray(actions)) return undefined;
    const action = summarizeActions(actions.filter((a): a is string => typeof a === "string"));
    if (action === "create") create++;
    else if (action === "update") update++;
    else if (action === "replace") replace.push(address);
    else if (action === "delete") destroy.push(address);
  }
  return { create, update, replace: replace.sort(), destroy: destroy.sort() };
}

/** One line of counts, as terraform words its own summary. */
export function countsLine(s: PlanSummary): string {
  return `${s.create} to create, ${s.update} to change, ${s.replace.length} to replace, ${s.destroy.length} to destroy`;
}

// A for_each key is any string: control characters would drive the terminal, so they are shown escaped.
const printable = (text: string): string =>
  [...text]
    .map((c) => (c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c))
    .join("");

/** The stack's summary: the counts, then every address that will be replaced or destroyed. */
export function formatPlanSummary(stack: string, s: PlanSummary): string {
  const lines = [`${printable(stack)}: ${countsLine(s)}`];
  for (const a of s.replace) lines.push(`  replace ${printable(a)}`);
  for (const a of s.destroy) lines.push(`  destroy ${printable(a)}`);
  return `${lines.join("\n")}\n`;
}
