// What a reference points at, compared across two versions by resource identity: the same Terraform address is
// the same resource; a renamed address is the same resource only when its name is unique on both sides (a
// construct refactor). A second resource with the same name (a decoy) never stands in for the first.
import { configAddressOf, formatIndex, parseAddress } from "../load/address";
import { isUnknown, type Model, type ResourceInstance } from "../model";
import { perModel } from "./per-model";

const NAME_ATTRS = ["name", "function_name", "username", "identity_pool_name"];

export interface TargetRef {
  /** For reports: the resource's name (with its address when the name is shared), or the literal text. */
  readonly label: string;
  readonly type?: string;
  /** `stack::address` of the resource, when the reference resolves to one. */
  readonly key?: string;
  readonly name?: string;
  /** Another resource of the same type in the same stack has the same name. */
  readonly ambiguous: boolean;
  /** Text that is no reference to a resource of the configuration (an ARN, an id, a foreign account's pool). */
  readonly literal?: string;
}

export function sameTarget(a: TargetRef, b: TargetRef): boolean {
  if (a.literal !== undefined || b.literal !== undefined) return a.literal === b.literal;
  if (a.type !== b.type) return false;
  if (a.key === b.key) return true;
  return a.name !== undefined && a.name === b.name && !a.ambiguous && !b.ambiguous;
}

const nameOf = (r: ResourceInstance): string | undefined => NAME_ATTRS.map((a) => r.values[a]).find((v): v is string => typeof v === "string" && v !== "");

interface Index {
  readonly byAddress: ReadonlyMap<string, ResourceInstance>;
  /** `stack::type::name` -> how many resources carry it. */
  readonly names: ReadonlyMap<string, number>;
}

// Built once per model: the review and the check ask for many references of a thousand-route model.
const indexOf = perModel((model): Index => {
  const byAddress = new Map<string, ResourceInstance>();
  const names = new Map<string, number>();
  for (const r of model.resources) {
    byAddress.set(`${r.source.stack}::${r.address}`, r);
    const name = nameOf(r);
    if (name !== undefined) names.set(`${r.source.stack}::${r.type}::${name}`, (names.get(`${r.source.stack}::${r.type}::${name}`) ?? 0) + 1);
  }
  return { byAddress, names };
});

/** The resource at an address of a stack. */
export const resourceAt = (model: Model, stack: string, address: string): ResourceInstance | undefined => indexOf(model).byAddress.get(`${stack}::${address}`);

/** The identity of one resource of the model. */
export function targetOf(model: Model, r: ResourceInstance): TargetRef {
  const name = nameOf(r);
  const ambiguous = name !== undefined && (indexOf(model).names.get(`${r.source.stack}::${r.type}::${name}`) ?? 0) > 1;
  const key = `${r.source.stack}::${r.address}`;
  return {
    label: name === undefined ? r.address : ambiguous ? `${name} (${r.address})` : name,
    type: r.type,
    key,
    ...(name !== undefined ? { name } : {}),
    ambiguous,
  };
}

// `aws_x.name.attr` inside `${...}` (cdk.tf.json) or as a plan expression; module paths, instance keys and data
// sources kept.
const REF = /((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*(?:data\.)?aws_[a-z0-9_]+\.[\w-]+(?:\[[^\]]*\])?)\.([a-z_]+)/g;

/** A value whose references are replaced by what they point at: compared with `sameValue`. */
export interface ValueRef {
  /** The text with each reference replaced by `\u0000<i>.<attr>`. */
  readonly template: string;
  readonly refs: readonly TargetRef[];
  /** For reports. */
  readonly display: string;
}

/** A string (or Unknown expression) of one stack's configuration, with its references made identities. */
export function valueOf(model: Model, stack: string, v: unknown): ValueRef {
  const text = isUnknown(v) ? (v.expression ?? "(known after apply)") : typeof v === "string" ? v : JSON.stringify(v ?? null);
  const refs: TargetRef[] = [];
  const template = text.replace(REF, (whole, address: string, attr: string) => {
    const r = resourceAt(model, stack, address);
    if (r === undefined) return whole;
    refs.push(targetOf(model, r));
    return `\u0000${refs.length - 1}.${attr}`;
  });
  const display = template.replace(/\u0000(\d+)\.([a-z_]+)/g, (_w, i: string, attr: string) => `${refs[Number(i)].label}.${attr}`);
  return { template, refs, display };
}

export const sameValue = (a: ValueRef, b: ValueRef): boolean =>
  a.template === b.template && a.refs.length === b.refs.length && a.refs.every((r, i) => sameTarget(r, b.refs[i]));

/** A reference attribute (`user_pool_id = ${aws_cognito_user_pool.p.id}`) as the resource it points at, if any. */
export function referencedResource(model: Model, holder: ResourceInstance, attr: string, type: string): ResourceInstance | undefined {
  const v = holder.values[attr];
  const text = isUnknown(v) ? v.expression : typeof v === "string" ? v : undefined;
  // Plan references are absolute (`module.m.aws_x.y.id`); the resource's address is the reference without its attribute.
  const fromRefs = (holder.references[attr] ?? []).map(parseAddress).find((p) => p?.type === type);
  const m = text === undefined ? null : new RegExp(`(?:^|[^\\w.])(${type}\\.[\\w-]+)\\.`).exec(text);
  const address =
    m?.[1] ??
    (fromRefs === undefined
      ? undefined
      : `${fromRefs.modulePath === "" ? "" : `${fromRefs.modulePath}.`}${configAddressOf("", fromRefs.mode, type, fromRefs.name)}${formatIndex(fromRefs.index)}`);
  return address === undefined ? undefined : resourceAt(model, holder.source.stack, address);
}
