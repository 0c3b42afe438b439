// Which rules the audit can judge on what it read: what it did not read is "not verified" at info, never a pass.
import { SERVED_RULE_ID } from "../../../cli/private/audit/served";
import { auditRule, auditRules, CODE_ONLY_RULES, needsOfNoRule, rulesWithoutNeeds } from "../../../cli/private/audit/verification";
import type { Unread } from "../../../cli/private/audit/snapshot";
import { runRules } from "../../../guard/engine";
import { modelFromDocument } from "../../../guard/load";
import { RULES } from "../../../guard/rules";
import type { Rule } from "../../../guard/rules/types";
import { parsePolicyDocument } from "../../../guard/policy/parse";
import type { PolicySet } from "../../../guard/policy/types";

const NO_POLICY: PolicySet = { policies: [] };

const noIam: Unread = { region: "all", service: "iam", what: "IAM roles", reason: "no IAM client" };
const rule = (id: string, findings: number): Rule => ({
  id,
  title: id,
  severity: "high",
  rationale: "",
  equivalents: {},
  check: () => Array.from({ length: findings }, (_, i) => ({ address: `x.y${i}`, message: `finding ${i}` })),
});
const empty = modelFromDocument({
  format_version: "1.0",
  values: { root_module: { resources: [{ address: "aws_s3_bucket.b", mode: "managed", type: "aws_s3_bucket", name: "b", values: {} }] } },
});

test("GIVEN a rule that needs IAM WHEN IAM was not read THEN its findings are info and one more says the rule is not verified", () => {
  const wrapped = auditRule(rule("execute-api-invoke-scoped", 1), [noIam]);
  const out = wrapped.check(empty, NO_POLICY);
  expect(out).toEqual([
    { address: "(audit)", severity: "info", message: "execute-api-invoke-scoped is not verified: IAM roles: no IAM client" },
    { address: "x.y0", severity: "info", message: "not verified (IAM roles: no IAM client): finding 0" },
  ]);
});

test("GIVEN a rule that needs IAM and finds nothing WHEN IAM was not read THEN it still cannot pass", () => {
  const r = runRules(empty, NO_POLICY, [auditRule(rule("iam-invoker-trust", 0), [noIam])]);
  expect(r.findings.map((f) => [f.severity, f.address])).toEqual([["info", "(audit)"]]);
});

test("GIVEN everything a rule needs was read THEN the rule is unchanged", () => {
  const r = rule("stage-waf", 1);
  expect(auditRule(r, [noIam])).toBe(r);
});

test("GIVEN web-acl-attached WHEN everything was read THEN it is still not verified: the audit reads only stages and distributions, not what else a REGIONAL web ACL is attached to", () => {
  const out = auditRule(rule("web-acl-attached", 1), []).check(empty, NO_POLICY);
  expect(out.map((f) => [f.address, f.severity, f.message])).toEqual([
    [
      "(audit)",
      "info",
      "web-acl-attached is not verified: what the REGIONAL web ACLs are attached to besides API Gateway stages (load balancers, AppSync, Cognito, App Runner, Verified Access): the audit does not read ListResourcesForWebACL",
    ],
    [
      "x.y0",
      "info",
      "not verified (what the REGIONAL web ACLs are attached to besides API Gateway stages (load balancers, AppSync, Cognito, App Runner, Verified Access): the audit does not read ListResourcesForWebACL): finding 0",
    ],
  ]);
});

test("GIVEN API Gateway reads that failed in a region THEN every rule judges not verified", () => {
  const gw: Unread = { region: "eu-west-1", service: "apigateway", what: "GetStages restapis/a", reason: "access denied" };
  expect(auditRule(rule("stage-waf", 0), [gw]).check(empty, NO_POLICY)).toEqual([expect.objectContaining({ severity: "info", address: "(audit)" })]);
});

test("GIVEN a route the policy intends AWS_IAM WHEN IAM was not read THEN only that route's finding is not verified", () => {
  const doc = {
    format_version: "1.0",
    values: {
      root_module: {
        resources: [
          {
            address: "aws_api_gateway_rest_api.a",
            mode: "managed",
            type: "aws_api_gateway_rest_api",
            name: "a",
            values: { id: "a1", name: "shop", root_resource_id: "root" },
          },
          ...["iam", "open"].map((p) => ({
            address: `aws_api_gateway_resource.${p}`,
            mode: "managed",
            type: "aws_api_gateway_resource",
            name: p,
            values: { id: p, rest_api_id: "a1", parent_id: "root", path_part: p },
          })),
          ...["iam", "open"].map((p) => ({
            address: `aws_api_gateway_method.${p}`,
            mode: "managed",
            type: "aws_api_gateway_method",
            name: p,
            values: { rest_api_id: "a1", resource_id: p, http_method: "GET", authorization: "NONE", api_key_required: false },
          })),
        ],
      },
    },
  };
  const model = modelFromDocument(doc);
  const parsed = parsePolicyDocument(
    { api: "shop", routes: { "GET /iam": { type: "AWS_IAM", groups: [], roles: ["*-reporting"] }, "GET /open": { type: "COGNITO", authorizer: "c" } } },
    "shop.yaml",
  );
  if (parsed.policy === undefined) throw new Error(JSON.stringify(parsed.problems));
  const policies = { policies: [parsed.policy] };
  const rules = auditRules(
    RULES.filter((r) => r.id === "no-open-method"),
    [noIam],
  );
  const found = runRules(model, policies, rules).findings.map((f) => [f.route, f.severity]);
  expect(found).toEqual(
    expect.arrayContaining([
      ["GET /open", "critical"],
      ["GET /iam", "info"],
    ]),
  );
});

