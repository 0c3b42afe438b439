// The edge verifier's signing keys: one aws-jwt-verify verifier over the user pool, its JWKS loaded at cold start,
// and after a Cognito key rotation one bounded refetch in the request that meets the new `kid` (the API
// authorizer does the same). aws-jwt-verify's penalty box then refuses refetches for an unknown kid for 10 s.
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { JwksNotAvailableInCacheError, KidNotFoundInJwksError } from "aws-jwt-verify/error";
import type { Fetcher } from "aws-jwt-verify/https";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { withDeadline } from "../shared/deadline";
import { assertTokenClaims } from "../shared/token-claims";
import { BoundedFetcher } from "../shared/jwks-fetcher";
import type { VerifyToken } from "./decide";

/**
 * Budget for one JWKS download (both of the pool's issuer URIs, in parallel), at cold start or on an unknown kid.
 *
 * Worst case of one viewer request against Lambda@Edge's 5 s viewer-request limit:
 * - cold container: SSM GetParameter ≤ 2 s (SSM_TIMEOUT_MS) + JWKS hydrate ≤ 1.5 s = 3.5 s. That request never refetches:
 *   its JWKS is at most 1.5 s old, so a kid missing from it is not a rotation we could catch by asking again.
 * - warm container: one refetch ≤ 1.5 s.
 * So ≤ 3.5 s of I/O per request, leaving ≥ 1.5 s for CPU (a verify is ~0.1 ms) and scheduling at 128 MB.
 */
export const EDGE_JWKS_TIMEOUT_MS = 1500;

function createVerifier(userPoolId: string, jwksFetcher: Fetcher) {
  // clientId and tokenUse are given per call (they depend on the route); nothing is left unchecked by default.
  return CognitoJwtVerifier.create(
    // exp, iat, auth_time, nbf and sub: one definition with the API authorizer.
    { userPoolId, clientId: null, tokenUse: null, customJwtCheck: ({ payload }) => assertTokenClaims(payload) },
    { jwksCache: new SimpleJwksCache({ fetcher: jwksFetcher }) },
  );
}

export interface PoolKeys {
  /** Tests preload keys with `verifier.cacheJwks`. */
  readonly verifier: ReturnType<typeof createVerifier>;
  /** Synchronous, from cached keys only: the decision never waits on the network. */
  readonly verify: VerifyToken;
  /** Fetches the JWKS at cold start, bounded; rejects when it cannot. */
  readonly hydrate: () => Promise<void>;
  /**
   * One bounded attempt to fetch the key `token` names, through the JWKS cache and its penalty box (a kid
   * that was absent from a fresh JWKS is not fetched for again for 10 s). Never rejects: the caller re-decides.
   */
  readonly refetchFor: (token: string, opts: Parameters<VerifyToken>[1]) => Promise<void>;
}

/**
 * Keys of one user pool. @param jwksFetcher @default BoundedFetcher(EDGE_JWKS_TIMEOUT_MS), shared with the
 * authorizer; tests pass one aimed at a loopback server.
 */
export function poolKeys(userPoolId: string, jwksFetcher: Fetcher = new BoundedFetcher({ timeoutMs: EDGE_JWKS_TIMEOUT_MS })): PoolKeys {
  const verifier = createVerifier(userPoolId, jwksFetcher);
  // Scopes are checked by the decision after every other check, so that a bad token is a 401 and only a good
  // token lacking scope is a 403.
  const props = (opts: Parameters<VerifyToken>[1]) => ({ clientId: [...opts.clientIds], tokenUse: opts.tokenUse, scope: null });
  return {
    verifier,
    verify: (token, opts) => verifier.verifySync(token, props(opts)),
    hydrate: () => withDeadline(verifier.hydrate(), EDGE_JWKS_TIMEOUT_MS, "JWKS download"),
    refetchFor: async (token, opts) => {
      try {
        // verify() fetches only for a kid the cache lacks, and only for the token's own (configured) issuer.
        await withDeadline(verifier.verify(token, props(opts)), EDGE_JWKS_TIMEOUT_MS, "JWKS refetch");
      } catch {
        // Outage, hang, penalty box or a bad token: the second, synchronous decision gives the answer (401).
      }
    },
  };
}

/** True when verification failed only because the signing key is not cached: worth one refetch. */
export function isKeyMiss(err: unknown): boolean {
  return err instanceof KidNotFoundInJwksError || err instanceof JwksNotAvailableInCacheError;
}
