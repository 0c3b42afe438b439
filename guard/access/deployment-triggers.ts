// How a deployment's `triggers` see one method or authorizer: through the whole resource or an attribute that
// changes with its authorization (a change redeploys), only through attributes that stay the same when authorization
// changes (ids, ARNs, names: a change is never deployed), or not at all. `depends_on` never covers: it only orders
// creation, and a method updated in place does not replace the deployment.
import { parseAddress } from "../load/address";
import { isUnknown, type Deployment, type ResourceInstance } from "../model";

/** Attributes that keep their value when a method's or an authorizer's authorization changes in place. */
const IDENTITY = new Set([
  "id",
  "arn",
  "execution_arn",
  "invoke_arn",
  "rest_api_id",
  "resource_id",
  "http_method",
  "path",
  "path_part",
  "parent_id",
  "root_resource_id",
  "name",
  "created_date",
]);

export type TriggerCoverage = { readonly kind: "covered" } | { readonly kind: "ids"; readonly refs: readonly string[] } | { readonly kind: "none" };

interface TriggerRef {
  readonly ref: string;
  readonly index?: number | string;
  readonly attribute?: string;
}

/** Each deployment's trigger references, parsed once and grouped by the resource they name (type, name, module). */
const byDeployment = new WeakMap<Deployment, ReadonlyMap<string, readonly TriggerRef[]>>();
const resourceKeyOf = (type: string, name: string, modulePath: string): string => `${modulePath}|${type}|${name}`;

function triggerRefs(d: Deployment): ReadonlyMap<string, readonly TriggerRef[]> {
  const cached = byDeployment.get(d);
  if (cached !== undefined) return cached;
  const map = new Map<string, TriggerRef[]>();
  for (const ref of d.resource.references["triggers"] ?? []) {
    const p = parseAddress(ref);
    if (p === undefined) continue;
    const key = resourceKeyOf(p.type, p.name, p.modulePath);
    const entry: TriggerRef = {
      ref,
      ...(p.index !== undefined ? { index: p.index } : {}),
      ...(p.attribute !== undefined ? { attribute: (p.attribute.split(".")[0] ?? "").replace(/\[.*$/, "") } : {}),
    };
    const list = map.get(key);
    if (list === undefined) map.set(key, [entry]);
    else list.push(entry);
  }
  byDeployment.set(d, map);
  return map;
}

/** Whether the trigger text carries a string literal (this project's configurationHash writes the configuration's hash there). */
function triggerLiteral(d: Deployment): boolean {
  return Object.values(d.triggers).some((v) => isUnknown(v) && v.expression !== undefined && v.expression.includes("${") && /"[^"]+"/.test(v.expression));
}

/**
 * Whether `d`'s triggers change on every plan: a plan shows them known only after apply with no reference at all,
 * so they come from a function of literals only that is not known at plan time (`timestamp()`, `uuid()`): every
 * apply replaces the deployment, whatever changed. Plans only: in cdk.tf.json a `${...}` naming a variable is
 * unknown and names no resource.
 */
function changesEveryApply(d: Deployment): boolean {
  if (d.resource.change === undefined || (d.resource.references["triggers"] ?? []).length > 0) return false;
  const t = d.resource.values["triggers"];
  if (isUnknown(t)) return t.expression !== undefined;
  const values = typeof t === "object" && t !== null ? Object.values(t) : [];
  return values.length > 0 && values.every((v) => isUnknown(v) && v.expression !== undefined);
}

/**
 * How `d`'s triggers cover resource `r`. A plan lists an attribute reference together with its resource
 * (`aws_x.y.id`, `aws_x.y`), so there a bare reference beside attribute references is taken as their root, never as
 * the whole object: fail closed. In cdk.tf.json a string literal next to ids (a hash of the configuration written at
 * synth) counts as covering: it changes when the configuration does.
 */
export function triggerCoverage(d: Deployment, r: ResourceInstance): TriggerCoverage {
  if (changesEveryApply(d)) return { kind: "covered" };
  const named = triggerRefs(d).get(resourceKeyOf(r.type, r.name, r.modulePath)) ?? [];
  const seen = named.filter((x) => x.index === undefined || x.index === r.index);
  if (seen.length === 0) return { kind: "none" };
  const attributes = seen.map((x) => x.attribute).filter((a): a is string => a !== undefined);
  const bare = seen.some((x) => x.attribute === undefined);
  const fromPlan = d.resource.change !== undefined;
  if (attributes.some((a) => !IDENTITY.has(a))) return { kind: "covered" };
  if (bare && (attributes.length === 0 || !fromPlan)) return { kind: "covered" };
  if (!fromPlan && triggerLiteral(d)) return { kind: "covered" };
  return { kind: "ids", refs: [...new Set(seen.filter((x) => x.attribute !== undefined).map((x) => x.ref))] };
}
