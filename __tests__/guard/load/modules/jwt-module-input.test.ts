// JWT issuers that reach the authorizer through module inputs, on a real plan (fixtures/jwt-module-input): an
// output that passes a whole resource, read with an attribute (`module.cognito.user_pool.endpoint`), and a
// `dynamic` jwt_configuration block fed by an authorizers map, whose expressions plan JSON does not show. Found on
// the corpus (voquis-cognito-http-api, tam-apigw-v2-complete-http): both issuers were "no user pool of this
// configuration", which hid an audience that is no client of the pool.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { jwtIssuerTarget } from "../../../../guard/access/jwt-issuer";
import { runRules } from "../../../../guard/engine";
import { loadModel, modelFromDocument } from "../../../../guard/load";
import { JwtAuthorizerIssuerKnown } from "../../../../guard/rules/cognito/jwt-authorizer-issuer-known";

const PLAN = join(__dirname, "fixtures", "jwt-module-input", "plan.json");
const model = loadModel(PLAN);
const POOL = "::module.cognito.aws_cognito_user_pool.this";
const authorizer = (address: string) => {
  const a = model.authorizers.find((x) => x.address === address);
  if (a === undefined) throw new Error(`fixture: no ${address}`);
  return a;
};
const messages = (address: string) =>
  JwtAuthorizerIssuerKnown.check(model, { policies: [] })
    .filter((f) => f.address === address)
    .map((f) => f.message);

describe("GIVEN issuer = https://${module.cognito.user_pool.endpoint} (a whole pool as the output) through a module input", () => {
  test("THEN the reference keeps its attribute through the output: the issuer is the module's pool", () => {
    const a = authorizer("module.api.aws_apigatewayv2_authorizer.input");
    expect(a.jwtIssuer).toEqual({ unknown: true, expression: "module.cognito.aws_cognito_user_pool.this.endpoint" });
    expect(jwtIssuerTarget(model, a).key).toBe(POOL);
  });

  test("THEN its audience, the pool's client passed the same way, is right, but the issuer's text is not in the plan: not verified", () => {
    // A plan shows the expression's references only: https:// before the endpoint, the endpoint alone, or another URL
    // around it read the same (jwt-issuer-plan.test.ts). The audience is judged against the candidate and passes.
    expect(messages("module.api.aws_apigatewayv2_authorizer.input")).toEqual([
      'authorizer "input": issuer orders.endpoint is known only after apply and a plan shows what it references, not its text: https:// before the endpoint is user pool orders\'s issuer, the endpoint alone (no scheme) matches none of its tokens, another URL around it trusts whoever serves that host: not verified',
    ]);
  });
});

describe("GIVEN a dynamic jwt_configuration block fed by an authorizers map naming the pool", () => {
  test("THEN the issuer is the pool as a candidate, marked as read from the dynamic block's data", () => {
    const a = authorizer('module.api.aws_apigatewayv2_authorizer.this["stranger"]');
    expect(a.jwtIssuerFromDynamicBlock).toBe(true);
    expect(jwtIssuerTarget(model, a).key).toBe(POOL);
  });

  test("THEN a literal audience that is no client of that pool is reported, saying where the issuer was read", () => {
    expect(messages('module.api.aws_apigatewayv2_authorizer.this["stranger"]')).toEqual([
      'authorizer "stranger": audience someone-elses-client is no app client of user pool orders (the one issuer the data of its dynamic jwt_configuration block names)',
    ]);
  });

  test("THEN an audience known only after apply (the client's id, in the invisible block) is not verified", () => {
    expect(messages('module.api.aws_apigatewayv2_authorizer.this["own"]')).toEqual([
      'authorizer "own": audience (known after apply) is known only after apply: not verified',
    ]);
  });

  test("GIVEN the client exists (its id known) and is the audience THEN what would pass is still not verified: the block may name another issuer", () => {
    const doc = JSON.parse(readFileSync(PLAN, "utf8")) as {
      planned_values: unknown;
      resource_changes: { address: string; change: { after_unknown: Record<string, unknown> } }[];
    };
    const planned = JSON.stringify(doc.planned_values)
      .replace('"name":"orders-web"', '"name":"orders-web","id":"client123"')
      .replace('"jwt_configuration":[{}],"name":"own"', '"jwt_configuration":[{"audience":["client123"]}],"name":"own"');
    for (const rc of doc.resource_changes) {
      if (rc.address === "module.cognito.aws_cognito_user_pool_client.this") delete rc.change.after_unknown["id"];
      if (rc.address.endsWith('["own"]')) rc.change.after_unknown["jwt_configuration"] = [{ audience: [false], issuer: true }];
    }
    const existing = modelFromDocument({ ...doc, planned_values: JSON.parse(planned) as unknown }, PLAN);
    const own = JwtAuthorizerIssuerKnown.check(existing, { policies: [] }).filter((f) => f.address.endsWith('["own"]'));
    expect(own.map((f) => f.message)).toEqual([
      'authorizer "own": issuer written in a dynamic jwt_configuration block, whose expressions a plan does not show; the data it iterates over names user pool orders only: not verified',
    ]);
  });

  test("THEN the whole check reports no authorizer of this plan as trusting no user pool", () => {
    const all = runRules(model, { policies: [] }).findings.filter((f) => f.rule === "jwt-authorizer-issuer-known");
    expect(all.some((f) => f.message.includes("no user pool of this configuration"))).toBe(false);
  });
});
