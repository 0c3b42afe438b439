// Every rule that applies covers body operations (Noncompliance / Compliance per rule), from the real sample
// synth with a body added; plus CORS preflights without a policy, resource-policy denies, and "not verified".
import { join } from "path";
import { runRules } from "../../../../guard/engine";
import { modelFromDocument } from "../../../../guard/load";
import { parsePolicyDocument } from "../../../../guard/policy/parse";
import { loadPolicies } from "../../../../guard/policy/load";
import type { PolicySet } from "../../../../guard/policy/types";
import { RULES } from "../../../../guard/rules";
import { method, synth, type Doc, type Json } from "../../review/fixtures/pairs";
import { API, bodyOfDoc, oas3Body, setBody, type BodyJson } from "./fixtures";

const NO_POLICY: PolicySet = { policies: [] };
const PETSTORE = loadPolicies(join(__dirname, "..", "..", "..", "..", "policies"), RULES);
const rule = (id: string) => {
  const r = RULES.find((x) => x.id === id);
  if (r === undefined) throw new Error(`no rule ${id}`);
  return r;
};

/** The dev synth with the fixture body, edited by `fn`. */
function sample(fn: (b: BodyJson, d: Doc) => void = () => undefined): Doc {
  const d = synth("dev");
  setBody(d, oas3Body());
  const b = bodyOfDoc(d);
  fn(b, d);
  setBody(d, b);
  return d;
}
const check = (id: string, d: Doc, policies: PolicySet = NO_POLICY) => rule(id).check(modelFromDocument(d, "x.cdk.tf.json"), policies);
const routesOf = (findings: readonly { route?: string }[]) =>
  findings
    .map((f) => f.route)
    .filter((r) => r !== undefined)
    .sort();
const bodyFindings = <T extends { address: string }>(findings: readonly T[]): T[] => findings.filter((f) => f.address.startsWith(`${API}#`));

describe("no-open-method over body operations", () => {
  it("Noncompliance: an operation with security: [] is open", () => {
    const f = check(
      "no-open-method",
      sample((b) => (b.paths["/invoices"]["get"]["security"] = [])),
    );
    expect(routesOf(bodyFindings(f))).toEqual(["GET /invoices"]);
  });
  it("Compliance: protected operations and a MOCK preflight with no policy for the API are quiet", () => {
    expect(bodyFindings(check("no-open-method", sample()))).toEqual([]);
  });
  it("Noncompliance: with a policy for the API, a MOCK preflight it does not list is open (as today)", () => {
    expect(routesOf(bodyFindings(check("no-open-method", sample(), PETSTORE)))).toEqual(["OPTIONS /invoices"]);
  });
  it("Noncompliance: a preflight whose integration is not MOCK reaches a backend", () => {
    const d = sample((b) => ((b.paths["/invoices"]["options"]["x-amazon-apigateway-integration"] as Json)["type"] = "aws_proxy"));
    expect(routesOf(bodyFindings(check("no-open-method", d)))).toEqual(["OPTIONS /invoices"]);
  });
});

describe("CORS preflight method resources without a policy (the sample's OPTIONS /pets)", () => {
  const withPreflight = (type: string) => {
    const d = synth("dev");
    const integration = Object.values(d.resource["aws_api_gateway_integration"]).find(
      (i) => String(i["http_method"]).includes("OPTIONS-pets_") && i["resource_id"] === method(d, "GET", "/pets")["resource_id"],
    );
    if (integration === undefined) throw new Error("fixture: no OPTIONS /pets integration");
    integration["type"] = type;
    return d;
  };
  it("Compliance: REST OPTIONS with a MOCK integration is not an open door when no policy is given", () => {
    const d = withPreflight("MOCK");
    expect(modelFromDocument(d, "x.cdk.tf.json").routes.filter((r) => r.routeKey === "OPTIONS /pets")).toMatchObject([{ integrationType: "MOCK" }]);
    expect(check("no-open-method", d).filter((f) => f.route === "OPTIONS /pets")).toEqual([]);
  });
  it("Noncompliance: REST OPTIONS with a proxy integration is", () => {
    expect(check("no-open-method", withPreflight("AWS_PROXY")).filter((f) => f.route === "OPTIONS /pets")).toHaveLength(1);
  });
});

