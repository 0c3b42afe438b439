// Verdicts per rule and subject: every subject a rule judged is a verdict (passes included); a failing finding fails
// its subject; waived, "not verified" and below-threshold findings skip it with the reason; no finding is lost.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runRules } from "../../guard/engine";
import { loadModel, modelFromDocument } from "../../guard/load";
import { parsePolicyDocument } from "../../guard/policy/parse";
import { loadPolicies } from "../../guard/policy/load";
import type { PolicySet } from "../../guard/policy/types";
import { RULES } from "../../guard/rules";
import { verdictLabel, verdictsOf } from "../../guard/verdicts";

const FIX = join(__dirname, "fixtures");
const policies = loadPolicies(join(FIX, "shop.policy.yaml"), RULES);
const verdicts = (file: string, set: PolicySet = policies, failOn: "low" | "info" = "low") => {
  const r = runRules(loadModel(join(FIX, file)), set);
  return verdictsOf(r.rules, r.findings, r.subjects, failOn);
};

describe("GIVEN an open DELETE /items/{id} (the no-open-method fixture)", () => {
  const vs = verdicts("noncompliant/NoOpenMethod.tf.json");

  test("THEN no-open-method has one verdict per route: that route failed with the finding, every other passed", () => {
    const mine = vs.filter((v) => v.rule.id === "no-open-method");
    expect(mine.map((v) => [verdictLabel(v), v.status])).toEqual([
      ["shop-dev GET /", "passed"],
      ["shop-dev GET /items", "passed"],
      ["shop-dev OPTIONS /items", "passed"],
      ["shop-dev DELETE /items/{id}", "failed"],
      ["shop-dev GET /reports", "passed"],
      ["shop-dev GET /catalog", "passed"],
    ]);
    expect(mine[3].reason).toBe("DELETE /items/{id} has authorization NONE and no API key, and the policy gives no reason for it to be open");
  });

  test("THEN method-matches-policy judges each route, the API and the policy file, naming the policy that decides them", () => {
    const mine = vs.filter((v) => v.rule.id === "method-matches-policy");
    expect(mine.map((v) => v.subject?.kind)).toEqual(["route", "route", "route", "route", "route", "route", "api", "policy"]);
    expect(mine.filter((v) => v.status === "failed").map(verdictLabel)).toEqual(["shop-dev DELETE /items/{id}"]);
    expect(mine[0].subject?.policyFile).toBe(join(FIX, "shop.policy.yaml"));
  });

  test("THEN a rule that declares no subjects and found nothing is one passing verdict", () => {
    expect(vs.filter((v) => v.rule.id === "unresolved-reference").map((v) => [v.status, v.subject])).toEqual([["passed", undefined]]);
  });
});

test("GIVEN a waived finding THEN its subject is skipped with the waiver's reason and policy file, not passed", () => {
  const base = policies.policies[0];
  const { policy } = parsePolicyDocument(
    {
      api: base.apis[0],
      routes: base.routes,
      corsPreflight: base.corsPreflight,
      waivers: [{ rule: "stage-xray", address: "aws_api_gateway_stage.*", reason: "tracing costs approved off for dev" }],
    },
    "p.yaml",
  );
  const vs = verdicts("noncompliant/StageXray.tf.json", { policies: [policy ?? base] }).filter((v) => v.rule.id === "stage-xray");
  expect(vs.map((v) => [verdictLabel(v), v.status, v.reason])).toEqual([
    ['shop-dev stage "dev"', "skipped", "waived (p.yaml): tracing costs approved off for dev"],
  ]);
});

test("GIVEN a CUSTOM route whose authorizer's route table is not on disk THEN its verdict is skipped as not verified, never passed", () => {
  const doc = JSON.parse(readFileSync(join(FIX, "compliant.tf.json"), "utf8")) as unknown;
  const r = runRules(modelFromDocument(doc, "compliant.tf.json"), policies);
  const v = verdictsOf(r.rules, r.findings, r.subjects, "low").find((x) => x.rule.id === "method-matches-policy" && x.subject?.route === "DELETE /items/{id}");
  expect(v?.status).toBe("skipped");
  expect(v?.reason).toMatch(/^\[info, below --fail-on low\] DELETE \/items\/\{id\}: groups\/scopes are enforced inside authorizer .*; not verified$/);
  // At --fail-on info the same finding fails the subject.
  expect(verdictsOf(r.rules, r.findings, r.subjects, "info").find((x) => x.subject === v?.subject)?.status).toBe("failed");
});

describe("every finding of a rule that declares subjects falls on one of them (no finding judged apart from its subject)", () => {
  const files = ["compliant.tf.json", ...readdirSync(join(FIX, "noncompliant")).map((f) => `noncompliant/${f}`)].filter((f) => f.endsWith(".tf.json"));
  test.each(files)("%s", (file) => {
    const vs = verdicts(file, policies, "info");
    const orphans = vs.filter((v) => v.subject === undefined && v.findings.length > 0 && v.rule.subjects !== undefined);
    expect(orphans.map((v) => `${v.rule.id}: ${v.findings[0].address} ${v.findings[0].message}`)).toEqual([]);
  });

  test("and at least the route, stage, pool, client, authorizer, key, deployment and role rules declare them", () => {
    const declared = RULES.filter((r) => r.subjects !== undefined).map((r) => r.id);
    expect(declared).toEqual(
      expect.arrayContaining([
        "method-matches-policy",
        "no-open-method",
        "stage-waf",
        "stage-access-logs",
        "user-pool-mfa",
        "app-client-token-validity",
        "authorizer-identity-source",
        "api-key-in-usage-plan",
        "deployment-redeploys-on-auth-change",
        "cognito-group-role-trust",
      ]),
    );
  });
});

test("GIVEN two stacks whose app clients share an address, only prod's allowing the implicit grant THEN prod's client fails, dev's passes", () => {
  const doc = JSON.parse(readFileSync(join(FIX, "compliant.tf.json"), "utf8")) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const prod = JSON.parse(JSON.stringify(doc)) as typeof doc;
  Object.assign(prod.resource.aws_cognito_user_pool_client.web, {
    allowed_oauth_flows_user_pool_client: true,
    allowed_oauth_flows: ["implicit"],
    allowed_oauth_scopes: ["openid"],
    callback_urls: ["https://shop.example.com/"],
  });
  const dir = mkdtempSync(join(tmpdir(), "verdicts-stacks-"));
  for (const [stack, d] of [
    ["shop-dev", doc],
    ["shop-prod", prod],
  ] as const) {
    mkdirSync(join(dir, "stacks", stack), { recursive: true });
    writeFileSync(join(dir, "stacks", stack, "cdk.tf.json"), JSON.stringify(d));
  }
  const r = runRules(loadModel(dir), policies);
  const vs = verdictsOf(r.rules, r.findings, r.subjects, "low").filter((v) => v.rule.id === "app-client-implicit-flow");
  expect(vs.map((v) => [verdictLabel(v), v.status])).toEqual([
    ['shop-dev: app client "web"', "passed"],
    ['shop-prod: app client "web"', "failed"],
  ]);
});
