// Routes reachable only through a custom domain with mutual TLS (the corpus's terraform-aws-modules complete-http
// example): a NONE route is open to holders of a client certificate from the domain's truststore, not to anyone,
// but ONLY when the default execute-api endpoint is disabled and every way in requires the certificate. Each edit
// that reopens a way around the mTLS (the endpoint left on or unknown, a second domain without mTLS, a CloudFront
// distribution, an unreadable mTLS block, a mapping naming no API) brings back "open to anyone". Terraform JSON
// written here, in the shape of the corpus project (HTTP API) and of its REST twin.
import { doorsOf } from "../../../guard/access/doors";
import { callersOf } from "../../../guard/access/resource-policy";
import { draftPolicies } from "../../../guard/draft-policies";
import { modelFromDocument } from "../../../guard/load";
import type { Model } from "../../../guard/model";
import { diffModels } from "../../../guard/review/diff";
import { HttpApiWaf } from "../../../guard/rules/waf/http-api-waf";
import { NoOpenMethod } from "../../../guard/rules/access/no-open-method";

type Json = Record<string, unknown>;
type Doc = { resource: Record<string, Record<string, Json>> };

const TRUSTSTORE = "s3://orders-ca/truststore.pem";

/** An HTTP API whose only way in is an mTLS custom domain; `edit` breaks it one way. */
function httpApi(edit: (d: Doc) => void = () => undefined): Doc {
  const d: Doc = {
    resource: {
      aws_lambda_function: {
        fn: { function_name: "orders-jobs", role: "arn:aws:iam::123456789012:role/jobs", runtime: "python3.12", handler: "h.h", filename: "f.zip" },
      },
      aws_apigatewayv2_api: { api: { name: "orders", protocol_type: "HTTP", disable_execute_api_endpoint: true } },
      aws_apigatewayv2_integration: {
        fn: { api_id: "${aws_apigatewayv2_api.api.id}", integration_type: "AWS_PROXY", integration_uri: "${aws_lambda_function.fn.invoke_arn}" },
      },
      aws_apigatewayv2_route: {
        jobs: {
          api_id: "${aws_apigatewayv2_api.api.id}",
          route_key: "POST /jobs",
          authorization_type: "NONE",
          target: "integrations/${aws_apigatewayv2_integration.fn.id}",
        },
      },
      aws_apigatewayv2_stage: { default: { api_id: "${aws_apigatewayv2_api.api.id}", name: "$default", auto_deploy: true } },
      aws_apigatewayv2_domain_name: {
        mtls: {
          domain_name: "jobs.example.com",
          domain_name_configuration: {
            certificate_arn: "arn:aws:acm:eu-west-1:123456789012:certificate/1",
            endpoint_type: "REGIONAL",
            security_policy: "TLS_1_2",
          },
          mutual_tls_authentication: { truststore_uri: TRUSTSTORE },
        },
      },
      aws_apigatewayv2_api_mapping: {
        mtls: {
          api_id: "${aws_apigatewayv2_api.api.id}",
          domain_name: "${aws_apigatewayv2_domain_name.mtls.id}",
          stage: "${aws_apigatewayv2_stage.default.id}",
        },
      },
    },
  };
  edit(d);
  return d;
}

