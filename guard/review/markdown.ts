// Renders the review as Markdown for a PR comment: verdict, a table of what changed, the authorization
// matrix picture, then details collapsed (every route before/after, the plan's changes, policy findings).
// The first line is the hidden marker CI uses to find and update its one comment.
import { authorizationMatrix } from "./matrix";
import type { Change, ReviewReport } from "./types";

export const REVIEW_MARKER = "<!-- api-access-review -->";
export const ACK_LABEL = "authz-downgrade-approved";
const MAX_FINDINGS = 50;
const MAX_ROUTE_ROWS = 150;

/** Table cell text: pipes and newlines would end the cell or the row. */
const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

function icon(c: Change): string {
  if (c.severity === "blocking") return c.acknowledged === true ? ":warning: acknowledged" : ":x: blocking";
  if (c.severity === "upgrade") return ":arrow_up: upgrade";
  if (c.kind === "route-removed") return ":wastebasket: removed";
  if (c.kind.startsWith("new-")) return ":new: new";
  return ":information_source:";
}

function verdict(r: ReviewReport): string {
  if (r.blocking === 0) return ":white_check_mark: **No authorization downgrade.**";
  const n = `${r.blocking} blocking change${r.blocking === 1 ? "" : "s"}`;
  return r.acknowledged
    ? `:warning: **${n}, acknowledged** with the ${code(ACK_LABEL)} label: merging is allowed, the changes stay listed below.`
    : `:x: **${n}.** Merging is blocked until they are fixed, or acknowledged with the ${code(ACK_LABEL)} label.`;
}

function planLine(r: ReviewReport): string {
  const p = r.plan;
  const what = `**${p.creates.length}** to create, **${p.updates.length}** to update, **${p.deletes.length}** to delete`;
  return p.basis === "plan"
    ? `Plan: ${what}, **${p.replacements.length}** to replace.`
    : `Configuration changes (no plan given, replacements not known): ${what}.`;
}

function list(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`**${title}** (${items.length})`, "", ...items.map((i) => `- ${code(i)}`), ""];
}

export function renderMarkdown(r: ReviewReport): string {
  const out: string[] = [REVIEW_MARKER, "## API access review", "", verdict(r), "", planLine(r), ""];
  if (r.changes.length > 0) {
    out.push("| | Subject | Change |", "|---|---|---|");
    for (const c of r.changes) out.push(`| ${icon(c)} | ${cell(c.subject)} | ${cell(c.message)} |`);
  } else out.push("No route or access control changed.");
  out.push("", "### Authorization matrix", "", "Routes grouped by how the head authorizes them; red: downgraded, green: upgraded, dashed: new.", "", "```mermaid", authorizationMatrix(r), "```", "");

  // Large APIs: unchanged routes would push the comment past GitHub's 65,536 characters; the JSON has them all.
  const rows = r.routes.length > MAX_ROUTE_ROWS ? r.routes.filter((x) => x.status !== "unchanged") : r.routes;
  const omitted = r.routes.length - rows.length;
  const heading = omitted > 0 ? `Changed routes, before and after (${rows.length} of ${r.routes.length})` : `Every route, before and after (${r.routes.length})`;
  out.push(`<details><summary>${heading}</summary>`, "");
  if (omitted > 0) out.push(`${omitted} unchanged routes are left out here; the JSON report lists every route.`, "");
  out.push("| API | Route | Before | After | Status |", "|---|---|---|---|---|");
  for (const route of rows) {
    out.push(`| ${cell(route.api)} | ${cell(code(route.route))} | ${cell(route.before?.summary ?? "—")} | ${cell(route.after?.summary ?? "—")} | ${route.status} |`);
  }
  out.push("", "</details>", "");

  const p = r.plan;
  out.push(`<details><summary>Resource changes</summary>`, "");
  const planItems = [...list("Create", p.creates), ...list("Update", p.updates), ...list("Replace", p.replacements), ...list("Delete", p.deletes)];
  out.push(...(planItems.length > 0 ? planItems : ["No resource changes.", ""]), "</details>", "");

  if (r.findings !== undefined) {
    const open = r.findings.filter((f) => f.waived === undefined);
    const waived = r.findings.length - open.length;
    const title = `Policy check on the head: ${open.length} finding${open.length === 1 ? "" : "s"}${waived > 0 ? `, ${waived} waived` : ""}`;
    out.push(`<details><summary>${title}</summary>`, "");
    if (r.findings.length > 0) {
      out.push("| Rule | Severity | Resource | Finding |", "|---|---|---|---|");
      // A PR comment holds 65,536 characters: the first findings, most severe first, and a count of the rest.
      for (const f of r.findings.slice(0, MAX_FINDINGS)) {
        const message = f.waived === undefined ? f.message : `~~${f.message}~~ waived: ${f.waived}`;
        out.push(`| ${cell(f.ruleId)} | ${cell(f.severity)} | ${cell(f.address === undefined ? "" : code(f.address))} | ${cell(message)} |`);
      }
      if (r.findings.length > MAX_FINDINGS) out.push("", `… and ${r.findings.length - MAX_FINDINGS} more (see the check's SARIF in code scanning).`);
    } else out.push("No findings.");
    out.push("", "</details>", "");
  }
  if (r.notes.length > 0) out.push(...r.notes.map((n) => `> ${n}`), "");
  out.push(`<sub>Base: ${code(r.base)} · head: ${code(r.head)} · mode: ${r.mode}</sub>`, "");
  return out.join("\n");
}

export const renderJson = (r: ReviewReport): string => `${JSON.stringify(r, null, 2)}\n`;
