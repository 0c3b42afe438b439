// The references of plan JSON `configuration` expressions made absolute, through module calls: `var.x` inside
// module m is the expression of input x in the caller's `module_calls.m.expressions`, `module.m.out` is the
// output's expression inside m, `each.value` is the resource's (or module call's) for_each expression, recursively.
// A reference to a resource comes back with its module instance path (`module.cognito.aws_cognito_user_pool.main.arn`).
// Pure. Locals are not in plan JSON: `local.x` stays as written and is followed no further.
import { parseAddress } from "./address";
import { asObject, isObject, type JsonObject } from "./json";

interface ModuleConfig {
  /** `module_calls.<name>`: the call's input expressions, its for_each, and the called module. */
  readonly calls: ReadonlyMap<string, { readonly inputs: JsonObject; readonly forEach: unknown; readonly module: ModuleConfig }>;
  readonly outputs: JsonObject;
}

/** Collect `references` from an expression tree (nested blocks are arrays of expression objects). */
export function collectRefs(expr: unknown, out: string[]): void {
  if (Array.isArray(expr)) {
    for (const x of expr) collectRefs(x, out);
    return;
  }
  if (!isObject(expr)) return;
  const refs = expr["references"];
  if (Array.isArray(refs)) {
    for (const r of refs) if (typeof r === "string") out.push(r);
  }
  for (const [k, v] of Object.entries(expr)) {
    if (k !== "references" && k !== "constant_value" && (isObject(v) || Array.isArray(v))) collectRefs(v, out);
  }
}

const refsOf = (expr: unknown): string[] => {
  const out: string[] = [];
  collectRefs(expr, out);
  return out;
};

function readModule(mod: JsonObject): ModuleConfig {
  const calls = new Map<string, { inputs: JsonObject; forEach: unknown; module: ModuleConfig }>();
  for (const [name, call] of Object.entries(asObject(mod["module_calls"]))) {
    const c = asObject(call);
    calls.set(name, { inputs: asObject(c["expressions"]), forEach: c["for_each_expression"], module: readModule(asObject(c["module"])) });
  }
  return { calls, outputs: asObject(mod["outputs"]) };
}

