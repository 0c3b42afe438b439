// References through child modules, on a real plan (fixtures/try-authorizer, made by terraform from main.tf and
// modules/): the route's authorizer picked by try(aws_apigatewayv2_authorizer.this[key].id, authorizer_id), in the
// style of terraform-aws-modules/apigateway-v2, and a pool, an API id and a JWT issuer read through module outputs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { trustedPools } from "../../../../guard/access/cognito";
import { runRules } from "../../../../guard/engine";
import { modelFromDocument } from "../../../../guard/load";
import type { Model } from "../../../../guard/model";

const PLAN = join(__dirname, "fixtures", "try-authorizer", "plan.json");
const doc = (): Record<string, unknown> => JSON.parse(readFileSync(PLAN, "utf8")) as Record<string, unknown>;
const OWN = 'module.api.aws_apigatewayv2_authorizer.this["own"]';
const PASSED = "aws_apigatewayv2_authorizer.external";
const route = (model: Model, key: string) => model.routes.find((r) => r.routeKey === key);
const findings = (model: Model, rule: string) => runRules(model, { policies: [] }).findings.filter((f) => f.rule === rule);

describe("GIVEN authorizer_id = try(this[each.value.authorizer_key].id, each.value.authorizer_id) and ids known only after apply", () => {
  const model = modelFromDocument(doc(), PLAN);

  test.each(["GET /passed", "GET /own"])("THEN %s is attributed to neither candidate: not verified, both named", (key) => {
    const r = route(model, key);
    expect(r?.authorizer).toBeUndefined();
    const problem = r?.unresolved.find((u) => u.attribute === "authorizer_id");
    expect(problem?.reason).toContain(OWN);
    expect(problem?.reason).toContain(PASSED);
  });

  test("THEN authorizer-exists says the authorizer is not verified, naming the candidates, never the module's own as the one", () => {
    const messages = findings(model, "authorizer-exists").map((f) => f.message);
    expect(messages.some((m) => m.startsWith("GET /passed") && m.includes("not verified") && m.includes(PASSED))).toBe(true);
    // The bug: the route was judged with the module's REQUEST authorizer.
    expect(messages.some((m) => m.includes('of type "REQUEST"'))).toBe(false);
  });

  // Corpus (terraform-aws-modules/apigateway-v2 complete-http): the same cause was reported by authorizer-exists on
  // the route and again by unresolved-reference on its authorizer_id.
  test.each(["GET /passed", "GET /own"])("THEN %s has ONE finding for its undecided authorizer, authorizer-exists's, naming both candidates", (key) => {
    const address = route(model, key)?.address;
    const all = runRules(model, { policies: [] }).findings.filter((f) => f.address === address);
    expect(all.map((f) => f.rule)).toEqual(["authorizer-exists"]);
    expect(all[0].message).toContain(OWN);
    expect(all[0].message).toContain(PASSED);
  });

  test("THEN an authorizer_id that points at nothing is still reported once, with the loader's reason", () => {
    const d = JSON.stringify(doc()).replaceAll(
      '"aws_apigatewayv2_authorizer.external.id","aws_apigatewayv2_authorizer.external"',
      '"aws_apigatewayv2_authorizer.gone.id"',
    );
    const broken = modelFromDocument(JSON.parse(d) as Record<string, unknown>, PLAN);
    const address = route(broken, "GET /root")?.address;
    const all = runRules(broken, { policies: [] }).findings.filter((f) => f.address === address && f.route !== undefined);
    expect(all.map((f) => [f.rule, f.message])).toEqual([
      [
        "authorizer-exists",
        expect.stringContaining("does not resolve to an authorizer: references aws_apigatewayv2_authorizer.gone.id, which is not in the configuration"),
      ],
    ]);
    expect(findings(broken, "unresolved-reference").filter((f) => f.address === address)).toEqual([]);
  });
});

test("GIVEN the planned authorizer_id equals exactly one candidate's known id (existing authorizers) THEN that candidate is the route's authorizer", () => {
  const d = doc();
  const planned = JSON.stringify(d["planned_values"])
    // Both authorizers exist already: their ids are known, and the route's planned value is the passed-in one's.
    .replace(/"name":"own-lambda"/, '"name":"own-lambda","id":"own111"')
    .replace(/"name":"cognito-jwt"/, '"name":"cognito-jwt","id":"ext222"')
    .replace(/("route_key":"GET \/passed")/, '$1,"authorizer_id":"ext222"');
  const changes = (d["resource_changes"] as { change: { after_unknown: Record<string, unknown> } }[]).map((c) => {
    const { id: _id, authorizer_id: _a, ...rest } = c.change.after_unknown;
    return { ...c, change: { ...c.change, after_unknown: rest } };
  });
  const model = modelFromDocument({ ...d, planned_values: JSON.parse(planned) as unknown, resource_changes: changes }, PLAN);
  expect(route(model, "GET /passed")?.authorizer?.address).toBe(PASSED);
  // Decided: neither rule reports the route's authorizer.
  const address = route(model, "GET /passed")?.address;
  expect(
    runRules(model, { policies: [] }).findings.filter((f) => f.address === address && ["authorizer-exists", "unresolved-reference"].includes(f.rule)),
  ).toEqual([]);
});

describe("GIVEN Cognito, the API id and the JWT issuer read through module outputs", () => {
  const model = modelFromDocument(doc(), PLAN);

  test("THEN the Cognito authorizer's provider_arns = [module.cognito.user_pool_arn] is the module's pool", () => {
    const a = model.authorizers.find((x) => x.address === "aws_api_gateway_authorizer.cognito");
    expect(a && trustedPools(model, a).map((p) => p.key)).toEqual(["::module.cognito.aws_cognito_user_pool.main"]);
    expect(findings(model, "cognito-authorizer-pool-known")).toEqual([]);
  });

  test("THEN api_id = module.api.api_id resolves to the module's API", () => {
    expect(route(model, "GET /root")?.apiAddress).toBe("module.api.aws_apigatewayv2_api.this[0]");
    expect(model.authorizers.find((x) => x.address === PASSED)?.apiAddress).toBe("module.api.aws_apigatewayv2_api.this[0]");
    expect(model.unresolved.filter((u) => u.attribute === "api_id")).toEqual([]);
  });

  test("THEN the JWT issuer is judged: the module's pool and its client are right but the issuer's text is not verified, an audience that is no client of it is reported", () => {
    const jwt = findings(model, "jwt-authorizer-issuer-known");
    // The passing one is "not verified" only because a plan does not show the issuer's text (jwt-issuer-plan.test.ts).
    expect(jwt.map((f) => f.address)).toEqual(["aws_apigatewayv2_authorizer.external", "aws_apigatewayv2_authorizer.foreign_audience"]);
    expect(jwt[0].message).toContain("issuer orders.endpoint is known only after apply");
    expect(jwt[1].message).toContain("audience someone-elses-client is no app client of user pool orders");
  });
});
