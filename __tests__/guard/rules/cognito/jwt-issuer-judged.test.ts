// A JWT authorizer's issuer is judged by what its expression yields, never taken as the pool's issuer because it
// names the pool. API Gateway compares it with the token's iss, https://cognito-idp.<region>.amazonaws.com/
// <pool id>. cdk.tf.json keeps the template (decided); a plan shows an expression known only after apply by its
// references only (fixtures/jwt-issuer-plan, real terraform): right and wrong texts read the same, so "not verified".
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { judgeJwtIssuer } from "../../../../guard/access/jwt-issuer";
import { loadModel, modelFromDocument } from "../../../../guard/load";
import { JwtAuthorizerIssuerKnown } from "../../../../guard/rules/cognito/jwt-authorizer-issuer-known";

const NO_POLICIES = { policies: [] };
const messagesOf = (model: ReturnType<typeof loadModel>, address: string): string[] =>
  JwtAuthorizerIssuerKnown.check(model, NO_POLICIES)
    .filter((f) => f.address === address)
    .map((f) => f.message);

describe("GIVEN our HTTP API synth (orders-http.tf.json) with the issuer written in each way", () => {
  const base = readFileSync(join(__dirname, "..", "..", "load", "http-api", "fixtures", "orders-http.tf.json"), "utf8");
  const withIssuer = (issuer: string) => {
    const doc = JSON.parse(base) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    (doc.resource["aws_apigatewayv2_authorizer"]["jwt"]["jwt_configuration"] as Record<string, unknown>)["issuer"] = issuer;
    return modelFromDocument(doc, "orders-http.tf.json");
  };
  const judge = (issuer: string) => {
    const model = withIssuer(issuer);
    const a = model.authorizers.find((x) => x.address === "aws_apigatewayv2_authorizer.jwt");
    if (a === undefined) throw new Error("fixture: no JWT authorizer");
    return { judged: judgeJwtIssuer(model, a), messages: messagesOf(model, a.address) };
  };

  test("WHEN https:// before the pool's endpoint, or the issuer URL with its id THEN the pool's issuer: no finding", () => {
    for (const issuer of ["https://${aws_cognito_user_pool.users.endpoint}", "https://cognito-idp.eu-west-1.amazonaws.com/${aws_cognito_user_pool.users.id}"]) {
      const r = judge(issuer);
      expect([issuer, r.judged.kind, r.judged.target.key, r.messages]).toEqual([issuer, "decided", "::aws_cognito_user_pool.users", []]);
    }
  });

  test("WHEN the endpoint alone (no scheme) THEN it trusts no pool: reported, saying what it yields", () => {
    const r = judge("${aws_cognito_user_pool.users.endpoint}");
    expect(r.judged.kind).toBe("not-the-issuer");
    expect(r.messages).toEqual([
      'authorizer "orders-http-jwt" trusts issuer ${orders-users.endpoint}: user pool orders-users\'s endpoint without https://, which is not the iss of its tokens (https://cognito-idp.<region>.amazonaws.com/<pool id>), so it trusts no user pool of this configuration',
    ]);
  });

  test("WHEN the pool's id alone THEN it trusts no pool: reported", () => {
    const r = judge("${aws_cognito_user_pool.users.id}");
    expect(r.judged.kind).toBe("not-the-issuer");
    expect(r.messages[0]).toContain("user pool orders-users's id, which is no issuer URL");
  });

  test("WHEN built by a function THEN not evaluated: not verified, naming the expression", () => {
    const r = judge('${format("https://%s", aws_cognito_user_pool.users.endpoint)}');
    expect(r.judged).toMatchObject({ kind: "undecided", target: { key: "::aws_cognito_user_pool.users" } });
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatch(/^authorizer "orders-http-jwt": issuer .*orders-users\.endpoint.* is known only after apply .*: not verified$/);
  });

  test("WHEN another host around the pool's id THEN another issuer: no user pool of this configuration", () => {
    const r = judge("https://issuer.example.net/${aws_cognito_user_pool.users.id}");
    expect(r.judged.kind).toBe("decided");
    expect(r.judged.target.literal).toBe("https://issuer.example.net/${orders-users.id}");
    expect(r.messages[0]).toContain("which is no user pool of this configuration: not verified");
  });
});

