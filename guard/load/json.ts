// Narrowing helpers for untrusted JSON: every reader goes through these instead of casting.

export type JsonObject = Readonly<Record<string, unknown>>;

export const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** An Unknown marker (see model.ts) is an object too, but never a block of attributes. */
const isBlock = (v: unknown): v is JsonObject => isObject(v) && v["unknown"] !== true;

export const asObject = (v: unknown): JsonObject => (isObject(v) ? v : {});

export const asArray = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

export const asString = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** A nested block: cdk.tf.json writes single blocks as objects, plan JSON as one-element arrays. */
export function firstBlock(v: unknown): JsonObject | undefined {
  if (Array.isArray(v)) return v.length > 0 && isBlock(v[0]) ? v[0] : undefined;
  return isBlock(v) ? v : undefined;
}

export const blocks = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isBlock) : isBlock(v) ? [v] : []);
