// The bounded JWKS fetcher now lives in lambdas/shared (the edge verifier uses it too); this re-export keeps
// the authorizer's existing import path working. New code imports "../shared/jwks-fetcher".
export { BoundedFetcher, type BoundedFetcherOptions, JwksFetchError } from "../shared/jwks-fetcher";
