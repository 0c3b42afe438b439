// Whether the deployed stack changed between the reviewed plan and the apply: both plans' `prior_state` is the state
// refreshed from the account at the time, so any difference between the two is a change made outside the reviewed
// plan (a console edit, another pipeline). Pure; reports addresses and attribute names, never values (they may be
// secrets).

/** One resource that is not as it was when the reviewed plan was made. */
export interface Drift {
  readonly address: string;
  /** `changed` lists the top-level attributes that differ. */
  readonly kind: "changed" | "gone" | "appeared";
  readonly attributes: readonly string[];
}

/**
 * Attributes that move by themselves while nothing was changed (a distribution's deployment status), keyed by
 * resource type. Each entry is an attribute no one can use to change who gets in.
 */
const VOLATILE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  // "InProgress" until every edge location has the configuration, then "Deployed", without any change by anyone.
  aws_cloudfront_distribution: ["status", "in_progress_validation_batches", "last_modified_time"],
  // A Lambda@Edge function's replicas update `last_modified`-like fields only on change; nothing volatile known.
};

type Values = Readonly<Record<string, unknown>>;

interface StateResource {
  readonly address: string;
  readonly type: string;
  readonly values: Values;
}

/** The managed resources of a plan's `prior_state` (root and child modules), by address. */
function priorStateResources(plan: unknown): Map<string, StateResource> {
  const result = new Map<string, StateResource>();
  const root = field(field(field(plan, "prior_state"), "values"), "root_module");
  const walk = (module: Values): void => {
    const resources = module["resources"];
    if (Array.isArray(resources)) {
      for (const r of resources as unknown[]) {
        const res = record(r);
        if (res["mode"] !== "managed" || typeof res["address"] !== "string") continue;
        result.set(res["address"], { address: res["address"], type: String(res["type"] ?? ""), values: record(res["values"]) });
      }
    }
    const children = module["child_modules"];
    if (Array.isArray(children)) for (const c of children as unknown[]) walk(record(c));
  };
  walk(root);
  return result;
}

/** Every resource whose refreshed values differ between the reviewed plan and now. */
export function driftSince(reviewedPlan: unknown, currentPlan: unknown): Drift[] {
  const before = priorStateResources(reviewedPlan);
  const now = priorStateResources(currentPlan);
  const drifts: Drift[] = [];
  for (const [address, was] of before) {
    const is = now.get(address);
    if (is === undefined) {
      drifts.push({ address, kind: "gone", attributes: [] });
      continue;
    }
    const volatile = new Set(VOLATILE_ATTRIBUTES[was.type] ?? []);
    const keys = [...new Set([...Object.keys(was.values), ...Object.keys(is.values)])].filter((k) => !volatile.has(k)).sort();
    const changed = keys.filter((k) => !sameValue(was.values[k], is.values[k]));
    if (changed.length > 0) drifts.push({ address, kind: "changed", attributes: changed });
  }
  for (const address of now.keys()) if (!before.has(address)) drifts.push({ address, kind: "appeared", attributes: [] });
  return drifts.sort((a, b) => a.address.localeCompare(b.address));
}

/** One line per drifted resource, for the refusal message. */
export function formatDrift(drifts: readonly Drift[]): string {
  return drifts
    .map((d) =>
      d.kind === "gone"
        ? `  ${d.address}: deleted outside the reviewed plan`
        : d.kind === "appeared"
          ? `  ${d.address}: in the state now, not when the plan was reviewed`
          : `  ${d.address}: changed outside the reviewed plan (${d.attributes.join(", ")})`,
    )
    .join("\n");
}

/** Structural equality of JSON values; absent and null are the same (terraform writes either for "not set"). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => sameValue(v, b[i]));
  }
  if (typeof a === "object" && typeof b === "object" && a !== null && b !== null) {
    const ra = a as Values;
    const rb = b as Values;
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
    for (const k of keys) if (!sameValue(ra[k], rb[k])) return false;
    return true;
  }
  return false;
}

function record(value: unknown): Values {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Values) : {};
}

function field(value: unknown, key: string): Values {
  return record(record(value)[key]);
}
