// HTTP APIs (API Gateway v2) in the policy check: every rule that applies to REST methods covers v2 routes, and
// the v2 traps have their own findings. Each noncompliance is an edit of the compliant fixture; its twin passes.
import { parsePolicyDocument } from "../../../../guard/policy/parse";
import type { PolicySet } from "../../../../guard/policy/types";
import { NO_POLICY, block, check, ofRule, ordersHttp, route, type Doc } from "./fixture";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { POLICY_FILE } from "./fixture";

const policyWith = (edit: (raw: Record<string, unknown>) => void): PolicySet => {
  const raw = parse(readFileSync(POLICY_FILE, "utf8")) as Record<string, unknown>;
  edit(raw);
  const { policy, problems } = parsePolicyDocument(raw, "edited.policy.yaml");
  if (policy === undefined) throw new Error(JSON.stringify(problems));
  return { policies: [policy] };
};

describe("GIVEN the compliant HTTP API fixture", () => {
  test("WHEN checked with its policy THEN every rule passes (Compliance)", () => {
    expect(check(ordersHttp())).toEqual([]);
  });
});

describe("rule no-open-method on HTTP API routes", () => {
  test("Noncompliance 1: GET /orders opened (authorization_type NONE) is reported naming the route", () => {
    const doc = ordersHttp();
    Object.assign(route(doc, "GET /orders"), { authorization_type: "NONE", authorizer_id: undefined, authorization_scopes: undefined });
    const f = ofRule(check(doc), "no-open-method");
    expect(f.map((x) => [x.route, x.api])).toEqual([["GET /orders", "orders-http"]]);
  });

  test("Noncompliance 2: a NONE $default beside protected routes is an open door for every other request", () => {
    const doc = ordersHttp();
    const d = route(doc, "$default");
    delete d["authorization_type"];
    delete d["authorizer_id"];
    expect(ofRule(check(doc), "no-open-method").map((x) => x.route)).toEqual(["$default"]);
    expect(ofRule(check(doc, NO_POLICY), "no-open-method").map((x) => x.route)).toEqual(["$default"]);
  });

  test("Compliance: an open route the policy marks NONE with a reason passes", () => {
    const doc = ordersHttp();
    Object.assign(route(doc, "GET /orders"), { authorization_type: "NONE", authorizer_id: undefined, authorization_scopes: undefined });
    const policies = policyWith(
      (raw) => ((raw["routes"] as Record<string, unknown>)["GET /orders"] = { type: "NONE", reason: "public catalogue of order states" }),
    );
    expect(check(doc, policies)).toEqual([]);
  });
});

describe("CORS preflight on an HTTP API (built-in cors_configuration)", () => {
  const withOptions = (): Doc => {
    const doc = ordersHttp();
    doc.resource["aws_apigatewayv2_route"]["preflight"] = {
      api_id: "${aws_apigatewayv2_api.orders.id}",
      route_key: "OPTIONS /orders",
      target: "integrations/${aws_apigatewayv2_integration.backend.id}",
    };
    return doc;
  };

  test("Compliance: with cors_configuration and no policy, an open OPTIONS route is a preflight, not an open door", () => {
    expect(ofRule(check(withOptions(), NO_POLICY), "no-open-method")).toEqual([]);
  });

  test("Noncompliance: without cors_configuration the same OPTIONS route is open", () => {
    const doc = withOptions();
    delete block(doc, "aws_apigatewayv2_api", "orders")["cors_configuration"];
    expect(ofRule(check(doc, NO_POLICY), "no-open-method").map((f) => f.route)).toEqual(["OPTIONS /orders"]);
  });

  test("with a policy, as for REST: reported until the policy lists the path in corsPreflight", () => {
    expect(ofRule(check(withOptions()), "no-open-method").map((f) => f.route)).toEqual(["OPTIONS /orders"]);
    const listed = policyWith((raw) => (raw["corsPreflight"] = ["/orders"]));
    expect(check(withOptions(), listed)).toEqual([]);
  });

  test("a policy's corsPreflight needs no OPTIONS route on an HTTP API with built-in CORS", () => {
    expect(
      check(
        ordersHttp(),
        policyWith((raw) => (raw["corsPreflight"] = ["/orders"])),
      ),
    ).toEqual([]);
  });
});

