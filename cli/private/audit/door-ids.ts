// Door ids for the live account in the reviewed code's words: a live distribution is named in state by its live
// address (`aws_cloudfront_distribution.live["... global distribution E2..."]`), a policy's `doors` section by the
// code's Terraform address. With --plan, a live distribution that fronts exactly the same set of APIs (matched by
// name, as the drift matches APIs) as exactly one code distribution, and nothing else on either side fronts that
// set, takes the code distribution's address as its door id. Fails closed: an origin whose API is not known on
// either side, an API without a known name, a set fronted twice (a twin, or another account's) or by none keeps the
// live id, so the door is still judged. The label and addresses keep the live address. Pure.
import { frontedApis } from "../../../guard/access/doors/entrances";
import type { Model, ResourceInstance } from "../../../guard/model";

/**
 * The sorted names of the APIs a distribution fronts: "" for none (a site, no door to an API), undefined when some
 * API or name is not known.
 */
function apiSet(model: Model, d: ResourceInstance): string | undefined {
  const apis = frontedApis(model, d);
  if (apis === undefined) return undefined;
  if (apis.length === 0) return "";
  const names = apis.map((a) => a.values["name"]);
  if (!names.every((n): n is string => typeof n === "string" && n !== "")) return undefined;
  return JSON.stringify([...new Set(names)].sort());
}

/** Distribution addresses by the API set they front; `unknown` counts those whose set is not known. */
function bySet(model: Model): { sets: Map<string, string[]>; unknown: number } {
  const sets = new Map<string, string[]>();
  let unknown = 0;
  for (const d of model.resources.filter((r) => r.mode === "managed" && r.type === "aws_cloudfront_distribution")) {
    const key = apiSet(model, d);
    if (key === undefined) unknown += 1;
    else if (key !== "") sets.set(key, [...(sets.get(key) ?? []), d.address]);
  }
  return { sets, unknown };
}

/** Live distribution address -> the code distribution's address, for each one-to-one correspondence. */
export function codeDoorIds(code: Model, live: Model): Map<string, string> {
  const out = new Map<string, string>();
  const c = bySet(code);
  const l = bySet(live);
  // A distribution whose APIs are not known could be the counterpart of any: nothing is matched.
  if (c.unknown > 0 || l.unknown > 0) return out;
  for (const [key, lives] of l.sets) {
    const codes = c.sets.get(key) ?? [];
    if (lives.length === 1 && codes.length === 1) out.set(lives[0] as string, codes[0] as string);
  }
  return out;
}
