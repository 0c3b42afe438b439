// schema/review-report.schema.json describes the real JSON output of `review --format json`: the report of every
// fixture pair (one per kind of change the review knows), a review with the shipped policy (findings, lowered
// severities, the gate's own files) and a plan review all validate against it; every object in it rejects unknown
// keys, so a new output field fails here until the schema and `version` say it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main as review } from "../../cli/review";
import { modelFromDocument } from "../../guard/load";
import { diffModels } from "../../guard/review/diff";
import { renderJson } from "../../guard/report/review/json";
import { AUTHORIZATION_TYPE_NAMES } from "../../kernel/authorization-types";
import type { JsonSchema } from "../../scripts/gen-spec-schema";
import { PAIRS, pairDocs } from "../guard/review/fixtures/pairs";
import { validate } from "./json-schema";

const ROOT = resolve(__dirname, "..", "..");
const schema = JSON.parse(readFileSync(join(ROOT, "schema", "review-report.schema.json"), "utf8")) as JsonSchema;
const definition = (name: string): JsonSchema => (schema.definitions as Record<string, JsonSchema>)[name] as JsonSchema;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "review-schema-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `review --format json` on the given arguments: its exit code and parsed output. */
function reviewJson(...argv: string[]): { code: number; json: Record<string, unknown> } {
  const out: string[] = [];
  const err: string[] = [];
  const code = review([...argv, "--format", "json"], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), writeFile: () => undefined });
  if (code === 2) throw new Error(`review exited 2: ${err.join("")}`);
  return { code, json: JSON.parse(out.join("")) as Record<string, unknown> };
}

test("GIVEN the schema THEN draft-07, every object closed, version 1, and the review's effective types", () => {
  expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
  expect((schema.properties as Record<string, JsonSchema>).version).toMatchObject({ type: "integer", const: 1 });
  const objects: JsonSchema[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === "object" && node !== null) {
      const s = node as JsonSchema;
      if (s.type === "object") objects.push(s);
      Object.values(s).forEach(walk);
    }
  };
  walk(schema);
  expect(objects.length).toBeGreaterThan(12);
  for (const o of objects) expect(o.additionalProperties).toBe(false);
  // The review ranks the table's types it can tell from a REST method, plus UNKNOWN (treated as a deny).
  const effective = definition("EffectiveType").enum as string[];
  expect(effective).toContain("UNKNOWN");
  for (const t of effective.filter((x) => x !== "UNKNOWN")) expect(AUTHORIZATION_TYPE_NAMES).toContain(t);
});

test.each(Object.keys(PAIRS))("GIVEN the fixture pair %s THEN the review's JSON is valid", (name) => {
  const { base, head } = pairDocs(name);
  const report = diffModels(modelFromDocument(base, "base.cdk.tf.json"), modelFromDocument(head, "head.cdk.tf.json"));
  const json = JSON.parse(renderJson(report)) as unknown;
  expect(validate(schema, json)).toEqual([]);
});

test("GIVEN a review with the shipped policy and the changed files THEN findings, lowered severities and gate changes are valid", () => {
  const { base, head } = pairDocs("cognito-to-none");
  const b = join(dir, "b.json");
  const h = join(dir, "h.json");
  const changed = join(dir, "changed.txt");
  const policy = join(dir, "lowered.yaml");
  writeFileSync(b, JSON.stringify(base));
  writeFileSync(h, JSON.stringify(head));
  writeFileSync(changed, "policies/petstore.yaml\nREADME.md\n");
  writeFileSync(
    policy,
    `${readFileSync(join(ROOT, "policies", "petstore.yaml"), "utf8")}\nseverities:\n  stage-xray: {severity: info, reason: "tracing is sampled elsewhere here"}\n`,
  );
  const { json } = reviewJson("--base", b, "--head", h, "--policy", policy, "--changed-files", changed);
  expect(json.findings).toBeDefined();
  expect(json.loweredSeverities).not.toEqual([]);
  expect(json.gateChanges).toEqual(["policies/petstore.yaml"]);
  expect(validate(schema, json)).toEqual([]);
});

test("GIVEN a plan review THEN the plan summary and the routes are valid", () => {
  const { json } = reviewJson("--plan", join(ROOT, "__tests__", "guard", "review", "fixtures", "plan", "plan.json"));
  expect(json.mode).toBe("plan");
  expect(validate(schema, json)).toEqual([]);
});