describe("rule http-route-authorizer-ignored", () => {
  test("Noncompliance 1: authorizer_id with authorization_type omitted (means NONE) is critical and names the route", () => {
    const doc = ordersHttp();
    delete route(doc, "GET /orders")["authorization_type"];
    const f = ofRule(check(doc), "http-route-authorizer-ignored");
    expect(f.map((x) => [x.severity, x.route])).toEqual([["critical", "GET /orders"]]);
    expect(f[0].message).toMatch(/omitted, which means NONE/);
    // And the route is open, whatever the authorizer_id suggests.
    expect(ofRule(check(doc), "no-open-method").map((x) => x.route)).toEqual(["GET /orders"]);
  });

  test("Noncompliance 2: authorizer_id with authorization_type NONE spelled out", () => {
    const doc = ordersHttp();
    route(doc, "GET /reports")["authorization_type"] = "NONE";
    expect(ofRule(check(doc), "http-route-authorizer-ignored").map((x) => x.route)).toEqual(["GET /reports"]);
  });

  test("Compliance: the fixture's JWT and CUSTOM routes name their authorizer by type", () => {
    expect(ofRule(check(ordersHttp()), "http-route-authorizer-ignored")).toEqual([]);
  });
});

describe("rule api-key-is-not-authentication on a WebSocket $connect", () => {
  const websocket = (apiKey: boolean, authorization: string): Doc => {
    const doc = ordersHttp();
    doc.resource["aws_apigatewayv2_api"]["ws"] = {
      name: "orders-ws",
      protocol_type: "WEBSOCKET",
      route_selection_expression: "$request.body.action",
      disable_execute_api_endpoint: true,
    };
    doc.resource["aws_apigatewayv2_route"]["ws_connect"] = {
      api_id: "${aws_apigatewayv2_api.ws.id}",
      route_key: "$connect",
      authorization_type: authorization,
      api_key_required: apiKey,
    };
    doc.resource["aws_apigatewayv2_route"]["ws_message"] = { api_id: "${aws_apigatewayv2_api.ws.id}", route_key: "sendMessage" };
    return doc;
  };
  const wsPolicy = (entry: Record<string, unknown>): PolicySet => {
    const { policy } = parsePolicyDocument({ api: "orders-ws", routes: { $connect: entry } }, "ws.policy.yaml");
    return { policies: [...policyWith(() => undefined).policies, policy as NonNullable<typeof policy>] };
  };

  test("Noncompliance: $connect with an API key alone and no metering reason", () => {
    const f = check(websocket(true, "NONE"), wsPolicy({ type: "AWS_IAM" }));
    expect(ofRule(f, "api-key-is-not-authentication").map((x) => x.route)).toEqual(["$connect"]);
  });

  test("Compliance: $connect with AWS_IAM; the message route runs on the authorized connection, with its authorization", () => {
    const f = check(websocket(false, "AWS_IAM"), wsPolicy({ type: "AWS_IAM" }));
    expect(f.filter((x) => x.api === "orders-ws" && x.rule !== "method-matches-policy")).toEqual([]);
    // The policy names only $connect: the message route is a route of its own the policy must list.
    expect(ofRule(f, "method-matches-policy").map((x) => x.route)).toEqual(["sendMessage"]);
  });
});

describe("rule cognito-scopes-exist on JWT routes whose issuer is a pool of the configuration", () => {
  test("Noncompliance: a misspelt scope", () => {
    const doc = ordersHttp();
    route(doc, "GET /orders")["authorization_scopes"] = ["orders/raed"];
    const f = ofRule(check(doc), "cognito-scopes-exist");
    expect(f.map((x) => x.route)).toEqual(["GET /orders"]);
    expect(f[0].message).toMatch(/orders\/raed/);
  });

  test("Compliance: the fixture's scopes exist on the resource server", () => {
    expect(ofRule(check(ordersHttp()), "cognito-scopes-exist")).toEqual([]);
  });
});

