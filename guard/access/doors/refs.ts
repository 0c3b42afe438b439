// Following a resource's references to resources of given types, in the holder's stack: the doors modules ask
// "which function does this permission / URL / integration name". Reference text as the loader records it.
import { isUnknown, type Model, type ResourceInstance } from "../../model";
import { resolveRefs } from "../cloudfront";
import { perModel } from "../per-model";

/** The references of an attribute (loader's references, else the `${...}` expression of an Unknown value). */
export function refsAt(r: ResourceInstance, attr: string): string[] {
  const recorded = r.references[attr];
  if (recorded !== undefined && recorded.length > 0) return [...recorded];
  const v = r.values[attr];
  if (!isUnknown(v) || v.expression === undefined) return [];
  return refsIn(v.expression);
}

/** The resource references in a `${...}` expression. */
export const refsIn = (expression: string): string[] =>
  [...expression.matchAll(/(?:module\.[\w-]+\.)*(?:data\.)?aws_[a-z0-9_]+\.[\w-]+(?:\.[a-z_]+)?/g)].map((m) => m[0]);

/** Resources of one of `types` an attribute of `holder` refers to. */
export function referenced(model: Model, holder: ResourceInstance, attr: string, types: readonly string[]): ResourceInstance[] {
  const refs = refsAt(holder, attr);
  return types.flatMap((t) => resolveRefs(model, holder, refs, t));
}

/** A value as text for reports and literal checks: Unknown values as their expression. */
export const textOf = (v: unknown): string | undefined =>
  typeof v === "string" ? v : isUnknown(v) ? (v.expression ?? undefined) : v === undefined || v === null ? undefined : JSON.stringify(v);

// Built once per model: the doors of every target asked for the same lists, each a scan of every resource.
const byType = perModel((model): Map<string, ResourceInstance[]> => {
  const index = new Map<string, ResourceInstance[]>();
  for (const r of model.resources) {
    if (r.mode !== "managed") continue;
    const list = index.get(r.type);
    if (list === undefined) index.set(r.type, [r]);
    else list.push(r);
  }
  return index;
});

const firstAt = perModel((model): Map<string, ResourceInstance> => {
  const index = new Map<string, ResourceInstance>();
  for (const r of model.resources) {
    const k = `${r.source.stack}\u0000${r.address}`;
    if (!index.has(k)) index.set(k, r);
  }
  return index;
});

/** The first resource of the model with this address in this stack (what `model.resources.find` answered). */
export function resourceAt(model: Model, stack: string, address: string): ResourceInstance | undefined {
  return firstAt(model).get(`${stack}\u0000${address}`);
}

/** Resources of a type in the model (managed), in the model's order; the list is shared: read it, never change it. */
export function managed(model: Model, type: string): readonly ResourceInstance[] {
  return byType(model).get(type) ?? [];
}
