// The time and subject claims every verifier of this project requires of a Cognito token, after aws-jwt-verify
// has checked signature, issuer, client and token_use: one definition for the API authorizer and the edge
// verifier. aws-jwt-verify accepts a token without `exp` and does not look at `iat` or `auth_time`; Cognito
// always sets all three, so a token without them, or issued in the future, is not one of Cognito's.

/**
 * Tolerated clock difference between Cognito and this function for claims that must lie in the past
 * (`iat`, `auth_time`) or the future (`nbf`). `exp` gets none: an expired token is expired.
 */
export const CLOCK_SKEW_SECONDS = 60;

export class TokenClaimsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TokenClaimsError";
  }
}

const isTime = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;

/** Throws TokenClaimsError unless `exp`, `iat` and `sub` are present and every time claim is plausible at `nowSeconds`. */
export function assertTokenClaims(payload: Readonly<Record<string, unknown>>, nowSeconds: number = Math.floor(Date.now() / 1000)): void {
  const { exp, iat, nbf, sub } = payload;
  const authTime = payload["auth_time"];
  if (!isTime(exp)) throw new TokenClaimsError("token lacks a numeric exp");
  if (exp <= nowSeconds) throw new TokenClaimsError("token expired");
  if (typeof sub !== "string" || sub === "") throw new TokenClaimsError("token lacks sub");
  if (!isTime(iat)) throw new TokenClaimsError("token lacks a numeric iat");
  if (iat > nowSeconds + CLOCK_SKEW_SECONDS) throw new TokenClaimsError("token issued in the future (iat)");
  if (authTime !== undefined && (!isTime(authTime) || authTime > nowSeconds + CLOCK_SKEW_SECONDS)) {
    throw new TokenClaimsError("auth_time is not a time in the past");
  }
  if (nbf !== undefined && (!isTime(nbf) || nbf > nowSeconds + CLOCK_SKEW_SECONDS)) throw new TokenClaimsError("token not valid yet (nbf)");
  if (exp <= iat) throw new TokenClaimsError("exp is not after iat");
}
