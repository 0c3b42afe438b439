// REST API resources (aws_api_gateway_resource): a resource's path, rebuilt by following parent_id to the API
// root, with every reference on the way that could not be followed. Pure.
import { isUnknown, unknownValue, type ResourceInstance, type UnresolvedRef, type Val } from "../../../model";
import { API, RES, notSet, type BuildContext } from "../build-context";

interface ResourcePath {
  readonly path: Val<string>;
  readonly problems: UnresolvedRef[];
}

/** A resource's path, computed once per resource. */
export type ResourcePathOf = (r: ResourceInstance) => ResourcePath;

function loopOf(r: ResourceInstance): ResourcePath {
  return {
    path: unknownValue(),
    problems: [{ address: r.address, attribute: "parent_id", target: r.address, reason: "parent_id chain loops", source: r.source }],
  };
}

type PathIn = (r: ResourceInstance, seen: Set<string>) => ResourcePath;

/** The path through the parent: `/<part>` under the API root, `<parent path>/<part>` under another resource. */
function underParent(ctx: BuildContext, r: ResourceInstance, seen: Set<string>, pathIn: PathIn): ResourcePath {
  const part = r.values["path_part"];
  seen.add(r.address);
  const res = ctx.resolver.resolve(r, "parent_id", [API, RES]);
  if ("ok" in res && res.ok.target.type === API) {
    return { path: typeof part === "string" ? `/${part}` : unknownValue(), problems: [] };
  } else if ("ok" in res) {
    const parent = pathIn(res.ok.target, seen);
    const known = typeof part === "string" && typeof parent.path === "string";
    return {
      path: known ? `${parent.path === "/" ? "" : parent.path}/${part}` : unknownValue(),
      problems: parent.problems,
    };
  }
  const problem = "unresolved" in res ? res.unresolved : notSet(r, "parent_id");
  return { path: unknownValue(), problems: [problem] };
}

/** A path_part that is not a known string leaves the path unknown, with the reason. */
function withPart(r: ResourceInstance, out: ResourcePath): ResourcePath {
  const part = r.values["path_part"];
  if (typeof part === "string") return out;
  return {
    path: unknownValue(),
    problems: [
      ...out.problems,
      {
        address: r.address,
        attribute: "path_part",
        target: isUnknown(part) ? (part.expression ?? "(known after apply)") : String(part),
        reason: "path_part is not a known string",
        source: r.source,
      },
    ],
  };
}

export function resourcePaths(ctx: BuildContext): ResourcePathOf {
  const cache = new Map<string, ResourcePath>();
  const pathIn: PathIn = (r, seen) => {
    const cached = cache.get(r.address);
    if (cached !== undefined) return cached;
    const out = seen.has(r.address) ? loopOf(r) : withPart(r, underParent(ctx, r, seen, pathIn));
    cache.set(r.address, out);
    return out;
  };
  return (r) => pathIn(r, new Set());
}
