// Rule user-pool-self-sign-up: open sign-up on a pool whose tokens authorize routes, judged by what a self-registered
// user can then call (routes without scopes, or scopes a user-facing client hands out) - on cdk.tf.json and a real plan.
import { join } from "node:path";
import { loadModel, modelFromDocument } from "../../../../guard/load";
import { UserPoolSelfSignUp } from "../../../../guard/rules/cognito/user-pool-self-sign-up";

type Resources = Record<string, Record<string, Record<string, unknown>>>;
const NO_POLICIES = { policies: [] };

/** A REST API with one COGNITO_USER_POOLS method on GET /, its pool and app clients as given. */
function rest(pool: Record<string, unknown>, method: Record<string, unknown> = {}, clients: Record<string, Record<string, unknown>> = {}): Resources {
  return {
    aws_cognito_user_pool: { users: { name: "users", ...pool } },
    aws_cognito_user_pool_client: Object.fromEntries(
      Object.entries(clients).map(([k, c]) => [k, { name: k, user_pool_id: "${aws_cognito_user_pool.users.id}", ...c }]),
    ),
    aws_api_gateway_rest_api: { api: { name: "orders" } },
    aws_api_gateway_authorizer: {
      users: {
        name: "users",
        rest_api_id: "${aws_api_gateway_rest_api.api.id}",
        type: "COGNITO_USER_POOLS",
        provider_arns: ["${aws_cognito_user_pool.users.arn}"],
      },
    },
    aws_api_gateway_method: {
      list: {
        rest_api_id: "${aws_api_gateway_rest_api.api.id}",
        resource_id: "${aws_api_gateway_rest_api.api.root_resource_id}",
        http_method: "GET",
        authorization: "COGNITO_USER_POOLS",
        authorizer_id: "${aws_api_gateway_authorizer.users.id}",
        ...method,
      },
    },
  };
}

const judge = (resource: Resources) => UserPoolSelfSignUp.check(modelFromDocument({ resource }, "main.tf.json"), NO_POLICIES);

describe("user-pool-self-sign-up", () => {
  test("GIVEN sign-up left at its default and an ID-token route (no scopes) WHEN checked THEN high: anyone registers and calls it", () => {
    const [f, ...rest2] = judge(rest({}));
    expect(rest2).toEqual([]);
    expect(f.address).toBe("aws_cognito_user_pool.users");
    expect(f.severity).toBeUndefined(); // the rule's own: high
    expect(UserPoolSelfSignUp.severity).toBe("high");
    expect(f.message).toBe(
      'user pool "users": self sign-up is open (admin_create_user_config.allow_admin_create_user_only is not true): anyone can register and call orders GET /',
    );
  });

  test("GIVEN allow_admin_create_user_only = true WHEN checked THEN quiet", () => {
    expect(judge(rest({ admin_create_user_config: { allow_admin_create_user_only: true } }))).toEqual([]);
  });

  test("GIVEN open sign-up on a pool no route trusts WHEN checked THEN quiet: its tokens open nothing", () => {
    const r = rest({});
    delete r["aws_api_gateway_method"];
    delete r["aws_api_gateway_authorizer"];
    expect(judge(r)).toEqual([]);
  });

  test("GIVEN a scoped route whose scope only a client_credentials client can request WHEN checked THEN medium", () => {
    const findings = judge(
      rest(
        {},
        { authorization_scopes: ["orders/read"] },
        { machine: { allowed_oauth_flows_user_pool_client: true, allowed_oauth_flows: ["client_credentials"], allowed_oauth_scopes: ["orders/read"] } },
      ),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe("medium");
    expect(findings[0].message).toContain("need scopes no client hands to signed-in users");
  });

  test("GIVEN the same scope also handed out by a client with the code flow WHEN checked THEN high: a registered user signs in and gets it", () => {
    const findings = judge(
      rest(
        {},
        { authorization_scopes: ["orders/read"] },
        { web: { allowed_oauth_flows_user_pool_client: true, allowed_oauth_flows: ["code"], allowed_oauth_scopes: ["orders/read", "openid"] } },
      ),
    );
    expect(findings.map((f) => f.severity)).toEqual([undefined]);
  });

  test("GIVEN allow_admin_create_user_only known only after apply WHEN checked THEN reported as possibly open, never passed", () => {
    const [f] = judge(rest({ admin_create_user_config: { allow_admin_create_user_only: "${var.admin_only}" } }));
    expect(f.message).toMatch(
      /self sign-up may be open \(admin_create_user_config\.allow_admin_create_user_only is \(known after apply: \$\{var\.admin_only\}\)\)/,
    );
  });

  test("GIVEN an HTTP API route whose JWT authorizer's issuer is the pool WHEN sign-up is open THEN high", () => {
    const resource: Resources = {
      aws_cognito_user_pool: { users: { name: "users" } },
      aws_cognito_user_pool_client: { web: { name: "web", user_pool_id: "${aws_cognito_user_pool.users.id}" } },
      aws_apigatewayv2_api: { api: { name: "orders-http", protocol_type: "HTTP" } },
      aws_apigatewayv2_authorizer: {
        jwt: {
          api_id: "${aws_apigatewayv2_api.api.id}",
          name: "jwt",
          authorizer_type: "JWT",
          identity_sources: ["$request.header.Authorization"],
          jwt_configuration: { issuer: "https://${aws_cognito_user_pool.users.endpoint}", audience: ["${aws_cognito_user_pool_client.web.id}"] },
        },
      },
      aws_apigatewayv2_route: {
        list: {
          api_id: "${aws_apigatewayv2_api.api.id}",
          route_key: "GET /orders",
          authorization_type: "JWT",
          authorizer_id: "${aws_apigatewayv2_authorizer.jwt.id}",
        },
      },
    };
    const findings = judge(resource);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain("anyone can register and call orders-http GET /orders");
  });

  test("GIVEN a real terraform plan of a pool left at the defaults behind a Cognito authorizer WHEN checked THEN high", () => {
    const model = loadModel(join(__dirname, "..", "fixtures", "first-run-plan", "plan.json"));
    const findings = UserPoolSelfSignUp.check(model, NO_POLICIES);
    expect(findings.map((f) => [f.address, f.severity])).toEqual([["aws_cognito_user_pool.users", undefined]]);
    expect(UserPoolSelfSignUp.subjects?.(model, NO_POLICIES).map((s) => s.address)).toEqual(["aws_cognito_user_pool.users"]);
  });
});