test("code-only rules are left out of the audit", () => {
  const ids = auditRules(RULES, []).map((r) => r.id);
  for (const id of Object.keys(CODE_ONLY_RULES)) expect(ids).not.toContain(id);
  expect(ids).toContain("no-open-method");
});

describe("GIVEN findings in two regions of one account (their live documents aws:<account>:<region>)", () => {
  const inRegions = (id: string): Rule => ({
    ...rule(id, 0),
    check: () =>
      ["eu-west-1", "ap-southeast-2"].map((region) => ({
        address: `aws_x.live["111122223333 ${region} thing"]`,
        message: `finding in ${region}`,
        file: `aws:111122223333:${region}`,
      })),
  });
  const severities = (r: Rule, unread: readonly Unread[]) =>
    auditRule(r, unread)
      .check(empty, NO_POLICY)
      .filter((f) => f.address !== "(audit)")
      .map((f) => [f.message.replace(/^not verified \(.*\): /, ""), f.severity ?? "high"]);

  test("WHEN a read of one region failed THEN only that region's findings are not verified", () => {
    const lambda: Unread = { region: "ap-southeast-2", service: "lambda", what: "GetPolicy f", reason: "access denied" };
    expect(severities(inRegions("backend-doors-intended"), [lambda])).toEqual([
      ["finding in eu-west-1", "high"],
      ["finding in ap-southeast-2", "info"],
    ]);
  });

  test("WHEN a finding's region is told by its address alone THEN it is scoped the same", () => {
    const r: Rule = { ...rule("stage-xray", 0), check: () => [{ address: 'aws_x.live["eu-west-1 shop stage dev"]', message: "m" }] };
    const other: Unread = { region: "us-east-1", service: "apigateway", what: "GetStages restapis/b", reason: "access denied" };
    expect(severities(r, [other])).toEqual([["m", "high"]]);
  });

  test("WHEN a finding's region cannot be told THEN any entry of its account leaves it not verified (no guess)", () => {
    const r: Rule = { ...rule("stage-xray", 0), check: () => [{ address: "x.y", message: "m" }] };
    const other: Unread = { region: "us-east-1", service: "apigateway", what: "GetStages restapis/b", reason: "access denied" };
    expect(severities(r, [other])).toEqual([["m", "info"]]);
  });

  test("WHEN the global CloudFront read (us-east-1) failed THEN a rule needing CloudFront is not verified in every region", () => {
    const cf: Unread = { region: "us-east-1", service: "cloudfront", what: "ListDistributions", reason: "access denied", global: true };
    expect(severities(inRegions("cloudfront-https-only"), [cf])).toEqual([
      ["finding in eu-west-1", "info"],
      ["finding in ap-southeast-2", "info"],
    ]);
    expect(auditRule(inRegions("cloudfront-https-only"), [cf]).check(empty, NO_POLICY)[0]?.message).toBe(
      "cloudfront-https-only is not verified: us-east-1 (global): ListDistributions: access denied",
    );
  });

  test("WHEN a regional read in us-east-1 failed THEN it lowers nothing in the other regions", () => {
    const waf: Unread = { region: "us-east-1", service: "wafv2", what: "ListWebACLs REGIONAL", reason: "access denied" };
    expect(severities(inRegions("waf-managed-rules"), [waf])).toEqual([
      ["finding in eu-west-1", "high"],
      ["finding in ap-southeast-2", "high"],
    ]);
  });

  test("WHEN another audited account's read failed THEN nothing of this account is lowered, even a global one", () => {
    const iam: Unread = { account: "222233334444", region: "us-east-1", service: "iam", what: "IAM", reason: "access denied", global: true };
    expect(severities(inRegions("execute-api-invoke-scoped"), [iam]).map(([, s]) => s)).toEqual(["high", "high"]);
  });
});

describe("the services each rule needs", () => {
  test("every rule the audit judges has an entry (a new rule must say what it reads before the audit judges it)", () => {
    // A rule named here needs an entry in RULE_NEEDS (cli/private/audit/verification.ts), or in CODE_ONLY_RULES.
    expect(rulesWithoutNeeds(RULES)).toEqual([]);
  });

  test("every entry names a rule (a misspelt entry leaves the real rule without one)", () => {
    expect(needsOfNoRule([...RULES.map((r) => r.id), SERVED_RULE_ID])).toEqual([]);
  });

  test("GIVEN a rule with no entry WHEN any service was not read THEN it is not verified: never judged on what was not seen", () => {
    const waf: Unread = { region: "eu-west-1", service: "wafv2", what: "ListWebACLs REGIONAL", reason: "access denied" };
    const out = auditRule(rule("web-acl-nobody-listed", 1), [waf]).check(empty, NO_POLICY);
    expect(out.map((f) => [f.address, f.severity])).toEqual([
      ["(audit)", "info"],
      ["x.y0", "info"],
    ]);
  });
});
