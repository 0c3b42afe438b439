// Whether a change of one classified attribute widens access, by the direction its classification declares
// (guard/access/classification/types.ts). Pure. Values are the attribute's values in every block instance that
// holds it (`[]` when unset); anything that cannot be ordered, or is not known, widens: fail closed.
import { isUnknown } from "../model";
import type { Widens } from "../access/classification";

const isEmpty = (v: unknown): boolean =>
  v === "" || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && !isUnknown(v) && Object.keys(v).length === 0);

const isTrue = (v: unknown): boolean => v === true || v === "true";

const number = (v: unknown): number | undefined =>
  typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : undefined;

/** Every element of list values (and map values), as canonical text; undefined when one is not known. */
function elements(values: readonly unknown[]): Set<string> | undefined {
  const out = new Set<string>();
  for (const v of values) {
    const items = Array.isArray(v) ? v : typeof v === "object" && v !== null && !isUnknown(v) ? Object.entries(v) : [v];
    for (const item of items) {
      if (isUnknown(item) || (Array.isArray(item) && item.some(isUnknown))) return undefined;
      out.add(JSON.stringify(item));
    }
  }
  return out;
}

/** A change from `before` to `after` (already known to differ) widens access in direction `w`. */
export function widens(w: Widens, before: readonly unknown[], after: readonly unknown[]): boolean {
  if (after.some(isUnknown)) return true;
  const set = before.filter((v) => !isEmpty(v));
  const now = after.filter((v) => !isEmpty(v));
  switch (w) {
    case "any":
    case "judged":
      return true;
    case "removal":
      return set.length > 0 && now.length < set.length;
    case "larger":
    case "smaller": {
      if (set.length === 0) return false; // a limit added where there was none
      if (now.length === 0) return true; // the limit removed
      const b = set.map(number);
      const a = now.map(number);
      if (b.includes(undefined) || a.includes(undefined)) return true;
      const [x, y] = [b as number[], a as number[]];
      return w === "larger" ? Math.max(...y) > Math.max(...x) : Math.min(...y) < Math.min(...x);
    }
    case "adding": {
      const b = elements(set);
      const a = elements(now);
      if (b === undefined || a === undefined) return true;
      return [...a].some((x) => !b.has(x));
    }
    case "enabling":
      return now.some((v, i) => isTrue(v) && !isTrue(set[i]));
    case "disabling":
      return set.some((v, i) => isTrue(v) && !isTrue(now[i]));
  }
}