describe("GIVEN a plan (real terraform) of the same issuer written in four ways and a foreign one", () => {
  const PLAN = join(__dirname, "..", "fixtures", "jwt-issuer-plan", "plan.json");
  const model = loadModel(PLAN);
  const notVerified = (name: string, ref: string) =>
    `authorizer "${name}": issuer ${ref} is known only after apply and a plan shows what it references, not its text: https:// before the endpoint is user pool orders-users's issuer, the endpoint alone (no scheme) matches none of its tokens, another URL around it trusts whoever serves that host: not verified`;

  test("WHEN the right text (https:// interpolated, format()) THEN not verified: the plan cannot show it, never a pass", () => {
    expect(messagesOf(model, "aws_apigatewayv2_authorizer.interpolated")).toEqual([notVerified("interpolated", "orders-users.endpoint")]);
    expect(messagesOf(model, "aws_apigatewayv2_authorizer.formatted")).toEqual([notVerified("formatted", "orders-users.endpoint")]);
  });

  test("WHEN a wrong text (the bare endpoint, another host around the id) THEN not verified the same way, never taken as the pool", () => {
    expect(messagesOf(model, "aws_apigatewayv2_authorizer.bare_endpoint")).toEqual([notVerified("bare-endpoint", "orders-users.endpoint")]);
    expect(messagesOf(model, "aws_apigatewayv2_authorizer.other_host")).toEqual([notVerified("other-host", "orders-users.id")]);
  });

  test("WHEN a literal issuer of another provider THEN decided: no user pool of this configuration", () => {
    expect(messagesOf(model, "aws_apigatewayv2_authorizer.foreign")).toEqual([
      'authorizer "foreign" trusts issuer https://login.example.com/tenant-1/, which is no user pool of this configuration: not verified',
    ]);
  });

  test("WHEN the pool exists (values known) THEN the issuer URL is decided, and its endpoint without https:// is reported", () => {
    type Values = Record<string, unknown>;
    const plan = JSON.parse(readFileSync(PLAN, "utf8")) as {
      planned_values: { root_module: { resources: { address: string; values: Values }[] } };
      resource_changes: { address: string; change: { after: Values; after_unknown: Values } }[];
    };
    const id = "eu-west-1_Orders1";
    // As a plan of an existing pool shows them: the values known, in planned_values and in the change.
    const known = (address: string, attr: string, value: unknown) => {
      const planned = plan.planned_values.root_module.resources.find((r) => r.address === address);
      const rc = plan.resource_changes.find((r) => r.address === address);
      if (planned === undefined || rc === undefined) throw new Error(`fixture: no ${address}`);
      planned.values[attr] = value;
      rc.change.after[attr] = value;
      delete rc.change.after_unknown[attr];
    };
    known("aws_cognito_user_pool.users", "id", id);
    known("aws_apigatewayv2_authorizer.interpolated", "jwt_configuration", [{ issuer: `https://cognito-idp.eu-west-1.amazonaws.com/${id}`, audience: [] }]);
    known("aws_apigatewayv2_authorizer.bare_endpoint", "jwt_configuration", [{ issuer: `cognito-idp.eu-west-1.amazonaws.com/${id}`, audience: [] }]);
    const existing = modelFromDocument(plan, "plan.json");
    const at = (address: string) => {
      const a = existing.authorizers.find((x) => x.address === address);
      if (a === undefined) throw new Error(`fixture: no ${address}`);
      return judgeJwtIssuer(existing, a);
    };
    expect(at("aws_apigatewayv2_authorizer.interpolated")).toMatchObject({ kind: "decided", target: { key: "::aws_cognito_user_pool.users" } });
    expect(at("aws_apigatewayv2_authorizer.bare_endpoint")).toMatchObject({ kind: "not-the-issuer" });
    expect(messagesOf(existing, "aws_apigatewayv2_authorizer.bare_endpoint")[0]).toContain("user pool orders-users's endpoint without https://");
  });
});
