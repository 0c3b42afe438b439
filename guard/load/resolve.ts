// Follows references between resource instances of one stack: from `${...}`/`references` first (absolute: the
// plan reader followed them through module calls), then by matching a known value against other resources' ids
// and ARNs.
// Anything it cannot follow comes back as an UnresolvedRef, never as a guess.
import { isUnknown, type ResourceInstance, type UnresolvedRef } from "../model";
import { parseAddress, type ParsedAddress } from "./address";
import { referencedTargets } from "./expressions";
import type { RawStack } from "./raw";

export interface Resolved {
  readonly target: ResourceInstance;
  /** Attribute the reference reads (`id`, `root_resource_id`, `arn`, ...), "" when the whole resource. */
  readonly attribute: string;
}

export type Resolution = { readonly ok: Resolved } | { readonly unresolved: UnresolvedRef } | { readonly unset: true };

const VALUE_ATTRS = ["id", "root_resource_id", "arn", "execution_arn", "invoke_arn", "stage_name", "function_name"];
/** Types whose `name` is how other resources refer to them (`role = "my-role"`). */
const NAMED_BY_NAME = new Set(["aws_iam_role", "aws_iam_policy"]);

export class StackResolver {
  private readonly byLocal = new Map<string, ResourceInstance[]>();
  /**
   * Resources by a value attribute, keyed `<type>\0<value>`: a value many resources share (a role name every module
   * instance writes) is not filtered by type on every lookup.
   */
  private readonly byTypeValue = new Map<string, Resolved[]>();

  constructor(stack: RawStack) {
    for (const r of stack.resources) {
      const key = `${r.modulePath}|${r.mode}|${r.type}|${r.name}`;
      const list = this.byLocal.get(key);
      if (list === undefined) this.byLocal.set(key, [r]);
      else list.push(r);
      for (const attr of NAMED_BY_NAME.has(r.type) ? [...VALUE_ATTRS, "name"] : VALUE_ATTRS) {
        const v = r.values[attr];
        if (typeof v === "string" && v !== "") {
          const hit = { target: r, attribute: attr };
          const typed = this.byTypeValue.get(`${r.type}\u0000${v}`);
          if (typed === undefined) this.byTypeValue.set(`${r.type}\u0000${v}`, [hit]);
          else typed.push(hit);
        }
      }
    }
  }

  /** Instances a parsed (absolute) reference designates. */
  private candidates(p: ParsedAddress): ResourceInstance[] {
    return this.byLocal.get(`${p.modulePath}|${p.mode}|${p.type}|${p.name}`) ?? [];
  }

  /**
   * Every instance of `types` the references can designate: a reference with a literal key designates that
   * instance, `x[each.key]` / `x[count.index]` the referrer's own key, any other reference every instance. Several
   * candidates (try(), a conditional, a key from each.value) are decided only by the planned value: a known value
   * equal to exactly one candidate's; otherwise the link is unresolved with the candidates named.
   */
  private fromRefs(from: ResourceInstance, attr: string, refs: readonly string[], types: readonly string[]): Resolution | undefined {
    let firstProblem: UnresolvedRef | undefined;
    // The referrer's own key is right only for `x[each.key]` / `x[count.index]`; `x[each.value...]`, `x[var.k]` or
    // `x[local.k]` may pick another instance (plan JSON lists only `x` and the key's parts).
    const sameKey =
      refs.some((r) => r === "each.key" || r === "count.index") &&
      !refs.some((r) => r.startsWith("each.value") || r.startsWith("var.") || r.startsWith("local."));
    const found = new Map<string, Resolved>();
    for (const ref of referencedTargets(refs)) {
      const p = parseAddress(ref);
      if (p === undefined || !types.includes(p.type)) continue;
      const cands = this.candidates(p);
      const own = sameKey && from.index !== undefined && p.modulePath === from.modulePath ? cands.find((c) => c.index === from.index) : undefined;
      const picked = p.index !== undefined ? cands.filter((c) => c.index === p.index) : own !== undefined ? [own] : cands;
      for (const target of picked) found.set(target.address, { target, attribute: p.attribute ?? "" });
      if (picked.length === 0) {
        firstProblem ??= {
          address: from.address,
          attribute: attr,
          target: ref,
          reason: `references ${ref}, which is not in the configuration`,
          source: from.source,
        };
      }
    }
    const all = [...found.values()];
    if (all.length === 1) return { ok: all[0] };
    if (all.length === 0) return firstProblem === undefined ? undefined : { unresolved: firstProblem };
    const value = from.values[attr];
    const matching = typeof value === "string" && value !== "" ? all.filter((c) => c.target.values[c.attribute === "" ? "id" : c.attribute] === value) : [];
    if (matching.length === 1) return { ok: matching[0] };
    const names = all.map((c) => c.target.address).join(", ");
    return {
      unresolved: {
        address: from.address,
        attribute: attr,
        target: names,
        reason: `${attr} can be any of ${all.length} resources (${names}) and the plan does not say which Terraform will use`,
        source: from.source,
      },
    };
  }

