// WAF rule blocks as data: order, bounds and the origin-verify match.
import { originVerifyRule, rateLimitRule, webAclRules } from "../../constructs/waf/rules";

describe("web ACL rules", () => {
  test("GIVEN origin protection WHEN rules are built THEN rate limit first, managed groups next, the allow last", () => {
    const rules = webAclRules({
      metricPrefix: "p",
      rateLimitPerFiveMinutes: 100,
      rateAggregateKey: "IP",
      originVerifyValues: ["a".repeat(32), "b".repeat(32)],
    });
    const byPriority = [...rules].sort((a, b) => a.priority - b.priority).map((r) => r.name);
    expect(byPriority).toEqual([
      "rate-limit-per-ip",
      "AWSManagedRulesAmazonIpReputationList",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "AWSManagedRulesCommonRuleSet",
      "allow-origin-verify",
    ]);
    expect(new Set(rules.map((r) => r.visibilityConfig.metricName)).size).toBe(rules.length);
  });

  test("GIVEN one accepted value WHEN the origin rule is built THEN a single exact byte match on the lower-case header", () => {
    expect(originVerifyRule("p", 1, ["s".repeat(32)]).statement).toEqual({
      byte_match_statement: {
        search_string: "s".repeat(32),
        positional_constraint: "EXACTLY",
        field_to_match: { single_header: { name: "x-origin-verify" } },
        text_transformation: [{ priority: 0, type: "NONE" }],
      },
    });
    expect(() => originVerifyRule("p", 1, [])).toThrow(/at least one/);
  });

  test.each([0, 9, 1.5, 3_000_000_000])("GIVEN a rate limit of %p WHEN built THEN it throws with the value", (limit) => {
    expect(() => rateLimitRule("p", 0, limit, "IP")).toThrow(String(limit));
  });
});
