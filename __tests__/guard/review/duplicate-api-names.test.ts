// Two REST APIs may share a name (API Gateway allows it): the review must not let one hide the other's routes.
import { modelFromDocument } from "../../../guard/load";
import { diffModels } from "../../../guard/review/diff";

const api = (name: string) => ({ name });
const method = (apiRef: string, authorization: string) => ({
  rest_api_id: `\${aws_api_gateway_rest_api.${apiRef}.id}`,
  resource_id: `\${aws_api_gateway_rest_api.${apiRef}.root_resource_id}`,
  http_method: "GET",
  authorization,
  ...(authorization === "AWS_IAM" ? {} : {}),
});
const doc = (bAuth: string) => ({
  resource: {
    aws_api_gateway_rest_api: { b: api("svc"), a: api("svc") },
    aws_api_gateway_method: { b: method("b", bAuth), a: method("a", "AWS_IAM") },
  },
});

test("GIVEN two APIs with the same name WHEN one API's GET / goes from AWS_IAM to NONE THEN it is a blocking downgrade", () => {
  // GIVEN the same name for both APIs; the changed one is listed first (it was hidden behind the other before)
  const r = diffModels(modelFromDocument(doc("AWS_IAM"), "base.cdk.tf.json"), modelFromDocument(doc("NONE"), "head.cdk.tf.json"));
  // THEN both routes are reported, and the weakened one blocks
  expect(r.routes).toHaveLength(2);
  expect(r.changes.filter((c) => c.severity === "blocking").map((c) => c.kind)).toContain("auth-removed");
});
