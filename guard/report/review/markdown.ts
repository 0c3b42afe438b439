// Renders the review as Markdown for a PR comment: verdict, a table of what changed, the authorization
// matrix picture, then details collapsed (every route before/after, the plan's changes, policy findings).
// The first line is the hidden marker CI uses to find and update its one comment.
import { fitMarkdown, GITHUB_COMMENT_LIMIT, mdCode, mdText } from "../escape";
import { ackLabel } from "../../review/acknowledge";
import { authorizationMatrix } from "./matrix";
import type { Change, ReviewReport } from "../../review/types";
import { loweredMarkdown } from "../lowered";
import { accessAttributeChanged } from "../../review/attributes";

export const REVIEW_MARKER = "<!-- api-access-review -->";
const MAX_FINDINGS = 50;
const MAX_ROUTE_ROWS = 150;
/** Where the full report is when the comment is cut (the PR workflow uploads it as the `review` artifact). */
export const FULL_REPORT_NOTICE = "… (cut at GitHub's comment limit; the full report is `review.md` / `review.json` in the workflow run's `review` artifact)";

/** Table cell / prose text taken from the reviewed input: inert Markdown (guard/report/escape.ts). */
const cell = mdText;
const code = mdCode;

function icon(c: Change): string {
  if (c.severity === "blocking") return c.acknowledged === true ? ":warning: acknowledged" : ":x: blocking";
  if (c.severity === "upgrade") return ":arrow_up: upgrade";
  if (c.kind === "route-removed") return ":wastebasket: removed";
  if (c.kind.startsWith("new-")) return ":new: new";
  return ":information_source:";
}

function verdict(r: ReviewReport): string[] {
  if (r.blocking === 0 && accessAttributeChanged(r.changes))
    return [":white_check_mark: **Nothing blocks.** Attributes that can change access changed; each is listed below with why it does not widen access."];
  if (r.blocking === 0) return [":white_check_mark: **No authorization downgrade.**"];
  const n = `${r.blocking} blocking change${r.blocking === 1 ? "" : "s"}`;
  if (r.acknowledged) {
    return [
      `:warning: **${n}, acknowledged** with the ${code(ackLabel(r.digest))} label, which names exactly these changes: merging is allowed, the changes stay listed below.`,
    ];
  }
  const out = [
    `:x: **${n}.** Merging is blocked until they are fixed, or an approver (AUTHZ_ACK_APPROVERS) acknowledges exactly these changes with the label ${code(ackLabel(r.digest))}.`,
    "",
    `<sub>The label names digest ${code(r.digest)} of the blocking changes below; any push that changes them needs a new acknowledgement.</sub>`,
  ];
  if (r.staleAcknowledgements.length > 0) {
    out.push(
      "",
      `> :warning: Acknowledgement ${r.staleAcknowledgements.map((d) => code(ackLabel(d))).join(", ")} names another set of blocking changes (given before the changes below): it does not apply.`,
    );
  }
  return out;
}

/** Gate paths the pull request changes, and rules the policies report below their default severity. */
function gateNotices(r: ReviewReport): string[] {
  const out: string[] = [];
  const gate = r.gateChanges ?? [];
  if (gate.length > 0) {
    out.push(
      `:lock: **This pull request changes the gate itself** (${gate.length} path${gate.length === 1 ? "" : "s"}): the review above ran the base branch's code and policies; these changes need the code owners' review.`,
      "",
      ...gate.slice(0, 30).map((p) => `- ${code(p)}`),
      ...(gate.length > 30 ? [`- … and ${gate.length - 30} more`] : []),
      "",
    );
  }
  if (r.loweredSeverities.length > 0) out.push(...loweredMarkdown(r.loweredSeverities), "");
  return out;
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
  const out: string[] = [
    REVIEW_MARKER,
    "## API access review",
    "",
    `<sub>Compared base ${code(r.base)} with head ${code(r.head)}.</sub>`,
    "",
    ...verdict(r),
    "",
    ...gateNotices(r),
    planLine(r),
    "",
  ];
  if (r.changes.length > 0) {
    out.push("| | Subject | Change |", "|---|---|---|");
    for (const c of r.changes) out.push(`| ${icon(c)} | ${cell(c.subject)} | ${cell(c.message)} |`);
  } else out.push("No route or access control changed.");
  out.push(
    "",
    "### Authorization matrix",
    "",
    "Routes grouped by how the head authorizes them; red: downgraded, green: upgraded, dashed: new.",
    "",
    "```mermaid",
    authorizationMatrix(r),
    "```",
    "",
  );

  // Large APIs: unchanged routes would push the comment past GitHub's 65,536 characters; the JSON has them all.
  const rows = r.routes.length > MAX_ROUTE_ROWS ? r.routes.filter((x) => x.status !== "unchanged") : r.routes;
  const omitted = r.routes.length - rows.length;
  const heading =
    omitted > 0 ? `Changed routes, before and after (${rows.length} of ${r.routes.length})` : `Every route, before and after (${r.routes.length})`;
  out.push(`<details><summary>${heading}</summary>`, "");
  if (omitted > 0) out.push(`${omitted} unchanged routes are left out here; the JSON report lists every route.`, "");
  out.push("| API | Route | Before | After | Status |", "|---|---|---|---|---|");
  for (const route of rows) {
    out.push(`| ${cell(route.api)} | ${code(route.route)} | ${cell(route.before?.summary ?? "—")} | ${cell(route.after?.summary ?? "—")} | ${route.status} |`);
  }
  out.push("", "</details>", "");

  const targets = r.targets ?? [];
  if (targets.length > 0) {
    const changed = targets.filter((t) => t.changed).length;
    out.push(`<details><summary>Who can reach each backend, before and after (${targets.length}; ${changed} changed)</summary>`, "");
    out.push("| Target | Before | After |", "|---|---|---|");
    for (const t of targets) out.push(`| ${t.changed ? "**changed** " : ""}${cell(t.target)} | ${cell(t.before)} | ${cell(t.after)} |`);
    out.push("", "</details>", "");
  }

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
        const message = f.waived === undefined ? cell(f.message) : `~~${cell(f.message)}~~ waived: ${cell(f.waived)}`;
        const fresh = f.new === true ? "**new:** " : "";
        out.push(`| ${cell(f.ruleId)} | ${cell(f.severity)} | ${f.address === undefined ? "" : code(f.address)} | ${fresh}${message} |`);
      }
      if (r.findings.length > MAX_FINDINGS) out.push("", `… and ${r.findings.length - MAX_FINDINGS} more (see the check's SARIF in code scanning).`);
    } else out.push("No findings.");
    out.push("", "</details>", "");
  }
  if (r.notes.length > 0) out.push(...r.notes.map((n) => `> ${cell(n)}`), "");
  out.push(`<sub>Base: ${code(r.base)} · head: ${code(r.head)} · mode: ${r.mode}</sub>`, "");
  return fitMarkdown(out.join("\n"), GITHUB_COMMENT_LIMIT, FULL_REPORT_NOTICE);
}