describe("api-key-is-not-authentication over body operations", () => {
  it("Noncompliance: an operation whose only requirement is the API key", () => {
    const f = check(
      "api-key-is-not-authentication",
      sample((b) => (b.paths["/partner-feed"]["get"]["security"] = [{ api_key: [] }])),
    );
    expect(routesOf(bodyFindings(f))).toEqual(["GET /partner-feed"]);
  });
  it("Compliance: the key beside an authorizer", () => {
    expect(bodyFindings(check("api-key-is-not-authentication", sample()))).toEqual([]);
  });
});

describe("cognito-scopes-exist over body operations", () => {
  it("Noncompliance: a scope no resource server defines", () => {
    const f = check(
      "cognito-scopes-exist",
      sample((b) => (b.paths["/invoices"]["post"]["security"] = [{ cognito: ["petstore/raed"] }])),
    );
    expect(bodyFindings(f).map((x) => x.message)).toEqual([expect.stringContaining('scope "petstore/raed"')]);
  });
  it("Compliance: the sample's scopes", () => {
    expect(bodyFindings(check("cognito-scopes-exist", sample()))).toEqual([]);
  });
});

describe("authorizer-exists over body operations", () => {
  it("Noncompliance: authtype cognito_user_pools on a TOKEN authorizer", () => {
    const d = sample((b) => ((b.components.securitySchemes["jwt-token"] as Json)["x-amazon-apigateway-authtype"] = "cognito_user_pools"));
    expect(routesOf(bodyFindings(check("authorizer-exists", d)))).toEqual(["GET /invoices/{invoiceId}", "GET /partner-feed"]);
  });
  it("Compliance: the fixture's schemes", () => {
    expect(bodyFindings(check("authorizer-exists", sample()))).toEqual([]);
  });
});

describe("method-matches-policy over body operations", () => {
  const policy = (type: string): PolicySet => {
    const { policy: p, problems } = parsePolicyDocument(
      {
        api: "petstore-*",
        routes: {
          "GET /invoices": { type: "COGNITO", authorizer: "cognito", scopes: ["petstore/read"] },
          "DELETE /invoices/{invoiceId}":
            type === "AWS_IAM" ? { type: "AWS_IAM", groups: [], roles: [] } : { type: "NONE", reason: "public deletes, by design of this test" },
        },
      },
      "p.yaml",
    );
    if (p === undefined) throw new Error(JSON.stringify(problems));
    return { policies: [p] };
  };
  const about = (f: readonly { route?: string; message: string }[], route: string) =>
    f.filter((x) => x.route === route && !x.message.includes("not in the policy"));
  it("Noncompliance: the body gives DELETE /invoices/{invoiceId} AWS_IAM, the policy says NONE", () => {
    const f = check("method-matches-policy", sample(), policy("NONE"));
    expect(about(f, "DELETE /invoices/{invoiceId}").map((x) => x.message)).toEqual([expect.stringContaining('authorization is "AWS_IAM", policy says NONE')]);
  });
  it("Compliance: GET /invoices is exactly what the policy says", () => {
    expect(about(check("method-matches-policy", sample(), policy("NONE")), "GET /invoices")).toEqual([]);
  });
});

