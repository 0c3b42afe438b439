// The classification covers every attribute and block of the committed provider schema list, names nothing the
// schema does not have, and names only rules and modules that exist.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { coverage, TABLES } from "../../../../guard/access/classification";
import { ATTRIBUTES, pathKind } from "../../../../guard/access/classification/schema";
import { MODULES } from "../../../../guard/access/classification/types";
import { RULES } from "../../../../guard/rules";

const ROOT = join(__dirname, "..", "..", "..", "..");
const types = Object.keys(ATTRIBUTES.types);

/** Paths that must be classified: attributes, and blocks with no attribute below them (their presence is the value). */
function pathsToClassify(type: string): string[] {
  const paths = Object.keys(ATTRIBUTES.types[type]);
  return paths.filter((p) => pathKind(type, p) !== "b" || !paths.some((q) => q.startsWith(`${p}.`) && pathKind(type, q) !== "b"));
}

describe("GIVEN the committed attribute list of hashicorp/aws 5.100.0", () => {
  it("THEN it holds the in-scope types, WAFv2 statements folded by type", () => {
    expect(ATTRIBUTES.version).toBe("5.100.0");
    expect(types.length).toBe(123);
    expect(types).toEqual(expect.arrayContaining(["aws_api_gateway_method", "aws_lambda_function_url", "aws_cognito_identity_provider", "aws_ssm_parameter"]));
  });

  it.each(types)("THEN every attribute of %s is classified", (type) => {
    const missing = pathsToClassify(type).filter((p) => coverage(type, p) === undefined);
    expect(missing).toEqual([]);
  });

  it("THEN no table names a type or path the schema does not have (stale entries)", () => {
    const stale: string[] = [];
    for (const [type, table] of Object.entries(TABLES)) {
      if (ATTRIBUTES.types[type] === undefined) stale.push(type);
      for (const key of Object.keys(table)) {
        const path = key.endsWith(".*") ? key.slice(0, -2) : key;
        if (pathKind(type, path) === undefined) stale.push(`${type}.${key}`);
      }
    }
    expect(stale).toEqual([]);
  });

  it("THEN every rule it names is a rule of the check, and every module is a file", () => {
    const ids = new Set(RULES.map((r) => r.id));
    const named = new Set(Object.values(TABLES).flatMap((t) => Object.values(t).flatMap((c) => (c.class === "rule" ? [c.rule] : []))));
    expect([...named].filter((id) => !ids.has(id))).toEqual([]);
    for (const m of MODULES) expect(existsSync(join(ROOT, m))).toBe(true);
  });

  it("THEN the figures by class are printed (attributes outside WAFv2, WAFv2 folded paths)", () => {
    const counts: Record<string, number> = {};
    for (const type of types) {
      for (const p of pathsToClassify(type)) {
        const c = coverage(type, p)?.classification.class ?? "unclassified";
        const key = `${type.startsWith("aws_wafv2_") ? "wafv2" : "other"} ${c}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
    }
    console.log(`classification: ${JSON.stringify(counts)}`);
    expect(counts["other unclassified"]).toBeUndefined();
  });
});
