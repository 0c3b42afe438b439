// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// Every change kind of the catalogues is reported by at least one base/head pair of the review's fixture tables
// (the effective-access pairs, the OpenAPI-body pairs, the diff's own pairs), as every rule fires on a fixture:
// a kind no fixture reports is a kind nobody has seen work. The kinds whose inputs a synthesized document cannot
// carry are listed with the suite that reports them; the list may only shrink.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { modelFromDocument } from "../../../guard/load";
import { diffModels } from "../../../guard/review/diff";
import { CHANGE_KINDS, type ChangeKind } from "../../../guard/review/kinds";
import { ACCESS_PAIRS } from "../access/pairs";
import type { AccessPair } from "../access/pairs/types";
import { OPENAPI_PAIRS } from "../load/openapi/pairs";
import { PAIRS, synth, type Pair } from "./fixtures/pairs";

const ROUTE_TABLES = "__tests__/guard/review/route-tables.test.ts";
const EDGE_CONFIG = "__tests__/guard/review/edge-config.test.ts";
const DIFF = "__tests__/guard/review/diff.test.ts";

/** Kinds no pair reports, with the suite that does: inputs beside the document (bundled packages, policies, plans). */
const WITHOUT_PAIR: Readonly<Partial<Record<ChangeKind, string>>> = {
  // A Lambda authorizer's route table is read from its zip package (cdktf.out), which a pair does not have.
  "group-requirement-removed": ROUTE_TABLES,
  "group-widened": ROUTE_TABLES,
  "group-required": ROUTE_TABLES,
  "group-narrowed": ROUTE_TABLES,
  "token-use-widened": ROUTE_TABLES,
  "token-use-narrowed": ROUTE_TABLES,
  "client-restriction-removed": ROUTE_TABLES,
  "client-widened": ROUTE_TABLES,
  "client-narrowed": ROUTE_TABLES,
  "client-restricted": ROUTE_TABLES,
  "route-table-unreadable": ROUTE_TABLES,
  "route-table-now-readable": ROUTE_TABLES,
  // The edge verifier's edge-config.json, likewise from its package.
  "edge-pass-through": EDGE_CONFIG,
  "edge-scope-requirement-removed": EDGE_CONFIG,
  "edge-scope-widened": EDGE_CONFIG,
  "edge-scope-required": EDGE_CONFIG,
  "edge-scope-narrowed": EDGE_CONFIG,
  "edge-client-restriction-removed": EDGE_CONFIG,
  "edge-client-widened": EDGE_CONFIG,
  "edge-client-narrowed": EDGE_CONFIG,
  "edge-client-restricted": EDGE_CONFIG,
  "edge-config-unreadable": EDGE_CONFIG,
  "edge-config-now-readable": EDGE_CONFIG,
  // An HTTP API (the sample has REST APIs only).
  "jwt-audience-widened": "__tests__/guard/load/http-api/review.test.ts",
  // The intended policy (publicRouteAllowed, grantIntended), a plan's unknown values, the check's findings.
  "new-public-route-allowed": DIFF,
  "invoke-grant-intended": "__tests__/guard/policy/intended.test.ts",
  "policy-unverifiable": DIFF,
  "control-regressed": "__tests__/guard/review/regressed.test.ts",
};

function reported(pairs: readonly (AccessPair | Pair)[]): Set<string> {
  const out = new Set<string>();
  for (const pair of pairs) {
    const base = synth(pair.env);
    const head = synth(pair.env);
    if ("both" in pair) {
      pair.both?.(base);
      pair.both?.(head);
    }
    pair.mutate(head);
    const report = diffModels(modelFromDocument(base, "base.cdk.tf.json"), modelFromDocument(head, "head.cdk.tf.json"));
    for (const c of report.changes) out.add(c.kind);
  }
  return out;
}

describe("every change kind has a fixture", () => {
  const seen = reported([...Object.values(ACCESS_PAIRS), ...Object.values(OPENAPI_PAIRS), ...Object.values(PAIRS)]);
  const kinds = Object.keys(CHANGE_KINDS) as ChangeKind[];

  it("GIVEN the fixture pairs WHEN reviewed THEN every kind of the catalogues is reported by one, or listed with its suite", () => {
    expect(kinds.filter((k) => !seen.has(k) && WITHOUT_PAIR[k] === undefined)).toEqual([]);
  });

  it("GIVEN the list of kinds without a pair THEN none of them has one by now (take it off the list)", () => {
    expect(Object.keys(WITHOUT_PAIR).filter((k) => seen.has(k))).toEqual([]);
  });

  it("GIVEN the list THEN each names a suite that exists and names the kind", () => {
    const root = join(__dirname, "..", "..", "..");
    const text = (file: string): string => (existsSync(join(root, file)) ? readFileSync(join(root, file), "utf8") : "");
    expect(Object.entries(WITHOUT_PAIR).filter(([kind, file]) => !new RegExp(`(^|[^a-z-])${kind}([^a-z-]|$)`, "m").test(text(file as string)))).toEqual([]);
  });
});
