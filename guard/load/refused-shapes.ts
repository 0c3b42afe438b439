// What the loader refuses rather than read partially: a cdk.tf.json whose `module` blocks would hide resources
// from the check and the review (their sources are not read here), and a document with nothing to check.
import { looksLikeCdktf } from "./cdktf";
import { InputError } from "./errors";
import { asArray, asObject, isObject, type JsonObject } from "./json";

/**
 * cdktf `module` blocks (`TerraformHclModule`): their resources live in the module's source, which this loader does
 * not read. Skipping them would check a part of the stack as if it were all of it, so they are refused by name.
 */
export function refuseModules(doc: JsonObject, file: string): void {
  const calls = Object.entries(asObject(doc["module"]));
  if (calls.length === 0) return;
  const list = calls.map(([name, body]) => `module.${name} (source ${JSON.stringify(asObject(body)["source"] ?? "?")})`).join(", ");
  throw new InputError(
    file,
    `module blocks are not followed in cdk.tf.json: ${list}; their resources would go unchecked. Check the plan instead (npm run plan, then pass cdktf.out or its plan.json), where Terraform has expanded the modules`,
  );
}

const hasEntries = (v: unknown): boolean => Object.values(asObject(v)).some((byName) => Object.values(asObject(byName)).some(isObject));

function moduleHasResources(mod: unknown): boolean {
  const m = asObject(mod);
  return asArray(m["resources"]).length > 0 || asArray(m["child_modules"]).some(moduleHasResources);
}

/** True when a parsed document holds no resource at all (either format, either side of a plan). */
export function isEmptyDocument(doc: JsonObject): boolean {
  if ("format_version" in doc) {
    const planned = asObject(doc["planned_values"])["root_module"];
    const prior = asObject(asObject(doc["prior_state"])["values"])["root_module"];
    const state = asObject(doc["values"])["root_module"];
    return asArray(doc["resource_changes"]).length === 0 && ![planned, prior, state].some(moduleHasResources);
  }
  return !hasEntries(doc["resource"]) && !hasEntries(doc["data"]);
}

/** Exit 2 with "nothing to check" rather than a clean report of nothing. */
export function refuseEmpty(doc: JsonObject, file: string): void {
  refuseModules(doc, file);
  if (!isEmptyDocument(doc)) return;
  const known = "format_version" in doc || looksLikeCdktf(doc);
  throw new InputError(
    file,
    known
      ? "nothing to check: no resources (expected cdk.tf.json with a `resource` block, or terraform show -json output of a plan or state)"
      : "nothing to check: neither cdk.tf.json (no `resource` block) nor terraform show -json output (no `format_version`)",
  );
}
