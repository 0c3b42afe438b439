// Rule app-client-password-auth: which sign-in flows hand Cognito the password itself, how severe each is (a public
// client, a client with a secret, the admin flows), and what is not judged as such: unset flows (Cognito's defaults,
// and a real plan's computed value) pass, flows known only after apply are not verified. On the rule's own fail
// fixture (the sample synth's web client) and on a real terraform plan.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runRules } from "../../../../guard/engine";
import { loadModel, modelFromDocument } from "../../../../guard/load";
import { loadPolicies } from "../../../../guard/policy/load";
import { RULES } from "../../../../guard/rules";
import { AppClientPasswordAuth } from "../../../../guard/rules/cognito/app-client-password-auth";

type Doc = { resource: Record<string, Record<string, Record<string, unknown>>> };
const FAIL = join(__dirname, "app-client-password-auth", "fail.tf.json");
const NO_POLICIES = { policies: [] };

/** The fail fixture with the web client edited. */
function withWeb(edit: (client: Record<string, unknown>) => void): Doc {
  const doc = JSON.parse(readFileSync(FAIL, "utf8")) as Doc;
  const clients = doc.resource["aws_cognito_user_pool_client"] ?? {};
  const [web] = Object.values(clients);
  if (web === undefined) throw new Error("fixture: no app client");
  edit(web);
  return doc;
}

const judge = (doc: Doc) => AppClientPasswordAuth.check(modelFromDocument(doc, "main.tf.json"), NO_POLICIES);
const verdicts = (doc: Doc) => judge(doc).map((f) => [f.severity ?? AppClientPasswordAuth.severity, f.message]);

describe("app clients that sign users in with the password itself", () => {
  test("GIVEN ALLOW_USER_PASSWORD_AUTH on a client without a secret THEN medium, naming the client, the flow and the missing secret", () => {
    expect(verdicts(withWeb(() => undefined))).toEqual([
      ["medium", 'app client "web": ALLOW_USER_PASSWORD_AUTH sends the password itself to Cognito instead of an SRP proof (the client has no secret)'],
    ]);
  });

  test("GIVEN the legacy USER_PASSWORD_AUTH THEN medium too", () => {
    const doc = withWeb((c) => (c["explicit_auth_flows"] = ["USER_PASSWORD_AUTH", "REFRESH_TOKEN_AUTH"]));
    expect(verdicts(doc).map(([s]) => s)).toEqual(["medium"]);
  });

  test("GIVEN the same flow on a client with a secret THEN low: every call needs the secret's hash", () => {
    const doc = withWeb((c) => (c["generate_secret"] = true));
    expect(verdicts(doc)).toEqual([
      ["low", 'app client "web": ALLOW_USER_PASSWORD_AUTH sends the password itself to Cognito instead of an SRP proof (the client has a secret)'],
    ]);
  });

  test("GIVEN generate_secret known only after apply THEN medium: the secret is not assumed", () => {
    const doc = withWeb((c) => (c["generate_secret"] = "${var.confidential}"));
    expect(verdicts(doc).map(([s, m]) => [s, m.endsWith("(whether the client has a secret is known only after apply)")])).toEqual([["medium", true]]);
  });

  test.each([["ALLOW_ADMIN_USER_PASSWORD_AUTH"], ["ADMIN_NO_SRP_AUTH"]])("GIVEN the server-side flow %s without a secret THEN low", (flow) => {
    const doc = withWeb((c) => (c["explicit_auth_flows"] = ["ALLOW_USER_SRP_AUTH", flow, "ALLOW_REFRESH_TOKEN_AUTH"]));
    expect(verdicts(doc).map(([s, m]) => [s, m.includes(`: ${flow} sends the password itself`)])).toEqual([["low", true]]);
  });

  test("GIVEN explicit_auth_flows unset THEN quiet: Cognito's defaults are SRP, custom auth and refresh", () => {
    expect(judge(withWeb((c) => delete c["explicit_auth_flows"]))).toEqual([]);
  });

  test("GIVEN SRP and refresh only (the sample as it synthesizes today) THEN quiet", () => {
    expect(judge(withWeb((c) => (c["explicit_auth_flows"] = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])))).toEqual([]);
  });

  test("GIVEN explicit_auth_flows from a variable THEN low, not verified, never a pass", () => {
    const doc = withWeb((c) => (c["explicit_auth_flows"] = "${var.flows}"));
    expect(verdicts(doc)).toEqual([["low", 'app client "web": explicit_auth_flows is known only after apply: password sign-in without SRP is not verified']]);
  });

  test("GIVEN a real terraform plan of a client that leaves the flows unset (computed: known after apply) THEN quiet", () => {
    const model = loadModel(join(__dirname, "..", "fixtures", "first-run-plan", "plan.json"));
    expect(model.userPoolClients.length).toBeGreaterThan(0);
    expect(AppClientPasswordAuth.check(model, NO_POLICIES)).toEqual([]);
  });

  test("GIVEN a waiver for the client's address with a reason THEN the finding is reported as waived and fails nothing", () => {
    const policy = join(__dirname, "app-client-password-auth", "policy.yaml");
    const base = loadPolicies(policy, RULES);
    const [first] = base.policies;
    if (first === undefined) throw new Error("fixture: no policy");
    const address = "aws_cognito_user_pool_client.identity_client-web_C7D0E3A6";
    const waived = {
      policies: [{ ...first, waivers: [{ rule: "app-client-password-auth", address, reason: "the user-migration trigger needs the password" }] }],
    };
    const { findings } = runRules(
      modelFromDocument(
        withWeb(() => undefined),
        "main.tf.json",
      ),
      waived,
    );
    const mine = findings.filter((f) => f.rule === "app-client-password-auth");
    expect(mine.map((f) => [f.address, f.waived?.reason])).toEqual([[address, "the user-migration trigger needs the password"]]);
  });
});