/** The REST twin: aws_api_gateway_domain_name with mutual TLS and a base path mapping. */
function restApi(edit: (d: Doc) => void = () => undefined): Doc {
  const d: Doc = {
    resource: {
      aws_lambda_function: {
        fn: { function_name: "orders-jobs", role: "arn:aws:iam::123456789012:role/jobs", runtime: "python3.12", handler: "h.h", filename: "f.zip" },
      },
      aws_api_gateway_rest_api: { api: { name: "orders-rest", disable_execute_api_endpoint: true } },
      aws_api_gateway_resource: {
        jobs: { rest_api_id: "${aws_api_gateway_rest_api.api.id}", parent_id: "${aws_api_gateway_rest_api.api.root_resource_id}", path_part: "jobs" },
      },
      aws_api_gateway_method: {
        post: {
          rest_api_id: "${aws_api_gateway_rest_api.api.id}",
          resource_id: "${aws_api_gateway_resource.jobs.id}",
          http_method: "POST",
          authorization: "NONE",
        },
      },
      aws_api_gateway_integration: {
        post: {
          rest_api_id: "${aws_api_gateway_rest_api.api.id}",
          resource_id: "${aws_api_gateway_resource.jobs.id}",
          http_method: "POST",
          type: "AWS_PROXY",
          integration_http_method: "POST",
          uri: "${aws_lambda_function.fn.invoke_arn}",
        },
      },
      aws_api_gateway_deployment: { d: { rest_api_id: "${aws_api_gateway_rest_api.api.id}" } },
      aws_api_gateway_stage: {
        prod: { rest_api_id: "${aws_api_gateway_rest_api.api.id}", deployment_id: "${aws_api_gateway_deployment.d.id}", stage_name: "prod" },
      },
      aws_api_gateway_domain_name: {
        mtls: {
          domain_name: "jobs.example.com",
          regional_certificate_arn: "arn:aws:acm:eu-west-1:123456789012:certificate/1",
          endpoint_configuration: { types: ["REGIONAL"] },
          security_policy: "TLS_1_2",
          mutual_tls_authentication: { truststore_uri: TRUSTSTORE },
        },
      },
      aws_api_gateway_base_path_mapping: {
        mtls: {
          api_id: "${aws_api_gateway_rest_api.api.id}",
          domain_name: "${aws_api_gateway_domain_name.mtls.domain_name}",
          stage_name: "${aws_api_gateway_stage.prod.stage_name}",
        },
      },
    },
  };
  edit(d);
  return d;
}

const model = (d: Doc): Model => modelFromDocument(d, "main.tf.json");
const openFindings = (d: Doc) => NoOpenMethod.check(model(d), { policies: [] });
const ANYONE = /has authorization NONE and no API key, and (the policy gives no reason|no policy says it is meant to be open)/;

describe.each([
  ["HTTP API", httpApi],
  ["REST API", restApi],
])("GIVEN a NONE route of an %s whose only way in is a custom domain with mutual TLS", (_kind, build) => {
  test("THEN no-open-method says who: holders of a client certificate from the truststore (high), not anyone (critical)", () => {
    const [f, ...rest] = openFindings(build());
    expect(rest).toEqual([]);
    expect(f.severity ?? NoOpenMethod.severity).toBe("high");
    expect(f.message).toContain(`open to holders of a client certificate from truststore ${TRUSTSTORE}`);
    expect(f.message).toContain("the default execute-api endpoint is disabled");
  });

  test("THEN the doors graph names the class client-certificate on the route and on the custom domain", () => {
    const doors = doorsOf(model(build())).flatMap((t) => t.doors);
    expect(doors.map((d) => [d.kind, d.principals.map((p) => p.kind)])).toEqual([
      ["route", ["client-certificate"]],
      ["custom-domain", ["client-certificate"]],
    ]);
  });

  test("THEN the draft comment names the certificate holders, not 'anyone on the internet'", () => {
    const text = draftPolicies(model(build()), "main.tf.json")
      .drafts.map((x) => x.text)
      .join("\n");
    expect(text).toContain(`# open to holders of a client certificate from truststore ${TRUSTSTORE}`);
    expect(text).not.toContain("anyone on the internet");
  });
});

