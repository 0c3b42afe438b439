// Calendar days as the check reads them: `YYYY-MM-DD`, UTC. Date-bound rules (Lambda runtime support) compare days,
// never clock times, so a run gives the same answer all day wherever it runs.

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of a `YYYY-MM-DD` day at 00:00 UTC, or undefined when it is no real day (`2026-02-30`, `2026-2-3`). */
export function dayMs(day: string): number | undefined {
  const m = ISO_DAY.exec(day);
  if (m === null) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === day ? ms : undefined;
}

export const isDay = (v: string): boolean => dayMs(v) !== undefined;

/** Whole days from `from` to `to`, negative when `to` is earlier. @throws when either is not a real day */
export function daysBetween(from: string, to: string): number {
  const a = dayMs(from);
  const b = dayMs(to);
  if (a === undefined || b === undefined) throw new Error(`not a YYYY-MM-DD day: "${a === undefined ? from : to}"`);
  return Math.round((b - a) / DAY_MS);
}

/** The UTC day of an instant. */
export const dayOf = (instant: Date): string => instant.toISOString().slice(0, 10);