describe("openapi-body-verified", () => {
  const v = (d: Doc) => check("openapi-body-verified", d);
  it("Noncompliance: a body known only after apply names the API", () => {
    const d = synth("dev");
    d.resource["aws_api_gateway_rest_api"]["api_4F59AA66"]["body"] = '${file("openapi.json")}';
    expect(v(d)).toEqual([expect.objectContaining({ address: API, api: "petstore-dev", message: expect.stringContaining("known only after apply") })]);
  });
  it("Noncompliance: an operation naming an undefined scheme names the route", () => {
    expect(v(sample((b) => (b.paths["/invoices"]["get"]["security"] = [{ oauth: [] }]))).map((f) => f.route)).toEqual(["GET /invoices"]);
  });
  it("Noncompliance: a route declared by the body and by a method resource", () => {
    const f = v(sample((b) => (b.paths["/pets"] = { get: { security: [{ cognito: ["petstore/read"] }] } })));
    expect(f).toEqual([expect.objectContaining({ route: "GET /pets", severity: "medium" })]);
  });
  it("Noncompliance: a body imported with overwrite (the default) beside method resources", () => {
    const d = sample();
    delete d.resource["aws_api_gateway_rest_api"]["api_4F59AA66"]["put_rest_api_mode"];
    expect(v(d)).toEqual([
      expect.objectContaining({ address: API, severity: "medium", message: expect.stringContaining("put_rest_api_mode overwrite (the default)") }),
    ]);
  });
  it("Compliance: the fixture body and the sample without a body", () => {
    expect(v(sample())).toEqual([]);
    expect(v(synth("dev"))).toEqual([]);
  });
});

