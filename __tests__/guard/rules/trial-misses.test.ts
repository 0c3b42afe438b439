// The three misses an outside trial of `check` found on public Terraform (fixtures/trial-misses-plan, planned offline
// by real terraform, with modules): a web ACL attached to nothing, a public app client signing users in with the
// password itself, a Lambda permission for an API that is no API of the configuration on a function no API reaches.
// Each is a finding now, and the review of the plan (before: nothing, after: the plan) names it; their twins (a web
// ACL attached through a module input, flows left at Cognito's defaults, a permission for the configuration's own API
// made in a module) stay quiet, and a web ACL an association known only after apply may attach is not verified.
import { join } from "node:path";
import { runRules } from "../../../guard/engine";
import { loadModel } from "../../../guard/load";
import { diffModels } from "../../../guard/review/diff";

const PLAN = join(__dirname, "fixtures", "trial-misses-plan", "plan.json");
const after = loadModel(PLAN);
const findings = runRules(after, { policies: [] }).findings;
const of = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => [f.severity, f.address, f.message]);

describe("GIVEN the trial's three misses in a real plan", () => {
  test("THEN the CLOUDFRONT web ACL no distribution names is attached to nothing (medium); the one an association of unknown web ACL may attach is not verified (low); the one attached through a module input is quiet", () => {
    expect(of("web-acl-attached")).toEqual([
      [
        "medium",
        "module.edge_waf.aws_wafv2_web_acl.this",
        "web ACL shop-edge: attached to nothing (scope CLOUDFRONT: no distribution names it in web_acl_id): it protects nothing",
      ],
      [
        "low",
        "module.partner_waf.aws_wafv2_web_acl.this",
        "web ACL shop-partner: nothing here resolves to it (scope REGIONAL), and aws_wafv2_web_acl_association.partner names a web ACL known only after apply: whether it protects anything is not verified",
      ],
    ]);
  });

  test("THEN the public client with ALLOW_USER_PASSWORD_AUTH is medium; the client whose flows the plan computes (unset) is quiet", () => {
    expect(of("app-client-password-auth")).toEqual([
      [
        "medium",
        "aws_cognito_user_pool_client.mobile",
        'app client "shop-mobile": ALLOW_USER_PASSWORD_AUTH sends the password itself to Cognito instead of an SRP proof (the client has no secret)',
      ],
    ]);
  });

  test("THEN the other API's permission on a function no API reaches is a door, not verified, named as a function; the own API's (through a module output) is plumbing", () => {
    expect(of("backend-doors-intended")).toEqual([
      [
        "high",
        "aws_lambda_function.reports",
        "function `shop-reports`: door Lambda permission aws_lambda_permission.reports_other_api (lambda:InvokeFunction for apigateway.amazonaws.com) (`lambda-permission:aws_lambda_permission.reports_other_api`) is not intended (the policy lists no doors for it): not verified (API zz9otherapi of account 123456789012 is no API of this configuration: who it admits is not seen here)",
      ],
    ]);
  });

  test("WHEN the plan is reviewed THEN the door blocks and the unattached web ACL is shown: not 'no change'", () => {
    const before = loadModel(PLAN, { side: "before" });
    const changes = diffModels(before, after).changes.map((c) => [c.kind, c.severity, c.subject]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ["door-added", "blocking", "function `shop-reports`"],
        ["waf-acl-unattached", "info", "web ACL shop-edge"],
        ["waf-acl-unattached", "info", "web ACL shop-partner"],
      ]),
    );
    expect(changes.filter(([kind]) => kind === "waf-acl-unattached")).toHaveLength(2);
  });
});
