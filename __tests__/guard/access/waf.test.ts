// The effective WAF chain (guard/access/waf.ts) over the real sample synth, and its weaknesses.
import { describeChain, wafWeaknesses, webAclChains } from "../../../guard/access/waf";
import { modelFromDocument } from "../../../guard/load";
import { synth, type Doc } from "../review/fixtures/pairs";
import { WAF_PAIRS } from "./pairs/waf";

const chains = (d: Doc) => webAclChains(modelFromDocument(d, "x.cdk.tf.json"));
const mutated = (name: string): Doc => {
  const d = synth(WAF_PAIRS[name].env);
  WAF_PAIRS[name].mutate(d);
  return d;
};

describe("GIVEN the sample web ACLs", () => {
  it("WHEN the dev chain is read THEN it runs the rate rule, the managed groups in priority order, then allows, in front of the stage", () => {
    const [dev] = chains(synth("dev"));
    expect(describeChain(dev)).toBe(
      "rate-limit-per-ip (block) → AWSManagedRulesAmazonIpReputationList → AWSManagedRulesKnownBadInputsRuleSet → AWSManagedRulesCommonRuleSet → default allow",
    );
    expect(dev.fronts).toEqual(["aws_api_gateway_stage.stage_59CE5186"]);
  });

  it("WHEN the prod chains are read THEN the regional one blocks by default after its origin-verify ALLOW, and neither has a weakness", () => {
    const prod = chains(synth("prod"));
    expect(prod.map((c) => [c.name, c.defaultAction, c.rules.at(-1)?.name])).toEqual([
      ["petstore-prod-cloudfront", "allow", "AWSManagedRulesCommonRuleSet"],
      ["petstore-prod-regional", "block", "allow-origin-verify"],
    ]);
    expect(prod.flatMap(wafWeaknesses)).toEqual([]);
  });
});

describe("GIVEN a weakened chain", () => {
  it.each([
    [
      "waf-allow-before-managed",
      "waf-allow-before-managed",
      "ALLOW rule allow-office (priority 5) runs before managed rule group AWSManagedRulesAmazonIpReputationList (priority 10)",
    ],
    ["waf-rule-override-count", "waf-managed-count", "SizeRestrictions_BODY → count"],
    ["waf-scope-down", "waf-managed-scope-down", "AWSManagedRulesKnownBadInputsRuleSet has a scope-down statement"],
    ["waf-rate-count", "waf-rate-limit-count", "rate-limit-per-ip only counts"],
  ])("WHEN %s THEN the weakness is %s", (pair, kind, text) => {
    const [dev] = chains(mutated(pair));
    expect(wafWeaknesses(dev)).toEqual([{ kind, about: expect.any(String) as unknown, message: expect.stringContaining(text) }]);
  });

  it("WHEN a harmless twin is applied THEN there is no weakness", () => {
    for (const twin of ["waf-block-before-managed", "waf-rules-reordered", "waf-rule-override-block", "waf-rate-lowered"])
      expect(wafWeaknesses(chains(mutated(twin))[0])).toEqual([]);
  });

  it("WHEN the rules are rule_json THEN the chain is unreadable, not clean", () => {
    const d = synth("dev");
    const acl = Object.values(d.resource["aws_wafv2_web_acl"])[0];
    acl["rule_json"] = "[]";
    expect(wafWeaknesses(chains(d)[0]).map((w) => w.kind)).toEqual(["waf-rules-unreadable"]);
  });
});
