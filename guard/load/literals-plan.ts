// Which attributes a plan's `configuration` writes literally (model.ts LiteralSource), judged by the expressions'
// shape, never their values: `constant_value` (or no reference at all) is a constant; a reference is followed to
// where it leads (a variable's `default` or the module input that sets it, a module output, the for_each expression
// of each.value). One record per configuration address, computed on first use. Pure.
import type { LiteralAttribute, LiteralSource, WrittenAttributes } from "../model";
import { asArray, asObject, asString, isObject, type JsonObject } from "./json";
import { defaultIsUsedLiteral } from "./variable-default";

interface ModuleScope {
  /** `module.a.module.b`, or "" for the root module. */
  readonly path: string;
  readonly variables: JsonObject;
  readonly outputs: JsonObject;
  readonly calls: ReadonlyMap<string, { readonly inputs: JsonObject; readonly forEach: unknown; readonly module: ModuleScope }>;
  readonly parent?: { readonly scope: ModuleScope; readonly call: string };
  /** The plan's `variables` (root module only): the value each root variable had at plan time. */
  readonly given?: JsonObject;
}

/** What an expression's value depends on: literals only (with where), something outside the configuration, or unseen. */
type Verdict = { readonly literal: LiteralSource } | { readonly dynamic: true };

const CONSTANT: Verdict = { literal: { kind: "constant" } };
const DYNAMIC: Verdict = { dynamic: true };
const MAX_DEPTH = 32;
/** References that say nothing about where a value comes from: an index, the module's folder, the workspace. */
const NEUTRAL = /^(count\.index|path\.|terraform\.|self\.)/;

function readScope(mod: JsonObject, path: string, parent?: ModuleScope["parent"], given?: JsonObject): ModuleScope {
  const calls = new Map<string, { inputs: JsonObject; forEach: unknown; module: ModuleScope }>();
  const scope: ModuleScope = {
    path,
    variables: asObject(mod["variables"]),
    outputs: asObject(mod["outputs"]),
    calls,
    ...(parent ? { parent } : {}),
    ...(given ? { given } : {}),
  };
  for (const [name, call] of Object.entries(asObject(mod["module_calls"]))) {
    const c = asObject(call);
    const childPath = path === "" ? `module.${name}` : `${path}.module.${name}`;
    calls.set(name, {
      inputs: asObject(c["expressions"]),
      forEach: c["for_each_expression"],
      module: readScope(asObject(c["module"]), childPath, { scope, call: name }),
    });
  }
  return scope;
}

/** Several sources: anything outside the configuration wins, then anything unseen, then a variable's default. */
function combine(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.some((v) => "dynamic" in v)) return DYNAMIC;
  const sources = verdicts.map((v) => (v as { literal: LiteralSource }).literal);
  return { literal: sources.find((s) => s.kind === "unverifiable") ?? sources.find((s) => s.kind === "default") ?? { kind: "constant" } };
}

/**
 * `aws_x.y.id` and `aws_x.y` both listed: the shorter adds nothing. Linear in the references (a deployment's trigger
 * lists thousands): every proper prefix of a reference that ends before a `.` or `[` is dropped.
 */
function mostSpecific(refs: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const ref of refs) {
    for (let i = 1; i < ref.length; i++) if (ref[i] === "." || ref[i] === "[") prefixes.add(ref.slice(0, i));
  }
  return refs.filter((r) => !prefixes.has(r));
}

function classify(expr: unknown, scope: ModuleScope, forEach: unknown, depth: number): Verdict {
  if (depth > MAX_DEPTH || !isObject(expr)) return DYNAMIC;
  if ("constant_value" in expr && expr["constant_value"] === null) return DYNAMIC;
  const refs = asArray(expr["references"]).filter((r): r is string => typeof r === "string");
  // No reference: a constant, or a function of constants (`base64encode("...")`). A JSON-syntax configuration
  // (cdktf's cdk.tf.json) shows a template as constant_value ("${var.secret}") and lists what it references beside
  // it: those decide, as they do for HCL.
  if (refs.length === 0) return CONSTANT;
  return combine(mostSpecific(refs).map((r) => source(r, scope, forEach, depth + 1)));
}

