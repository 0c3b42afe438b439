// False positives an outside engineer met running the packed check on public projects, by class, on our
// own Terraform planned offline (fixtures/unseen-projects-plan), each beside its twin that must still be reported:
// a variable default that is empty or not the value used is no literal secret; a policy route on an API whose
// OpenAPI body is known only after apply is "not verified", never "has no method", and the first run, the coverage
// and --init-policy say its routes are unknown; an authorizer function outside the configuration is named as such
// and the permissions here that name it are judged.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../cli/check";
import { coverageOf } from "../../../guard/coverage";
import { loadModel, modelFromDocument } from "../../../guard/load";
import { defaultIsUsedLiteral } from "../../../guard/load/variable-default";
import { REDACTED } from "../../../guard/load/redacted";
import { loadPolicies } from "../../../guard/policy/load";
import { RULES } from "../../../guard/rules";
import { MethodMatchesPolicy } from "../../../guard/rules/access/method-matches-policy";
import { SecretLiteral } from "../../../guard/rules/access/secret-literal";
import { LambdaAuthorizerPermissionScoped } from "../../../guard/rules/lambda/lambda-authorizer-permission-scoped";

const NO_POLICIES = { policies: [] };
const DIR = join(__dirname, "fixtures", "unseen-projects-plan");
const PLAN = join(DIR, "plan.json");
const model = loadModel(PLAN);

/** Runs the check from a fresh folder (no ./policies), as a user who just installed it would. */
function runIn(...argv: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "unseen-"));
  const cwd = process.cwd();
  let out = "";
  let err = "";
  process.chdir(dir);
  try {
    return { code: main(argv, { out: (s) => (out += s), err: (s) => (err += s) }), out, err, dir };
  } finally {
    process.chdir(cwd);
  }
}

describe("secret-literal: a default is a literal only when it is not empty and is the value the plan used", () => {
  test("GIVEN an empty default given at plan time, an empty default used, a default the plan overrides THEN quiet; the default used THEN reported", () => {
    expect(SecretLiteral.check(model, NO_POLICIES).map((f) => f.message)).toEqual([
      'API key "defaulted": value (the API key) is written literally: the default of variable var.key_defaulted; anyone who can read the repository or its plans holds it',
    ]);
    const judged = SecretLiteral.subjects?.(model, NO_POLICIES).map((s) => s.address) ?? [];
    expect(judged).toEqual(expect.arrayContaining(["aws_api_gateway_api_key.empty_default", "aws_api_gateway_api_key.overridden"]));
  });

  test("GIVEN the Lambda environment set from an empty default THEN the loader records no literal there", () => {
    const fn = model.resources.find((r) => r.address === "aws_lambda_function.empty_unset");
    expect(fn?.written?.literals.map((l) => l.path)).toEqual(["filename", "function_name", "handler", "role", "runtime"]);
  });

  test("GIVEN the plan's variable values THEN the decision compares them with the default, never trusting a redacted marker", () => {
    expect(defaultIsUsedLiteral({ default: "s3cret-value" }, { value: "s3cret-value" })).toBe(true);
    expect(defaultIsUsedLiteral({ default: "s3cret-value" }, { value: "given" })).toBe(false);
    expect(defaultIsUsedLiteral({ default: "s3cret-value" })).toBe(true);
    expect(defaultIsUsedLiteral({ default: { a: "x", b: "y" } }, { value: { b: "y", a: "x" } })).toBe(true);
    // `npm run plan` redacts a sensitive variable's value and default alike: they cannot be compared.
    expect(defaultIsUsedLiteral({ default: REDACTED }, { value: REDACTED })).toBe(true);
    expect(defaultIsUsedLiteral({ default: "s3cret-value" }, { value: REDACTED })).toBe(true);
    for (const empty of ["", [], {}, null]) expect([empty, defaultIsUsedLiteral({ default: empty })]).toEqual([empty, false]);
    expect(defaultIsUsedLiteral({})).toBe(false);
  });

  test("GIVEN cdk.tf.json THEN an empty default is quiet and a non-empty one fires", () => {
    const doc = (fallback: string) => ({
      variable: { k: { type: "string", default: fallback } },
      resource: { aws_api_gateway_api_key: { k: { name: "k", value: "${var.k}" } } },
    });
    expect(SecretLiteral.check(modelFromDocument(doc(""), "cdk.tf.json"), NO_POLICIES)).toEqual([]);
    expect(SecretLiteral.check(modelFromDocument(doc("PLANTED-x"), "cdk.tf.json"), NO_POLICIES)).toHaveLength(1);
  });
});

