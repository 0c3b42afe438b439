// The committed attribute list of the in-scope provider schema (provider-attributes.json, written by
// `npm run classify`): every resource type with every attribute and nested block path, WAFv2 statements folded
// by statement type (scope.ts). Tests and the review read it without terraform.
import list from "./provider-attributes.json";

/**
 * How a path appears in the schema: `a` an attribute configuration may set, `s` one the provider marks sensitive,
 * `c` computed only (an output of the provider, never configured), `b` a nested block (its children are paths too).
 */
export type PathKind = "a" | "s" | "c" | "b";

export interface AttributeList {
  readonly provider: string;
  readonly version: string;
  readonly types: Readonly<Record<string, Readonly<Record<string, PathKind>>>>;
}

export const ATTRIBUTES: AttributeList = list as AttributeList;

/** The kind of `path` in `type`'s schema, or undefined when the schema has no such path. */
export const pathKind = (type: string, path: string): PathKind | undefined => ATTRIBUTES.types[type]?.[path];
