// Terraform attribute values to the model's typed values: a known value, Unknown (known only after apply, or a
// `${...}` expression), or the attribute's default when unset. One set of readers for every typed view.
import { isUnknown, unknownValue, type Val } from "../model";
import { asArray } from "./json";

/**
 * A value its configuration does not set, as a plan shows it: known after apply with no expression (the provider
 * computes it, so the provider's or the service's default applies). cdk.tf.json leaves such attributes out.
 */
export const isUnset = (v: unknown): boolean => v === undefined || v === null || (isUnknown(v) && v.expression === undefined);

export const str = (v: unknown): Val<string> => (typeof v === "string" ? v : isUnknown(v) ? v : "");
export const optStr = (v: unknown): Val<string> | undefined => (typeof v === "string" || isUnknown(v) ? v : undefined);
/** Like optStr, but an empty string counts as unset. */
export const optText = (v: unknown): Val<string> | undefined => (typeof v === "string" ? (v === "" ? undefined : v) : isUnknown(v) ? v : undefined);
export const bool = (v: unknown, dflt: boolean): Val<boolean> => (typeof v === "boolean" ? v : isUnknown(v) ? v : dflt);
export const optBool = (v: unknown): Val<boolean> | undefined => (typeof v === "boolean" || isUnknown(v) ? v : undefined);
export const optNum = (v: unknown): Val<number> | undefined =>
  typeof v === "number" ? v : typeof v === "string" && v !== "" && !Number.isNaN(Number(v)) ? Number(v) : isUnknown(v) ? v : undefined;
export function strList(v: unknown): Val<readonly Val<string>[]> {
  if (isUnknown(v)) return v;
  if (v === null || v === undefined) return [];
  return asArray(v).map((x) => (typeof x === "string" ? x : isUnknown(x) ? x : String(x)));
}
/** A list whose elements must all be known strings, else Unknown. */
export function knownStrList(v: unknown): Val<readonly string[]> {
  const l = strList(v);
  if (isUnknown(l)) return l;
  const bad = l.find(isUnknown);
  return bad === undefined ? (l as string[]) : unknownValue(bad.expression);
}
