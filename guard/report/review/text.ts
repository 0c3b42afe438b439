// The review for a terminal (the default when stdout is a TTY): the verdict, every change a line, the routes
// whose authorization changed with before -> after, and the plan line. Plain text, no Markdown.
import type { Change, ReviewReport } from "../../review/types";
import { terminalText } from "../escape";
import { loweredLine } from "../lowered";
import { accessAttributeChanged } from "../../review/attributes";

const MARK: Readonly<Record<Change["severity"], string>> = { blocking: "BLOCK", upgrade: "UP   ", info: "info " };

export function renderText(r: ReviewReport): string {
  const out: string[] = [`API access review: base ${r.base} -> head ${r.head}`, ""];
  if (r.blocking === 0 && accessAttributeChanged(r.changes)) out.push("Nothing blocks; attributes that can change access changed (listed below).");
  else if (r.blocking === 0) out.push("No authorization downgrade.");
  else if (r.acknowledged) out.push(`${r.blocking} blocking change(s), acknowledged (digest ${r.digest}).`);
  else out.push(`${r.blocking} blocking change(s): merging is blocked until fixed, or acknowledged with the label authz-ack:${r.digest}.`);
  for (const d of r.staleAcknowledgements) out.push(`  acknowledgement authz-ack:${d} names another set of changes: it does not apply`);
  out.push("");
  for (const c of r.changes) out.push(`${c.severity === "blocking" && c.acknowledged === true ? "ACK  " : MARK[c.severity]}  ${c.subject}: ${c.message}`);
  if (r.changes.length === 0) out.push("No route or access control changed.");
  const changed = r.routes.filter((x) => x.status !== "unchanged");
  if (changed.length > 0) {
    out.push("", "Routes:");
    for (const x of changed) out.push(`  ${x.status.padEnd(10)} ${x.api} ${x.route}: ${x.before?.summary ?? "-"} -> ${x.after?.summary ?? "-"}`);
  }
  const gate = r.gateChanges ?? [];
  if (gate.length > 0) out.push("", `This change touches the gate itself (${gate.length} path(s)): ${gate.join(", ")}`);
  for (const l of r.loweredSeverities) out.push(loweredLine(l));
  const p = r.plan;
  out.push(
    "",
    `${p.basis === "plan" ? "Plan" : "Configuration changes"}: ${p.creates.length} to create, ${p.updates.length} to update, ${p.replacements.length} to replace, ${p.deletes.length} to delete.`,
  );
  for (const n of r.notes) out.push(`note: ${n}`);
  // Control characters from the head's names must not drive the terminal.
  return `${terminalText(out.join("\n"))}\n`;
}