describe("rule authorizer-exists on HTTP API routes", () => {
  test("Noncompliance: a JWT route pointing at the Lambda REQUEST authorizer", () => {
    const doc = ordersHttp();
    route(doc, "GET /orders")["authorizer_id"] = "${aws_apigatewayv2_authorizer.lambda.id}";
    expect(ofRule(check(doc), "authorizer-exists").map((x) => x.route)).toEqual(["GET /orders"]);
  });

  test("Compliance: JWT -> JWT authorizer, CUSTOM -> REQUEST authorizer", () => {
    expect(ofRule(check(ordersHttp()), "authorizer-exists")).toEqual([]);
  });
});

describe("rule authorizer-identity-source on a v2 REQUEST authorizer", () => {
  test("Noncompliance: caching keyed on a tenant header only leaves out the credential (critical)", () => {
    const doc = ordersHttp();
    block(doc, "aws_apigatewayv2_authorizer", "lambda")["identity_sources"] = ["$request.header.X-Tenant"];
    const f = ofRule(check(doc), "authorizer-identity-source");
    expect(f.map((x) => x.severity)).toEqual(["critical"]);
    expect(f[0].message).toMatch(/leaves out the credential/);
  });

  test("Noncompliance: TTL unset means API Gateway's default cache (300 s), judged the same", () => {
    const doc = ordersHttp();
    const a = block(doc, "aws_apigatewayv2_authorizer", "lambda");
    a["identity_sources"] = ["$request.header.X-Tenant"];
    delete a["authorizer_result_ttl_in_seconds"];
    expect(ofRule(check(doc), "authorizer-identity-source").map((x) => x.severity)).toEqual(["critical"]);
  });

  test("Compliance: the same identity sources with caching off", () => {
    const doc = ordersHttp();
    const a = block(doc, "aws_apigatewayv2_authorizer", "lambda");
    a["identity_sources"] = ["$request.header.X-Tenant"];
    a["authorizer_result_ttl_in_seconds"] = 0;
    expect(ofRule(check(doc), "authorizer-identity-source")).toEqual([]);
  });
});

describe("rule jwt-authorizer-issuer-known", () => {
  const jwt = (doc: Doc) => block(doc, "aws_apigatewayv2_authorizer", "jwt")["jwt_configuration"] as Record<string, unknown>;

  test("Noncompliance 1: the pool's id inside another host's URL is another issuer", () => {
    const doc = ordersHttp();
    jwt(doc)["issuer"] = "https://login.example.com/${aws_cognito_user_pool.users.id}";
    const f = ofRule(check(doc), "jwt-authorizer-issuer-known");
    expect(f.map((x) => x.severity)).toEqual(["high"]);
    expect(f[0].message).toMatch(/login\.example\.com.*no user pool of this configuration/);
  });

  test("Noncompliance 2: a literal pool outside the configuration (another account's)", () => {
    const doc = ordersHttp();
    jwt(doc)["issuer"] = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Attacker1";
    expect(ofRule(check(doc), "jwt-authorizer-issuer-known")).toHaveLength(1);
    // Its scopes are not judged against this configuration's resource servers.
    expect(ofRule(check(doc), "cognito-scopes-exist")).toEqual([]);
  });

  test("Noncompliance 3: an audience that is no app client of the pool", () => {
    const doc = ordersHttp();
    jwt(doc)["audience"] = ["${aws_cognito_user_pool_client.web.id}", "4f1bq0example0client"];
    const f = ofRule(check(doc), "jwt-authorizer-issuer-known");
    expect(f.map((x) => x.message)).toEqual([expect.stringMatching(/audience 4f1bq0example0client is no app client/)]);
  });

  test("Compliance: issuer https://cognito-idp.<region>.amazonaws.com/${pool.id}, audience the pool's client", () => {
    expect(ofRule(check(ordersHttp()), "jwt-authorizer-issuer-known")).toEqual([]);
  });
});