describe("GIVEN an edit that opens a way around the mutual TLS THEN the route is open to anyone again (critical)", () => {
  const api = (d: Doc) => d.resource["aws_apigatewayv2_api"]["api"] as Json;
  test.each<[string, (d: Doc) => void]>([
    ["the execute-api endpoint left enabled", (d) => delete api(d)["disable_execute_api_endpoint"]],
    ["disable_execute_api_endpoint known only after apply", (d) => (api(d)["disable_execute_api_endpoint"] = "${var.private}")],
    ["the domain without mutual_tls_authentication", (d) => delete d.resource["aws_apigatewayv2_domain_name"]["mtls"]["mutual_tls_authentication"]],
    [
      "the mTLS block known only after apply",
      (d) => (d.resource["aws_apigatewayv2_domain_name"]["mtls"]["mutual_tls_authentication"] = "${var.mtls}" as unknown as Json),
    ],
    [
      "a second domain without mTLS mapped to the same API",
      (d) => {
        d.resource["aws_apigatewayv2_domain_name"]["plain"] = {
          domain_name: "jobs-plain.example.com",
          domain_name_configuration: { certificate_arn: "arn:c", endpoint_type: "REGIONAL", security_policy: "TLS_1_2" },
        };
        d.resource["aws_apigatewayv2_api_mapping"]["plain"] = {
          api_id: "${aws_apigatewayv2_api.api.id}",
          domain_name: "${aws_apigatewayv2_domain_name.plain.id}",
          stage: "${aws_apigatewayv2_stage.default.id}",
        };
      },
    ],
    [
      "a mapping whose API is a literal id (it counts for every API of the stack) on a domain without mTLS",
      (d) => {
        d.resource["aws_apigatewayv2_domain_name"]["plain"] = {
          domain_name: "other.example.com",
          domain_name_configuration: { certificate_arn: "arn:c", endpoint_type: "REGIONAL", security_policy: "TLS_1_2" },
        };
        d.resource["aws_apigatewayv2_api_mapping"]["plain"] = { api_id: "a1b2c3", domain_name: "${aws_apigatewayv2_domain_name.plain.id}", stage: "$default" };
      },
    ],
    [
      "a CloudFront distribution in front of the API",
      (d) => {
        d.resource["aws_cloudfront_distribution"] = {
          cdn: {
            enabled: true,
            origin: {
              origin_id: "api",
              domain_name: '${replace(aws_apigatewayv2_api.api.api_endpoint, "https://", "")}',
              custom_origin_config: { origin_protocol_policy: "https-only" },
            },
            default_cache_behavior: { target_origin_id: "api", viewer_protocol_policy: "https-only" },
            restrictions: { geo_restriction: { restriction_type: "none" } },
            viewer_certificate: { cloudfront_default_certificate: true },
          },
        };
      },
    ],
  ])("%s", (_what, edit) => {
    const [f, ...rest] = openFindings(httpApi(edit));
    expect(rest).toEqual([]);
    expect(f.severity ?? NoOpenMethod.severity).toBe("critical");
    expect(f.message).toMatch(ANYONE);
  });

  test("a WebSocket API behind the same domain is never narrowed (API Gateway offers mTLS to REST and HTTP APIs)", () => {
    const ws = httpApi((d) => {
      api(d)["protocol_type"] = "WEBSOCKET";
      api(d)["route_selection_expression"] = "$request.body.action";
      (d.resource["aws_apigatewayv2_route"]["jobs"] as Json)["route_key"] = "$connect";
    });
    const m = model(ws);
    expect(callersOf(m, m.routes[0]).kind).toBe("anyone");
  });
});

test("GIVEN the review of a change that turns the execute-api endpoint back on THEN the route's door is widened to anyone", () => {
  const base = model(httpApi());
  const head = model(httpApi((d) => delete (d.resource["aws_apigatewayv2_api"]["api"] as Json)["disable_execute_api_endpoint"]));
  const report = diffModels(base, head);
  const widened = report.changes.filter((c) => c.severity === "blocking" && /anyone on the internet/.test(c.message));
  expect(widened.length).toBeGreaterThan(0);
  // The harmless twin: the same configuration on both sides reviews clean.
  expect(diffModels(base, model(httpApi())).blocking).toBe(0);
});

// Corpus (known missed on tam-apigw-v2-complete-http): http-api-waf passed any HTTP API with the execute-api
// endpoint disabled, though a regional custom domain serves it directly, where no web ACL can attach.
describe("http-api-waf with the default endpoint disabled", () => {
  const waf = (d: Doc) => HttpApiWaf.check(model(d), { policies: [] });
  test("GIVEN the mTLS custom domain as the only way in THEN reported, medium, naming the domain and the mTLS", () => {
    const [f, ...rest] = waf(httpApi());
    expect(rest).toEqual([]);
    expect(f.severity).toBe("medium");
    expect(f.message).toContain("custom domain jobs.example.com serves it directly");
    expect(f.message).toContain("mutual TLS");
  });
  test("GIVEN the same domain without mTLS THEN high", () => {
    const [f] = waf(httpApi((d) => delete d.resource["aws_apigatewayv2_domain_name"]["mtls"]["mutual_tls_authentication"]));
    expect(f.severity ?? HttpApiWaf.severity).toBe("high");
  });
  test("GIVEN no custom domain either (nothing serves the API) THEN quiet", () => {
    const unreachable = httpApi((d) => {
      delete d.resource["aws_apigatewayv2_api_mapping"];
      delete d.resource["aws_apigatewayv2_domain_name"];
    });
    expect(waf(unreachable)).toEqual([]);
  });
});
