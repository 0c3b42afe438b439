// Value links at the edge (guard/access/edge-links.ts): an origin whose host names no API (a literal execute-api
// domain of no API here) added beside an origin that names the API by reference must not take the distribution out
// of the API's requirements. Its harmless twin (the same distribution with the edge verifier) is in
// __tests__/guard/access/edge-links.test.ts: as a new distribution it is a new door, which blocks on its own.
import type { Doc, Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const DIST = "perimeter_cloudfront_distribution_0337210E";
/** A name the shipped policy's intended doors (`distribution:aws_cloudfront_distribution.perimeter_cloudfront_distribution_*`) admit. */
export const SIDE = "perimeter_cloudfront_distribution_side";
export const UNNAMED_HOST = "zz9zz9zz9z.execute-api.eu-west-1.amazonaws.com";

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** A copy of prod's distribution (its origin references the API), with or without the verifier, and a spare origin. */
export function sideDistribution(d: Doc, verifier: boolean, spareHost: string | undefined): void {
  const x = clone(d.resource["aws_cloudfront_distribution"]![DIST] as Json);
  x["comment"] = "side door";
  if (!verifier) delete (x["default_cache_behavior"] as Json)["lambda_function_association"];
  const origins = x["origin"] as Json[];
  if (spareHost !== undefined) origins.push({ ...clone(origins[0]!), domain_name: spareHost, origin_id: "spare" });
  d.resource["aws_cloudfront_distribution"]![SIDE] = x;
}

export const EDGE_LINK_PAIRS: Readonly<Record<string, AccessPair>> = {
  "edge-side-distribution-no-verifier": {
    env: "prod",
    description: "a second distribution to the API (by reference) without the edge verifier",
    mutate: (d) => sideDistribution(d, false, undefined),
    blocking: ["auth-removed", "auth-api-key-only", "door-added"],
    names: "GET /health",
    check: [],
  },
  "edge-side-distribution-no-verifier-unnamed-origin": {
    env: "prod",
    description: "the same, with a spare origin whose literal execute-api host names no API: the routes still lose EDGE",
    mutate: (d) => sideDistribution(d, false, UNNAMED_HOST),
    blocking: ["auth-removed", "auth-api-key-only", "door-added"],
    names: "GET /health",
    check: [],
  },
};
