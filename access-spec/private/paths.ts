// Route path syntax as API Gateway REST resources accept it, and the resource identity used to find
// duplicates: `{a}` and `{b}` at the same position are the same resource to API Gateway.

export type Segment =
  { readonly kind: "literal"; readonly text: string } | { readonly kind: "param"; readonly name: string; readonly greedy: boolean; readonly text: string };

export type PathParse = { readonly ok: true; readonly segments: readonly Segment[] } | { readonly ok: false; readonly reason: string };

const LITERAL = /^[A-Za-z0-9._-]+$/;
const PARAM = /^\{([A-Za-z0-9._-]+)(\+?)\}$/;

/** Parses `/pets/{petId}`; the root `/` has no segments. */
export function parsePath(path: string): PathParse {
  if (!path.startsWith("/")) return { ok: false, reason: "must start with /" };
  if (path === "/") return { ok: true, segments: [] };
  if (path.endsWith("/")) return { ok: false, reason: "must not end with / (only the root path is /)" };
  const parts = path.slice(1).split("/");
  const segments: Segment[] = [];
  for (const [i, part] of parts.entries()) {
    if (part === "") return { ok: false, reason: "has an empty segment (//)" };
    const param = PARAM.exec(part);
    if (param) {
      const greedy = param[2] === "+";
      if (greedy && i !== parts.length - 1) return { ok: false, reason: `greedy parameter "${part}" must be the last segment` };
      segments.push({ kind: "param", name: param[1] ?? "", greedy, text: part });
    } else if (LITERAL.test(part)) {
      segments.push({ kind: "literal", text: part });
    } else {
      return { ok: false, reason: `segment "${part}" must be letters, digits, . _ - or a {param} / {param+}` };
    }
  }
  const names = segments.flatMap((s) => (s.kind === "param" ? [s.name] : []));
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) return { ok: false, reason: `path parameter "${repeated}" appears twice` };
  return { ok: true, segments };
}

/** The resource identity of a path: parameter names erased (`/pets/{}`, greedy as `{+}`). */
export function resourceKey(segments: readonly Segment[]): string {
  return "/" + segments.map(segmentKey).join("/");
}

function segmentKey(s: Segment): string {
  if (s.kind === "literal") return s.text;
  return s.greedy ? "{+}" : "{}";
}

/**
 * Parent identity of each variable segment, for the sibling check: API Gateway allows one variable
 * child per resource, so `/pets/{id}` and `/pets/{petId}/x` cannot coexist.
 */
export function variableSegments(segments: readonly Segment[]): { readonly parent: string; readonly text: string }[] {
  const out: { parent: string; text: string }[] = [];
  segments.forEach((s, i) => {
    if (s.kind === "param") out.push({ parent: resourceKey(segments.slice(0, i)), text: s.text });
  });
  return out;
}
