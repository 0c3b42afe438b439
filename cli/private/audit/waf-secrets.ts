// A byte-match statement's search string is what a request must carry: for the origin-verify rule it is the
// shared secret CloudFront sends. The audit never keeps one: each is replaced, at read time, by the marker the
// check's loader reads as a value known to nobody (guard/load/redacted.ts), so a rule can still see that a string
// is set, never what it is. Pure.
import { REDACTED } from "../../../guard/load/redacted";

/** A deep copy of `v` with every `SearchString` replaced by the redaction marker. */
export function withoutSearchStrings<T>(v: T): T {
  return strip(v) as T;
}

function strip(v: unknown): unknown {
  if (v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map(strip);
  if (typeof v !== "object" || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === "SearchString" ? REDACTED : strip(x);
  return out;
}
