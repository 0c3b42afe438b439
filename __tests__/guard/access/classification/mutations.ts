// Mutations drawn from the classification itself: for every classified attribute present in the sample synth, one
// edit of its value in the direction its class says widens (or, for neutral ones, any edit). Pure: documents in,
// mutations out; the harness test runs the review on each.
import { classify, type Classification } from "../../../../guard/access/classification";
import { pathKind } from "../../../../guard/access/classification/schema";
import { classifiedPath, inScope } from "../../../../guard/access/classification/scope";
import type { Doc } from "../../review/fixtures/pairs";

type Key = string | number;

export interface AttributeMutation {
  readonly env: "dev" | "prod";
  readonly type: string;
  readonly resource: string;
  /** The classified path (WAFv2 statements folded). */
  readonly path: string;
  readonly classification: Classification;
  /** Where the value sits in the resource body (array indices included). */
  readonly at: readonly Key[];
  /** The new value; undefined removes the attribute. */
  readonly value: unknown;
}

const META = new Set(["//", "depends_on", "lifecycle", "provider", "count", "for_each"]);

/** A different value of the same shape. */
function edited(v: unknown): unknown {
  if (typeof v === "string") {
    if (!v.includes("${")) return `${v}-mutant`;
    // A reference now names another resource; any other expression gets another text.
    const other = v.replace(/\.([\w-]+)\.(\w+)\}$/, ".$1-mutant.$2}");
    return other !== v ? other : `${v.slice(0, -1)} /* mutant */}`;
  }
  if (typeof v === "number") return v + 1000;
  if (typeof v === "boolean") return !v;
  if (Array.isArray(v)) return [...v, typeof v[0] === "number" ? 9999 : "mutant"];
  if (typeof v === "object" && v !== null) return { ...v, mutant: "mutant" };
  return "mutant";
}

/**
 * Attributes with no order ("any change widens") whose blind edit can still be judged harmless by their comparer in
 * context: the edit that certainly widens them. A permission's source_arn naming another authorizer of the same API
 * is still scoped; without one, any API may invoke the function.
 */
const WIDENING_EDIT: Readonly<Partial<Record<string, "remove">>> = { "aws_lambda_permission.source_arn": "remove" };

/** The value moved in the direction that widens; undefined (as `skip`) when the value already is as wide as it gets. */
function widened(c: Classification, v: unknown): { value: unknown } | "remove" | "skip" {
  if (c.class === "neutral" || c.class === "not-verified") return { value: edited(v) };
  switch (c.widens) {
    case "larger":
      return typeof v === "number" ? { value: v * 10 + 1000 } : "remove";
    case "smaller":
      return typeof v === "number" ? (v > 1 ? { value: 1 } : "skip") : "skip";
    case "removal":
      return "remove";
    case "adding":
      return { value: Array.isArray(v) ? [...v, "mutant"] : typeof v === "object" && v !== null ? { ...v, mutant: "mutant" } : edited(v) };
    case "enabling":
      return v === true ? "skip" : { value: true };
    case "disabling":
      return v === false ? "skip" : { value: false };
    case "any":
    case "judged":
      return { value: edited(v) };
  }
}

/** One mutation per resource type and classified path present in the document (the first occurrence). */
export function mutationsOf(env: "dev" | "prod", doc: Doc): AttributeMutation[] {
  const out: AttributeMutation[] = [];
  const seen = new Set<string>();
  for (const [type, byName] of Object.entries(doc.resource)) {
    if (!inScope(type)) continue;
    for (const [resource, body] of Object.entries(byName)) {
      const visit = (value: unknown, at: Key[], segments: string[]): void => {
        if (segments.length > 0) {
          const path = classifiedPath(type, segments);
          const block = pathKind(type, path) === "b";
          if (block && Array.isArray(value)) {
            if (value.length > 0) visit(value[0], [...at, 0], segments);
            return;
          }
          if (!block || typeof value !== "object" || value === null) {
            if (seen.has(`${type}|${path}`)) return;
            seen.add(`${type}|${path}`);
            const c = classify(type, path);
            const w = WIDENING_EDIT[`${type}.${path}`] ?? widened(c, value);
            if (w === "skip") return;
            out.push({ env, type, resource, path, classification: c, at, value: w === "remove" ? undefined : w.value });
            return;
          }
        }
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (segments.length === 0 && META.has(k)) continue;
          visit(v, [...at, k], [...segments, k]);
        }
      };
      visit(body, [], []);
    }
  }
  return out;
}

/** Applies a mutation to a copy's resource body. */
export function applyMutation(doc: Doc, m: AttributeMutation): void {
  let holder = doc.resource[m.type][m.resource] as unknown as Record<Key, unknown>;
  for (const k of m.at.slice(0, -1)) holder = holder[k] as Record<Key, unknown>;
  const last = m.at[m.at.length - 1];
  if (m.value === undefined) {
    if (Array.isArray(holder)) holder.splice(last as number, 1);
    else delete holder[last];
  } else holder[last] = m.value;
}
