// A finding's severity and message in plain text (the check's table, the audit's HTML): an accepted finding says by
// what and why, so a reader never takes a waived or baselined finding for an open one.
import { messageText, severityText } from "../../../guard/report/finding-text";
import type { Finding } from "../../../guard/rules/types";

const finding: Finding = { rule: "no-open-method", severity: "critical", address: "aws_api_gateway_method.get", message: "GET /pets is open" };

describe("finding text", () => {
  it("GIVEN an open finding THEN its severity and message as they are", () => {
    expect([severityText(finding), messageText(finding)]).toEqual(["critical", "GET /pets is open"]);
  });

  it("GIVEN a finding a policy waives THEN it is marked waived with the reason", () => {
    const waived: Finding = { ...finding, waived: { reason: "public by design", policyFile: "policies/shop.yaml" } };
    expect([severityText(waived), messageText(waived)]).toEqual(["critical (waived)", "GET /pets is open [waived: public by design]"]);
  });

  it("GIVEN a finding a waiver without detail accepts (coarse) THEN it is marked coarse", () => {
    const coarse: Finding = {
      ...finding,
      severity: "high",
      detail: "door",
      waived: { reason: "public by design", policyFile: "policies/shop.yaml", coarse: true },
    };
    expect([severityText(coarse), messageText(coarse)]).toEqual([
      "high (waived, coarse)",
      "GET /pets is open [waived (coarse: the waiver names no detail): public by design]",
    ]);
  });

  it("GIVEN a finding the baseline accepts THEN it is marked baselined with its expiry, owner and reason", () => {
    const baselined: Finding = {
      ...finding,
      waived: { reason: "fixed in #12", policyFile: "access-baseline.yaml", baseline: { owner: "team-a", expires: "2027-01-31" } },
    };
    expect([severityText(baselined), messageText(baselined)]).toEqual([
      "critical (baselined)",
      "GET /pets is open [baselined until 2027-01-31, owner team-a: fixed in #12]",
    ]);
  });
});
