// How a rule a policy reports below its default severity is said, in every report of the check and the review:
// one wording per shape, so the table, the terminal, SARIF, JUnit and both Markdown reports cannot drift apart.
import type { LoweredSeverity } from "../policy/types";
import { mdCode, mdText } from "./escape";

/** A line of text: `severity lowered by <policy>: <rule> <from> -> <to> (<reason>)`. */
export const loweredLine = (l: LoweredSeverity): string => `severity lowered by ${l.policyFile}: ${l.rule} ${l.from} -> ${l.to} (${l.reason})`;

/** The value a machine format attaches to the rule itself: `<from> -> <to> by <policy>: <reason>`. */
export const loweredValue = (l: LoweredSeverity): string => `${l.from} -> ${l.to} by ${l.policyFile}: ${l.reason}`;

/** The Markdown section (heading and table), or nothing when no rule is lowered; the policy's words made inert. */
export function loweredMarkdown(lowered: readonly LoweredSeverity[]): string[] {
  if (lowered.length === 0) return [];
  return [
    "**Rules reported below their default severity by a policy**",
    "",
    "| Rule | Default | Now | Why | Policy |",
    "|---|---|---|---|---|",
    ...lowered.map((l) => `| ${mdCode(l.rule)} | ${l.from} | ${l.to} | ${mdText(l.reason)} | ${mdCode(l.policyFile)} |`),
  ];
}
