// The time and subject claims both verifiers require (lambdas/shared/token-claims.ts), at a fixed "now".
import { assertTokenClaims, CLOCK_SKEW_SECONDS, TokenClaimsError } from "../../../lambdas/shared/token-claims";

const NOW = 1_800_000_000;
const good = { sub: "u", iat: NOW - 10, auth_time: NOW - 20, exp: NOW + 3600 };

describe("assertTokenClaims", () => {
  it("GIVEN Cognito's claims THEN it passes, also with iat and auth_time within the clock skew", () => {
    expect(() => assertTokenClaims(good, NOW)).not.toThrow();
    expect(() => assertTokenClaims({ ...good, iat: NOW + CLOCK_SKEW_SECONDS, auth_time: NOW + CLOCK_SKEW_SECONDS }, NOW)).not.toThrow();
  });

  it.each<[string, Record<string, unknown>]>([
    ["no exp", { ...good, exp: undefined }],
    ["exp as a string", { ...good, exp: String(NOW + 60) }],
    ["exp now", { ...good, exp: NOW }],
    ["no iat", { ...good, iat: undefined }],
    ["iat beyond the skew", { ...good, iat: NOW + CLOCK_SKEW_SECONDS + 1 }],
    ["auth_time beyond the skew", { ...good, auth_time: NOW + CLOCK_SKEW_SECONDS + 1 }],
    ["auth_time not a number", { ...good, auth_time: "yesterday" }],
    ["nbf beyond the skew", { ...good, nbf: NOW + CLOCK_SKEW_SECONDS + 1 }],
    ["exp before iat", { ...good, iat: NOW - 10, exp: NOW - 20 }],
    ["no sub", { ...good, sub: undefined }],
    ["NaN exp", { ...good, exp: Number.NaN }],
  ])("GIVEN %s THEN it throws", (_name, payload) => {
    expect(() => assertTokenClaims(payload, NOW)).toThrow(TokenClaimsError);
  });
});
