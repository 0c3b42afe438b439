// What every view builder shares: the stack, the reference resolver, and the list of references that could not be
// followed (each builder appends to it). Pure: no I/O.
import type { ResourceInstance, UnresolvedRef } from "../../model";
import type { RawStack } from "../raw";
import { StackResolver, type Resolution } from "../resolve";

export const API = "aws_api_gateway_rest_api";
export const RES = "aws_api_gateway_resource";

export interface BuildContext {
  readonly stack: RawStack;
  readonly resolver: StackResolver;
  /** Every reference that could not be followed, in the order found. */
  readonly unresolved: UnresolvedRef[];
  readonly ofType: (type: string, mode?: "managed" | "data") => ResourceInstance[];
  readonly target: (res: Resolution) => ResourceInstance | undefined;
  /** Resolve and record a failure (also in `sink`, the route's own list, when given). */
  readonly follow: (from: ResourceInstance, attr: string, types: readonly string[], sink?: UnresolvedRef[]) => ResourceInstance | undefined;
}

/** An attribute a reference must be followed through is not set. */
export function notSet(r: ResourceInstance, attribute: string): UnresolvedRef {
  return { address: r.address, attribute, target: "", reason: `${attribute} is not set`, source: r.source };
}

export function buildContext(stack: RawStack): BuildContext {
  const resolver = new StackResolver(stack);
  const unresolved: UnresolvedRef[] = [];
  const target = (res: Resolution): ResourceInstance | undefined => ("ok" in res ? res.ok.target : undefined);
  return {
    stack,
    resolver,
    unresolved,
    ofType: (type, mode = "managed") => stack.resources.filter((r) => r.type === type && r.mode === mode),
    target,
    follow: (from, attr, types, sink) => {
      const res = resolver.resolve(from, attr, types);
      if ("unresolved" in res) {
        unresolved.push(res.unresolved);
        sink?.push(res.unresolved);
      }
      return target(res);
    },
  };
}
