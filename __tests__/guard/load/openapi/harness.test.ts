// The OpenAPI-body mutation harness: every widening a pull request can hide in a body (an operation's
// security: [], the global default dropped, scopes, keys, authorizers, new open or greedy routes, a body that
// becomes unreadable) as base/head pairs from the real sample synth. The review must block each with the
// expected kinds naming the route; the check must fire on the head wherever the head alone shows it; harmless
// twins pass both. 100% is required.
import { OPENAPI_PAIRS } from "./pairs";
import { runPair } from "../../access/pairs/run";

function run(name: string) {
  const pair = OPENAPI_PAIRS[name];
  return { pair, ...runPair(pair) };
}

const names = Object.keys(OPENAPI_PAIRS);

describe("GIVEN every OpenAPI-body pair", () => {
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
    const widenings = names.filter((n) => OPENAPI_PAIRS[n].blocking.length > 0);
    const caught = widenings.filter((n) => run(n).blocking.length > 0);
    console.log(`OpenAPI-body mutation score: ${caught.length}/${widenings.length}`);
    expect(caught).toEqual(widenings);
    expect(names.length - widenings.length).toBeGreaterThan(0);
  });
});