describe("an API whose OpenAPI body is known only after apply", () => {
  const policies = loadPolicies(join(DIR, "policies"), RULES);

  test("GIVEN a policy route on it THEN not verified, naming why; on the twin whose body is known THEN 'has no method'", () => {
    const messages = MethodMatchesPolicy.check(model, policies)
      .filter((f) => f.route === "GET /api/hello")
      .map((f) => [f.api, f.severity ?? MethodMatchesPolicy.severity, f.message]);
    expect(messages).toEqual([
      ["Known-API", "critical", 'policy route GET /api/hello has no method on REST API "Known-API"'],
      [
        "Test-API",
        "critical",
        'policy route GET /api/hello on REST API "Test-API" not verified: the body is known only after apply (aws_iam_role.gateway.arn), so the routes its OpenAPI body declares are unknown',
      ],
    ]);
  });

  test("THEN the coverage lists it as not covered, its routes unknown; the twin is covered", () => {
    const c = coverageOf(model, policies);
    expect(c.notCovered.filter((n) => n.api === "Test-API")).toEqual([
      {
        api: "Test-API",
        route: null,
        address: "aws_api_gateway_rest_api.unknown_body",
        reason:
          "its routes are unknown, not verified: the body is known only after apply (aws_iam_role.gateway.arn), so the routes its OpenAPI body declares cannot be listed",
      },
    ]);
    expect(c.notCovered.filter((n) => n.api === "Known-API")).toEqual([]);
    expect(c.apis.find((a) => a.api === "Test-API")).toMatchObject({
      routes: null,
      covered: null,
      routesUnknown: "the body is known only after apply (aws_iam_role.gateway.arn)",
    });
    expect(c.apis.find((a) => a.api === "Known-API")).toMatchObject({ routes: 1, routesUnknown: null });
    expect(c.routes.unknownApis).toBe(1);
  });

  test("THEN every format says its routes are unknown (not verified), never '0 of 0 route(s)'", () => {
    const policy = join(DIR, "policies");
    const table = runIn(PLAN, "--policy", policy).out;
    expect(table).toMatch(/^Covered: 3 API\(s\), \d+ of \d+ route\(s\) known \(routes of 1 API\(s\) unknown, not verified\) by a policy$/m);
    expect(table).toContain("  Test-API: routes unknown (not verified), policy ");
    expect(table).toMatch(/ {2}Known-API: 1 of 1 route\(s\), policy /);
    expect(table).not.toContain("Test-API: 0 of 0");
    const md = runIn(PLAN, "--policy", policy, "--format", "markdown").out;
    expect(md).toContain("known (routes of 1 API(s) unknown, not verified) covered by a policy.");
    expect(md).toMatch(/\| Test-API \| {2}\| unknown \(not verified\) \| – \| `.*test-api\.yaml` \|/);
    const json = JSON.parse(runIn(PLAN, "--policy", policy, "--format", "json").out) as { schemaVersion: number };
    expect(json.schemaVersion).toBe(3);
  });

  test("GIVEN the first run (no policy) THEN the note names it as not verified and never says that nothing is open", () => {
    const r = runIn(PLAN);
    expect(r.code).toBe(1);
    expect(r.err).toContain("check: note: open to anyone: no route of those known\n");
    expect(r.err).toContain(
      'check: note: not verified: REST API "Test-API": its routes are unknown: the body is known only after apply (aws_iam_role.gateway.arn); any of them may be open to anyone\n',
    );
    expect(r.err).not.toContain("open to anyone: no route\n");
  });

  test("GIVEN --init-policy THEN no file for it, saying why; the other APIs are drafted", () => {
    const r = runIn(PLAN, "--init-policy", "drafts");
    expect(r.code).toBe(0);
    expect(readdirSync(join(r.dir, "drafts")).sort()).toEqual(["Gateway-API.yaml", "Known-API.yaml"]);
    expect(r.err).toBe(
      'check: not drafted: REST API "Test-API": no route could be drafted: the body is known only after apply (aws_iam_role.gateway.arn), so its routes are unknown; write its policy by hand, or plan with a body known at plan time and draft again\n',
    );
  });

  test("GIVEN --init-policy on an input whose only API has such a body THEN exit 2, nothing written; with the body known THEN drafted", () => {
    const input = (body: string) => {
      const file = join(mkdtempSync(join(tmpdir(), "unseen-body-")), "main.tf.json");
      writeFileSync(
        file,
        JSON.stringify({
          resource: {
            aws_iam_role: { r: { name: "r", assume_role_policy: "{}" } },
            aws_api_gateway_rest_api: { api: { name: "Only-API", body } },
          },
        }),
      );
      return file;
    };
    const unknownBody = runIn(
      input('${jsonencode({openapi = "3.0.1", info = {title = "t", version = "1"}, paths = {}, x = aws_iam_role.r.arn})}'),
      "--init-policy",
      "drafts",
    );
    expect(unknownBody.code).toBe(2);
    expect(existsSync(join(unknownBody.dir, "drafts"))).toBe(false);
    expect(unknownBody.err).toMatch(
      /^check: not drafted: REST API "Only-API": no route could be drafted: .*known only after apply.*\ncheck: .*main\.tf\.json: no policy drafted: every API is listed above as not drafted\n$/,
    );

    const knownBody = JSON.stringify({
      openapi: "3.0.1",
      info: { title: "t", version: "1" },
      paths: { "/hello": { get: { "x-amazon-apigateway-integration": { type: "mock" } } } },
    });
    const drafted = runIn(input(knownBody), "--init-policy", "drafts");
    expect(drafted.code).toBe(0);
    expect(readdirSync(join(drafted.dir, "drafts"))).toEqual(["Only-API.yaml"]);
  });
});

