// Writes every rule's fixtures to __tests__/guard/rules/<service>/<rule-id>/: fail.tf.json and pass.tf.json (a base
// the suites already use, with the rule's edit or a harmless one), policy.yaml (the base's policy, when it has one),
// and any file the inputs name. The inputs are then cut down to what the rule needs: top-level blocks, resource
// types, single resources and optional links are dropped one by one while the rule still fires on fail and stays
// silent on pass (over at least one subject, when it lists them) and no reference dangles or stops resolving.
// Run `npx tsx __tests__/guard/rules/generate.ts [rule-id ...]` after changing a base or a table in <service>/fixtures.ts.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as prettier from "prettier";
import { modelFromStacks, readDocument } from "../../../guard/load";
import { readRouteTables } from "../../../guard/load/bundles";
import type { Model } from "../../../guard/model";
import { loadPolicies } from "../../../guard/policy/load";
import type { PolicySet } from "../../../guard/policy/types";
import { RULES } from "../../../guard/rules";
import type { Rule } from "../../../guard/rules/types";
import { FIXTURE_TABLES } from "./fixture-tables";
import { readBase, type Doc, type RuleFixtures } from "./private/fixture-types";
import { FIXTURE_ROOT, ruleVerdict, serviceOf } from "./private/fixture-verdict";

const ROOT = join(__dirname, "..", "..", "..");

const clone = (d: Doc): Doc => JSON.parse(JSON.stringify(d)) as Doc;

interface Sides {
  readonly fail: Doc;
  readonly pass: Doc;
}

function sides(base: Doc, fx: RuleFixtures): Sides | undefined {
  try {
    const fail = clone(base);
    const pass = clone(base);
    fx.fail.apply?.(fail);
    fx.pass.apply?.(pass);
    return { fail, pass };
  } catch {
    return undefined; // the edit needs something the cut removed
  }
}

interface Judge {
  readonly rule: Rule;
  readonly policies: PolicySet;
  readonly dir: string;
  readonly fx: RuleFixtures;
}

/** The model `loadModel` makes of `doc` saved as `file` (packages named relative to it are read from disk). */
function modelOf(doc: Doc, file: string): Model {
  const { stack, format } = readDocument(doc, { file, stack: "" });
  return modelFromStacks([{ stack: readRouteTables(stack, file), format, file }], "after");
}

function holds(j: Judge, s: Sides | undefined): boolean {
  if (s === undefined) return false;
  const builds = j.fx.sourceBuilds?.();
  const verdict = (doc: Doc, name: string) => ruleVerdict(j.rule, modelOf(doc, join(j.dir, name)), j.policies, builds);
  const pass = verdict(s.pass, "pass.tf.json");
  return verdict(s.fail, "fail.tf.json").fires && pass.silent && pass.subjects !== 0;
}

const REFERENCE = /\$\{[^}]*\}/g;
const NAMED = /(?<![\w.])(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)|(?<![\w.])(var|local)\.([A-Za-z0-9_-]+)/g;

/** The references of a document that name nothing in it (`aws_x.y`, `data.aws_x.y`, `var.x`, `local.x`). */
function dangling(doc: Doc): Set<string> {
  const has = (block: unknown, ...keys: string[]): boolean => {
    let at = block;
    for (const k of keys) at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[k] : undefined;
    return at !== undefined;
  };
  const out = new Set<string>();
  for (const ref of JSON.stringify(doc).match(REFERENCE) ?? []) {
    for (const m of ref.matchAll(NAMED)) {
      const [whole, data, type, name, kind, local] = m;
      const found =
        type !== undefined && name !== undefined
          ? has(data === undefined ? doc.resource : doc["data"], type, name)
          : kind === "var"
            ? has(doc["variable"], local as string)
            : has(doc["locals"], local as string);
      if (!found) out.add(whole);
    }
  }
  return out;
}

const within = (a: Set<string>, b: Set<string>): boolean => [...a].every((x) => b.has(x));

const OPTIONAL_LINKS = ["depends_on", "triggers", "tags", "tags_all", "lifecycle", "environment"] as const;

/** What the loader could not resolve (a stage of no API, a method of no resource): a cut may not add to it. */
const unresolved = (doc: Doc, file: string): Set<string> => new Set(modelOf(doc, file).unresolved.map((u) => `${u.address}|${u.attribute}|${u.target}`));

/**
 * Drops top-level blocks, whole resource types, then single resources, keeping each drop after which the rule still
 * fires on fail and is silent on pass and neither input names something it no longer holds (they stay whole
 * documents).
 */
