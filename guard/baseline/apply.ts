// Applies a baseline to a run's findings, as a policy waiver does: a finding a live entry matches is reported as
// baselined (with the entry's reason, owner and expiry) and never counts for --fail-on. Fail closed throughout: an
// expired entry accepts nothing (its findings count again), nor does an entry whose finding is now above the
// severity it was drafted at, nor an entry without `detail` or `stack` for findings that carry one (a rule that tells
// its findings on one address apart; an address in two stacks); each is reported, as is every live entry that
// accepts nothing.
import { judge, names, type Acceptance } from "../policy/acceptance";
import { severityRank } from "../policy/rank";
import type { Severity } from "../policy/types";
import { ENGINE_ADDRESS, type Finding } from "../rules/types";
import type { Baseline, BaselineEntry, BaselineEntryRef, BaselineOutcome } from "./types";

/** An entry names every part of its finding exactly (an absent part: the finding has none). */
const acceptanceOf = (e: BaselineEntry): Acceptance => ({
  rule: e.rule,
  address: { exactly: e.address },
  api: { exactly: e.api },
  route: { exactly: e.route },
  detail: { exactly: e.detail },
  stack: { exactly: e.stack },
  ...(e.severity !== undefined ? { severity: e.severity } : {}),
});
const sameSubject = (e: BaselineEntry, f: Finding): boolean => names({ ...acceptanceOf(e), detail: "any", stack: "any" }, f);

/** Whether an entry still accepts findings on `asOf` (both `YYYY-MM-DD`, so they compare as strings). */
const isLive = (e: BaselineEntry, asOf: string): boolean => asOf < e.expires;

export const REDRAFT_DETAIL =
  "its findings on this address now carry a `detail` (which of the rule's findings) or a `stack` (which stack of a cdktf.out) that this entry does not name: draft it again with --write-baseline";

const entryRef = (e: BaselineEntry): BaselineEntryRef => ({
  path: e.path,
  rule: e.rule,
  address: e.address,
  api: e.api ?? null,
  route: e.route ?? null,
  detail: e.detail ?? null,
  stack: e.stack ?? null,
  severity: e.severity ?? null,
  owner: e.owner,
  expires: e.expires,
});

export function applyBaseline(findings: readonly Finding[], baseline: Baseline, asOf: string): { findings: Finding[]; outcome: BaselineOutcome } {
  const matched = new Map<BaselineEntry, number>();
  const escalated = new Map<BaselineEntry, { findings: number; now: Severity }>();
  let baselined = 0;
  const out = findings.map((f) => {
    // A crashed rule stands for everything it did not judge: never accepted.
    if (f.address === ENGINE_ADDRESS) return f;
    const entry = baseline.entries.find((e) => judge(acceptanceOf(e), f) !== "none");
    if (entry === undefined) return f;
    matched.set(entry, (matched.get(entry) ?? 0) + 1);
    // A policy waiver already speaks for it; an expired entry accepts nothing.
    if (f.waived !== undefined || !isLive(entry, asOf)) return f;
    if (judge(acceptanceOf(entry), f) === "above") {
      const was = escalated.get(entry);
      escalated.set(entry, {
        findings: (was?.findings ?? 0) + 1,
        now: was !== undefined && severityRank(was.now) < severityRank(f.severity) ? was.now : f.severity,
      });
      return f;
    }
    baselined++;
    return { ...f, waived: { reason: entry.reason, policyFile: baseline.file, baseline: { owner: entry.owner, expires: entry.expires } } };
  });
  // An entry that leaves out a detail or a stack its findings now carry: said as such, so the user drafts it again.
  const lacks = (mine: string | undefined, theirs: string | undefined): boolean => mine === theirs || (mine === undefined && theirs !== undefined);
  const redraft = (e: BaselineEntry): string | undefined =>
    findings.some((f) => sameSubject(e, f) && lacks(e.detail, f.detail) && lacks(e.stack, f.stack) && (e.detail !== f.detail || e.stack !== f.stack))
      ? REDRAFT_DETAIL
      : undefined;
  return {
    findings: out,
    outcome: {
      file: baseline.file,
      entries: baseline.entries.length,
      baselined,
      expired: baseline.entries.filter((e) => !isLive(e, asOf)).map((e) => ({ ...entryRef(e), findings: matched.get(e) ?? 0 })),
      unused: baseline.entries
        .filter((e) => isLive(e, asOf) && !matched.has(e))
        .map((e) => {
          const why = redraft(e);
          return { ...entryRef(e), ...(why !== undefined ? { redraft: why } : {}) };
        }),
      escalated: [...escalated].map(([e, x]) => ({ ...entryRef(e), ...x })),
    },
  };
}
