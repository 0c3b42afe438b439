// Fixture edits taken from the suites that already hold them: the shop fixture's breakages
// (fixtures/noncompliant/generate.ts) and the effective-access and OpenAPI-body pairs over the sample synth
// (access/pairs, load/openapi/pairs), each widening beside a harmless twin its suite checks.
import { ACCESS_PAIRS } from "../../access/pairs";
import type { AccessPair } from "../../access/pairs/types";
import { BREAKAGES } from "../../fixtures/noncompliant/generate";
import { OPENAPI_PAIRS } from "../../load/openapi/pairs";
import { BASES, type Doc, type Edit, type RuleFixtures } from "./fixture-types";

/** The shop fixture's breakage for the rule, against the shop API as it is. */
export function breakage(id: string, pass: Edit = { why: "the shop API as the policy intends it" }): RuleFixtures {
  const entry = BREAKAGES[id];
  if (entry === undefined) throw new Error(`fixture: no breakage for ${id}`);
  const [, why, apply] = entry;
  return { base: BASES.shop, fail: { why, apply }, pass };
}

const pairOf = (name: string): AccessPair => {
  const p = ACCESS_PAIRS[name] ?? OPENAPI_PAIRS[name];
  if (p === undefined) throw new Error(`fixture: no access pair ${name}`);
  return p;
};

/** The head of an access pair (fail) beside the head of its harmless twin (pass), on the sample synth. */
export function pair(widening: string, twin: string): RuleFixtures {
  const w = pairOf(widening);
  const t = pairOf(twin);
  if (w.env !== t.env) throw new Error(`fixture: pairs ${widening} and ${twin} start from different stacks`);
  const head =
    (p: AccessPair) =>
    (d: Doc): void => {
      p.both?.(d);
      p.mutate(d);
    };
  return {
    base: w.env === "dev" ? BASES.petstoreDev : BASES.petstoreProd,
    fail: { why: w.description, apply: head(w) },
    pass: { why: t.description, apply: head(t) },
  };
}
