// Following a resource's references to resources of given types, in the holder's stack: the doors modules ask
// "which function does this permission / URL / integration name". Reference text as the loader records it.
import { isUnknown, type Model, type ResourceInstance } from "../../model";
import { resolveRefs } from "../cloudfront";

/** The references of an attribute (loader's references, else the `${...}` expression of an Unknown value). */
export function refsAt(r: ResourceInstance, attr: string): string[] {
  const recorded = r.references[attr];
  if (recorded !== undefined && recorded.length > 0) return [...recorded];
  const v = r.values[attr];
  if (!isUnknown(v) || v.expression === undefined) return [];
  return [...v.expression.matchAll(/(?:module\.[\w-]+\.)*(?:data\.)?aws_[a-z0-9_]+\.[\w-]+(?:\.[a-z_]+)?/g)].map((m) => m[0]);
}

/** Resources of one of `types` an attribute of `holder` refers to. */
export function referenced(model: Model, holder: ResourceInstance, attr: string, types: readonly string[]): ResourceInstance[] {
  const refs = refsAt(holder, attr);
  return types.flatMap((t) => resolveRefs(model, holder, refs, t));
}

/** A value as text for reports and literal checks: Unknown values as their expression. */
export const textOf = (v: unknown): string | undefined =>
  typeof v === "string" ? v : isUnknown(v) ? (v.expression ?? undefined) : v === undefined || v === null ? undefined : JSON.stringify(v);

/** Resources of a type in the model (managed). */
export const managed = (model: Model, type: string): ResourceInstance[] => model.resources.filter((r) => r.mode === "managed" && r.type === type);