describe("rule http-api-waf", () => {
  test("Noncompliance 1: the default execute-api endpoint enabled and nothing in front", () => {
    const doc = ordersHttp();
    delete block(doc, "aws_apigatewayv2_api", "orders")["disable_execute_api_endpoint"];
    const f = ofRule(check(doc), "http-api-waf");
    expect(f.map((x) => [x.severity, x.api])).toEqual([["high", "orders-http"]]);
  });

  test("Noncompliance 2: CloudFront + WAF in front, but the endpoint still lets callers go around it", () => {
    const doc = ordersHttp();
    delete block(doc, "aws_apigatewayv2_api", "orders")["disable_execute_api_endpoint"];
    doc.resource["aws_cloudfront_distribution"] = {
      cdn: {
        enabled: true,
        web_acl_id: "${aws_wafv2_web_acl.edge.arn}",
        origin: [{ origin_id: "api", domain_name: '${replace(aws_apigatewayv2_api.orders.api_endpoint, "https://", "")}' }],
      },
    };
    expect(ofRule(check(doc), "http-api-waf").map((x) => x.severity)).toEqual(["medium"]);
  });

  test("Compliance: disable_execute_api_endpoint = true", () => {
    expect(ofRule(check(ordersHttp()), "http-api-waf")).toEqual([]);
  });
});

describe("rule execute-api-invoke-scoped on v2 execute-api ARNs", () => {
  test("Noncompliance: Invoke on the whole HTTP API", () => {
    const doc = ordersHttp();
    block(doc, "aws_iam_role_policy", "ops_invoke")["policy"] = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: "${aws_apigatewayv2_api.orders.execution_arn}/*" }],
    });
    expect(ofRule(check(doc), "execute-api-invoke-scoped").map((x) => x.message)).toEqual([expect.stringMatching(/covers a whole API/)]);
  });

  test("Compliance: Invoke on <api>/<stage>/GET/admin/*", () => {
    expect(ofRule(check(ordersHttp()), "execute-api-invoke-scoped")).toEqual([]);
  });
});

describe("rule method-matches-policy on HTTP API routes", () => {
  test("Noncompliance 1: scopes widened on POST /orders", () => {
    const doc = ordersHttp();
    route(doc, "POST /orders")["authorization_scopes"] = ["orders/write", "orders/read"];
    expect(ofRule(check(doc), "method-matches-policy").map((x) => x.route)).toEqual(["POST /orders"]);
  });

  test("Noncompliance 2: the IAM route's grant removed from the ops role", () => {
    const doc = ordersHttp();
    delete doc.resource["aws_iam_role_policy"];
    expect(ofRule(check(doc), "method-matches-policy").map((x) => x.message)).toEqual([expect.stringMatching(/no role matching orders-ops may invoke it/)]);
  });

  test("Noncompliance 3: a $default the policy does not list", () => {
    const f = ofRule(
      check(
        ordersHttp(),
        policyWith((raw) => delete (raw["routes"] as Record<string, unknown>)["$default"]),
      ),
      "method-matches-policy",
    );
    expect(f.map((x) => x.route)).toEqual(["$default"]);
  });

  test("Compliance: the policy addresses the v2 API by name and its routes by key, JWT as COGNITO", () => {
    expect(ofRule(check(ordersHttp()), "method-matches-policy")).toEqual([]);
  });
});

describe("rule stage-access-logs on an HTTP API stage", () => {
  test("Noncompliance: no access_log_settings", () => {
    const doc = ordersHttp();
    delete block(doc, "aws_apigatewayv2_stage", "prod")["access_log_settings"];
    expect(ofRule(check(doc), "stage-access-logs").map((x) => [x.address, x.api])).toEqual([["aws_apigatewayv2_stage.prod", "orders-http"]]);
  });

  test("Compliance: access logs with destination and format", () => {
    expect(ofRule(check(ordersHttp()), "stage-access-logs")).toEqual([]);
  });
});
