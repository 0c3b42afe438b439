// The marker `npm run plan` writes in place of every sensitive value of a plan (cli/private/redact.ts). The loader
// reads it as a value known to nobody (Unknown), so no rule can pass because it compared against the marker.
import { unknownValue, type Unknown } from "../model";

export const REDACTED = "(sensitive value redacted)";

/** Replaces every REDACTED string in a JSON value (values of a resource) with Unknown; other values are kept. */
export function unredact(value: unknown): unknown {
  if (value === REDACTED) return redactedUnknown;
  if (Array.isArray(value)) return value.map(unredact);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = unredact(v);
    return out;
  }
  return value;
}

/** The expression of the Unknown a redacted value becomes: two of them are never known to be equal. */
export const REDACTED_EXPRESSION = "a sensitive value, redacted in this plan";

const redactedUnknown: Unknown = unknownValue(REDACTED_EXPRESSION);
