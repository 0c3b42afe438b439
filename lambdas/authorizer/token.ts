// Finds the bearer token in a TOKEN or REQUEST authorizer event. Anything unexpected gives null (→ 401).

/** Longer than any Cognito token; refused before any parsing so a huge header costs nothing. */
export const MAX_AUTHORIZATION_LENGTH = 8192;

// RFC 6750/7235: `Bearer 1*SP token`, scheme case-insensitive; a bare JWT is accepted too.
// Three base64url parts, nothing else: no padding, no whitespace inside, no fourth part.
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const SP = 32;
const TAB = 9;

/**
 * The JWT in an Authorization value (`Bearer <jwt>` or `<jwt>`), or null. Surrounding spaces/tabs (HTTP OWS)
 * are ignored; between scheme and token only spaces. Hand-rolled scanning: this runs on every request.
 */
export function parseAuthorization(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_AUTHORIZATION_LENGTH) return null;
  let start = 0;
  let end = value.length;
  while (start < end && (value.charCodeAt(start) === SP || value.charCodeAt(start) === TAB)) start++;
  while (end > start && (value.charCodeAt(end - 1) === SP || value.charCodeAt(end - 1) === TAB)) end--;
  if (end - start > 7 && value.charCodeAt(start + 6) === SP && value.slice(start, start + 6).toLowerCase() === "bearer") {
    start += 7;
    while (start < end && value.charCodeAt(start) === SP) start++;
  }
  const jwt = start === 0 && end === value.length ? value : value.slice(start, end);
  if (!JWT.test(jwt)) return null;
  const dot1 = jwt.indexOf(".");
  const dot2 = jwt.indexOf(".", dot1 + 1);
  return isCanonicalB64Url(jwt, 0, dot1) && isCanonicalB64Url(jwt, dot1 + 1, dot2) && isCanonicalB64Url(jwt, dot2 + 1, jwt.length) ? jwt : null;
}

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * Is the base64url part [start, end) in canonical form? Decoders ignore the unused low bits of the last
 * character, so without this check several strings decode to the same signature: harmless for the signature
 * itself, but one token would have many spellings (and cache keys). A part of length 1 (mod 4) is never valid.
 */
function isCanonicalB64Url(jwt: string, start: number, end: number): boolean {
  const rem = (end - start) % 4;
  if (rem === 0) return true;
  if (rem === 1) return false;
  const last = B64URL.indexOf(jwt.charAt(end - 1));
  return rem === 2 ? (last & 0x0f) === 0 : (last & 0x03) === 0;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * TOKEN events carry `authorizationToken`; REQUEST events carry headers (names in any case). Several
 * Authorization headers are ambiguous and refused.
 */
export function extractToken(event: unknown): string | null {
  if (!isRecord(event)) return null;
  if (event.type === "TOKEN") return parseAuthorization(event.authorizationToken);
  if (event.type !== "REQUEST") return null;
  let found: unknown = undefined;
  let count = 0;
  if (isRecord(event.multiValueHeaders)) {
    for (const [name, values] of Object.entries(event.multiValueHeaders)) {
      if (name.toLowerCase() !== "authorization") continue;
      if (!Array.isArray(values)) return null;
      count += values.length;
      found = values[0];
    }
    if (count > 1) return null;
  }
  if (isRecord(event.headers)) {
    const names = Object.keys(event.headers).filter((n) => n.toLowerCase() === "authorization");
    if (names.length > 1) return null;
    if (names.length === 1) {
      const value = event.headers[names[0]];
      if (found !== undefined && found !== value) return null;
      found = value;
    }
  }
  return parseAuthorization(found);
}
