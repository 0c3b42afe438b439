// The effective-access mutation harness: every widening class (identity, IAM, authorizer code, WAF, stages,
// routes by coverage) as base/head pairs from the real sample synth. The review must block each with the expected
// kinds and name the route; the check must fire on the head wherever the head alone shows it; harmless twins pass
// both. Prints the score; 100% is required.
import { ACCESS_PAIRS } from "./pairs";
import { runPair } from "./pairs/run";

function run(name: string) {
  const pair = ACCESS_PAIRS[name];
  return { pair, ...runPair(pair) };
}

const names = Object.keys(ACCESS_PAIRS);

(names.length > 0 ? describe : describe.skip)("GIVEN every effective-access pair", () => {
  it.each(names)("pair %s: the review blocks exactly the expected kinds and the check fires where it can", (name) => {
    const { pair, blocking, fresh } = run(name);
    expect([...new Set(blocking.map((c) => c.kind))].sort()).toEqual([...pair.blocking].sort());
    if (pair.names !== undefined && pair.blocking.length > 0) {
      expect(blocking.some((c) => `${c.subject} ${c.message}`.includes(pair.names as string))).toBe(true);
    }
    for (const rule of pair.check) expect(fresh).toContain(rule);
    if (pair.blocking.length === 0 && pair.check.length === 0) expect(fresh).toEqual([]);
  });

  it("THEN the mutation score is 100% and every widening has a harmless twin", () => {
    const widenings = names.filter((n) => ACCESS_PAIRS[n].blocking.length > 0);
    const caught = widenings.filter((n) => run(n).blocking.length > 0);
    console.log(`effective-access mutation score: ${caught.length}/${widenings.length}`);
    expect(caught).toEqual(widenings);
    expect(names.length - widenings.length).toBeGreaterThan(0);
  });
});