describe("REST API resource policies that deny execute-api:Invoke", () => {
  // Beside an Allow to everyone: with a resource policy, API Gateway refuses an anonymous call no Allow admits.
  const allowAll: Json = { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" };
  const open = (policy: Json | undefined, resourceForm = false, statements: Json[] = policy === undefined ? [] : [allowAll, policy]) =>
    sample((b, d) => {
      b.paths["/internal/{proxy+}"] = { "x-amazon-apigateway-any-method": { security: [] } };
      if (policy === undefined) return;
      const text = JSON.stringify({ Version: "2012-10-17", Statement: statements });
      if (resourceForm) d.resource["aws_api_gateway_rest_api_policy"] = { p: { rest_api_id: `\${${API}.id}`, policy: text } };
      else d.resource["aws_api_gateway_rest_api"]["api_4F59AA66"]["policy"] = text;
    });
  const deny = (extra: Json = {}): Json => ({
    Effect: "Deny",
    Principal: "*",
    Action: "execute-api:Invoke",
    Resource: "execute-api:/*/*/internal/*",
    ...extra,
  });
  // Open routes: an unreachable one is reported as info ("not reachable"), never as open.
  const findings = (d: Doc) => routesOf(bodyFindings(check("no-open-method", d)).filter((f) => f.severity !== "info"));
  const unreachable = (d: Doc) => bodyFindings(check("no-open-method", d)).filter((f) => f.severity === "info");

  it("Noncompliance: without a policy the greedy route is open", () => {
    expect(findings(open(undefined))).toEqual(["ANY /internal/{proxy+}"]);
  });
  it.each([
    ["the policy attribute", false, deny()],
    ["an aws_api_gateway_rest_api_policy", true, deny()],
    ["the execution_arn form", true, deny({ Resource: `\${${API}.execution_arn}/*` })],
    ["Action execute-api:*", false, deny({ Action: "execute-api:*", Principal: { AWS: "*" } })],
  ])("Compliance: an unconditional Deny to everyone in %s makes it unreachable", (_, resourceForm, statement) => {
    expect(findings(open(statement, resourceForm))).toEqual([]);
    expect(unreachable(open(statement, resourceForm)).map((f) => f.message)).toEqual([
      expect.stringMatching(/^ANY \/internal\/\{proxy\+\} has authorization NONE but is not reachable: resource policy .* denies it to everyone$/),
    ]);
  });
  it("Compliance: a resource policy with a Deny and no Allow admits no anonymous caller (implicit deny)", () => {
    const d = open(deny({ Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1" } } }), false, [
      deny({ Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1" } } }),
    ]);
    expect(findings(d)).toEqual([]);
    expect(unreachable(d).map((f) => f.message)).toEqual([expect.stringMatching(/not reachable: its resource policy allows no caller to invoke it/)]);
  });
  it.each([
    ["a condition", deny({ Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1" } } })],
    ["one principal", deny({ Principal: { AWS: "arn:aws:iam::123456789012:root" } })],
    ["one verb only", deny({ Resource: "execute-api:/*/GET/internal/*" })],
    ["one stage only", deny({ Resource: "execute-api:/prod/*/internal/*" })],
    ["another path", deny({ Resource: "execute-api:/*/*/admin/*" })],
    ["an Allow", deny({ Effect: "Allow" })],
    ["another API's ARN", deny({ Resource: "arn:aws:execute-api:eu-west-1:123456789012:abc123/*" })],
  ])("Noncompliance: a Deny with %s does not count", (_, statement) => {
    expect(findings(open(statement))).toEqual(["ANY /internal/{proxy+}"]);
  });
  it("Noncompliance: a Deny in the body's x-amazon-apigateway-policy does not count (a policy argument or resource replaces it)", () => {
    const d = sample((b) => {
      b.paths["/internal/{proxy+}"] = { "x-amazon-apigateway-any-method": { security: [] } };
      (b as Json)["x-amazon-apigateway-policy"] = { Version: "2012-10-17", Statement: [deny()] };
    });
    expect(findings(d)).toEqual(["ANY /internal/{proxy+}"]);
  });
});

describe("deployment-redeploys-on-auth-change", () => {
  const doc = (triggers: string | undefined) => ({
    resource: {
      aws_api_gateway_rest_api: { api: { name: "svc", body: JSON.stringify(oas3Body()) } },
      aws_api_gateway_deployment: {
        d: {
          rest_api_id: "${aws_api_gateway_rest_api.api.id}",
          ...(triggers !== undefined ? { triggers: { redeploy: triggers } } : {}),
          lifecycle: { create_before_destroy: true },
        },
      },
    },
  });
  const run = (d: unknown) => rule("deployment-redeploys-on-auth-change").check(modelFromDocument(d, "x.cdk.tf.json"), NO_POLICY);
  it("Noncompliance: triggers that do not cover the API's body", () => {
    expect(run(doc(undefined))).toEqual([expect.objectContaining({ message: expect.stringContaining("aws_api_gateway_rest_api.api") })]);
  });
  it("Compliance: triggers on the body", () => {
    expect(run(doc("${sha1(aws_api_gateway_rest_api.api.body)}"))).toEqual([]);
  });
  // terraform show -json carries no lifecycle block: a plan is judged on what it will do, not on the setting.
  const plan = (actions: readonly string[] | undefined) => ({
    format_version: "1.2",
    planned_values: {
      root_module: {
        resources: [
          { address: "aws_api_gateway_rest_api.api", mode: "managed", type: "aws_api_gateway_rest_api", name: "api", values: { name: "svc" } },
          { address: "aws_api_gateway_deployment.d", mode: "managed", type: "aws_api_gateway_deployment", name: "d", values: { rest_api_id: "x" } },
        ],
      },
    },
    ...(actions !== undefined
      ? { resource_changes: [{ address: "aws_api_gateway_deployment.d", type: "aws_api_gateway_deployment", change: { actions } }] }
      : {}),
  });
  it("Compliance: a plan that does not replace the deployment is quiet (its lifecycle is not in the plan)", () => {
    expect(run(plan(undefined))).toEqual([]);
    expect(run(plan(["create"]))).toEqual([]);
    expect(run(plan(["update"]))).toEqual([]);
  });
  it("Compliance: a create-before-destroy replacement is quiet", () => {
    expect(run(plan(["create", "delete"]))).toEqual([]);
  });
  it("Noncompliance: a planned destroy-first replacement is reported (the stage would point at a deleted deployment)", () => {
    expect(run(plan(["delete", "create"]))).toEqual([
      expect.objectContaining({
        address: "aws_api_gateway_deployment.d",
        message: expect.stringContaining("replaces the deployment destroy-first: lifecycle.create_before_destroy is not set"),
      }),
    ]);
  });
});

describe("GIVEN a plan whose body is known", () => {
  it("THEN its operations are routes; computed, it names the API", () => {
    const plan = (body: unknown, unknown: boolean) => ({
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [
            {
              address: "aws_api_gateway_rest_api.api",
              mode: "managed",
              type: "aws_api_gateway_rest_api",
              name: "api",
              values: { name: "svc", ...(unknown ? {} : { body }) },
            },
          ],
        },
      },
      resource_changes: [
        {
          address: "aws_api_gateway_rest_api.api",
          type: "aws_api_gateway_rest_api",
          change: { actions: ["create"], after_unknown: unknown ? { body: true } : {} },
        },
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: "aws_api_gateway_rest_api.api",
              mode: "managed",
              type: "aws_api_gateway_rest_api",
              name: "api",
              expressions: { body: unknown ? { references: ["aws_lambda_function.fn.invoke_arn", "aws_lambda_function.fn"] } : { constant_value: body } },
            },
          ],
        },
      },
    });
    const known = modelFromDocument(plan(JSON.stringify(oas3Body()), false), "plan.json");
    expect(known.routes.map((r) => r.routeKey).sort()).toContain("DELETE /invoices/{invoiceId}");
    const computed = modelFromDocument(plan(undefined, true), "plan.json");
    // An expression without references (uuid(), timestamp()) is still a body known only after apply.
    const noRefs = plan(undefined, true);
    noRefs.configuration.root_module.resources[0].expressions.body = {} as never;
    expect(runRules(modelFromDocument(noRefs, "plan.json"), NO_POLICY).findings.filter((f) => f.rule === "openapi-body-verified")).toHaveLength(1);
    expect(computed.routes).toEqual([]);
    expect(runRules(computed, NO_POLICY).findings.filter((f) => f.rule === "openapi-body-verified")).toEqual([expect.objectContaining({ api: "svc" })]);
  });
});

describe("no-open-method on an authorization known only after apply", () => {
  it("Not verified: info with the reason, never silence", () => {
    const d = synth("dev");
    method(d, "GET", "/pets")["authorization"] = "${var.pets_authorization}";
    const f = check("no-open-method", d).filter((x) => x.route === "GET /pets");
    expect(f).toEqual([expect.objectContaining({ severity: "info", message: expect.stringContaining("not verified") })]);
  });
});

describe("GIVEN a REST API importing its body with parameters.basepath", () => {
  const imported = (basepath: string | undefined, deny: boolean) =>
    sample((b, d) => {
      (b as Json)["servers"] = [
        {
          url: "https://{restapi_id}.execute-api.eu-west-1.amazonaws.com/{basePath}",
          variables: { restapi_id: { default: "x" }, basePath: { default: "/v1" } },
        },
      ];
      b.paths["/internal/{proxy+}"] = { "x-amazon-apigateway-any-method": { security: [] } };
      const api = d.resource["aws_api_gateway_rest_api"]["api_4F59AA66"];
      if (basepath !== undefined) api["parameters"] = { basepath };
      // A deny written for the prepended path: `*` crosses `/` in IAM, so a verb `*` would swallow any prefix.
      if (deny)
        api["policy"] = JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            // Without an Allow, API Gateway would refuse every anonymous call (implicit deny).
            { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" },
            { Effect: "Deny", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*/*/v1/internal/*" },
          ],
        });
    });
  const open = (d: Doc) => routesOf(bodyFindings(check("no-open-method", d)).filter((f) => f.severity !== "info"));
  it("THEN prepend puts the base path in front of every route", () => {
    expect(open(imported("prepend", false))).toEqual(["ANY /v1/internal/{proxy+}"]);
  });
  it("Compliance: a deny on /v1/internal/* covers what prepend serves", () => {
    expect(open(imported("prepend", true))).toEqual([]);
  });
  it("Noncompliance: with the default (ignore) the route is /internal/*, which that deny does not cover", () => {
    expect(open(imported(undefined, true))).toEqual(["ANY /internal/{proxy+}"]);
  });
  it("THEN split drops the base path's first segment (the stage), and an unknown mode leaves the path unknown", () => {
    expect(modelFromDocument(imported("split", false), "x.cdk.tf.json").routes.some((r) => r.routeKey === "ANY /internal/{proxy+}")).toBe(true);
    const unknownMode = modelFromDocument(imported("${var.mode}", false), "x.cdk.tf.json").routes.filter((r) => r.form === "openapi-operation");
    expect(unknownMode.every((r) => r.routeKey === undefined)).toBe(true);
  });
});
