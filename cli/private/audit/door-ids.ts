// Door ids for the live account in the reviewed code's words: a live distribution is named in state by its live
// address (`aws_cloudfront_distribution.live["... global distribution E2..."]`), a policy's `doors` section by the
// code's Terraform address. With --plan, a live distribution that fronts exactly the same set of APIs (matched by
// name, as the drift matches APIs) as exactly one code distribution, and nothing else on either side fronts that
// set, takes the code distribution's address as its door id. Fails closed: an origin whose API is not known on
// either side, an API without a known name, a set fronted twice (a twin, or another account's) or by none keeps the
// live id, so the door is still judged. The label and addresses keep the live address. The CloudFront drift
// (drift-cloudfront.ts) compares the same pairs. Pure.
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

interface BySet {
  /** Distributions fronting some API, by the JSON of the sorted API names they front. */
  readonly sets: Map<string, ResourceInstance[]>;
  /** Distributions whose fronted APIs are not known. */
  readonly unknown: ResourceInstance[];
}

function bySet(model: Model): BySet {
  const sets = new Map<string, ResourceInstance[]>();
  const unknown: ResourceInstance[] = [];
  for (const d of model.resources.filter((r) => r.mode === "managed" && r.type === "aws_cloudfront_distribution")) {
    const key = apiSet(model, d);
    if (key === undefined) unknown.push(d);
    else if (key !== "") sets.set(key, [...(sets.get(key) ?? []), d]);
  }
  return { sets, unknown };
}

/** How the account's distributions in front of APIs correspond to the code's. */
export interface DistributionCorrespondence {
  /** One code distribution and one live one fronting the same set of APIs, and nothing else on either side. */
  readonly pairs: readonly { readonly code: ResourceInstance; readonly live: ResourceInstance; readonly apis: readonly string[] }[];
  /** Live distributions fronting a set of APIs that no code distribution alone fronts (with the names they front). */
  readonly liveOnly: readonly { readonly live: ResourceInstance; readonly apis: readonly string[] }[];
  /** Code distributions fronting a set that no live distribution alone fronts. */
  readonly codeOnly: readonly { readonly code: ResourceInstance; readonly apis: readonly string[] }[];
  /** Distributions on either side whose fronted APIs are not known: any could be another's counterpart. */
  readonly unknownLive: readonly ResourceInstance[];
  readonly unknownCode: readonly ResourceInstance[];
}

/** Every distribution fronting APIs, sorted into pairs and the unpaired on each side. */
export function distributionCorrespondence(code: Model, live: Model): DistributionCorrespondence {
  const c = bySet(code);
  const l = bySet(live);
  const pairs: { code: ResourceInstance; live: ResourceInstance; apis: string[] }[] = [];
  const liveOnly: { live: ResourceInstance; apis: string[] }[] = [];
  const codeOnly: { code: ResourceInstance; apis: string[] }[] = [];
  for (const [key, lives] of l.sets) {
    const codes = c.sets.get(key) ?? [];
    const apis = JSON.parse(key) as string[];
    if (lives.length === 1 && codes.length === 1) pairs.push({ code: codes[0] as ResourceInstance, live: lives[0] as ResourceInstance, apis });
    else for (const d of lives) liveOnly.push({ live: d, apis });
  }
  for (const [key, codes] of c.sets) {
    const paired = pairs.some((p) => codes.includes(p.code));
    if (!paired) for (const d of codes) codeOnly.push({ code: d, apis: JSON.parse(key) as string[] });
  }
  return { pairs, liveOnly, codeOnly, unknownLive: l.unknown, unknownCode: c.unknown };
}

/** Live distribution address -> the code distribution's address, for each one-to-one correspondence. */
export function codeDoorIds(code: Model, live: Model): Map<string, string> {
  const c = distributionCorrespondence(code, live);
  // A distribution whose APIs are not known could be the counterpart of any: nothing is matched.
  if (c.unknownCode.length > 0 || c.unknownLive.length > 0) return new Map();
  return new Map(c.pairs.map((p) => [p.live.address, p.code.address]));
}
