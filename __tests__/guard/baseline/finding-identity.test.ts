// A baseline entry names a finding by rule, address, API, route and detail (guard/baseline). That is an identity
// only if no rule reports two different findings under the same five: else an entry drafted for one accepts the
// other. GIVEN every Terraform fixture of the guard suites (the rule fixtures with their policies, the check's
// fixtures, the plans) and the sample's frozen synth with every weakening of every method and every review pair
// WHEN every rule runs THEN no two findings share rule, address, API, route and detail with different messages.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { runRules } from "../../../guard/engine";
import { loadModel, modelFromDocument } from "../../../guard/load";
import { loadPolicies } from "../../../guard/policy/load";
import type { PolicySet } from "../../../guard/policy/types";
import { RULES } from "../../../guard/rules";
import type { Finding } from "../../../guard/rules/types";
import type { Model } from "../../../guard/model";
import { mutantsOf, type Blocks } from "../fixtures/sample-mutants";
import { PAIRS, synth } from "../review/fixtures/pairs";
import { ROOT, SAMPLE_POLICY } from "../../helpers/sample";
import { hasSources, planFile } from "../../corpus/private/sources";

const GUARD = join(ROOT, "__tests__", "guard");
const NO_POLICY: PolicySet = { policies: [] };
const policies = loadPolicies(SAMPLE_POLICY, RULES);

function documents(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name.startsWith(".") || name === "node_modules") return [];
    if (statSync(path).isDirectory()) return documents(path);
    return name.endsWith(".tf.json") || name === "plan.json" ? [path] : [];
  });
}

/** Keys shared by findings that say different things: each is a baseline entry that would accept more than one. */
function collisions(findings: readonly Finding[]): string[] {
  const byKey = new Map<string, Set<string>>();
  for (const f of findings) {
    const key = JSON.stringify([f.rule, f.address, f.api ?? null, f.route ?? null, f.detail ?? null, f.stack ?? null]);
    byKey.set(key, (byKey.get(key) ?? new Set()).add(f.message));
  }
  return [...byKey].filter(([, messages]) => messages.size > 1).map(([key, messages]) => `${key}: ${[...messages].join(" | ")}`);
}

/** Rules seen setting a detail, over every run of this suite (checked against the migration note at the end). */
const detailed = new Set<string>();
function check(model: Model, set: PolicySet): string[] {
  const { findings } = runRules(model, set);
  for (const f of findings) if (f.detail !== undefined && f.address !== "(engine)") detailed.add(f.rule);
  return collisions(findings);
}

describe("GIVEN every Terraform fixture of the guard suites", () => {
  const files = documents(GUARD);
  test("THEN there are many (the walk found them)", () => expect(files.length).toBeGreaterThan(100));

  test.each(files.map((f) => [relative(GUARD, f), f]))("%s: no two findings share an identity", (_n, file) => {
    let model: Model;
    try {
      model = loadModel(file);
    } catch {
      return; // an input the loader refuses on purpose (its own suite says so): nothing to judge
    }
    const beside = join(dirname(file), "policy.yaml");
    const own = readdirSync(dirname(file)).includes("policy.yaml") ? [loadPolicies(beside, RULES)] : [];
    for (const set of [NO_POLICY, policies, ...own]) expect(check(model, set)).toEqual([]);
  });
});

describe("GIVEN the sample's frozen synth", () => {
  const stacks = [
    ["petstore-dev", synth("dev")],
    ["petstore-prod", synth("prod")],
  ] as const;

  test.each(stacks.map(([s]) => [s]))("%s with every weakening of every method: no two findings share an identity", (stack) => {
    const base = stacks.find(([s]) => s === stack)?.[1];
    if (base === undefined) throw new Error(stack);
    const seen: string[] = [];
    const mutants = mutantsOf(base as { resource: Blocks }, stack, policies);
    expect(mutants.length).toBeGreaterThan(10);
    for (const mutant of mutants) {
      const doc = structuredClone(base) as { resource: Blocks };
      mutant.apply(doc);
      for (const c of check(modelFromDocument(doc, stack), policies)) seen.push(`${mutant.name}: ${c}`);
    }
    expect(seen).toEqual([]);
  });

  test.each(Object.keys(PAIRS).map((k) => [k]))("review pair %s (head): no two findings share an identity", (name) => {
    const pair = PAIRS[name];
    const head = synth(pair.env);
    pair.mutate(head);
    expect(check(modelFromDocument(head, `petstore-${pair.env}`), policies)).toEqual([]);
    expect(check(modelFromDocument(head, `petstore-${pair.env}`), NO_POLICY)).toEqual([]);
  });

  test("THEN a collision is seen: two messages under one identity", () => {
    const f: Finding = { rule: "r", severity: "high", address: "a", message: "one" };
    expect(collisions([f, { ...f, message: "two" }])).toHaveLength(1);
    expect(collisions([f, { ...f, message: "two", detail: "other" }])).toEqual([]);
  });
});

// Real-world projects (the corpus, when this machine holds its sources): their plans as a first run checks them.
const CORPUS = readdirSync(join(ROOT, "__tests__", "corpus", "projects")).filter(hasSources);
const corpusTest = CORPUS.length > 0 ? test.each(CORPUS.map((n) => [n])) : test.skip.each([["(no corpus sources on this machine)"]]);
corpusTest("GIVEN the corpus project %s THEN no two findings share an identity", (name) => {
  expect(check(loadModel(planFile(name)), NO_POLICY)).toEqual([]);
});

describe("GIVEN the migration note's list of the rules that set a detail (docs/migrations.md)", () => {
  const text = readFileSync(join(ROOT, "docs", "migrations.md"), "utf8");
  const listed = /The rules that set\s+`detail`\s+are\s+([\s\S]*?)\.\s+A later version/.exec(text)?.[1] ?? "";
  const ids = [...listed.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1] as string);

  test("THEN it names rules of the registry only", () => {
    expect(ids.length).toBeGreaterThan(20);
    expect(ids.filter((id) => !RULES.some((r) => r.id === id))).toEqual([]);
  });

  // Runs after the suites above (jest keeps file order): every rule they saw set a detail is in the list.
  test("THEN every rule seen setting a detail over the fixtures is in it", () => {
    expect(detailed.size).toBeGreaterThan(20);
    expect([...detailed].filter((id) => !ids.includes(id)).sort()).toEqual([]);
  });
});
