// Engine: waivers are reported and never fail the check; severities can be overridden; --fail-on thresholds.
import { join } from "node:path";
import { failing, runRules } from "../../guard/engine";
import { readFileSync } from "node:fs";
import { loadModel, modelFromDocument } from "../../guard/load";
import { parsePolicyDocument } from "../../guard/policy/parse";
import type { PolicySet } from "../../guard/policy/types";
import { loadPolicies } from "../../guard/policy/load";
import { RULES } from "../../guard/rules";

const FIX = join(__dirname, "fixtures");
const base = loadPolicies(join(FIX, "shop.policy.yaml"), RULES).policies[0];
const xrayOff = loadModel(join(FIX, "noncompliant", "StageXray.tf.json"));

const withExtra = (extra: Record<string, unknown>): PolicySet => {
  const { policy, problems } = parsePolicyDocument({ api: base.apis[0], routes: base.routes, corsPreflight: base.corsPreflight, ...extra }, "p.yaml");
  if (policy === undefined) throw new Error(JSON.stringify(problems));
  return { policies: [policy] };
};

test("GIVEN a finding THEN it fails at its severity or below, not above", () => {
  const { findings } = runRules(xrayOff, { policies: [base] });
  expect(findings.map((f) => [f.rule, f.severity])).toEqual([["stage-xray", "low"]]);
  expect(failing(findings, "low")).toHaveLength(1);
  expect(failing(findings, "medium")).toHaveLength(0);
});

test("GIVEN a waiver with a reason THEN the finding is still reported, marked waived, and does not fail", () => {
  const { findings } = runRules(
    xrayOff,
    withExtra({ waivers: [{ rule: "stage-xray", address: "aws_api_gateway_stage.*", reason: "tracing costs approved off for dev" }] }),
  );
  expect(findings).toHaveLength(1);
  expect(findings[0].waived).toEqual({ reason: "tracing costs approved off for dev", policyFile: "p.yaml" });
  expect(failing(findings, "info")).toHaveLength(0);
});

test("GIVEN a waiver for another address THEN it does not apply", () => {
  const { findings } = runRules(
    xrayOff,
    withExtra({ waivers: [{ rule: "stage-xray", address: "aws_api_gateway_stage.prod", reason: "only prod is waived here" }] }),
  );
  expect(findings[0].waived).toBeUndefined();
});

test("GIVEN a severity override THEN the finding carries it", () => {
  const { findings } = runRules(xrayOff, withExtra({ severities: { "stage-xray": "high" } }));
  expect(findings[0].severity).toBe("high");
});

test("GIVEN an API no policy matches THEN that is a critical finding, not a pass", () => {
  const other = parsePolicyDocument({ api: "other-*", routes: { "GET /": { type: "AWS_IAM" } } }, "o.yaml").policy;
  if (other === undefined) throw new Error("no policy");
  const { findings } = runRules(loadModel(join(FIX, "compliant.tf.json")), { policies: [other] });
  expect(findings).toContainEqual(
    expect.objectContaining({ rule: "method-matches-policy", severity: "critical", message: 'no intended-authorization policy matches REST API "shop-dev"' }),
  );
});

test("GIVEN a policy that matches no API in the input THEN an info finding says so (reported, not failing at low)", () => {
  const other = parsePolicyDocument({ api: "other-*", routes: { "GET /": { type: "AWS_IAM" } } }, "o.yaml").policy;
  if (other === undefined) throw new Error("no policy");
  const { findings } = runRules(loadModel(join(FIX, "compliant.tf.json")), { policies: [base, other] });
  expect(findings).toEqual([expect.objectContaining({ rule: "method-matches-policy", severity: "info", address: "o.yaml" })]);
  expect(failing(findings, "low")).toEqual([]);
});

test("GIVEN a REST API whose OpenAPI body adds an open operation THEN it is judged like a method, not passed", () => {
  const doc = JSON.parse(readFileSync(join(FIX, "compliant.tf.json"), "utf8")) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  doc.resource["aws_api_gateway_rest_api"]["api"]["body"] = '{"openapi":"3.0.1","paths":{"/open":{"get":{}}}}';
  const { findings } = runRules(modelFromDocument(doc), { policies: [base] });
  expect(findings).toContainEqual(expect.objectContaining({ rule: "no-open-method", route: "GET /open" }));
  expect(findings).toContainEqual(
    expect.objectContaining({ rule: "method-matches-policy", route: "GET /open", message: expect.stringMatching(/not in the policy/) }),
  );
});

test("GIVEN a policy whose CUSTOM groups differ from the authorizer's route table THEN method-matches-policy fires", () => {
  const routes = { ...base.routes, "DELETE /items/{id}": { ...base.routes["DELETE /items/{id}"], groups: ["staff"] } };
  const { findings } = runRules(loadModel(join(FIX, "compliant.tf.json")), { policies: [{ ...base, routes }] });
  expect(findings).toEqual([
    expect.objectContaining({
      rule: "method-matches-policy",
      route: "DELETE /items/{id}",
      message: 'DELETE /items/{id}: the authorizer enforces groups ["admins"], policy says ["staff"]',
    }),
  ]);
});

describe("GIVEN a finding that belongs to no API (a user pool) and a policy file of some API", () => {
  const mfaOff = loadModel(join(FIX, "noncompliant", "UserPoolMfa.tf.json"));

  test("WHEN the policy waives the rule by a glob address THEN the waiver does not reach it", () => {
    const { findings } = runRules(
      mfaOff,
      withExtra({ waivers: [{ rule: "user-pool-mfa", address: "aws_cognito_user_pool.*", reason: "not yours to waive" }] }),
    );
    expect(findings[0].waived).toBeUndefined();
    expect(failing(findings, "low")).toHaveLength(1);
  });

  test("WHEN the policy waives that exact address THEN the waiver applies", () => {
    const { findings } = runRules(
      mfaOff,
      withExtra({ waivers: [{ rule: "user-pool-mfa", address: "aws_cognito_user_pool.pool", reason: "pool retired next sprint" }] }),
    );
    // user-pool-mfa tells its findings apart (detail): a waiver that does not name it accepts coarsely.
    expect(findings[0].waived).toEqual({ reason: "pool retired next sprint", policyFile: "p.yaml", coarse: true });
  });

  test("WHEN the policy waives that exact address and the finding's detail THEN the waiver applies exactly", () => {
    const detail = runRules(mfaOff, withExtra({})).findings.find((f) => f.rule === "user-pool-mfa")?.detail;
    expect(detail).toBeDefined();
    const { findings, waiverNotes } = runRules(
      mfaOff,
      withExtra({ waivers: [{ rule: "user-pool-mfa", address: "aws_cognito_user_pool.pool", detail, reason: "pool retired next sprint" }] }),
    );
    expect(findings[0].waived).toEqual({ reason: "pool retired next sprint", policyFile: "p.yaml" });
    expect(waiverNotes).toEqual([]);
  });

  test("WHEN the policy lowers the rule's severity THEN the finding keeps the rule's own severity", () => {
    const { findings } = runRules(mfaOff, withExtra({ severities: { "user-pool-mfa": "info" } }));
    expect(findings[0].severity).toBe("high");
  });

  test("WHEN the policy raises the rule's severity THEN the finding carries the higher one", () => {
    const { findings } = runRules(mfaOff, withExtra({ severities: { "user-pool-mfa": "critical" } }));
    expect(findings[0].severity).toBe("critical");
  });
});
