// Rules about the words people write in specs and policies, one definition for both: what counts as a reason,
// and the "did you mean" for a misspelt key or value.

/** A reason must say something: "ok" or "n/a" is not a reason. Specs and policies use the same rule. */
export const MIN_REASON_LENGTH = 10;

/** Why `reason` is not a reason (undefined when it is one). */
export function reasonProblem(reason: unknown): string | undefined {
  if (typeof reason !== "string") return `a written reason is required (at least ${MIN_REASON_LENGTH} characters)`;
  if (reason.trim().length < MIN_REASON_LENGTH) return `a reason says why in at least ${MIN_REASON_LENGTH} characters`;
  return undefined;
}

/** The known word within edit distance 2 (case-insensitive), to turn "unknown" into a fix. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** ` (did you mean "x"?)`, or "" when nothing is close. */
export function didYouMean(word: string, known: readonly string[]): string {
  const hint = closest(word, known);
  return hint === undefined ? "" : ` (did you mean "${hint}"?)`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
