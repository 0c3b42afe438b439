// Identity pairs: how the caller's identity reaches the backend. An integration mapping (REST request_parameters and
// templates, HTTP API append/overwrite/remove) that the base fed from the token and the head from the caller, a
// stripped caller header no longer stripped, a body passed through where the base wrote identity, a template the
// review cannot read. Twins: the narrowing, and the harmless edit of the same attribute.
import { ordersHttp, type Doc as HttpDoc } from "../../load/http-api/fixture";
import { method, nameOf, type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

/** The integration of a REST route of the sample, found by the method it names. */
function integration(d: Doc, verb: string, path: string): Json {
  const m = nameOf(d, "aws_api_gateway_method", method(d, verb, path));
  const hit = Object.values(d.resource["aws_api_gateway_integration"] ?? {}).find((i) => String(i["http_method"]).includes(`.${m}.`));
  if (hit === undefined) throw new Error(`fixture: no integration for ${verb} ${path}`);
  return hit;
}

const pets = (d: Doc): Json => integration(d, "GET", "/pets");
const USER_HEADER = "integration.request.header.X-User-Id";
const FROM_TOKEN = "context.authorizer.claims.sub";

/** GET /pets calls its backend over HTTP (no proxy): only what is mapped reaches it. */
function httpBackend(d: Doc): void {
  Object.assign(pets(d), { type: "HTTP", uri: "https://pets.internal.example.com/pets", integration_http_method: "GET" });
}

const params = (d: Doc, p: Record<string, string>): void => void (pets(d)["request_parameters"] = p);

const TEMPLATE_FROM_TOKEN = '{"userId": "$context.authorizer.claims.sub", "pet": $input.json(\'$\')}';

function templated(passthrough: string) {
  return (d: Doc): void => {
    httpBackend(d);
    Object.assign(pets(d), { request_templates: { "application/json": TEMPLATE_FROM_TOKEN }, passthrough_behavior: passthrough });
  };
}

/** GET /pets reads DynamoDB directly (an AWS integration): the template keys the item by the token's sub. */
const DYNAMO_TEMPLATE = '{"TableName": "pets", "Key": {"owner": {"S": "$context.authorizer.claims.sub"}, "petId": {"S": "$input.params(\'petId\')"}}}';
function dynamo(d: Doc): void {
  Object.assign(pets(d), {
    type: "AWS",
    uri: "arn:aws:apigateway:eu-west-1:dynamodb:action/GetItem",
    integration_http_method: "POST",
    request_templates: { "application/json": DYNAMO_TEMPLATE },
    passthrough_behavior: "NEVER",
  });
}
const dynamoTemplate = (d: Doc, text: string): void => void (pets(d)["request_templates"] = { "application/json": text });

/** The orders HTTP API beside the sample, its integration an HTTP proxy whose parameter mappings the pair sets. */
function withHttpApi(mappings: Record<string, string>) {
  return (d: Doc): void => {
    for (const [type, byName] of Object.entries((ordersHttp() as HttpDoc).resource)) d.resource[type] = { ...(d.resource[type] ?? {}), ...byName };
    Object.assign(d.resource["aws_apigatewayv2_integration"]["backend"] as Json, {
      integration_type: "HTTP_PROXY",
      integration_method: "ANY",
      integration_uri: "https://orders.internal.example.com",
      request_parameters: { ...mappings },
    });
  };
}
const v2Params = (d: Doc): Json => (d.resource["aws_apigatewayv2_integration"]["backend"] as Json)["request_parameters"] as Json;

/**
 * A WebSocket API beside the sample: `$connect` and a `sendmessage` route whose AWS (non-proxy) integration writes
 * the backend's body with a template that takes the user from the connection's authorizer.
 */
function withWebSocket(passthrough: string) {
  return (d: Doc): void => {
    const api = "${aws_apigatewayv2_api.chat.id}";
    const add = (type: string, name: string, body: Json) => void (d.resource[type] = { ...(d.resource[type] ?? {}), [name]: body });
    add("aws_apigatewayv2_api", "chat", { name: "chat-ws", protocol_type: "WEBSOCKET", route_selection_expression: "$request.body.action" });
    add("aws_apigatewayv2_integration", "chat", {
      api_id: api,
      integration_type: "AWS",
      integration_method: "POST",
      integration_uri: "${aws_lambda_function.fn-backend_function_39B17E9A.invoke_arn}",
      template_selection_expression: "\\$default",
      request_templates: { $default: '{"user": "$context.authorizer.principalId", "message": $input.json(\'$.message\')}' },
      passthrough_behavior: passthrough,
    });
    add("aws_apigatewayv2_route", "chat_connect", {
      api_id: api,
      route_key: "$connect",
      authorization_type: "AWS_IAM",
      target: "integrations/${aws_apigatewayv2_integration.chat.id}",
    });
    add("aws_apigatewayv2_route", "chat_send", { api_id: api, route_key: "sendmessage", target: "integrations/${aws_apigatewayv2_integration.chat.id}" });
  };
}
const chat = (d: Doc): Json => d.resource["aws_apigatewayv2_integration"]["chat"] as Json;

export const IDENTITY_PAIRS: Readonly<Record<string, AccessPair>> = {
  "identity-header-from-caller": {
    env: "dev",
    description: "GET /pets: header X-User-Id mapped from the caller's own header instead of the token's sub",
    both: (d) => params(d, { [USER_HEADER]: FROM_TOKEN }),
    mutate: (d) => params(d, { [USER_HEADER]: "method.request.header.X-User-Id" }),
    blocking: ["identity-from-caller"],
    names: "header X-User-Id now from the caller (method.request.header.X-User-Id), before from the token (context.authorizer.claims.sub)",
    check: [],
  },
  "identity-header-to-token": {
    env: "dev",
    description: "twin: X-User-Id mapped from the token where the base took the caller's header (narrowing)",
    both: (d) => params(d, { [USER_HEADER]: "method.request.header.X-User-Id" }),
    mutate: (d) => params(d, { [USER_HEADER]: FROM_TOKEN }),
    blocking: [],
    check: [],
  },
  "identity-mapping-dropped-on-proxy": {
    env: "dev",
    description: "GET /pets (Lambda proxy): the X-User-Id mapping from the token goes; the caller's own header passes through",
    both: (d) => params(d, { [USER_HEADER]: FROM_TOKEN }),
    mutate: (d) => void delete pets(d)["request_parameters"],
    blocking: ["identity-from-caller"],
    names: "GET /pets",
    check: [],
  },
  "identity-mapping-dropped-on-http": {
    env: "dev",
    description: "twin: the same mapping goes from a non-proxy HTTP integration: nothing reaches the backend under that name",
    both: (d) => {
      httpBackend(d);
      params(d, { [USER_HEADER]: FROM_TOKEN });
    },
    mutate: (d) => void delete pets(d)["request_parameters"],
    blocking: [],
    check: [],
  },
  "identity-new-caller-parameter": {
    env: "dev",
    description: "GET /pets (HTTP): a new query string userId mapped from the caller's, beside the header from the token",
    both: (d) => {
      httpBackend(d);
      params(d, { [USER_HEADER]: FROM_TOKEN });
    },
    mutate: (d) => params(d, { [USER_HEADER]: FROM_TOKEN, "integration.request.querystring.userId": "method.request.querystring.userId" }),
    blocking: ["identity-from-caller"],
    names: "querystring userId",
    check: [],
  },
  "identity-new-page-parameter": {
    env: "dev",
    description: "twin: a new query string page mapped from the caller's (no identity in it)",
    both: (d) => {
      httpBackend(d);
      params(d, { [USER_HEADER]: FROM_TOKEN });
    },
    mutate: (d) => params(d, { [USER_HEADER]: FROM_TOKEN, "integration.request.querystring.page": "method.request.querystring.page" }),
    blocking: [],
    check: [],
  },
  "identity-header-fixed-admin": {
    env: "dev",
    description: "GET /pets: X-User-Id becomes the literal 'admin' for every caller",
    both: (d) => params(d, { [USER_HEADER]: FROM_TOKEN }),
    mutate: (d) => params(d, { [USER_HEADER]: "'admin'" }),
    blocking: ["identity-mapping-changed"],
    names: "a fixed value ('admin')",
    check: [],
  },
  "identity-version-header-literal": {
    env: "dev",
    description: "twin: a literal X-Api-Version header changes from '1' to '2'",
    both: (d) => params(d, { [USER_HEADER]: FROM_TOKEN, "integration.request.header.X-Api-Version": "'1'" }),
    mutate: (d) => params(d, { [USER_HEADER]: FROM_TOKEN, "integration.request.header.X-Api-Version": "'2'" }),
    blocking: [],
    check: [],
  },
  "identity-template-from-caller": {
    env: "dev",
    description: "GET /pets (HTTP): the request template's userId taken from the caller's X-User-Id header instead of the token",
    both: templated("NEVER"),
    mutate: (d) => void (pets(d)["request_templates"] = { "application/json": TEMPLATE_FROM_TOKEN.replace(FROM_TOKEN, "input.params('X-User-Id')") }),
    blocking: ["identity-from-caller"],
    names: "body field userId",
    check: [],
  },
  "identity-template-other-field": {
    env: "dev",
    description: "twin: the template sends the caller's pet field only (userId still from the token)",
    both: templated("NEVER"),
    mutate: (d) => void (pets(d)["request_templates"] = { "application/json": TEMPLATE_FROM_TOKEN.replace("$input.json('$')", "$input.json('$.pet')") }),
    blocking: [],
    check: [],
  },
  "identity-template-with-logic": {
    env: "dev",
    description: "GET /pets (HTTP): the template gains VTL logic the review cannot read",
    both: templated("NEVER"),
    mutate: (d) =>
      void (pets(d)["request_templates"] = {
        "application/json": '#set($u = $input.params(\'X-User-Id\'))\n{"userId": "#if($u != "")$u#else$context.authorizer.claims.sub#end"}',
      }),
    blocking: ["identity-mapping-not-verified"],
    names: "request template application/json",
    check: [],
  },
  "identity-template-passthrough": {
    env: "dev",
    description: "GET /pets (HTTP): passthrough_behavior NEVER -> WHEN_NO_MATCH: a body of another content type reaches the backend as sent",
    both: templated("NEVER"),
    mutate: (d) => void (pets(d)["passthrough_behavior"] = "WHEN_NO_MATCH"),
    blocking: ["identity-from-caller"],
    names: "passthrough_behavior WHEN_NO_MATCH",
    check: [],
  },
  "identity-template-no-templates-passthrough": {
    env: "dev",
    description: "twin: NEVER -> WHEN_NO_TEMPLATES while a template exists: an unmatched content type is still refused",
    both: templated("NEVER"),
    mutate: (d) => void (pets(d)["passthrough_behavior"] = "WHEN_NO_TEMPLATES"),
    blocking: [],
    check: [],
  },
  "identity-http-api-overwrite-removed": {
    env: "dev",
    description: "orders HTTP API (HTTP proxy): the overwrite of x-user-id from the token goes; the caller's header passes through",
    both: withHttpApi({ "overwrite:header.x-user-id": "$context.authorizer.claims.sub" }),
    mutate: (d) => void delete v2Params(d)["overwrite:header.x-user-id"],
    blocking: ["identity-from-caller"],
    names: "GET /orders",
    check: [],
  },
  "identity-http-api-strip-removed": {
    env: "dev",
    description: "orders HTTP API: remove:header.x-tenant (which stripped the caller's header) goes",
    both: withHttpApi({ "remove:header.x-tenant": "''" }),
    mutate: (d) => void delete v2Params(d)["remove:header.x-tenant"],
    blocking: ["mapping-from-caller"],
    names: "header x-tenant now from the caller",
    check: [],
  },
  "identity-http-api-append-caller": {
    env: "dev",
    description: "orders HTTP API: append:header.x-user-id from the caller's header beside the overwrite from the token",
    both: withHttpApi({ "overwrite:header.x-user-id": "$context.authorizer.claims.sub" }),
    mutate: (d) => void (v2Params(d)["append:header.x-user-id"] = "$request.header.x-user-id"),
    blocking: ["identity-from-caller"],
    names: "GET /orders",
    check: [],
  },
  "identity-http-api-strip-instead": {
    env: "dev",
    description: "twin: the overwrite from the token becomes remove (the backend gets no x-user-id at all)",
    both: withHttpApi({ "overwrite:header.x-user-id": "$context.authorizer.claims.sub" }),
    mutate: (d) => {
      delete v2Params(d)["overwrite:header.x-user-id"];
      v2Params(d)["remove:header.x-user-id"] = "''";
    },
    blocking: [],
    check: [],
  },
  "identity-http-api-request-id": {
    env: "dev",
    description: "twin: a new overwrite:header.x-request-id from the request context",
    both: withHttpApi({ "overwrite:header.x-user-id": "$context.authorizer.claims.sub" }),
    mutate: (d) => void (v2Params(d)["overwrite:header.x-request-id"] = "$context.requestId"),
    blocking: [],
    check: [],
  },
  "identity-websocket-template-from-body": {
    env: "dev",
    description: "chat WebSocket API: the template's user taken from the message body instead of the connection's authorizer",
    both: withWebSocket("NEVER"),
    mutate: (d) => void (chat(d)["request_templates"] = { $default: "{\"user\": $input.json('$.user'), \"message\": $input.json('$.message')}" }),
    blocking: ["identity-from-caller"],
    names: "body field user",
    check: [],
  },
  "identity-websocket-passthrough": {
    env: "dev",
    description: "chat WebSocket API: passthrough_behavior NEVER -> WHEN_NO_MATCH (a message no template matches reaches the backend as sent)",
    both: withWebSocket("NEVER"),
    mutate: (d) => void (chat(d)["passthrough_behavior"] = "WHEN_NO_MATCH"),
    blocking: ["identity-from-caller"],
    names: "chat-ws sendmessage",
    check: [],
  },
  "identity-websocket-passthrough-narrowed": {
    env: "dev",
    description: "twin: chat WebSocket API: passthrough_behavior WHEN_NO_MATCH -> NEVER (narrowing)",
    both: withWebSocket("WHEN_NO_MATCH"),
    mutate: (d) => void (chat(d)["passthrough_behavior"] = "NEVER"),
    blocking: [],
    check: [],
  },
  "identity-route-moved-from-caller": {
    env: "dev",
    description: "GET /pets becomes PATCH /pets on the same integration, whose X-Customer header now comes from the caller",
    both: (d) => params(d, { "integration.request.header.X-Customer": FROM_TOKEN }),
    mutate: (d) => {
      params(d, { "integration.request.header.X-Customer": "method.request.header.X-Customer" });
      method(d, "GET", "/pets")["http_method"] = "PATCH";
    },
    blocking: ["identity-from-caller"],
    names: "header X-Customer now from the caller",
    check: ["method-matches-policy"],
  },
  "identity-route-moved-same-mapping": {
    env: "dev",
    description: "twin: GET /pets becomes PATCH /pets on the same integration, its X-Customer header still from the token",
    both: (d) => params(d, { "integration.request.header.X-Customer": FROM_TOKEN }),
    mutate: (d) => void (method(d, "GET", "/pets")["http_method"] = "PATCH"),
    blocking: [],
    // The policy intends GET /pets, not PATCH: the check says so; the review's route comparer judges the route itself.
    check: ["method-matches-policy"],
  },
  "identity-header-case-collision": {
    env: "dev",
    description: "GET /pets: a second mapping x-user-id (lower case) from the caller beside X-User-Id from the token",
    both: (d) => params(d, { [USER_HEADER]: FROM_TOKEN }),
    mutate: (d) => params(d, { [USER_HEADER]: FROM_TOKEN, "integration.request.header.x-user-id": "method.request.header.X-User-Id" }),
    blocking: ["identity-from-caller"],
    names: "now from the caller (method.request.header.X-User-Id)",
    check: [],
  },
  "identity-dynamodb-owner-from-caller": {
    env: "dev",
    description: "GET /pets (DynamoDB GetItem): the item's owner key taken from the caller's query string instead of the token",
    both: dynamo,
    mutate: (d) => dynamoTemplate(d, DYNAMO_TEMPLATE.replace("$context.authorizer.claims.sub", "$input.params('owner')")),
    blocking: ["identity-from-caller"],
    names: "body field Key.owner.S now from the caller",
    check: [],
  },
  "identity-dynamodb-pet-parameter": {
    env: "dev",
    description: "twin: the item's petId taken from another caller parameter (the owner still from the token)",
    both: dynamo,
    mutate: (d) => dynamoTemplate(d, DYNAMO_TEMPLATE.replace("$input.params('petId')", "$input.params('id')")),
    blocking: [],
    check: [],
  },
};
