// The effective WAF chain (guard/access/waf.ts) over the real sample synth, and its weaknesses.
import { describeChain, detachment, wafWeaknesses, webAclChains } from "../../../guard/access/waf";
import { modelFromDocument } from "../../../guard/load";
import { diffModels } from "../../../guard/review/diff";
import { only, synth, type Doc } from "../review/fixtures/pairs";
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

describe("GIVEN what each web ACL is attached to (detachment: the check's web-acl-attached and the review's waf-acl-unattached)", () => {
  const detached = (d: Doc) => chains(d).map((c) => [c.name, detachment(c)] as const);
  const reviewed = (base: Doc, head: Doc) =>
    diffModels(modelFromDocument(base, "base.cdk.tf.json"), modelFromDocument(head, "head.cdk.tf.json")).changes.filter((c) => c.kind === "waf-acl-unattached");

  it("WHEN the sample is read THEN every web ACL fronts something: the stage's association, the distribution's web_acl_id", () => {
    expect([...detached(synth("dev")), ...detached(synth("prod"))]).toEqual([
      ["petstore-dev-regional", undefined],
      ["petstore-prod-cloudfront", undefined],
      ["petstore-prod-regional", undefined],
    ]);
  });

  it.each([
    [
      "waf-acl-association-removed",
      "petstore-dev-regional",
      "attached to nothing (scope REGIONAL: no aws_wafv2_web_acl_association names it): it protects nothing",
    ],
    [
      "waf-acl-added-unattached",
      "petstore-dev-regional-strict",
      "attached to nothing (scope REGIONAL: no aws_wafv2_web_acl_association names it): it protects nothing",
    ],
    [
      "waf-cloudfront-acl-detached",
      "petstore-prod-cloudfront",
      "attached to nothing (scope CLOUDFRONT: no distribution names it in web_acl_id): it protects nothing",
    ],
  ])("WHEN %s THEN %s protects nothing, and the review says so (not 'no change')", (pair, name, message) => {
    const head = mutated(pair);
    expect(detached(head).filter(([, d]) => d !== undefined)).toEqual([[name, { notVerified: false, message }]]);
    expect(reviewed(synth(WAF_PAIRS[pair].env), head).map((c) => [c.severity, c.subject, c.message])).toEqual([["info", `web ACL ${name}`, message]]);
  });

  it("WHEN the association names its web ACL by a variable THEN the stage's web ACL is not verified, never 'attached to nothing'", () => {
    const [dev] = chains(mutated("waf-acl-attachment-unknown"));
    expect(detachment(dev)).toEqual({
      notVerified: true,
      message:
        "nothing here resolves to it (scope REGIONAL), and aws_wafv2_web_acl_association.perimeter_regional-waf_association_A13442F9 names a web ACL known only after apply: whether it protects anything is not verified",
    });
  });

  it("WHEN a distribution names a CLOUDFRONT web ACL by a variable THEN an unattached REGIONAL one is still attached to nothing (the scopes do not mix)", () => {
    const head = synth("prod");
    delete only(head, "aws_wafv2_web_acl_association")["web_acl_arn"];
    only(head, "aws_cloudfront_distribution")["web_acl_id"] = "${var.edge_acl}";
    expect(detached(head).map(([n, d]) => [n, d?.notVerified])).toEqual([
      ["petstore-prod-cloudfront", true],
      ["petstore-prod-regional", false],
    ]);
  });

  it("WHEN the twin renames the association THEN nothing is detached and the review says nothing of it", () => {
    const head = mutated("waf-acl-association-renamed");
    expect(detached(head)).toEqual([["petstore-dev-regional", undefined]]);
    expect(reviewed(synth("dev"), head)).toEqual([]);
  });

  it("WHEN the base already had the web ACL attached to nothing THEN the review does not repeat it", () => {
    const base = mutated("waf-acl-added-unattached");
    const head = mutated("waf-acl-added-unattached");
    expect(reviewed(base, head)).toEqual([]);
  });
});
