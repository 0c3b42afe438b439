// The per-stack summary `npm run plan` prints: counts by terraform's words, then what is replaced or destroyed.
import { countsLine, formatPlanSummary, summarizePlan } from "../../cli/private/plan-summary";

const rc = (address: string, ...actions: string[]) => ({ address, change: { actions } });

describe("summarizePlan", () => {
  it("GIVEN creates, an update, replaces both ways, a destroy, no-ops and reads THEN each is counted once under its word", () => {
    const plan = {
      resource_changes: [
        rc("aws_api_gateway_method.a", "create"),
        rc("aws_api_gateway_method.b", "create"),
        rc("aws_api_gateway_stage.s", "update"),
        rc("aws_cognito_user_pool.p", "delete", "create"),
        rc("aws_api_gateway_deployment.d", "create", "delete"),
        rc("aws_wafv2_web_acl.old", "delete"),
        rc("aws_iam_role.r", "no-op"),
        rc("data.aws_caller_identity.me", "read"),
      ],
    };
    const s = summarizePlan(plan);
    expect(s).toEqual({
      create: 2,
      update: 1,
      replace: ["aws_api_gateway_deployment.d", "aws_cognito_user_pool.p"],
      destroy: ["aws_wafv2_web_acl.old"],
    });
    expect(formatPlanSummary("petstore-prod", s!)).toBe(
      [
        "petstore-prod: 2 to create, 1 to change, 2 to replace, 1 to destroy",
        "  replace aws_api_gateway_deployment.d",
        "  replace aws_cognito_user_pool.p",
        "  destroy aws_wafv2_web_acl.old",
        "",
      ].join("\n"),
    );
  });

  it("GIVEN a plan without changes (terraform omits resource_changes) THEN all counts are zero", () => {
    expect(countsLine(summarizePlan({ format_version: "1.2" })!)).toBe("0 to create, 0 to change, 0 to replace, 0 to destroy");
  });

  it("GIVEN malformed resource_changes THEN there is no summary rather than a wrong one", () => {
    expect(summarizePlan({ resource_changes: {} })).toBeUndefined();
    expect(summarizePlan({ resource_changes: [{ address: "a.b" }] })).toBeUndefined();
    expect(summarizePlan(null)).toBeUndefined();
  });

  it("GIVEN a for_each key with terminal control characters THEN they are printed escaped", () => {
    const s = summarizePlan({ resource_changes: [rc('aws_iam_role.r["\u001b[2Jx"]', "delete")] })!;
    expect(formatPlanSummary("dev", s)).toContain('destroy aws_iam_role.r["\\u001b[2Jx"]');
    expect(formatPlanSummary("dev", s)).not.toContain("\u001b");
  });
});
