// Follows references between resource instances of one stack: from `${...}`/`references` first (module
// variables followed to the caller), then by matching a known value against other resources' ids and ARNs.
// Anything it cannot follow comes back as an UnresolvedRef, never as a guess.
import { isUnknown, type ResourceInstance, type UnresolvedRef } from "../model";
import { parseAddress, type ParsedAddress } from "./address";
import type { RawStack } from "./raw";

export interface Resolved {
  readonly target: ResourceInstance;
  /** Attribute the reference reads (`id`, `root_resource_id`, `arn`, ...), "" when the whole resource. */
  readonly attribute: string;
}

export type Resolution = { readonly ok: Resolved } | { readonly unresolved: UnresolvedRef } | { readonly unset: true };

/** Module instance path of the caller: `module.a["x"].module.b` -> `module.a["x"]`. */
function parentModulePath(path: string): string {
  const mods = path.match(/module\.[A-Za-z0-9_-]+(\[[^\]]*\])?/g) ?? [];
  return mods.slice(0, -1).join(".");
}

const stripKeys = (path: string): string => path.replace(/\[[^\]]*\]/g, "");

const VALUE_ATTRS = ["id", "root_resource_id", "arn", "execution_arn", "invoke_arn", "stage_name", "function_name"];
/** Types whose `name` is how other resources refer to them (`role = "my-role"`). */
const NAMED_BY_NAME = new Set(["aws_iam_role", "aws_iam_policy"]);

export class StackResolver {
  private readonly byLocal = new Map<string, ResourceInstance[]>();
  private readonly byValue = new Map<string, Resolved[]>();

  constructor(private readonly stack: RawStack) {
    for (const r of stack.resources) {
      const key = `${r.modulePath}|${r.mode}|${r.type}|${r.name}`;
      const list = this.byLocal.get(key);
      if (list === undefined) this.byLocal.set(key, [r]);
      else list.push(r);
      for (const attr of NAMED_BY_NAME.has(r.type) ? [...VALUE_ATTRS, "name"] : VALUE_ATTRS) {
        const v = r.values[attr];
        if (typeof v === "string" && v !== "") {
          const hits = this.byValue.get(v);
          const hit = { target: r, attribute: attr };
          if (hits === undefined) this.byValue.set(v, [hit]);
          else hits.push(hit);
        }
      }
    }
  }

  /** Instances a parsed reference designates, seen from `from` (same module instance). */
  private candidates(p: ParsedAddress, modulePath: string): ResourceInstance[] {
    return this.byLocal.get(`${modulePath}|${p.mode}|${p.type}|${p.name}`) ?? [];
  }

  private fromRefs(from: ResourceInstance, refs: readonly string[], modulePath: string, types: readonly string[], depth: number): Resolution | undefined {
    let firstProblem: UnresolvedRef | undefined;
    // Picking the instance with the referrer's own key is right only for `x[each.key]` / `x[count.index]`;
    // `x[each.value...]` or `x[var.k]` may pick another instance (plan JSON lists only `x` and the key parts).
    const sameKey =
      refs.some((r) => r === "each.key" || r === "count.index") &&
      !refs.some((r) => r.startsWith("each.value") || r.startsWith("var.") || r.startsWith("local."));
    for (const ref of refs) {
      if (ref.startsWith("var.") && depth < 16) {
        const name = ref.slice(4).split(".")[0];
        const vars = this.stack.moduleVars.get(stripKeys(modulePath));
        const outer = vars?.[name];
        if (outer !== undefined && outer.length > 0) {
          const r = this.fromRefs(from, outer, parentModulePath(modulePath), types, depth + 1);
          if (r !== undefined && "ok" in r) return r;
          if (r !== undefined && "unresolved" in r) firstProblem ??= r.unresolved;
        }
        continue;
      }
      const p = parseAddress(ref);
      if (p === undefined || p.type === "count" || p.type === "each" || ref.startsWith("local.") || ref.startsWith("path.")) continue;
      if (!types.includes(p.type)) continue;
      const cands = this.candidates(p, modulePath);
      let target: ResourceInstance | undefined;
      if (p.index !== undefined) target = cands.find((c) => c.index === p.index);
      else if (cands.length === 1) target = cands[0];
      else if (from.index !== undefined && sameKey) target = cands.find((c) => c.index === from.index);
      if (target !== undefined) return { ok: { target, attribute: p.attribute ?? "" } };
      firstProblem ??= {
        address: from.address,
        attribute: "",
        target: ref,
        reason:
          cands.length === 0
            ? `references ${ref}, which is not in the configuration`
            : `references ${ref}, which has ${cands.length} instances and no key to pick one`,
        source: from.source,
      };
    }
    return firstProblem === undefined ? undefined : { unresolved: firstProblem };
  }

  /** Resolve attribute `attr` of `from` to one instance of the given types. */
  resolve(from: ResourceInstance, attr: string, types: readonly string[]): Resolution {
    const value = from.values[attr];
    // A known value (prior state, or an existing resource in a plan) is the truth; the configuration's
    // references describe the planned state and can disagree with it on the "before" side.
    if (typeof value === "string" && value !== "") {
      const hits = (this.byValue.get(value) ?? []).filter((h) => types.includes(h.target.type));
      if (hits.length === 1) return { ok: hits[0] };
    }
    const refs = from.references[attr] ?? [];
    const viaRefs = this.fromRefs(from, refs, from.modulePath, types, 0);
    if (viaRefs !== undefined && "ok" in viaRefs) return viaRefs;
    if (typeof value === "string" && value !== "") {
      const hits = (this.byValue.get(value) ?? []).filter((h) => types.includes(h.target.type));
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
      const cands = this.candidates(p, from.modulePath);
      if (p.index !== undefined) out.push(...cands.filter((c) => c.index === p.index).map((c) => c.address));
      else out.push(...cands.map((c) => c.address));
    }
    return out;
  }
}
