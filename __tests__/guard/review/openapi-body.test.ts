// Operations declared in an OpenAPI `body` are routes of the review like method resources: a change to one
// operation's security shows as that route's change; only a body the review cannot read blocks as a whole.
import { modelFromDocument } from "../../../guard/load";
import { diffModels } from "../../../guard/review/diff";

const cognito = {
  type: "apiKey",
  name: "Authorization",
  in: "header",
  "x-amazon-apigateway-authtype": "cognito_user_pools",
  "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: ["${aws_cognito_user_pool.pool.arn}"] },
};
const spec = (security: boolean) =>
  JSON.stringify({
    openapi: "3.0.1",
    info: { title: "svc", version: "1" },
    paths: { "/pets": { get: { security: security ? [{ cognito: [] }] : [], "x-amazon-apigateway-integration": { type: "mock" } } } },
    components: { securitySchemes: { cognito } },
  });
const doc = (body: string) => ({ resource: { aws_cognito_user_pool: { pool: { name: "users" } }, aws_api_gateway_rest_api: { api: { name: "svc", body } } } });

test("GIVEN an OpenAPI body whose GET /pets loses its security WHEN reviewed THEN a blocking change names the route", () => {
  const r = diffModels(modelFromDocument(doc(spec(true)), "base.cdk.tf.json"), modelFromDocument(doc(spec(false)), "head.cdk.tf.json"));
  const blocking = r.changes.filter((c) => c.severity === "blocking");
  expect(blocking.map((c) => c.kind)).toEqual(["auth-removed"]);
  expect(blocking[0].subject).toBe("svc GET /pets");
  expect(r.unacknowledgedBlocking).toBe(1);
});

test("GIVEN the same OpenAPI body on both sides WHEN reviewed THEN nothing blocks", () => {
  const r = diffModels(modelFromDocument(doc(spec(true)), "base.cdk.tf.json"), modelFromDocument(doc(spec(true)), "head.cdk.tf.json"));
  expect(r.blocking).toBe(0);
});

test("GIVEN a body known only after apply in the head WHEN reviewed THEN it blocks naming the API", () => {
  const r = diffModels(modelFromDocument(doc(spec(true)), "base.cdk.tf.json"), modelFromDocument(doc('${templatefile("api.yaml", {})}'), "head.cdk.tf.json"));
  // Its routes vanish from view as well (api-removed when the body held all of them): both block.
  const body = r.changes.filter((c) => c.severity === "blocking" && c.kind === "openapi-body-unverifiable");
  expect(body.map((c) => c.subject)).toEqual(["svc"]);
  expect(body[0].message).toContain("known only after apply");
});
