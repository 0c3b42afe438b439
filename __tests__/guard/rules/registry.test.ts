// Every rule in the registry has its own fixtures: __tests__/guard/rules/<service>/<rule-id>/, where <service> is the
// folder of guard/rules/<service>/<rule-id>.ts. The rule reports fail.tf.json and says nothing at all on
// pass.tf.json, both loaded as `check` loads them and judged against the folder's policy.yaml (no policy when the
// folder has none). A rule without fixtures, a rule file outside the registry and a fixture folder without its rule
// each fail this suite. The fixtures are written by generate.ts from <service>/fixtures.ts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadModel } from "../../../guard/load";
import { loadPolicies } from "../../../guard/policy/load";
import type { PolicySet } from "../../../guard/policy/types";
import { RULES } from "../../../guard/rules";
import type { Rule } from "../../../guard/rules/types";
import { FIXTURE_ROOT, RULES_SOURCE, ruleVerdict, services, servicesOf } from "./private/fixture-verdict";

const ids = new Set(RULES.map((r) => r.id));
const subfolders = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];

describe("the rule registry and the rule files", () => {
  test("GIVEN the registry THEN every id is unique", () => {
    expect(ids.size).toBe(RULES.length);
  });

  test("GIVEN the registry THEN every rule lives in exactly one guard/rules/<service>/<its id>.ts", () => {
    expect(RULES.filter((r) => servicesOf(r.id).length !== 1).map((r) => r.id)).toEqual([]);
  });

  test("GIVEN guard/rules/<service>/ THEN every file there is a registered rule named by its id", () => {
    const files = services().flatMap((s) =>
      readdirSync(join(RULES_SOURCE, s))
        .filter((f) => f.endsWith(".ts"))
        .map((f) => ({ service: s, id: f.replace(/\.ts$/, "") })),
    );
    expect(files.filter((f) => !ids.has(f.id)).map((f) => `${f.service}/${f.id}.ts`)).toEqual([]);
  });

  test("GIVEN the fixture folders THEN each belongs to a registered rule of the same service", () => {
    const orphans = services().flatMap((s) =>
      subfolders(join(FIXTURE_ROOT, s))
        .filter((id) => !servicesOf(id).includes(s))
        .map((id) => `${s}/${id}`),
    );
    expect(orphans).toEqual([]);
  });
});

/** The folder's fixtures, with what `check` would know beside them (policy, handlers rebuilt from source). */
function fixtures(rule: Rule): { dir: string; policies: PolicySet; sourceBuilds?: Record<string, string> } {
  const [service] = servicesOf(rule.id);
  const dir = join(FIXTURE_ROOT, service ?? "(no service)", rule.id);
  const policy = join(dir, "policy.yaml");
  const builds = join(dir, "source-builds.json");
  return {
    dir,
    policies: existsSync(policy) ? loadPolicies(policy, RULES) : { policies: [] },
    ...(existsSync(builds) ? { sourceBuilds: JSON.parse(readFileSync(builds, "utf8")) as Record<string, string> } : {}),
  };
}

const note = (file: string): unknown => (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>)["//"];

describe.each(RULES.map((r) => [r.id, r] as const))("rule %s", (id, rule) => {
  const { dir, policies, sourceBuilds } = fixtures(rule);
  const fail = join(dir, "fail.tf.json");
  const pass = join(dir, "pass.tf.json");

  test("has a fail and a pass fixture, each saying which rule it is for and what it must show", () => {
    expect([existsSync(fail), existsSync(pass)]).toEqual([true, true]);
    expect(note(fail)).toEqual(expect.stringMatching(new RegExp(`^fail: rule ${id} must report this: .+`)));
    expect(note(pass)).toEqual(expect.stringMatching(new RegExp(`^pass: rule ${id} must stay silent on this: .+`)));
  });

  test("GIVEN fail.tf.json WHEN the rule runs THEN it reports a finding at low or above, with a message", () => {
    const verdict = ruleVerdict(rule, loadModel(fail), policies, sourceBuilds);
    expect(verdict.fires).toBe(true);
    for (const f of verdict.findings) expect(f.message).not.toBe("");
  });

  test("GIVEN pass.tf.json WHEN the rule runs THEN it reports nothing, not even a note, on something it judges", () => {
    const verdict = ruleVerdict(rule, loadModel(pass), policies, sourceBuilds);
    expect(verdict.findings).toEqual([]);
    // Silence over nothing to judge proves nothing: a rule that lists its subjects must have one here.
    if (verdict.subjects !== undefined) expect(verdict.subjects).toBeGreaterThan(0);
  });

  test("declares a title, severity, rationale and its peers' ids", () => {
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.rationale.length).toBeGreaterThan(40);
    expect(rule.equivalents).toBeDefined();
  });
});