  /** The resources of `types` with an attribute equal to `value` (how many, and which when one). */
  private valueHits(value: string, types: readonly string[]): readonly Resolved[] {
    const lists = [...new Set(types)].map((t) => this.byTypeValue.get(`${t}\u0000${value}`) ?? []).filter((l) => l.length > 0);
    const hits = lists.length === 1 ? (lists[0] as readonly Resolved[]) : lists.flat();
    // One resource matched by two of its attributes (state keeps an IAM policy's id equal to its arn, a role's id
    // equal to its name) is one hit, not an ambiguity.
    return hits.filter((h, i) => hits.findIndex((x) => x.target === h.target) === i);
  }

  /** Resolve attribute `attr` of `from` to one instance of the given types. */
  resolve(from: ResourceInstance, attr: string, types: readonly string[]): Resolution {
    const value = from.values[attr];
    // A known value (prior state, or an existing resource in a plan) is the truth; the configuration's
    // references describe the planned state and can disagree with it on the "before" side.
    if (typeof value === "string" && value !== "") {
      const hits = this.valueHits(value, types);
      if (hits.length === 1) return { ok: hits[0] };
    }
    const refs = from.references[attr] ?? [];
    const viaRefs = this.fromRefs(from, attr, refs, types);
    if (viaRefs !== undefined && "ok" in viaRefs) return viaRefs;
    if (typeof value === "string" && value !== "") {
      const hits = this.valueHits(value, types);
      return {
        unresolved: {
          address: from.address,
          attribute: attr,
          target: value,
          reason:
            hits.length === 0
              ? `${attr} = "${value}" matches no ${types.join(" / ")} in the configuration`
              : `${attr} = "${value}" matches ${hits.length} resources`,
          source: from.source,
        },
      };
    }
    if (viaRefs !== undefined && "unresolved" in viaRefs) return { unresolved: { ...viaRefs.unresolved, attribute: attr } };
    if (isUnknown(value)) {
      return {
        unresolved: {
          address: from.address,
          attribute: attr,
          target: value.expression ?? "(known after apply)",
          reason: `${attr} is known only after apply and has no reference to a ${types.join(" / ")}`,
          source: from.source,
        },
      };
    }
    return { unset: true };
  }

  /** Every resolvable target referenced anywhere in the given attribute (triggers, depends_on). */
  referencedAddresses(from: ResourceInstance, refs: readonly string[]): string[] {
    const out: string[] = [];
    for (const ref of refs) {
      const p = parseAddress(ref);
      if (p === undefined) continue;
      const cands = this.candidates(p);
      if (p.index !== undefined) out.push(...cands.filter((c) => c.index === p.index).map((c) => c.address));
      else out.push(...cands.map((c) => c.address));
    }
    return out;
  }
}
