// Which attributes cdk.tf.json writes literally (model.ts LiteralSource): a string without `${...}` is a constant;
// inside an interpolation, a reference to a resource or data source makes the value known only at apply, `var.x` is
// its `variable` block's `default` (or given at plan time), `local.x` is read from the `locals` block, and `each.` is
// the resource's for_each. One record per resource body. Pure.
import type { LiteralAttribute, LiteralSource, WrittenAttributes } from "../model";
import { interpolations, referencesInString } from "./address";
import { asObject, isObject, type JsonObject } from "./json";
import { defaultIsUsedLiteral } from "./variable-default";

type Verdict = { readonly literal: LiteralSource } | { readonly dynamic: true };

const CONSTANT: Verdict = { literal: { kind: "constant" } };
const DYNAMIC: Verdict = { dynamic: true };
const MAX_DEPTH = 32;

export interface CdktfScope {
  /** The document's `variable` block. */
  readonly variables: JsonObject;
  /** The document's `locals` block. */
  readonly locals: JsonObject;
}

export const cdktfScope = (doc: JsonObject): CdktfScope => ({ variables: asObject(doc["variable"]), locals: asObject(doc["locals"]) });

function combine(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.some((v) => "dynamic" in v)) return DYNAMIC;
  const sources = verdicts.map((v) => (v as { literal: LiteralSource }).literal);
  return { literal: sources.find((s) => s.kind === "unverifiable") ?? sources.find((s) => s.kind === "default") ?? { kind: "constant" } };
}

/** Every scalar of a JSON value (a local's or a for_each's), judged as one. */
function classifyValue(v: unknown, scope: CdktfScope, forEach: unknown, depth: number): Verdict {
  if (depth > MAX_DEPTH) return DYNAMIC;
  if (typeof v === "string") return classifyString(v, scope, forEach, depth);
  if (Array.isArray(v)) return combine(v.map((x) => classifyValue(x, scope, forEach, depth + 1)));
  if (isObject(v)) return combine(Object.values(v).map((x) => classifyValue(x, scope, forEach, depth + 1)));
  return v === null ? DYNAMIC : CONSTANT;
}

function classifyString(s: string, scope: CdktfScope, forEach: unknown, depth: number): Verdict {
  if (!s.includes("${")) return CONSTANT;
  // A resource or data source (referencesInString also returns var. references, judged below).
  if (referencesInString(s).some((r) => !r.startsWith("var."))) return DYNAMIC;
  const verdicts: Verdict[] = [];
  for (const expr of interpolations(s)) {
    // A module's output, or a value made at plan time (uuid(), timestamp()): not in the repository.
    if (/(?<![\w.])module\./.test(expr) || /(?<![\w.])(uuid|timestamp|plantimestamp)\(/.test(expr)) return DYNAMIC;
    for (const m of expr.matchAll(/(?<![\w.])var\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
      const decl = asObject(scope.variables[m[1]]);
      verdicts.push(defaultIsUsedLiteral(decl) ? { literal: { kind: "default", variable: `var.${m[1]}` } } : DYNAMIC);
    }
    for (const m of expr.matchAll(/(?<![\w.])local\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
      verdicts.push(m[1] in scope.locals ? classifyValue(scope.locals[m[1]], scope, undefined, depth + 1) : DYNAMIC);
    }
    if (/(?<![\w.])each\./.test(expr)) verdicts.push(forEach === undefined ? DYNAMIC : classifyValue(forEach, scope, undefined, depth + 1));
  }
  // No reference at all: constants and functions of them.
  return combine(verdicts);
}

function walk(v: unknown, path: string, scope: CdktfScope, forEach: unknown, out: LiteralAttribute[]): void {
  if (Array.isArray(v) && v.some((x) => isObject(x))) {
    v.forEach((x, i) => walk(x, `${path}[${i}]`, scope, forEach, out));
    return;
  }
  if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`, scope, forEach, out);
    return;
  }
  const verdict = classifyValue(v, scope, forEach, 0);
  if ("literal" in verdict) out.push({ path, source: verdict.literal });
}

/**
 * The literal attributes of one resource of cdk.tf.json: every scalar (a map key by key), from its attributes
 * (meta-arguments left out) and its `for_each`.
 */
export function cdktfLiterals(attributes: JsonObject, forEach: unknown, scope: CdktfScope): WrittenAttributes {
  const literals: LiteralAttribute[] = [];
  for (const [k, v] of Object.entries(attributes)) walk(v, k, scope, forEach, literals);
  return { literals, names: Object.keys(attributes) };
}
