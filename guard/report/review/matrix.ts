// The authorization matrix as a Mermaid flowchart: one box per API, inside it one group per effective
// authorization type (head side), routes as nodes; downgraded routes are red and say what they were.
// GitHub renders ```mermaid blocks in PR comments and READMEs, so reviewers see the picture, not a wall of text.
import { REVIEW_WORDS, reviewRow } from "../../../kernel/authorization-types";
import { mermaidText } from "../escape";
import type { EffectiveType, ReviewReport, RouteDiff } from "../../review/types";

/**
 * Groups are drawn weakest first, in the type table's review order and under its titles: the open words, then
 * UNKNOWN (not determinable, blocking), then the closed ones. A group of any other name is still drawn, after these:
 * never left out.
 */
const TYPE_ORDER: readonly EffectiveType[] = [...REVIEW_WORDS.filter((w) => reviewRow(w).open), "UNKNOWN", ...REVIEW_WORDS.filter((w) => !reviewRow(w).open)];
const typeTitle = (t: EffectiveType): string => (t === "UNKNOWN" ? "UNKNOWN: not determinable" : reviewRow(t).reviewTitle);

/** Mermaid label text from the reviewed input: inert (guard/report/escape.ts). */
const label = mermaidText;

/** Above this many routes only changed ones are drawn: a 500-node picture helps nobody. */
export const MATRIX_MAX_ROUTES = 60;

export function authorizationMatrix(report: Pick<ReviewReport, "routes">): string {
  const all = report.routes;
  const shown = all.length > MATRIX_MAX_ROUTES ? all.filter((r) => r.status !== "unchanged") : all;
  const hidden = all.length - shown.length;
  const lines: string[] = ["flowchart LR"];
  const byClass = new Map<string, string[]>();
  const apis = [...new Set(shown.map((r) => r.api))];
  let n = 0;
  apis.forEach((api, ai) => {
    lines.push(`  subgraph api${ai}["${label(api)}"]`, "    direction TB");
    const routes = shown.filter((r) => r.api === api);
    const groups = new Map<string, RouteDiff[]>();
    for (const r of routes) {
      const g = r.status === "removed" ? "REMOVED" : (r.after?.type ?? "UNKNOWN");
      groups.set(g, [...(groups.get(g) ?? []), r]);
    }
    const others = [...groups.keys()].filter((g) => g !== "REMOVED" && !(TYPE_ORDER as readonly string[]).includes(g)).sort();
    const order = [...TYPE_ORDER, ...others, "REMOVED"].filter((g) => groups.has(g));
    for (const g of order) {
      const title = g === "REMOVED" ? "removed routes" : typeTitle(g as EffectiveType);
      lines.push(`    subgraph api${ai}_${g}["${title}"]`);
      for (const r of groups.get(g) ?? []) {
        const id = `r${n++}`;
        // The route is escaped; the line breaks are ours.
        let text = label(r.route);
        const typeChanged = r.before !== undefined && r.after !== undefined && r.before.type !== r.after.type;
        if ((r.status === "downgraded" || r.status === "upgraded") && typeChanged) text += `<br/>was ${r.before?.type ?? "?"}`;
        else if (r.status === "downgraded") text += "<br/>weakened";
        if (r.status === "added") text += "<br/>new";
        lines.push(`      ${id}["${text}"]`);
        const cls =
          r.status === "downgraded"
            ? "downgrade"
            : r.status === "upgraded"
              ? "upgrade"
              : r.status === "added"
                ? "added"
                : r.status === "removed"
                  ? "removed"
                  : undefined;
        if (cls !== undefined) byClass.set(cls, [...(byClass.get(cls) ?? []), id]);
      }
      lines.push("    end");
    }
    lines.push("  end");
  });
  if (hidden > 0) lines.push(`  hidden["${hidden} unchanged routes not drawn"]`);
  lines.push(
    "  classDef downgrade fill:#ffd7d7,stroke:#c00,stroke-width:3px,color:#600",
    "  classDef upgrade fill:#dcf5dc,stroke:#080,color:#040",
    "  classDef added stroke-dasharray:5 3",
    "  classDef removed fill:#eee,stroke:#999,color:#777,stroke-dasharray:2 2",
  );
  for (const [cls, ids] of byClass) lines.push(`  class ${ids.join(",")} ${cls}`);
  return lines.join("\n");
}