/** Module instance path segments: `module.a["k"].module.b` -> [`a["k"]`, `b`]. */
const moduleSegments = (path: string): string[] => (path.match(/module\.[A-Za-z0-9_-]+(\[[^\]]*\])?/g) ?? []).map((m) => m.slice("module.".length));
const callName = (segment: string): string => segment.replace(/\[.*$/, "");
const joinPath = (segments: readonly string[]): string => segments.map((s) => `module.${s}`).join(".");

// `module.<name>[key].<output>` as written in a reference.
const MODULE_OUTPUT = /^module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.([A-Za-z0-9_-]+)/;
const NOT_RESOURCES = new Set(["var", "local", "each", "count", "path", "terraform", "self", "module"]);
const MAX_DEPTH = 32;

/** The attribute a reference reads after a variable or output name: `.endpoint` of `.endpoint`, "" otherwise. */
const attributeSuffix = (rest: string): string => /^\.[A-Za-z_][A-Za-z0-9_-]*/.exec(rest)?.[0] ?? "";

export class ReferenceExpander {
  private readonly root: ModuleConfig;

  constructor(rootModule: JsonObject) {
    this.root = readModule(rootModule);
  }

  private moduleAt(segments: readonly string[]): ModuleConfig | undefined {
    let m: ModuleConfig | undefined = this.root;
    for (const s of segments) m = m?.calls.get(callName(s))?.module;
    return m;
  }

  /**
   * The references as written, followed: every resource reference absolute, reached through variables, module
   * outputs and `each.value`; `var.`, `each.`, `count.` and `local.` references of the expression itself are kept
   * (they say how an instance is picked). `forEach` is the for_each expression of the resource holding them.
   */
  expand(refs: readonly string[], modulePath: string, forEach?: unknown): string[] {
    const out: string[] = [];
    for (const r of refs) if (/^(var|each|count|local)\./.test(r)) out.push(r);
    this.follow(refs, moduleSegments(modulePath), forEach, out, 0);
    return [...new Set(out)];
  }

  /**
   * `suffix` is the attribute read from what a variable or module output passes (`module.c.user_pool.endpoint`,
   * `var.pool.id`): it is appended to a resource passed whole (`output "user_pool" { value = aws_x.this }`), never
   * to one whose attribute the expression already reads, nor to a resource an object literal merely mentions
   * (an object literal lists the resource with its attributes too, so the suffix would be a key, not an attribute).
   */
  private follow(refs: readonly string[], segments: readonly string[], forEach: unknown, out: string[], depth: number, suffix = ""): void {
    if (depth > MAX_DEPTH) return;
    const seen = new Set<string>();
    // A reference passed whole (no sibling reads into it) takes the attribute its reader applies.
    const whole = (ref: string): boolean => suffix !== "" && !refs.some((r) => r.startsWith(`${ref}.`));
    const carried = (ref: string, own: string): string => (own !== "" ? own : whole(ref) ? suffix : "");
    for (const ref of refs) {
      if (ref.startsWith("var.")) {
        const name = ref.slice(4).split(/[.[]/)[0];
        const attr = carried(ref, attributeSuffix(ref.slice(4 + name.length)));
        if (seen.has(`var.${name}${attr}`) || segments.length === 0) continue;
        seen.add(`var.${name}${attr}`);
        const parent = segments.slice(0, -1);
        const call = this.moduleAt(parent)?.calls.get(callName(segments[segments.length - 1]));
        if (call !== undefined) this.follow(refsOf(call.inputs[name]), parent, call.forEach, out, depth + 1, attr);
        continue;
      }
      if (ref.startsWith("each.value")) {
        if (seen.has("each.value") || forEach === undefined) continue;
        seen.add("each.value");
        this.follow(refsOf(forEach), segments, undefined, out, depth + 1);
        continue;
      }
      const m = MODULE_OUTPUT.exec(ref);
      if (m !== null) {
        const child = [...segments, `${m[1]}${m[2] ?? ""}`];
        const output = this.moduleAt(child)?.outputs[m[3]];
        const attr = carried(ref, attributeSuffix(ref.slice(m[0].length)));
        const key = `${m[1]}${m[2] ?? ""}.${m[3]}${attr}`;
        if (output !== undefined && !seen.has(key)) {
          seen.add(key);
          this.follow(refsOf(asObject(output)["expression"]), child, undefined, out, depth + 1, attr);
        }
        continue;
      }
      const p = parseAddress(ref);
      if (p === undefined || NOT_RESOURCES.has(p.type)) continue;
      const absolute = segments.length === 0 ? ref : `${joinPath(segments)}.${ref}`;
      out.push(p.attribute === undefined && whole(ref) ? `${absolute}${suffix}` : absolute);
    }
  }
}

/** The distinct resources a list of absolute references designates (an indexed reference is more specific). */
export function referencedTargets(refs: readonly string[]): string[] {
  const groups = new Map<string, { ref: string; indexed: Map<string, string> }>();
  for (const ref of refs) {
    const p = parseAddress(ref);
    if (p === undefined || NOT_RESOURCES.has(p.type)) continue;
    const key = `${p.modulePath}|${p.mode}|${p.type}|${p.name}`;
    const g = groups.get(key) ?? { ref, indexed: new Map<string, string>() };
    if (!groups.has(key)) groups.set(key, g);
    if (p.index !== undefined && !g.indexed.has(String(p.index))) g.indexed.set(String(p.index), ref);
    // The reference with an attribute is the one to show (`aws_x.y.id` rather than `aws_x.y`).
    if (p.index === undefined && p.attribute !== undefined && parseAddress(g.ref)?.attribute === undefined) g.ref = ref;
  }
  return [...groups.values()].flatMap((g) => (g.indexed.size > 0 ? [...g.indexed.values()] : [g.ref]));
}
