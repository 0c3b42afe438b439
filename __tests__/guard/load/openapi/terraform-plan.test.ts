// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// Real terraform, offline: a plan of REST APIs with bodies. A literal body is in the plan and its operations are
// routes; a literal interpolating a pool's ARN is known only after apply, but terraform show -json keeps its
// template text, read like cdk.tf.json's (the reference names the pool); a jsonencode() expression is not read,
// and the check names that API.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runRules } from "../../../../guard/engine";
import { loadModel } from "../../../../guard/load";
import { oas3Body } from "./fixtures";

const terraformOnPath = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
const mirror = process.env.TF_PROVIDER_MIRROR ?? "";
const canPlan = terraformOnPath && mirror !== "" && existsSync(mirror);
if (!canPlan) console.warn(`SKIPPED OpenAPI body plan test: ${!terraformOnPath ? "terraform is not on PATH" : "TF_PROVIDER_MIRROR is not set"}`);

/** The fixture body with literal ARNs (known at plan time), and one whose pool ARN is a reference. */
function bodies(): { literal: string; computed: string } {
  const literal = JSON.stringify(oas3Body())
    .replace(/\$\{aws_cognito_user_pool\.[^}]+\.arn\}/g, "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc")
    .replace(
      /\$\{aws_lambda_function\.[^}]+\.invoke_arn\}/g,
      "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:f/invocations",
    );
  return { literal, computed: literal.replace("arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc", "${aws_cognito_user_pool.pool.arn}") };
}

(canPlan ? describe : describe.skip)("GIVEN a real terraform plan of REST APIs with OpenAPI bodies", () => {
  let planFile = "";
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), "openapi-plan-"));
    const tf = join(dir, "tf");
    mkdirSync(tf);
    writeFileSync(join(dir, "tfrc"), `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
    const { literal, computed } = bodies();
    writeFileSync(
      join(tf, "main.tf.json"),
      JSON.stringify({
        terraform: { required_providers: { aws: { source: "hashicorp/aws" } } },
        provider: {
          aws: [
            {
              region: "eu-west-1",
              access_key: "test",
              secret_key: "test",
              skip_credentials_validation: true,
              skip_requesting_account_id: true,
              skip_metadata_api_check: "true",
            },
          ],
        },
        resource: {
          aws_cognito_user_pool: { pool: { name: "users" } },
          aws_api_gateway_rest_api: {
            known: { name: "body-known", body: literal, put_rest_api_mode: "merge" },
            template: { name: "body-template", body: computed },
            computed: { name: "body-computed", body: '${jsonencode({openapi = "3.0.1", info = {title = aws_cognito_user_pool.pool.arn}, paths = {}})}' },
          },
        },
      }),
    );
    const env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, "tfrc"), CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
    for (const args of [
      ["init", "-input=false", "-no-color"],
      ["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=plan.out"],
    ]) {
      const r = spawnSync("terraform", args, { cwd: tf, env, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`terraform ${args[0]}: ${r.stderr || r.stdout}`);
    }
    const show = spawnSync("terraform", ["show", "-json", "plan.out"], { cwd: tf, env, encoding: "utf8", maxBuffer: 1 << 26 });
    if (show.status !== 0) throw new Error(show.stderr);
    planFile = join(dir, "plan.json");
    writeFileSync(planFile, show.stdout);
  }, 180_000);

  it("THEN the literal body's operations are routes with their authorization", () => {
    const routes = loadModel(planFile).routes.filter((r) => r.apiName === "body-known");
    expect(routes.map((r) => `${r.routeKey} ${String(r.authorization)}`).sort()).toEqual([
      "DELETE /invoices/{invoiceId} AWS_IAM",
      "GET /invoices COGNITO_USER_POOLS",
      "GET /invoices/{invoiceId} CUSTOM",
      "GET /partner-feed CUSTOM",
      "OPTIONS /invoices NONE",
      "POST /invoices COGNITO_USER_POOLS",
    ]);
  });

  it("THEN a literal with a reference inside is read, its Cognito scheme trusting the referenced pool", () => {
    const routes = loadModel(planFile).routes.filter((r) => r.apiName === "body-template");
    expect(routes).toHaveLength(6);
    const get = routes.find((r) => r.routeKey === "GET /invoices");
    expect(get?.authorizer?.providerArns).toEqual([{ unknown: true, expression: "${aws_cognito_user_pool.pool.arn}" }]);
  });

  it("THEN the body known only after apply is a finding naming its API, not an empty API", () => {
    const model = loadModel(planFile);
    expect(model.routes.filter((r) => r.apiName === "body-computed")).toEqual([]);
    const f = runRules(model, { policies: [] }).findings.filter((x) => x.rule === "openapi-body-verified");
    expect(f).toEqual([expect.objectContaining({ api: "body-computed", message: expect.stringContaining("known only after apply") })]);
  });
});
