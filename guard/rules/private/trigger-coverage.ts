// How a deployment's `triggers` see one method or authorizer: through the whole resource or an attribute that
// changes with its authorization (a change redeploys), only through attributes that stay the same when authorization
// changes (ids, ARNs, names: a change is never deployed), or not at all.
import { parseAddress } from "../../load/address";
import { isUnknown, type Deployment, type ResourceInstance } from "../../model";

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

const designates = (ref: string, r: ResourceInstance): { readonly attribute?: string } | undefined => {
  const p = parseAddress(ref);
  if (p === undefined || p.type !== r.type || p.name !== r.name || p.modulePath !== r.modulePath) return undefined;
  if (p.index !== undefined && p.index !== r.index) return undefined;
  return p.attribute !== undefined ? { attribute: p.attribute.split(".")[0].replace(/\[.*$/, "") } : {};
};

/** Whether the trigger text carries a string literal (this project's configurationHash writes the configuration's hash there). */
function triggerLiteral(d: Deployment): boolean {
  return Object.values(d.triggers).some((v) => isUnknown(v) && v.expression !== undefined && v.expression.includes("${") && /"[^"]+"/.test(v.expression));
}

/**
 * How `d`'s triggers cover resource `r`. A plan lists an attribute reference together with its resource
 * (`aws_x.y.id`, `aws_x.y`), so there a bare reference beside attribute references is taken as their root, never as
 * the whole object: fail closed. In cdk.tf.json a string literal next to ids (a hash of the configuration written at
 * synth) counts as covering: it changes when the configuration does.
 */
export function triggerCoverage(d: Deployment, r: ResourceInstance): TriggerCoverage {
  const refs = d.resource.references["triggers"] ?? [];
  const seen = refs.map((ref) => ({ ref, use: designates(ref, r) })).filter((x) => x.use !== undefined);
  if (seen.length === 0) return { kind: "none" };
  const attributes = seen.map((x) => x.use?.attribute).filter((a): a is string => a !== undefined);
  const bare = seen.some((x) => x.use?.attribute === undefined);
  const fromPlan = d.resource.change !== undefined;
  if (attributes.some((a) => !IDENTITY.has(a))) return { kind: "covered" };
  if (bare && (attributes.length === 0 || !fromPlan)) return { kind: "covered" };
  if (!fromPlan && triggerLiteral(d)) return { kind: "covered" };
  return { kind: "ids", refs: [...new Set(seen.filter((x) => x.use?.attribute !== undefined).map((x) => x.ref))] };
}