function source(ref: string, scope: ModuleScope, forEach: unknown, depth: number): Verdict {
  if (NEUTRAL.test(ref)) return CONSTANT;
  if (ref.startsWith("var.")) return variable(ref.slice(4).split(/[.[]/)[0], scope, depth);
  if (ref.startsWith("local."))
    return { literal: { kind: "unverifiable", why: `it comes from ${ref.split(/[.[]/).slice(0, 2).join(".")}, and a plan shows no locals` } };
  if (ref.startsWith("each.")) return forEach === undefined ? DYNAMIC : classify(forEach, scope, undefined, depth);
  const output = /^module\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.([A-Za-z0-9_-]+)/.exec(ref);
  if (output !== null) {
    const child = scope.calls.get(output[1])?.module;
    const expr = child === undefined ? undefined : asObject(child.outputs[output[2]])["expression"];
    return child === undefined || expr === undefined ? DYNAMIC : classify(expr, child, undefined, depth);
  }
  // A resource, a data source, a whole module: known from outside the configuration.
  return DYNAMIC;
}

/**
 * `var.name` in `scope`: the module input that sets it, else the declaration's default when that is what the plan
 * used and not empty (guard/load/variable-default.ts), else given at plan time.
 */
function variable(name: string, scope: ModuleScope, depth: number): Verdict {
  if (scope.parent !== undefined) {
    const call = scope.parent.scope.calls.get(scope.parent.call);
    const input = call?.inputs[name];
    if (call !== undefined && input !== undefined) return classify(input, scope.parent.scope, call.forEach, depth);
  }
  const decl = asObject(scope.variables[name]);
  const given = scope.given === undefined ? undefined : isObject(scope.given[name]) ? scope.given[name] : undefined;
  if (!defaultIsUsedLiteral(decl, given as JsonObject | undefined)) return DYNAMIC;
  return { literal: { kind: "default", variable: scope.path === "" ? `var.${name}` : `${scope.path}.var.${name}` } };
}

/** Walk a block body of expressions: arrays are nested blocks (indexed), objects are expressions. */
function walk(body: JsonObject, prefix: string, scope: ModuleScope, forEach: unknown, out: LiteralAttribute[]): void {
  for (const [key, value] of Object.entries(body)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (Array.isArray(value)) {
      value.forEach((b, i) => walk(asObject(b), `${path}[${i}]`, scope, forEach, out));
      continue;
    }
    const v = classify(value, scope, forEach, 0);
    if ("literal" in v) out.push({ path, source: v.literal });
  }
}

/**
 * The literal attributes of every resource of a plan's configuration: configuration address -> record, computed
 * on first use (a for_each of a thousand instances walks its expressions once).
 */
export function planLiterals(rootModule: JsonObject, variables?: JsonObject): (configAddress: string) => WrittenAttributes | undefined {
  const root = readScope(rootModule, "", undefined, variables);
  const resources = new Map<string, { body: JsonObject; scope: ModuleScope }>();
  const index = (mod: JsonObject, scope: ModuleScope): void => {
    for (const r of asArray(mod["resources"]).filter(isObject)) {
      const address = asString(r["address"]);
      if (address !== undefined) resources.set(scope.path === "" ? address : `${scope.path}.${address}`, { body: r, scope });
    }
    for (const [name, call] of Object.entries(asObject(mod["module_calls"]))) {
      const child = scope.calls.get(name);
      if (child !== undefined) index(asObject(asObject(call)["module"]), child.module);
    }
  };
  index(rootModule, root);
  const records = new Map<string, WrittenAttributes | undefined>();
  return (configAddress) => {
    if (records.has(configAddress)) return records.get(configAddress);
    const found = resources.get(configAddress);
    let record: WrittenAttributes | undefined;
    if (found !== undefined) {
      const expressions = asObject(found.body["expressions"]);
      const literals: LiteralAttribute[] = [];
      walk(expressions, "", found.scope, found.body["for_each_expression"], literals);
      record = { literals, names: Object.keys(expressions) };
    }
    records.set(configAddress, record);
    return record;
  };
}
