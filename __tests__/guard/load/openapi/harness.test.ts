// The OpenAPI-body mutation harness: every widening a pull request can hide in a body (an operation's
// security: [], the global default dropped, scopes, keys, authorizers, new open or greedy routes, a body that
// becomes unreadable) as base/head pairs from the real sample synth. The review must block each with the
// expected kinds naming the route; the check must fire on the head wherever the head alone shows it; harmless
// twins pass both. 100% is required.
import { join } from "path";
import { failing, runRules } from "../../../../guard/engine";
import { modelFromDocument } from "../../../../guard/load";
import { loadPolicies } from "../../../../guard/policy/load";
import { diffModels } from "../../../../guard/review/diff";
import { synth } from "../../review/fixtures/pairs";
import { OPENAPI_PAIRS } from "./pairs";

const policies = loadPolicies(join(__dirname, "..", "..", "..", "..", "policies"));
const ruleKeys = (doc: unknown) =>
  new Set(failing(runRules(modelFromDocument(doc, "x.cdk.tf.json"), policies).findings, "low").map((f) => `${f.rule}|${f.address}|${f.message}`));

function run(name: string) {
  const pair = OPENAPI_PAIRS[name];
  const base = synth(pair.env);
  const head = synth(pair.env);
  pair.both?.(base);
  pair.both?.(head);
  pair.mutate(head);
  const report = diffModels(modelFromDocument(base, "base.cdk.tf.json"), modelFromDocument(head, "head.cdk.tf.json"));
  const blocking = report.changes.filter((c) => c.severity === "blocking");
  const before = ruleKeys(base);
  const fresh = [...ruleKeys(head)].filter((k) => !before.has(k)).map((k) => k.split("|")[0]);
  return { pair, blocking, fresh: [...new Set(fresh)].sort() };
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