describe("lambda-authorizer-permission-scoped: an authorizer whose function is outside the configuration", () => {
  const findings = LambdaAuthorizerPermissionScoped.check(model, NO_POLICIES).map((f) => [
    f.address,
    f.severity ?? LambdaAuthorizerPermissionScoped.severity,
    f.message,
  ]);

  test("GIVEN literal ARNs with permissions that name them THEN named as outside (medium), and the permissions judged: the unscoped twin fires", () => {
    expect(findings).toEqual([
      [
        'module.api_gateway.aws_api_gateway_authorizer.this["jwt"]',
        "medium",
        'Lambda authorizer "jwt": the authorizer function is outside this configuration (arn:aws:lambda:eu-west-1:123456789012:function:jwt-authorizer); what it admits is not verified; its permissions here (aws_lambda_permission.jwt_authorizer) are judged, any granted elsewhere are not seen',
      ],
      [
        'module.api_gateway.aws_api_gateway_authorizer.this["legacy"]',
        "medium",
        'Lambda authorizer "legacy": the authorizer function is outside this configuration (arn:aws:lambda:eu-west-1:123456789012:function:legacy-authorizer); what it admits is not verified; its permissions here (aws_lambda_permission.legacy_authorizer) are judged, any granted elsewhere are not seen',
      ],
      ["aws_lambda_permission.legacy_authorizer", "high", 'permission for authorizer "legacy" has no source_arn: any API Gateway API may invoke it'],
    ]);
    expect(findings.some(([, , m]) => m.includes("does not resolve"))).toBe(false);
  });

  const URI = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:jwt-authorizer/invocations";
  const doc = (permission: Record<string, unknown> | undefined) =>
    modelFromDocument(
      {
        resource: {
          aws_api_gateway_rest_api: { api: { name: "a" }, other: { name: "b" } },
          aws_api_gateway_authorizer: { jwt: { name: "jwt", rest_api_id: "${aws_api_gateway_rest_api.api.id}", type: "TOKEN", authorizer_uri: URI } },
          ...(permission === undefined
            ? {}
            : { aws_lambda_permission: { p: { action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com", ...permission } } }),
        },
      },
      "main.tf.json",
    );
  const judge = (permission: Record<string, unknown> | undefined) =>
    LambdaAuthorizerPermissionScoped.check(doc(permission), NO_POLICIES).map((f) => `${f.severity ?? "high"} ${f.address}`);
  const scoped = { source_arn: "${aws_api_gateway_rest_api.api.execution_arn}/*/*" };

  test.each([
    [
      "its ARN, scoped to the API",
      { function_name: "arn:aws:lambda:eu-west-1:123456789012:function:jwt-authorizer", ...scoped },
      ["medium aws_api_gateway_authorizer.jwt"],
    ],
    ["its name, scoped to the API", { function_name: "jwt-authorizer", ...scoped }, ["medium aws_api_gateway_authorizer.jwt"]],
    [
      "its ARN, scoped to another API",
      { function_name: "arn:aws:lambda:eu-west-1:123456789012:function:jwt-authorizer", source_arn: "${aws_api_gateway_rest_api.other.execution_arn}/*/*" },
      ["medium aws_api_gateway_authorizer.jwt", "high aws_lambda_permission.p"],
    ],
    [
      "a function of another account",
      { function_name: "arn:aws:lambda:eu-west-1:999999999999:function:jwt-authorizer", ...scoped },
      ["high aws_api_gateway_authorizer.jwt"],
    ],
    ["an alias of it", { function_name: "jwt-authorizer", qualifier: "live", ...scoped }, ["high aws_api_gateway_authorizer.jwt"]],
  ])("GIVEN a permission naming %s THEN %j", (_what, permission, expected) => {
    expect(judge(permission)).toEqual(expected);
  });

  test("GIVEN no permission here THEN not verified at the rule's severity, saying the permission is outside too", () => {
    const [f] = LambdaAuthorizerPermissionScoped.check(doc(undefined), NO_POLICIES);
    expect(f.severity).toBeUndefined();
    expect(f.message).toContain("no permission here lets API Gateway invoke it: the one that does, and its scope, are outside this configuration too");
  });

  test("GIVEN an authorizer_uri that names no function THEN still 'does not resolve'", () => {
    const m = modelFromDocument(
      { resource: { aws_api_gateway_authorizer: { x: { name: "x", rest_api_id: "r", type: "REQUEST", authorizer_uri: "not-an-arn" } } } },
      "main.tf.json",
    );
    expect(LambdaAuthorizerPermissionScoped.check(m, NO_POLICIES).map((f) => f.message)).toEqual([
      'Lambda authorizer "x": authorizer_uri not-an-arn does not resolve to a Lambda function',
    ]);
  });
});
