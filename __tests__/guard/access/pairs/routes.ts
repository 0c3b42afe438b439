// Routes by coverage: ANY, {proxy+} and renamed path parameters match the same requests as the routes they replace
// or shadow; APIs are told apart by identity, so a decoy API with the same name relabels nothing.
import { method, type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const API = "${aws_api_gateway_rest_api.api_4F59AA66.id}";
const ROOT = "${aws_api_gateway_rest_api.api_4F59AA66.root_resource_id}";

const resourceOf = (d: Doc, verb: string, path: string): Json => {
  const ref = String(method(d, verb, path)["resource_id"]);
  const name = /^\$\{aws_api_gateway_resource\.([^.}]+)\.id\}$/.exec(ref)?.[1] ?? "";
  return d.resource["aws_api_gateway_resource"][name];
};

const openAt = (d: Doc, name: string, parent: string, pathPart: string, verb: string): void => {
  d.resource["aws_api_gateway_resource"][name] = { parent_id: parent, path_part: pathPart, rest_api_id: API };
  d.resource["aws_api_gateway_method"][`${name}_method`] = {
    api_key_required: false,
    authorization: "NONE",
    http_method: verb,
    resource_id: `\${aws_api_gateway_resource.${name}.id}`,
    rest_api_id: API,
  };
};

const none = (m: Json): void => {
  m["authorization"] = "NONE";
  delete m["authorizer_id"];
  delete m["authorization_scopes"];
};

export const ROUTE_PAIRS: Readonly<Record<string, AccessPair>> = {
  "any-replaces-get-open": {
    env: "dev",
    description: "GET /pets (Cognito, petstore/read) replaced by ANY /pets with NONE",
    mutate: (d) => {
      const m = method(d, "GET", "/pets");
      m["http_method"] = "ANY";
      none(m);
    },
    // ANY /pets is also a new door to the backend weaker than every route it had.
    blocking: ["auth-removed", "new-public-route", "door-weaker-route"],
    names: "GET /pets (now served by ANY /pets)",
    check: ["method-matches-policy", "no-open-method"],
  },
  "any-replaces-get-same-auth": {
    env: "dev",
    description: "GET /pets replaced by ANY /pets with the same Cognito authorizer and scope (harmless twin)",
    mutate: (d) => {
      method(d, "GET", "/pets")["http_method"] = "ANY";
    },
    blocking: [],
    check: [],
  },
  "path-parameter-renamed": {
    env: "dev",
    description: "the path parameter {petId} renamed {id} (same requests, same authorization: harmless)",
    mutate: (d) => {
      resourceOf(d, "GET", "/pets/{petId}")["path_part"] = "{id}";
    },
    blocking: [],
    check: [],
  },
  "proxy-open-added": {
    env: "dev",
    description: "ANY /{proxy+} with NONE added at the root: it matches the requests of every protected route",
    mutate: (d) => openAt(d, "proxy_res", ROOT, "{proxy+}", "ANY"),
    blocking: ["new-public-route", "route-shadowed"],
    names: "petstore-dev GET /pets",
    check: ["method-matches-policy", "no-open-method"],
  },
  "pets-proxy-open-added": {
    env: "dev",
    description: "ANY /pets/{proxy+} with NONE added: it matches the requests of GET /pets/{petId} (Lambda authorizer)",
    mutate: (d) => openAt(d, "pets_proxy_res", String(resourceOf(d, "GET", "/pets/{petId}")["parent_id"]), "{proxy+}", "ANY"),
    blocking: ["new-public-route", "route-shadowed"],
    names: "petstore-dev GET /pets/{petId}",
    check: ["method-matches-policy", "no-open-method"],
  },
  "proxy-replaces-photo-same-authorizer": {
    env: "dev",
    description: "PUT /pets/{petId}/photo replaced by ANY /pets/{petId}/{proxy+} behind the same Lambda authorizer (harmless twin)",
    mutate: (d) => {
      resourceOf(d, "PUT", "/pets/{petId}/photo")["path_part"] = "{proxy+}";
      method(d, "PUT", "/pets/{petId}/{proxy+}")["http_method"] = "ANY";
    },
    blocking: [],
    check: [],
  },
  "literal-shadows-parameter": {
    env: "dev",
    description: "GET /pets/mine with NONE added beside GET /pets/{petId}: API Gateway prefers the literal, so /pets/mine is open",
    mutate: (d) => openAt(d, "mine_res", String(resourceOf(d, "GET", "/pets/{petId}")["parent_id"]), "mine", "GET"),
    blocking: ["new-public-route", "route-shadowed"],
    names: "petstore-dev GET /pets/{petId}",
    check: ["method-matches-policy", "no-open-method"],
  },
  "decoy-api-hides-downgrade": {
    env: "dev",
    description: "GET /pets opened to NONE while a decoy REST API with the same name is added (it must not relabel the real one)",
    mutate: (d) => {
      none(method(d, "GET", "/pets"));
      d.resource["aws_api_gateway_rest_api"]["decoy"] = { name: "petstore-dev" };
      d.resource["aws_api_gateway_method"]["decoy_get"] = {
        api_key_required: false,
        authorization: "AWS_IAM",
        http_method: "GET",
        resource_id: "${aws_api_gateway_rest_api.decoy.root_resource_id}",
        rest_api_id: "${aws_api_gateway_rest_api.decoy.id}",
      };
    },
    blocking: ["auth-removed"],
    names: "petstore-dev GET /pets",
    check: ["method-matches-policy", "no-open-method"],
  },
  "api-emptied": {
    env: "dev",
    description: "the head removes every method of the REST API",
    mutate: (d) => {
      for (const type of ["aws_api_gateway_method", "aws_api_gateway_integration", "aws_api_gateway_method_response", "aws_api_gateway_integration_response"]) {
        delete d.resource[type];
      }
    },
    blocking: ["api-removed", "resource-not-verified"],
    names: "REST API petstore-dev",
    check: ["method-matches-policy"],
  },
};
