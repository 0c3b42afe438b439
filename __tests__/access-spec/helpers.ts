// Test helpers: a deep-mutable copy of a sample spec, changed in one place per test.
import type { AccessSpec } from "../../access-spec/types";
import { petstoreDev } from "../../access-spec/samples/petstore";

type DeepMutable<T> = T extends readonly (infer U)[] ? DeepMutable<U>[] : T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;

export type MutableSpec = DeepMutable<AccessSpec>;

/** A copy of `base` (petstore dev by default) with one change applied. */
export function specWith(change: (spec: MutableSpec) => void, base: AccessSpec = petstoreDev): AccessSpec {
  const copy = structuredClone(base) as MutableSpec;
  change(copy);
  return copy as AccessSpec;
}

/** The sample as plain JSON data (what a .json or .yaml spec file would hold). */
export function asJsonData(spec: AccessSpec): Record<string, unknown> {
  return JSON.parse(JSON.stringify(spec)) as Record<string, unknown>;
}

type MutableClient = MutableSpec["cognito"]["clients"][number];

/** The sample's user client (index 0), narrowed so its user-only fields can be changed. */
export function userClient(spec: MutableSpec): Extract<MutableClient, { kind: "user" }> {
  const client = spec.cognito.clients[0];
  if (client?.kind !== "user") throw new Error("the sample's first client is expected to be the user client");
  return client;
}
