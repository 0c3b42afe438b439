// Runs one base/head pair from the real sample synth: the review's blocking changes, and the check rules that fire
// on the head but not on the base (with the shipped policies). Shared by every harness of AccessPair tables.
import { join } from "node:path";
import { failing, runRules } from "../../../../guard/engine";
import { modelFromDocument } from "../../../../guard/load";
import { loadPolicies } from "../../../../guard/policy/load";
import { diffModels } from "../../../../guard/review/diff";
import type { Change } from "../../../../guard/review/types";
import { synth } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const policies = loadPolicies(join(__dirname, "..", "..", "..", "..", "policies"));

const ruleKeys = (doc: unknown): Set<string> =>
  new Set(failing(runRules(modelFromDocument(doc, "x.cdk.tf.json"), policies).findings, "low").map((f) => `${f.rule}|${f.address}|${f.message}`));

export function runPair(pair: AccessPair): { blocking: Change[]; fresh: string[] } {
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
