// Value links at the edge (guard/access/edge-links.ts): an origin whose host names no API (a literal execute-api
// domain of no API here) added beside an origin that names the API by reference must not take the distribution out
// of the API's requirements (its harmless twin, the same distribution with the edge verifier, is in
// __tests__/guard/access/edge-links.test.ts: as a new distribution it is a new door, which blocks on its own); a
// distribution whose origin is the literal host of a custom domain mapped to the API by reference, sending the
// origin secret without the verifier, is a way around the edge (it was taken for an external origin).
import type { Doc, Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const DIST = "perimeter_cloudfront_distribution_0337210E";
const API = "aws_api_gateway_rest_api.api_4F59AA66";
const STAGE = "aws_api_gateway_stage.stage_59CE5186";
/** A name the shipped policy's intended doors (`distribution:aws_cloudfront_distribution.perimeter_cloudfront_distribution_*`) admit. */
const SIDE = "perimeter_cloudfront_distribution_side";
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

/** Both sides: a regional custom domain (a literal name) mapped to prod's stage by reference, as cdktf writes it. */
function customDomain(d: Doc): void {
  d.resource["aws_api_gateway_domain_name"] = {
    public: {
      domain_name: "api.petstore.example.com",
      regional_certificate_arn: "arn:aws:acm:eu-west-1:111111111111:certificate/abc",
      endpoint_configuration: { types: ["REGIONAL"] },
    },
  };
  d.resource["aws_api_gateway_base_path_mapping"] = {
    public: { api_id: `\${${API}.id}`, stage_name: `\${${STAGE}.stage_name}`, domain_name: "${aws_api_gateway_domain_name.public.domain_name}" },
  };
}

/** A copy of prod's distribution (sending the origin secret) without the verifier, its one origin a literal host. */
function literalHostDistribution(d: Doc, host: string): void {
  const x = clone(d.resource["aws_cloudfront_distribution"]![DIST] as Json);
  delete (x["default_cache_behavior"] as Json)["lambda_function_association"];
  const origin = (x["origin"] as Json[])[0]!;
  origin["domain_name"] = host;
  delete origin["origin_path"];
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
  "edge-side-distribution-custom-domain-host": {
    env: "prod",
    description: "a distribution without the verifier whose origin is the literal host of the API's custom domain (mapped by reference)",
    both: customDomain,
    mutate: (d) => literalHostDistribution(d, "api.petstore.example.com"),
    blocking: ["auth-removed", "auth-api-key-only", "door-added"],
    names: "GET /health",
    check: [],
  },
  "edge-side-distribution-custom-domain-host-case": {
    env: "prod",
    description: "the same host in capitals with a trailing dot (DNS reads it as the same name)",
    both: customDomain,
    mutate: (d) => literalHostDistribution(d, "API.Petstore.Example.com."),
    blocking: ["auth-removed", "auth-api-key-only", "door-added"],
    names: "GET /health",
    check: [],
  },
  "edge-side-distribution-static-host": {
    env: "prod",
    description: "twin: the same distribution in front of a static site beside the custom domain",
    both: customDomain,
    mutate: (d) => literalHostDistribution(d, "static.petstore.example.com"),
    blocking: [],
    check: [],
  },
};
