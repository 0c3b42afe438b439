// How a finding's severity and message read in plain text (the check's table, the audit's HTML): an accepted
// finding says by what (a policy waiver, or the baseline with its expiry and owner) and why, in one wording.
import type { Finding } from "../rules/types";

/** `high`, or `high (waived)` / `high (waived, coarse)` / `high (baselined)` when accepted. */
export function severityText(f: Finding): string {
  if (f.waived === undefined) return f.severity;
  return `${f.severity} (${f.waived.baseline !== undefined ? "baselined" : f.waived.coarse === true ? "waived, coarse" : "waived"})`;
}

/** What a coarse waiver is, in one wording (guard/policy/waivers.ts). */
export const COARSE_TEXT = "coarse: the waiver names no detail";

/** The message, with the waiver's reason, or the baseline entry's expiry, owner and reason. */
export function messageText(f: Finding): string {
  if (f.waived === undefined) return f.message;
  if (f.waived.baseline !== undefined)
    return `${f.message} [baselined until ${f.waived.baseline.expires}, owner ${f.waived.baseline.owner}: ${f.waived.reason}]`;
  return `${f.message} [waived${f.waived.coarse === true ? ` (${COARSE_TEXT})` : ""}: ${f.waived.reason}]`;
}
