// Drawn from the classification: every attribute it says guard/access/identity-mapping.ts or
// guard/access/stage-serving.ts reads is changed by at least one identity or serving pair that blocks, so a module
// that claims an attribute cannot leave it unjudged. (The pairs themselves, with their twins, run in harness.test.ts.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TABLES } from "../../../guard/access/classification";
import { IDENTITY_KINDS } from "../../../guard/review/compare/identity-mapping";
import { SERVING_KINDS } from "../../../guard/review/compare/stage-serving";
import { pathKind } from "../../../guard/access/classification/schema";
import { classifiedPath } from "../../../guard/access/classification/scope";
import { IDENTITY_MAPPING, STAGE_SERVING } from "../../../guard/access/classification/types";
import { synth, type Doc } from "../review/fixtures/pairs";
import { IDENTITY_PAIRS } from "./pairs/identity";
import { SERVING_PAIRS } from "./pairs/serving";
import type { AccessPair } from "./pairs/types";

/** `type.path` -> the canonical text of its values, for every resource of the document. */
function leaves(doc: Doc): Map<string, string> {
  const out = new Map<string, string>();
  for (const [type, byName] of Object.entries(doc.resource)) {
    for (const [name, body] of Object.entries(byName)) {
      const walk = (value: unknown, segments: string[]): void => {
        if (segments.length > 0) {
          const path = classifiedPath(type, segments);
          if (pathKind(type, path) !== "b") {
            const key = `${type}.${path}\u0000${name}`;
            out.set(key, `${out.get(key) ?? ""}${JSON.stringify(value)}`);
            return;
          }
        }
        if (Array.isArray(value)) for (const v of value) walk(v, segments);
        else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) walk(v, [...segments, k]);
      };
      walk(body, []);
    }
  }
  return out;
}

function changedPaths(pair: AccessPair): Set<string> {
  const base = synth(pair.env);
  pair.both?.(base);
  const head = JSON.parse(JSON.stringify(base)) as Doc;
  pair.mutate(head);
  const [b, h] = [leaves(base), leaves(head)];
  const out = new Set<string>();
  for (const k of new Set([...b.keys(), ...h.keys()])) if (b.get(k) !== h.get(k)) out.add(k.split("\u0000")[0] as string);
  return out;
}

describe("GIVEN the attributes the classification gives the identity-mapping and stage-serving modules", () => {
  const claimed = Object.entries(TABLES).flatMap(([type, table]) =>
    Object.entries(table)
      .filter(([, c]) => c.class === "modelled" && (c.module === IDENTITY_MAPPING || c.module === STAGE_SERVING))
      .map(([path]) => `${type}.${path}`),
  );
  const widening = Object.values({ ...IDENTITY_PAIRS, ...SERVING_PAIRS }).filter((p) => p.blocking.length > 0);
  const touched = new Set(widening.flatMap((p) => [...changedPaths(p)]));

  it("THEN there are such attributes, REST and v2", () => {
    expect(claimed).toEqual(expect.arrayContaining(["aws_api_gateway_integration.request_parameters", "aws_apigatewayv2_stage.auto_deploy"]));
  });

  it("THEN each is changed by a widening pair (which the harness requires to block)", () => {
    expect(claimed.filter((c) => !touched.has(c))).toEqual([]);
  });
});

describe("GIVEN the blocking kinds of the identity-mapping and stage-serving comparers", () => {
  it("THEN docs/review.md documents each in its tables", () => {
    const doc = readFileSync(join(__dirname, "..", "..", "..", "docs", "review.md"), "utf8");
    const kinds = [...Object.values(IDENTITY_KINDS), ...Object.values(SERVING_KINDS)];
    expect(kinds.filter((k) => !doc.includes(`| \`${k}\` |`))).toEqual([]);
  });
});
