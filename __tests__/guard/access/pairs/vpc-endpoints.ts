// VPC endpoint doors to a private REST API: both sides make the dev API PRIVATE, reached through one
// execute-api interface endpoint its resource policy names and whose own policy admits one role. A second execute-api
// endpoint, an endpoint policy opened to any principal and one that cannot be read block; an S3 gateway endpoint
// and a new tag on the endpoint stay quiet.
import type { Doc, Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const API = "api_4F59AA66";
const ROLE_ONLY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/petstore-app" }, Action: "execute-api:Invoke", Resource: "*" }],
});
const ANYONE = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }] });

const endpoints = (d: Doc): Record<string, Json> => (d.resource["aws_vpc_endpoint"] ??= {});
const endpoint = (service: string, extra: Json = {}): Json => ({
  vpc_id: "vpc-0a1b2c3d",
  service_name: `com.amazonaws.eu-west-1.${service}`,
  vpc_endpoint_type: service === "s3" ? "Gateway" : "Interface",
  ...extra,
});

/** The dev API made PRIVATE, its resource policy admitting only callers through endpoint `app`. */
function privateApi(d: Doc): void {
  endpoints(d)["app"] = endpoint("execute-api", { private_dns_enabled: false, policy: ROLE_ONLY });
  const api = d.resource["aws_api_gateway_rest_api"][API] as Json;
  api["endpoint_configuration"] = { types: ["PRIVATE"], vpc_endpoint_ids: ["${aws_vpc_endpoint.app.id}"] };
  api["policy"] = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: "execute-api:/*",
        Condition: { StringEquals: { "aws:SourceVpce": "${aws_vpc_endpoint.app.id}" } },
      },
    ],
  });
}

export const VPC_ENDPOINT_PAIRS: Readonly<Record<string, AccessPair>> = {
  "vpce-execute-api-added": {
    env: "dev",
    description: "a second execute-api interface endpoint with private DNS in a VPC: a new way in to the private API",
    both: privateApi,
    mutate: (d) => void (endpoints(d)["shared"] = endpoint("execute-api", { private_dns_enabled: true })),
    blocking: ["door-added"],
    names: "VPC endpoint aws_vpc_endpoint.shared (execute-api; private DNS",
    check: ["backend-doors-intended"],
  },
  "vpce-s3-gateway-added": {
    env: "dev",
    description: "twin: an S3 gateway endpoint in the same VPC",
    both: privateApi,
    mutate: (d) => void (endpoints(d)["s3"] = endpoint("s3")),
    blocking: [],
    check: [],
  },
  "vpce-policy-widened": {
    env: "dev",
    description: "the execute-api endpoint's policy now admits any principal inside the VPC",
    both: privateApi,
    mutate: (d) => void (endpoints(d)["app"]!["policy"] = ANYONE),
    blocking: ["door-widened"],
    names: "any principal inside VPC endpoint aws_vpc_endpoint.app",
    check: ["backend-doors-intended"],
  },
  "vpce-separate-policy-widened": {
    env: "dev",
    description: "an aws_vpc_endpoint_policy replaces the endpoint's policy with one admitting any principal",
    both: privateApi,
    mutate: (d) => void (d.resource["aws_vpc_endpoint_policy"] = { app: { vpc_endpoint_id: "${aws_vpc_endpoint.app.id}", policy: ANYONE } }),
    blocking: ["door-widened"],
    names: "any principal inside VPC endpoint aws_vpc_endpoint.app",
    check: ["backend-doors-intended"],
  },
  "vpce-policy-unreadable": {
    env: "dev",
    description: "the execute-api endpoint's policy is a data source's JSON, known only after apply",
    both: privateApi,
    mutate: (d) => void (endpoints(d)["app"]!["policy"] = "${data.aws_iam_policy_document.vpce.json}"),
    blocking: ["door-not-verified"],
    names: "cannot be read any more",
    check: ["backend-doors-intended"],
  },
  "vpce-tagged": {
    env: "dev",
    description: "twin: the execute-api endpoint gets a tag",
    both: privateApi,
    mutate: (d) => void (endpoints(d)["app"]!["tags"] = { team: "store" }),
    blocking: [],
    check: [],
  },
};
