// Runs one base/head pair from the real sample synth: the review's blocking changes, and the check rules that fire
// on the head but not on the base (with the shipped policies); and the harness every AccessPair table runs under.
import { join } from "node:path";
import { failing, runRules } from "../../../../guard/engine";
import { modelFromDocument } from "../../../../guard/load";
import { loadPolicies } from "../../../../guard/policy/load";
import { RULES } from "../../../../guard/rules";
import { diffModels } from "../../../../guard/review/diff";
import type { Change } from "../../../../guard/review/types";
import { synth } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const policies = loadPolicies(join(__dirname, "..", "..", "..", "..", "policies"), RULES);

const ruleKeys = (doc: unknown): Set<string> =>
  new Set(failing(runRules(modelFromDocument(doc, "x.cdk.tf.json"), policies).findings, "low").map((f) => `${f.rule}|${f.address}|${f.message}`));

function runPair(pair: AccessPair): { blocking: Change[]; fresh: string[] } {
  const base = synth(pair.env);
  const head = synth(pair.env);
  pair.both?.(base);
  pair.both?.(head);
  pair.mutate(head);
  const report = diffModels(modelFromDocument(base, "base.cdk.tf.json"), modelFromDocument(head, "head.cdk.tf.json"));
  const blocking = report.changes.filter((c) => c.severity === "blocking");
  const before = ruleKeys(base);
  const fresh = [...ruleKeys(head)].filter((k) => !before.has(k)).map((k) => k.split("|")[0] ?? k);
  return { blocking, fresh: [...new Set(fresh)].sort() };
}

/**
 * The harness of one pair table: each pair blocks exactly its kinds (naming its route) and fires its check rules,
 * a harmless twin neither blocks nor fires anything new; every widening is caught (the score is printed) and the
 * table has at least one twin.
 */
export function describePairs(title: string, scoreLabel: string, pairs: Readonly<Record<string, AccessPair>>): void {
  const names = Object.keys(pairs);
  const run = (name: string) => {
    const pair = pairs[name] as AccessPair;
    return { pair, ...runPair(pair) };
  };
  (names.length > 0 ? describe : describe.skip)(title, () => {
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
      const widenings = names.filter((n) => (pairs[n] as AccessPair).blocking.length > 0);
      const caught = widenings.filter((n) => run(n).blocking.length > 0);
      console.log(`${scoreLabel} mutation score: ${caught.length}/${widenings.length}`);
      expect(caught).toEqual(widenings);
      expect(names.length - widenings.length).toBeGreaterThan(0);
    });
  });
}
