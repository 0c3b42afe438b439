// HTTP API routes in the authorization review: the petstore dev synth (the real sample) with the orders HTTP API
// beside it as the base, and the same document with one pull-request edit as the head. Each widening blocks
// naming the route; its harmless twin passes.
import { modelFromDocument } from "../../../../guard/load";
import { diffModels } from "../../../../guard/review/diff";
import { synth, type Doc as SynthDoc } from "../../review/fixtures/pairs";
import { block, ordersHttp, route, type Doc } from "./fixture";

/** The real dev synth plus the orders HTTP API. */
function withHttpApi(): Doc {
  const doc = synth("dev") as unknown as Doc;
  for (const [type, byName] of Object.entries(ordersHttp().resource)) doc.resource[type] = { ...(doc.resource[type] ?? {}), ...byName };
  return doc;
}

function review(edit: (head: Doc) => void, editBase: (base: Doc) => void = () => undefined) {
  const base = withHttpApi();
  editBase(base);
  const head = JSON.parse(JSON.stringify(base)) as Doc;
  edit(head);
  const r = diffModels(modelFromDocument(base, "base.cdk.tf.json"), modelFromDocument(head, "head.cdk.tf.json"));
  return r.changes.filter((c) => c.severity === "blocking").map((c) => [c.kind, c.subject]);
}

const jwt = (doc: Doc) => block(doc, "aws_apigatewayv2_authorizer", "jwt")["jwt_configuration"] as Record<string, unknown>;
// Sanity: the merged document really holds both APIs (the synth is untouched otherwise).
test("GIVEN the base THEN it has the petstore REST API and the orders HTTP API", () => {
  const m = modelFromDocument(withHttpApi() as unknown as SynthDoc, "base.cdk.tf.json");
  expect(m.apis.map((a) => [a.name, a.protocol ?? "REST"]).sort()).toEqual([
    ["orders-http", "HTTP"],
    ["petstore-dev", "REST"],
  ]);
});

describe("GIVEN a v2 route downgrade WHEN reviewed THEN it blocks naming the route", () => {
  test("JWT -> NONE", () => {
    expect(
      review((h) => Object.assign(route(h, "GET /orders"), { authorization_type: "NONE", authorizer_id: undefined, authorization_scopes: undefined })),
    ).toEqual([["auth-removed", "orders-http GET /orders"]]);
  });

  test("authorization_type dropped, authorizer_id kept (omitted means NONE)", () => {
    expect(review((h) => delete route(h, "POST /orders")["authorization_type"])).toEqual([["auth-removed", "orders-http POST /orders"]]);
  });

  test("scopes dropped: any token of the issuer for the audience passes", () => {
    expect(review((h) => delete route(h, "GET /orders/{orderId}")["authorization_scopes"])).toEqual([
      ["scope-requirement-removed", "orders-http GET /orders/{orderId}"],
    ]);
  });

  test("authorizer swapped: JWT -> the Lambda REQUEST authorizer", () => {
    expect(
      review((h) =>
        Object.assign(route(h, "GET /orders"), {
          authorization_type: "CUSTOM",
          authorizer_id: "${aws_apigatewayv2_authorizer.lambda.id}",
          authorization_scopes: undefined,
        }),
      ),
    ).toEqual([["authorizer-weaker", "orders-http GET /orders"]]);
  });

  test("the JWT issuer moved to another host with the same pool id in its URL", () => {
    const kinds = review((h) => (jwt(h)["issuer"] = "https://login.example.com/${aws_cognito_user_pool.users.id}"));
    expect(kinds).toContainEqual(["authorizer-pool-changed", "orders-http GET /orders"]);
    expect(new Set(kinds.map(([k]) => k))).toEqual(new Set(["authorizer-pool-changed"]));
  });

  test("the JWT audience widened to another client", () => {
    const kinds = review((h) => {
      h.resource["aws_cognito_user_pool_client"]["partner"] = { name: "orders-partner", user_pool_id: "${aws_cognito_user_pool.users.id}" };
      jwt(h)["audience"] = ["${aws_cognito_user_pool_client.web.id}", "${aws_cognito_user_pool_client.partner.id}"];
    });
    expect(kinds).toContainEqual(["jwt-audience-widened", "orders-http $default"]);
    expect(kinds).toContainEqual(["jwt-audience-widened", "orders-http GET /orders"]);
  });

  test("$default JWT -> NONE: an open door for every request no other route matches", () => {
    expect(review((h) => Object.assign(route(h, "$default"), { authorization_type: "NONE", authorizer_id: undefined }))).toEqual([
      ["auth-removed", "orders-http $default"],
    ]);
  });

  test("a new NONE $default beside protected routes blocks as a new public route and a weaker door to their backend, not as a downgrade of them", () => {
    const kinds = review(
      () => undefined,
      (b) => delete b.resource["aws_apigatewayv2_route"]["default"],
    );
    expect(kinds).toEqual([]);
    expect(
      review(
        (h) =>
          (h.resource["aws_apigatewayv2_route"]["default"] = {
            api_id: "${aws_apigatewayv2_api.orders.id}",
            route_key: "$default",
            target: "integrations/${aws_apigatewayv2_integration.backend.id}",
          }),
        (b) => delete b.resource["aws_apigatewayv2_route"]["default"],
      ),
    ).toEqual([
      ["new-public-route", "orders-http $default"],
      // The same backend was reached only through protected routes: a weaker door to it (guard/review/compare/doors.ts).
      ["door-weaker-route", "backend `orders-http-backend`"],
    ]);
  });

  test("a new role may invoke the IAM route", () => {
    const kinds = review((h) => {
      h.resource["aws_iam_role_policy"]["intern"] = {
        name: "intern",
        role: "${aws_iam_role.lambda.id}",
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: "${aws_apigatewayv2_api.orders.execution_arn}/*/GET/admin/*" }],
        }),
      };
    });
    expect(kinds).toContainEqual(["invoker-added", "orders-http GET /admin/{proxy+}"]);
  });
});

describe("GIVEN a harmless twin WHEN reviewed THEN nothing blocks", () => {
  // A lowered throttle stays quiet; a raised one blocks (attribute-widened, see the classification).
  test("throttling lowered on the stage", () => {
    expect(
      review((h) => (block(h, "aws_apigatewayv2_stage", "prod")["default_route_settings"] = { throttling_rate_limit: 50, throttling_burst_limit: 25 })),
    ).toEqual([]);
  });

  test("a scope removed from a route that keeps another (narrower)", () => {
    expect(
      review(
        (h) => (route(h, "GET /orders")["authorization_scopes"] = ["orders/read"]),
        (b) => (route(b, "GET /orders")["authorization_scopes"] = ["orders/read", "orders/write"]),
      ),
    ).toEqual([]);
  });

  test("the JWT authorizer's construct renamed, same issuer and audience", () => {
    expect(
      review((h) => {
        const a = h.resource["aws_apigatewayv2_authorizer"];
        a["cognito"] = a["jwt"];
        delete a["jwt"];
        for (const r of Object.values(h.resource["aws_apigatewayv2_route"]))
          if (r["authorizer_id"] === "${aws_apigatewayv2_authorizer.jwt.id}") r["authorizer_id"] = "${aws_apigatewayv2_authorizer.cognito.id}";
      }),
    ).toEqual([]);
  });
});
