// Methods declared in a REST API's OpenAPI `body` are not Terraform resources: the review cannot see their
// authorization, so a change to the body must block (to be acknowledged) instead of showing as "no change".
import { modelFromDocument } from "../../guard/load";
import { diffModels } from "../../guard/review/diff";

const spec = (security: boolean) =>
  JSON.stringify({
    openapi: "3.0.1",
    info: { title: "svc", version: "1" },
    paths: { "/pets": { get: { ...(security ? { security: [{ cognito: [] }] } : {}), "x-amazon-apigateway-integration": { type: "mock" } } } },
  });
const doc = (body: string) => ({ resource: { aws_api_gateway_rest_api: { api: { name: "svc", body } } } });

test("GIVEN an OpenAPI body whose GET /pets loses its security WHEN reviewed THEN a blocking change names the API", () => {
  const r = diffModels(modelFromDocument(doc(spec(true)), "base.cdk.tf.json"), modelFromDocument(doc(spec(false)), "head.cdk.tf.json"));
  const blocking = r.changes.filter((c) => c.severity === "blocking");
  expect(blocking.map((c) => c.kind)).toEqual(["openapi-body-changed"]);
  expect(blocking[0].subject).toContain("svc");
  expect(r.unacknowledgedBlocking).toBe(1);
});

test("GIVEN the same OpenAPI body on both sides WHEN reviewed THEN nothing blocks", () => {
  const r = diffModels(modelFromDocument(doc(spec(true)), "base.cdk.tf.json"), modelFromDocument(doc(spec(true)), "head.cdk.tf.json"));
  expect(r.blocking).toBe(0);
});

test("GIVEN a body known only after apply in the head WHEN reviewed THEN it blocks", () => {
  const r = diffModels(modelFromDocument(doc(spec(true)), "base.cdk.tf.json"), modelFromDocument(doc("${templatefile(\"api.yaml\", {})}"), "head.cdk.tf.json"));
  expect(r.changes.filter((c) => c.severity === "blocking").map((c) => c.kind)).toEqual(["openapi-body-changed"]);
});
