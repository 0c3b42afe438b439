// Rule secret-literal: secrets written literally in the configuration (a constant, a variable's default), judged by
// the expression's shape on a real offline plan (fixtures/secret-literal-plan: each case and its quiet twin), on the
// same plan redacted as `npm run plan` writes it, and on cdk.tf.json; the planted secrets reach no output format.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { redactPlan } from "../../../../cli/private/redact";
import { main } from "../../../../cli/check";
import { loadModel, modelFromDocument } from "../../../../guard/load";
import { FORMATS } from "../../../../guard/report/check";
import { SecretLiteral } from "../../../../guard/rules/access/secret-literal";
import type { Model } from "../../../../guard/model";

const NO_POLICIES = { policies: [] };
const DIR = join(__dirname, "..", "fixtures", "secret-literal-plan");
const PLAN = join(DIR, "plan.json");
const planText = readFileSync(PLAN, "utf8");

/** Address, severity (undefined: the rule's own, high) and the message's path and source, per finding. */
const judge = (model: Model) =>
  SecretLiteral.check(model, NO_POLICIES)
    .map((f) => [f.address, f.severity ?? "high", /: (\S+) \(/.exec(f.message)?.[1], /(written literally|not verified): (.*?)(;|$)/.exec(f.message)?.[2]])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

const EXPECTED = [
  ["aws_api_gateway_api_key.defaulted", "high", "value", "the default of variable var.defaulted_key"],
  ["aws_api_gateway_api_key.encoded", "high", "value", "a constant in the configuration"],
  ["aws_api_gateway_api_key.from_local", "medium", "value", "it comes from local.local_key, and a plan shows no locals"],
  ["aws_api_gateway_api_key.literal", "high", "value", "a constant in the configuration"],
  ['aws_api_gateway_api_key.per_partner["acme"]', "high", "value", "a constant in the configuration"],
  ["aws_cloudfront_distribution.literal", "high", "origin[0].custom_header[1].value", "a constant in the configuration"],
  ["aws_cognito_identity_provider.literal", "high", "provider_details.client_secret", "a constant in the configuration"],
  ["aws_cognito_user.literal", "high", "password", "a constant in the configuration"],
  ["aws_lambda_function.literal", "medium", "environment[0].variables.PARTNER_API_TOKEN", "a constant in the configuration"],
  ["aws_secretsmanager_secret_version.literal", "medium", "secret_string", "a constant in the configuration"],
  ["aws_ssm_parameter.literal", "medium", "value", "a constant in the configuration"],
  [
    "aws_wafv2_web_acl.dynamic",
    "medium",
    "rule[0].statement[0].byte_match_statement[0].search_string",
    "block rule is written as a dynamic block, whose expressions a plan does not show",
  ],
  [
    "aws_wafv2_web_acl.literal",
    "high",
    "rule[0].statement[0].or_statement[0].statement[0].byte_match_statement[0].search_string",
    "a constant in the configuration",
  ],
  ["module.literal_user.aws_cognito_user.this", "high", "password", "a constant in the configuration"],
];

describe("GIVEN a real offline plan with each secret written literally and its twin", () => {
  const model = loadModel(PLAN);

  test("WHEN checked THEN exactly the literal ones fire, naming the attribute and where the literal is", () => {
    expect(judge(model)).toEqual(EXPECTED);
  });

  test("THEN the twins (a variable without default, a data source, a generated value, a String parameter) are judged and pass", () => {
    const judged = SecretLiteral.subjects?.(model, NO_POLICIES).map((s) => s.address) ?? [];
    const fired = new Set(EXPECTED.map((e) => e[0]));
    const twins = [
      "aws_api_gateway_api_key.from_variable",
      "aws_api_gateway_api_key.generated",
      "aws_cognito_user.from_data",
      "module.variable_user.aws_cognito_user.this",
      "aws_cognito_identity_provider.from_variable",
      "aws_cloudfront_distribution.from_variable",
      "aws_ssm_parameter.from_variable",
      "aws_ssm_parameter.public",
      "aws_secretsmanager_secret_version.from_variable",
      "aws_lambda_function.from_variable",
    ];
    for (const t of twins) expect([t, judged.includes(t), fired.has(t)]).toEqual([t, true, false]);
  });

  test("THEN the second byte match of the same OR, from a variable without default, is not reported", () => {
    const waf = SecretLiteral.check(model, NO_POLICIES).filter((f) => f.address === "aws_wafv2_web_acl.literal");
    expect(waf).toHaveLength(1);
    expect(waf[0].message).toContain("or_statement[0].statement[0].");
  });

  test("THEN every instance of a for_each shares one record, computed once for its configuration address", () => {
    const keys = model.resources.filter((r) => r.configAddress === "aws_api_gateway_api_key.per_partner");
    const other = model.resources.find((r) => r.address === "aws_api_gateway_api_key.literal");
    expect(keys).toHaveLength(1);
    expect(keys[0].written).toBeDefined();
    expect(other?.written?.literals.map((l) => l.path)).toContain("value");
  });
});

describe("GIVEN the same plan redacted as npm run plan writes it (secrets replaced even in the configuration)", () => {
  const redacted = redactPlan(JSON.parse(planText)) as Record<string, unknown>;
  const text = JSON.stringify(redacted);

  test("THEN the values Terraform marks sensitive are gone, even from the configuration's constants", () => {
    for (const s of ["PLANTED-constant-api-key-0001", "PLANTED-defaulted-api-key-0002", "PLANTED-user-password-0006", "PLANTED-ssm-secure-0010"]) {
      expect([s, planText.includes(s), text.includes(s)]).toEqual([s, true, false]);
    }
  });

  test("WHEN checked THEN the same findings: the shape of the expression decides, never the value", () => {
    expect(judge(modelFromDocument(redacted, "redacted.json"))).toEqual(EXPECTED);
  });
});

describe("GIVEN the plan checked through the command in every output format", () => {
  const dir = mkdtempSync(join(tmpdir(), "secret-literal-"));
  test.each(FORMATS.map((f) => [f]))("WHEN --format %s THEN the report names the findings and no planted secret", (format) => {
    const cwd = process.cwd();
    let out = "";
    let err = "";
    process.chdir(dir); // no ./policies: the first run
    try {
      expect(main([PLAN, "--format", format], { out: (s) => (out += s), err: (s) => (err += s) })).toBe(1);
    } finally {
      process.chdir(cwd);
    }
    expect(out).toContain("secret-literal");
    // JUnit names a subject by its label, the other formats by address.
    expect(out).toContain(format === "junit" ? "API key &quot;literal&quot;" : "aws_api_gateway_api_key.literal");
    expect(`${out}\n${err}`).not.toMatch(/PLANTED-/);
  });
});

type Resources = Record<string, Record<string, Record<string, unknown>>>;
const cdktf = (resource: Resources, extra: Record<string, unknown> = {}) =>
  judge(modelFromDocument({ resource, ...extra }, "cdk.tf.json")).map(([address, severity, path, where]) => [address, severity, path, where]);

describe("GIVEN cdk.tf.json", () => {
  const key = (value: unknown): Resources => ({ aws_api_gateway_api_key: { k: { name: "k", value } } });

  test("WHEN a value is a plain string, an expression of constants or a variable's default THEN it fires with where", () => {
    expect(cdktf(key("PLANTED-x"))).toEqual([["aws_api_gateway_api_key.k", "high", "value", "a constant in the configuration"]]);
    expect(cdktf(key('${base64encode("PLANTED-x")}'))).toEqual([["aws_api_gateway_api_key.k", "high", "value", "a constant in the configuration"]]);
    expect(cdktf(key("${var.k}"), { variable: { k: { type: "string", default: "PLANTED-x" } } })).toEqual([
      ["aws_api_gateway_api_key.k", "high", "value", "the default of variable var.k"],
    ]);
  });

  test("WHEN the value comes from a local THEN cdk.tf.json shows the local: literal when it is", () => {
    expect(cdktf(key("${local.k}"), { locals: { k: "PLANTED-x" } })).toEqual([
      ["aws_api_gateway_api_key.k", "high", "value", "a constant in the configuration"],
    ]);
    expect(cdktf(key("${local.k}"), { locals: { k: "${random_password.k.result}" } })).toEqual([]);
  });

  test("WHEN the value is a variable without default, a resource, a data source or made at plan time THEN quiet", () => {
    expect(cdktf(key("${var.k}"), { variable: { k: { type: "string", sensitive: true } } })).toEqual([]);
    expect(cdktf(key("${random_password.k.result}"))).toEqual([]);
    expect(cdktf(key("${data.aws_ssm_parameter.k.value}"))).toEqual([]);
    expect(cdktf(key("${uuid()}"))).toEqual([]);
    expect(cdktf(key("prefix-${var.k}"), { variable: { k: { type: "string" } } })).toEqual([]);
  });

  test("WHEN for_each gives literal values THEN each.value is literal; from a variable without default it is not", () => {
    const each = (forEach: unknown): Resources => ({ aws_api_gateway_api_key: { k: { for_each: forEach, name: "${each.key}", value: "${each.value}" } } });
    expect(cdktf(each({ acme: "PLANTED-x" }))).toEqual([['aws_api_gateway_api_key.k["acme"]', "high", "value", "a constant in the configuration"]]);
    expect(cdktf(each("${var.keys}"), { variable: { keys: { type: "map(string)" } } })).toEqual([]);
  });

  test("WHEN a Lambda environment mixes references and a literal credential THEN that key alone fires (cdk.tf.json shows each key)", () => {
    const fn: Resources = {
      aws_lambda_function: {
        f: {
          function_name: "f",
          environment: {
            variables: { API_TOKEN: "PLANTED-x", TABLE: "${aws_dynamodb_table.t.name}", TOKEN_SECRET_ARN: "arn:aws:secretsmanager:...", MODE: "live" },
          },
        },
      },
    };
    expect(cdktf(fn)).toEqual([["aws_lambda_function.f", "medium", "environment.variables.API_TOKEN", "a constant in the configuration"]]);
  });

  test("WHEN a custom header or a byte match names no credential THEN quiet; an origin-verify one fires", () => {
    const origin = (name: string) => ({
      aws_cloudfront_distribution: { d: { comment: "d", origin: [{ origin_id: "api", domain_name: "x", custom_header: [{ name, value: "PLANTED-x" }] }] } },
    });
    expect(cdktf(origin("X-Forwarded-Host"))).toEqual([]);
    expect(cdktf(origin("x-origin-verify"))).toEqual([
      ["aws_cloudfront_distribution.d", "high", "origin[0].custom_header[0].value", "a constant in the configuration"],
    ]);
    expect(cdktf(origin("X-Api-Key"))).toHaveLength(1);
  });

  test("WHEN an SSM parameter is a String THEN quiet; SecureString or a type known only after apply fires", () => {
    const param = (type: string) => ({ aws_ssm_parameter: { p: { name: "/p", type, value: "PLANTED-x" } } });
    expect(cdktf(param("String"))).toEqual([]);
    expect(cdktf(param("SecureString"))).toEqual([["aws_ssm_parameter.p", "medium", "value", "a constant in the configuration"]]);
    expect(cdktf(param("${var.t}"))).toHaveLength(1);
  });

  test("WHEN the finding is rendered THEN the message names path and source, never the value", () => {
    const [f] = SecretLiteral.check(modelFromDocument({ resource: key("PLANTED-x") }, "cdk.tf.json"), NO_POLICIES);
    expect(f.message).toBe(
      'API key "k": value (the API key) is written literally: a constant in the configuration; anyone who can read the repository or its plans holds it',
    );
  });
});

test("GIVEN a state (no configuration) THEN nothing is judged: there is no repository text to read", () => {
  const state = JSON.parse(planText) as Record<string, unknown>;
  delete state["configuration"];
  const model = modelFromDocument(state, "state.json");
  expect(SecretLiteral.check(model, NO_POLICIES)).toEqual([]);
  expect(SecretLiteral.subjects?.(model, NO_POLICIES)).toEqual([]);
});
