// Applies a baseline to a run's findings, as a policy waiver does: a finding a live entry matches is reported as
// baselined (with the entry's reason, owner and expiry) and never counts for --fail-on. An expired entry accepts
// nothing (fail closed: its findings count again) and is reported; so is every live entry that matches nothing.
import type { Finding } from "../rules/types";
import type { Baseline, BaselineEntry, BaselineEntryRef, BaselineOutcome } from "./types";

const matches = (e: BaselineEntry, f: Finding): boolean => e.rule === f.rule && e.address === f.address && e.api === f.api && e.route === f.route;

/** Whether an entry still accepts findings on `asOf` (both `YYYY-MM-DD`, so they compare as strings). */
const isLive = (e: BaselineEntry, asOf: string): boolean => asOf < e.expires;

const entryRef = (e: BaselineEntry): BaselineEntryRef => ({
  path: e.path,
  rule: e.rule,
  address: e.address,
  api: e.api ?? null,
  route: e.route ?? null,
  owner: e.owner,
  expires: e.expires,
});

export function applyBaseline(findings: readonly Finding[], baseline: Baseline, asOf: string): { findings: Finding[]; outcome: BaselineOutcome } {
  const matched = new Map<BaselineEntry, number>();
  let baselined = 0;
  const out = findings.map((f) => {
    const entry = baseline.entries.find((e) => matches(e, f));
    if (entry === undefined) return f;
    matched.set(entry, (matched.get(entry) ?? 0) + 1);
    // A policy waiver already speaks for it; an expired entry accepts nothing.
    if (f.waived !== undefined || !isLive(entry, asOf)) return f;
    baselined++;
    return { ...f, waived: { reason: entry.reason, policyFile: baseline.file, baseline: { owner: entry.owner, expires: entry.expires } } };
  });
  return {
    findings: out,
    outcome: {
      file: baseline.file,
      entries: baseline.entries.length,
      baselined,
      expired: baseline.entries.filter((e) => !isLive(e, asOf)).map((e) => ({ ...entryRef(e), findings: matched.get(e) ?? 0 })),
      unused: baseline.entries.filter((e) => isLive(e, asOf) && !matched.has(e)).map(entryRef),
    },
  };
}