function cut(j: Judge, base: Doc): Doc {
  let doc = clone(base);
  const whole = sides(base, j.fx) as Sides;
  const failFile = join(j.dir, "fail.tf.json");
  const passFile = join(j.dir, "pass.tf.json");
  const known = { fail: unresolved(whole.fail, failFile), pass: unresolved(whole.pass, passFile) };
  const whole_ = { fail: dangling(whole.fail), pass: dangling(whole.pass) };
  const attempt = (edit: (d: Doc) => void): void => {
    const next = clone(doc);
    edit(next);
    const s = sides(next, j.fx);
    if (s === undefined || !holds(j, s)) return;
    if (!within(dangling(s.fail), whole_.fail) || !within(dangling(s.pass), whole_.pass)) return;
    if (!within(unresolved(s.fail, failFile), known.fail) || !within(unresolved(s.pass, passFile), known.pass)) return;
    doc = next;
  };
  // Until nothing more can go: a resource others name goes only after them.
  for (let before = ""; before !== JSON.stringify(doc);) {
    before = JSON.stringify(doc);
    for (const key of Object.keys(doc).sort()) if (key !== "resource" && key !== "//") attempt((d) => delete d[key]);
    for (const type of Object.keys(doc.resource).sort()) attempt((d) => delete d.resource[type]);
    for (const type of Object.keys(doc.resource).sort()) {
      for (const name of Object.keys(doc.resource[type] ?? {}).sort()) {
        attempt((d) => {
          const block = d.resource[type] ?? {};
          delete block[name];
          if (Object.keys(block).length === 0) delete d.resource[type];
        });
        // Links Terraform does not require, which tie a resource to many others (a deployment's triggers and
        // depends_on name every method): without them those others can go too.
        for (const attr of OPTIONAL_LINKS) {
          if (doc.resource[type]?.[name]?.[attr] !== undefined) attempt((d) => delete d.resource[type]?.[name]?.[attr]);
        }
      }
    }
  }
  return doc;
}

/** Writes JSON as `prettier --check .` (the lint) wants it. */
async function writeJson(file: string, value: unknown): Promise<void> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(JSON.stringify(value), { ...options, filepath: file }));
}

const withNote = (doc: Doc, note: string): Doc => {
  const { ["//"]: _old, ...rest } = doc;
  return { "//": note, ...rest } as Doc;
};

/** Writes the fixtures of `rule`; returns why it could not, or undefined. */
async function generateOne(rule: Rule): Promise<string | undefined> {
  const service = serviceOf(rule.id);
  const fx = FIXTURE_TABLES[service]?.[rule.id];
  if (fx === undefined) return `${rule.id}: no entry in ${service}/fixtures.ts`;
  const dir = join(FIXTURE_ROOT, service, rule.id);
  const policies = fx.base.policy === undefined ? { policies: [] } : loadPolicies(join(ROOT, fx.base.policy), RULES);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of Object.entries(fx.files?.() ?? {})) writeFileSync(join(dir, name), data);
  const judge = { rule, policies, dir, fx };
  const base = readBase(fx.base);
  fx.base.prepare?.(base, dir);
  if (!holds(judge, sides(base, fx))) return `${rule.id}: on the whole base the rule does not fire on fail, or is not silent on pass`;
  const s = sides(cut(judge, base), fx) as Sides;
  const from = `Derived from ${fx.base.file} by __tests__/guard/rules/generate.ts (resources the rule does not need left out)`;
  await writeJson(join(dir, "fail.tf.json"), withNote(s.fail, `fail: rule ${rule.id} must report this: ${fx.fail.why}. ${from}.`));
  await writeJson(join(dir, "pass.tf.json"), withNote(s.pass, `pass: rule ${rule.id} must stay silent on this: ${fx.pass.why}. ${from}.`));
  if (fx.base.policy !== undefined) copyFileSync(join(ROOT, fx.base.policy), join(dir, "policy.yaml"));
  const builds = fx.sourceBuilds?.();
  if (builds !== undefined) await writeJson(join(dir, "source-builds.json"), builds);
  return undefined;
}

async function main(ids: readonly string[]): Promise<void> {
  const chosen = RULES.filter((r) => ids.length === 0 || ids.includes(r.id));
  const problems: string[] = [];
  for (const rule of chosen) {
    const problem = await generateOne(rule);
    if (problem !== undefined) problems.push(problem);
  }
  for (const p of problems) console.error(p);
  console.log(`fixtures written for ${chosen.length - problems.length} of ${chosen.length} rules`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}

if (require.main === module) void main(process.argv.slice(2));
