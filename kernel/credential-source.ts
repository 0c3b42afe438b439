// Whether API Gateway's cache of a Lambda authorizer's result is keyed on the credential the authorizer checks:
// one definition for the spec (synth refuses the gap), the policy check and the authorization review.
// Our authorizer reads the Authorization header (lambdas/authorizer/token.ts).

/** The identity source carrying the credential our Lambda authorizer verifies. */
export const CREDENTIAL_SOURCE = "method.request.header.Authorization";

/** API Gateway's result TTL when `authorizer_result_ttl_in_seconds` is unset. */
export const DEFAULT_RESULT_TTL_SECONDS = 300;

/** `identity_source` as Terraform spells it (comma-separated) to a list. */
export const splitIdentitySource = (value: string): string[] =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

/**
 * Why a cached Allow of this authorizer could be served to a caller who never sent the credential, or undefined.
 * A TOKEN authorizer's cache key is its one source, which is what it verifies. A REQUEST authorizer's cache key
 * is the values of its identity sources: without the Authorization header among them and a TTL above 0, one
 * caller's Allow is served to everyone sending the same other values (or none).
 */
export function credentialCacheGap(type: string, identitySources: readonly string[], resultTtlSeconds: number): string | undefined {
  if (type !== "REQUEST" || resultTtlSeconds <= 0) return undefined;
  const credential = CREDENTIAL_SOURCE.toLowerCase();
  // Header names are case-insensitive; the `method.request.header.` prefix is not.
  const has = identitySources.some((s) => s.toLowerCase() === credential && s.startsWith("method.request.header."));
  if (has) return undefined;
  return (
    `the REQUEST authorizer caches its result for ${resultTtlSeconds} s keyed on ${identitySources.length > 0 ? identitySources.join(", ") : "no identity source"}, ` +
    `which leaves out the credential (${CREDENTIAL_SOURCE}): a cached Allow is served to callers without a token`
  );
}
