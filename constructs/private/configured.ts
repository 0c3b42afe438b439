// A deployment trigger over what its inputs are configured with, read by Terraform through references to each
// argument (`aws_api_gateway_method.m.authorization`), never through a hash taken at synth: a plan's configuration
// keeps only references, so a synth-time literal would leave a plan reviewer nothing but ids to judge. Only arguments
// the input is configured with are named, never its refreshed state: a refresh that reads an unset argument back as
// [] or {} (API Gateway does for provider_arns, request_templates, cache_key_parameters) would change a hash of whole
// objects on every plan and replace the deployment forever (found by the apply test against moto).
import { Lazy, type IResolveContext, type TerraformResource } from "cdktf";

const META_ARGUMENTS = new Set(["//", "depends_on", "lifecycle", "provider", "count", "for_each", "provisioner", "connection"]);

/** An argument set to nothing: the provider reads it back as null, then as {} or [] after a refresh. */
const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || v === "" || (Array.isArray(v) ? v.length === 0 : typeof v === "object" && Object.keys(v).length === 0);

/**
 * The names of the resource's arguments (snake_case, as synthesized), meta-arguments, cdktf metadata and empty ones
 * left out: `response_parameters = {}` is null in the state after apply and {} after a refresh, so a reference to it
 * would change the hash on the next plan (the apply test against moto found it). An argument that later gets a
 * value joins the hash, which changes it.
 */
function configuredArguments(resource: TerraformResource): string[] {
  const synthesized = resource.toTerraform() as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const block = synthesized.resource[resource.terraformResourceType]?.[resource.friendlyUniqueId];
  if (block === undefined) throw new Error(`${resource.node.path}: no synthesized block for ${resource.terraformResourceType}`);
  return Object.keys(block).filter((key) => !META_ARGUMENTS.has(key) && !isEmpty(block[key]));
}

/** A plain reference (`aws_x.name.attr`): the only expression a trigger hashes. */
const REFERENCE = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/;

/**
 * The Terraform expression hashing the values of `references` (each `${aws_x.y.attr}`, as cdktf resolves an
 * attribute): `sha1(jsonencode([aws_x.y.attr, ...]))`. Anything but a plain reference is refused.
 */
export function hashExpression(references: readonly string[]): string {
  const plain = references.map((text) => {
    const inner = /^\$\{([^}]*)\}$/.exec(text)?.[1];
    if (inner === undefined || !REFERENCE.test(inner)) throw new Error(`cannot hash ${text} into a trigger: only plain references are supported`);
    return inner;
  });
  return `\${sha1(jsonencode([${[...new Set(plain)].join(", ")}]))}`;
}

/**
 * Each resource's id (a replaced resource counts) and every argument it is configured with (its authorization,
 * authorizer, scopes, API key flag, parameters, identity source, provider ARNs, URI, templates), by reference.
 */
export function configurationHash(resources: readonly TerraformResource[]): string {
  return Lazy.stringValue({
    produce: (context: IResolveContext) =>
      hashExpression(resources.flatMap((r) => ["id", ...configuredArguments(r)].map((key) => String(context.resolve(r.interpolationForAttribute(key)))))),
  });
}
