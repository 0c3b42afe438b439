// What the policy waivers did that a reader of the check must know, on stderr: a finding a waiver names but does not
// accept (above the waiver's `severity`; a waiver without `detail` facing a critical finding or several findings of
// its rule on one address) counts, and the line says which waiver and why; a waiver that accepts only coarsely (no
// `detail`) is a note with the detail to write. Each line once.
import type { WaiverNote } from "../../guard/policy/waivers";

const q = (s: string): string => JSON.stringify(s);

const named = (n: WaiverNote): string =>
  [n.rule, n.route ?? null, n.address, n.detail === undefined ? null : `(${n.detail})`].filter((x) => x !== null).join(" ");

function line(n: WaiverNote): string {
  const where = `${n.policyFile}: ${n.path}`;
  const add = n.detail === undefined ? "" : ` (detail: ${q(n.detail)})`;
  switch (n.kind) {
    case "above":
      return `check: ${where} accepts findings up to ${n.ceiling ?? "?"}: ${named(n)} is ${n.severity}: not waived, it counts (waive it anew in a reviewed change)\n`;
    case "coarse-above":
      return `check: ${where} names no detail, so it accepts up to ${n.ceiling ?? "?"}: ${named(n)} is ${n.severity}: not waived, it counts (name the finding${add} and its severity in a reviewed change)\n`;
    case "coarse-several":
      return `check: ${where} names no detail and its rule reports several findings on ${n.address}: ${named(n)} is not waived, it counts (name each accepted finding${add} in a reviewed change)\n`;
    case "coarse":
      return `check: note: ${where} names no detail: it accepts ${named(n)} only while that is its rule's only finding there and not above ${n.ceiling ?? "?"}; name it${add} to accept exactly it\n`;
  }
}

export function sayWaiverNotes(notes: readonly WaiverNote[], err: (s: string) => void): void {
  for (const l of new Set(notes.map(line))) err(l);
}
