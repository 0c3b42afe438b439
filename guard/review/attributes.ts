// Nothing silent: every in-scope resource (guard/access/classification/scope.ts) of both versions, paired by stack
// and address, compared attribute by attribute under the provider-attribute classification. Neutral attributes are
// quiet; modelled and rule-judged ones are the comparers' (only when none of them spoke for the resource does the
// declared direction decide); everything else that changed blocks as "not verified" until acknowledged. One walk
// over each resource's values: linear in the size of the configuration. Pure.
import { classify, coverage, typeIsModelled, type Classification } from "../access/classification";
import { pathKind } from "../access/classification/schema";
import { classifiedPath, inScope } from "../access/classification/scope";
import { REDACTED_EXPRESSION } from "../load/redacted";
import { isUnknown, type Model, type ResourceInstance } from "../model";
import { widens } from "./attribute-direction";
import { ATTRIBUTE_KINDS } from "./attributes-kinds";
import { change } from "./change";
import type { Change } from "./types";

/** The values of one resource by classified path: attributes' values, and a marker per block instance. */
type Leaves = Map<string, unknown[]>;

const BLOCK = "(block)";

function leavesOf(r: ResourceInstance): Leaves {
  const out: Leaves = new Map();
  const push = (path: string, v: unknown): void => {
    const list = out.get(path);
    if (list === undefined) out.set(path, [v]);
    else list.push(v);
  };
  const walk = (value: unknown, segments: string[]): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value) && segments.length > 0 && pathKind(r.type, classifiedPath(r.type, segments)) === "b") {
      for (const v of value) walk(v, segments);
      return;
    }
    const path = segments.length === 0 ? "" : classifiedPath(r.type, segments);
    const block = segments.length === 0 || pathKind(r.type, path) === "b";
    if (!block || isUnknown(value) || typeof value !== "object" || Array.isArray(value)) {
      push(path, value);
      return;
    }
    // A block's presence is compared only where it is classified itself (WAF's empty `allow {}` / `block {}`);
    // elsewhere its attributes say what changed.
    if (segments.length > 0 && coverage(r.type, path) !== undefined) push(path, BLOCK);
    for (const [k, v] of Object.entries(value)) walk(v, [...segments, k]);
  };
  walk(r.values, []);
  return out;
}

/**
 * The values of one path across the block instances holding it, as a set (sorted canonical texts): a list of blocks
 * compares by what it holds, not by the order or the repetition of its instances. Undefined when one is not known.
 */
function canonicalSet(values: readonly unknown[], block = false): string | undefined {
  const texts = new Set<string>();
  for (const v of values) {
    // A whole block known only after apply may be a `dynamic` block over a for_each known only after apply, which
    // a plan shows no expression of either: never taken for the provider's.
    const c = block && isUnknown(v) ? undefined : canonical(v);
    if (c === undefined) return undefined;
    texts.add(c);
  }
  return [...texts].sort().join("\n");
}

/** List values without the elements that open nothing; a list left empty is unset. */
function withoutQuiet(values: readonly unknown[], quiet: readonly string[] | undefined): readonly unknown[] {
  if (quiet === undefined) return values;
  return values
    .map((v) => (Array.isArray(v) ? v.filter((x) => typeof x !== "string" || !quiet.includes(x)) : v))
    .filter((v) => !(Array.isArray(v) && v.length === 0));
}

/**
 * Canonical text of a value (keys sorted); undefined when it holds a value nobody knows (after apply, redacted). An
 * unknown the configuration does not write (`computed`: its resource or block is written, with no expression for
 * it) is the provider's, the same on both sides, so that is no change anybody made. One the configuration writes (a
 * reference, a function of literals), one in a `dynamic` block or a map (no expression shown) and a redacted one
 * stay unknown.
 */
function canonical(v: unknown): string | undefined {
  if (isUnknown(v)) {
    if (v.computed === true) return JSON.stringify({ unknown: PROVIDER_COMPUTED });
    return v.expression === undefined || v.expression === REDACTED_EXPRESSION ? undefined : JSON.stringify({ unknown: v.expression });
  }
  if (Array.isArray(v)) {
    const parts = v.map(canonical);
    return parts.some((p) => p === undefined) ? undefined : `[${parts.join(",")}]`;
  }
  if (typeof v === "object" && v !== null) {
    const parts: string[] = [];
    for (const k of Object.keys(v).sort()) {
      const c = canonical((v as Record<string, unknown>)[k]);
      if (c === undefined) return undefined;
      parts.push(`${JSON.stringify(k)}:${c}`);
    }
    return `{${parts.join(",")}}`;
  }
  return JSON.stringify(v);
}

