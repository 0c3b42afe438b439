// A deployment trigger over what its inputs were configured with (tokens and references kept), never over their
// refreshed state. Literal values are hashed at synth time; the references among them (ids, ARNs of other
// resources) are hashed by Terraform, so the trigger changes exactly when an argument or a referenced value does.
import { createHash } from "node:crypto";
import { Lazy, type IResolveContext, type TerraformResource } from "cdktf";

const META_ARGUMENTS = new Set(["//", "depends_on", "lifecycle", "provider", "count", "for_each", "provisioner", "connection"]);

/** The resource's arguments (snake_case, as synthesized), meta-arguments and cdktf metadata left out. */
function configuredArguments(resource: TerraformResource): Record<string, unknown> {
  const synthesized = resource.toTerraform() as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const block = synthesized.resource[resource.terraformResourceType]?.[resource.friendlyUniqueId];
  if (block === undefined) throw new Error(`${resource.node.path}: no synthesized block for ${resource.terraformResourceType}`);
  return Object.fromEntries(Object.entries(block).filter(([key]) => !META_ARGUMENTS.has(key)));
}

/** A plain reference (`aws_x.name.attr`, `var.x`): the only expression a trigger hashes through Terraform. */
const REFERENCE = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/;

/**
 * The Terraform expression hashing a resolved value: `sha1(join(",", ["<synth-time sha1 of the JSON>", <each
 * reference in it>]))`. Literal text never goes through an HCL string (cdktf does not escape quotes inside
 * `Fn.jsonencode` literals); an embedded expression other than a plain reference is refused.
 */
export function hashExpression(resolved: unknown): string {
  const text = JSON.stringify(resolved);
  const references = [...new Set(stringsIn(resolved).flatMap((s) => [...s.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1])))];
  const odd = references.find((r) => !REFERENCE.test(r));
  if (odd !== undefined) throw new Error(`cannot hash the expression \${${odd}} into a trigger: only plain references are supported`);
  const literal = createHash("sha1").update(text).digest("hex");
  return `\${sha1(join(",", [${[JSON.stringify(literal), ...references].join(", ")}]))}`;
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** Each resource's id (a replaced resource counts) and configured arguments, hashed when the stack synthesizes. */
export function configurationHash(resources: readonly TerraformResource[]): string {
  return Lazy.stringValue({
    produce: (context: IResolveContext) =>
      hashExpression(context.resolve(resources.map((r) => ({ id: r.getStringAttribute("id"), arguments: configuredArguments(r) })))),
  });
}
