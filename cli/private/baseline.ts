// `check --baseline FILE` and `check --write-baseline FILE`: the I/O around guard/baseline. Expired entries and
// entries whose finding grew above their severity are said on stderr as problems (their findings count again),
// unused ones as notes, or as problems saying to draft them again when they leave out a `detail` or `stack` their
// findings carry; a draft never replaces a file.
import { existsSync, writeFileSync } from "node:fs";
import { applyBaseline } from "../../guard/baseline/apply";
import { draftBaseline } from "../../guard/baseline/draft";
import type { Baseline, BaselineEntryRef, BaselineOutcome } from "../../guard/baseline/types";
import { InputError } from "../../guard/load";
import type { Finding } from "../../guard/rules/types";

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

const named = (e: BaselineEntryRef): string =>
  [e.rule, e.stack === null ? null : `[${e.stack}]`, e.api, e.route, e.address, e.detail === null ? null : `(${e.detail})`].filter((x) => x !== null).join(" ");

/** The findings with the baseline applied, and what it did (said on stderr). */
export function acceptBaseline(baseline: Baseline, findings: readonly Finding[], asOf: string, io: Io): { findings: Finding[]; outcome: BaselineOutcome } {
  const accepted = applyBaseline(findings, baseline, asOf);
  const { file, expired, unused, escalated } = accepted.outcome;
  for (const e of expired)
    io.err(
      `check: ${file}: ${e.path} expired on ${e.expires} (owner ${e.owner}): ${named(e)} ${e.findings > 0 ? `is no longer accepted: ${e.findings} finding(s) count again` : "matches no finding: delete it"}\n`,
    );
  for (const e of escalated)
    io.err(
      `check: ${file}: ${e.path} was drafted for a ${e.severity ?? "?"} finding (owner ${e.owner}): ${named(e)} is now ${e.now}: not accepted, ${e.findings} finding(s) count again (accept it anew in a reviewed change)\n`,
    );
  for (const e of unused)
    io.err(
      e.redraft !== undefined
        ? `check: ${file}: ${e.path} accepts nothing: ${e.redraft}: ${named(e)}\n`
        : `check: note: ${file}: ${e.path} matches no finding (fixed, or renamed?): ${named(e)}\n`,
    );
  return accepted;
}

/** Writes a draft accepting `findings` (those that fail the run); returns the exit code. */
export function writeBaseline(file: string, findings: readonly Finding[], input: string, asOf: string, io: Io): number {
  const draft = draftBaseline(findings, input, asOf);
  if (draft.entries === 0) {
    io.out(`nothing to baseline: no finding fails this run; ${file} not written\n`);
    return 0;
  }
  if (existsSync(file))
    throw new InputError(file, "refusing to overwrite: move it away or choose another file (a reviewed baseline replaced by a draft would lose its reasons)");
  try {
    // `wx`: a file that appeared since the check above is still not replaced.
    writeFileSync(file, draft.text, { flag: "wx" });
  } catch (e) {
    throw new InputError(file, `cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  io.out(
    `wrote ${file}: ${draft.entries} entr${draft.entries === 1 ? "y" : "ies"}, one per finding that fails this run. Write each reason and owner (TODO), then add --baseline ${file} to the check\n`,
  );
  return 0;
}