const PROVIDER_COMPUTED = "\u0000computed by the provider";

const MAX_SHOWN = 160;

/** A value for the report: sensitive ones never shown, long ones cut (the digest still binds them: see `bound`). */
function shown(type: string, path: string, values: readonly unknown[]): string {
  if (values.length === 0) return "(unset)";
  if (pathKind(type, path) === "s") return "(sensitive value)";
  const one = values.length === 1 ? values[0] : values;
  if (one === BLOCK) return "(block)";
  const text = isUnknown(one) ? `(known after apply${one.expression !== undefined ? `: ${one.expression}` : ""})` : JSON.stringify(one);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} characters)` : text;
}

const subjectOf = (r: ResourceInstance): string => (r.source.stack === "" ? r.address : `${r.source.stack}: ${r.address}`);

const reasonOf = (c: Classification): string =>
  c.class === "modelled" ? `read by ${c.module}` : c.class === "rule" ? `judged by rule ${c.rule}` : c.class === "neutral" ? c.why : c.why;

const WIDENS_TEXT: Readonly<Record<string, string>> = {
  any: "any change widens",
  removal: "removing it widens",
  judged: "judged by its module",
  larger: "a larger value widens",
  smaller: "a smaller value widens",
  adding: "a value more widens",
  enabling: "turning it on widens",
  disabling: "turning it off widens",
};

function compareResource(before: ResourceInstance | undefined, after: ResourceInstance | undefined, spoken: ReadonlySet<string>): Change[] {
  const r = (after ?? before) as ResourceInstance;
  const b = before === undefined ? new Map<string, unknown[]>() : leavesOf(before);
  const a = after === undefined ? new Map<string, unknown[]>() : leavesOf(after);
  const judged = spoken.has(r.address);
  const out: { path: string; change: Change }[] = [];
  const addresses = [after?.address, before?.address].filter((x): x is string => x !== undefined);
  const paths = new Set([...b.keys(), ...a.keys()]);
  const changed = new Set<string>();
  for (const path of paths) {
    const c = classify(r.type, path);
    const quiet = c.class === "not-verified" ? c.quiet : undefined;
    const bv = b.get(path) ?? [];
    const av = a.get(path) ?? [];
    const block = pathKind(r.type, path) === "b";
    const bc = canonicalSet(withoutQuiet(bv, quiet), block);
    if (bc !== undefined && bc === canonicalSet(withoutQuiet(av, quiet), block)) continue;
    if (c.class === "neutral") continue;
    changed.add(path);
    // Created or deleted resources of a modelled type: the comparers judge their creation and removal, except
    // for values that open something by being set at all.
    const fresh = before === undefined || after === undefined;
    if (fresh && !(c.class === "not-verified" && c.evenWhenNew === true)) continue;
    const values = `${path}: ${shown(r.type, path, bv)} → ${shown(r.type, path, av)}`;
    if (c.class === "not-verified") {
      out.push({ path, change: change("attribute-not-verified", subjectOf(r), `${values} (not verified: ${c.why})`, addresses) });
      continue;
    }
    if (judged || fresh) continue;
    if (c.widens === "judged") {
      // The module judges it in context and said nothing: shown, so that no comment calls this "no change".
      out.push({ path, change: change("attribute-judged", subjectOf(r), `${values} (${reasonOf(c)}: no widening found)`, addresses) });
      continue;
    }
    if (widens(c.widens, bv, av)) {
      out.push({ path, change: change("attribute-widened", subjectOf(r), `${values} (${reasonOf(c)}; ${WIDENS_TEXT[c.widens]})`, addresses) });
    } else {
      out.push({
        path,
        change: change("attribute-narrowed", subjectOf(r), `${values} (${reasonOf(c)}; narrower or equal in the direction that widens)`, addresses),
      });
    }
  }
  // A block that appeared or went whose own attributes changed too: those say it, with the values.
  const isMarker = (path: string): boolean => (b.get(path)?.[0] ?? a.get(path)?.[0]) === BLOCK;
  const hasChangedChild = (path: string): boolean => [...changed].some((p) => p.startsWith(`${path}.`));
  return out.filter((o) => !(isMarker(o.path) && hasChangedChild(o.path))).map((o) => o.change);
}

export interface AttributeOptions {
  /** `plan`: base and head are one plan's before and after; a resource the plan leaves alone is not walked. */
  readonly mode: "diff" | "plan";
}

/**
 * The attribute-level changes of the in-scope resources. `spoken` are the changes the comparers already
 * reported: a resource one of them names has its modelled attributes judged by that comparer.
 */
export function attributeChanges(base: Model, head: Model, spoken: readonly Change[], opts: AttributeOptions): Change[] {
  const named = new Set(spoken.flatMap((c) => c.addresses));
  const key = (r: ResourceInstance): string => `${r.source.stack}::${r.address}`;
  const before = new Map<string, ResourceInstance>();
  for (const r of base.resources) if (r.mode === "managed" && inScope(r.type)) before.set(key(r), r);
  const out: Change[] = [];
  const created: ResourceInstance[] = [];
  const seen = new Set<string>();
  for (const r of head.resources) {
    if (r.mode !== "managed" || !inScope(r.type)) continue;
    const k = key(r);
    seen.add(k);
    const old = before.get(k);
    if (old === undefined) created.push(r);
    else if (!(opts.mode === "plan" && r.change === "no-op") && !sameValues(old, r)) out.push(...compareResource(old, r, named));
  }
  const deleted = [...before.entries()].filter(([k]) => !seen.has(k)).map(([, r]) => r);
  // A resource whose address alone changed (a construct refactor) is the same resource: paired by its values with
  // every reference's resource name left out, so it is neither new nor removed.
  const available = new Map<string, number>();
  const shape = (r: ResourceInstance): string => `${r.source.stack}::${r.type}::${(canonical(r.values) ?? "\u0000unknown").replace(REFERENCE, "$1.*.")}`;
  for (const r of deleted) available.set(shape(r), (available.get(shape(r)) ?? 0) + 1);
  const paired = new Map<string, number>();
  for (const r of created) {
    const s = shape(r);
    if ((available.get(s) ?? 0) > 0) {
      available.set(s, (available.get(s) ?? 0) - 1);
      paired.set(s, (paired.get(s) ?? 0) + 1);
    } else out.push(...(typeIsModelled(r.type) ? compareResource(undefined, r, named) : [notModelled(r, "new")]));
  }
  for (const r of deleted) {
    const s = shape(r);
    if ((paired.get(s) ?? 0) > 0) paired.set(s, (paired.get(s) ?? 0) - 1);
    else out.push(...(typeIsModelled(r.type) ? compareResource(r, undefined, named) : [notModelled(r, "removed")]));
  }
  return out;
}

/**
 * The same values on both sides, known to be so without the walk: the same JSON text, holding no value nobody
 * knows (an Unknown without expression, or a redacted one). Most resources of a change are untouched: this keeps the
 * review of a thousand-route API linear and cheap.
 */
function sameValues(a: ResourceInstance, b: ResourceInstance): boolean {
  const text = JSON.stringify(a.values);
  return text === JSON.stringify(b.values) && !text.includes('{"unknown":true}') && !text.includes(REDACTED_EXPRESSION);
}

/** `aws_type.name.` inside a reference: the name is the address, which a refactor changes. */
const REFERENCE = /(aws_[a-z0-9_]+)\.[\w-]+\./g;

function notModelled(r: ResourceInstance, how: "new" | "removed"): Change {
  const message =
    how === "new"
      ? `new ${r.type}: nothing in the review models this type, so what it opens is not verified`
      : `${r.type} removed: nothing in the review models this type, so what its removal opens is not verified`;
  return change("resource-not-verified", subjectOf(r), message, [r.address]);
}

/**
 * Whether an attribute that can change access changed: then no rendering may say that nothing did, even when the
 * change was judged harmless.
 */
export const accessAttributeChanged = (changes: readonly Change[]): boolean => changes.some((c) => Object.hasOwn(ATTRIBUTE_KINDS, c.kind));
