// Every WAFv2 web ACL carries the AWS managed baseline (KnownBadInputs, CommonRuleSet) in blocking mode and a
// rate-based rule.
import type { ResourceInstance } from "../model";
import { asString, blocks, firstBlock } from "../load/json";
import type { Rule, RuleFinding } from "./types";

const REQUIRED = ["AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesCommonRuleSet"] as const;

function aclFinding(acl: ResourceInstance, message: string, extra: Partial<RuleFinding> = {}): RuleFinding {
  return { address: acl.address, message: `web ACL ${asString(acl.values["name"]) ?? acl.address}: ${message}`, file: acl.source.file, ...extra };
}

export const WebAclManagedRules: Rule = {
  id: "waf-managed-rules",
  title: "Web ACLs block with the AWS managed baseline and a rate limit",
  severity: "high",
  rationale:
    "KnownBadInputs stops known exploit payloads (Log4Shell and the like) before any authorizer or backend parses them; " +
    "CommonRuleSet covers the OWASP basics. In COUNT mode they only log. A rate-based rule caps token guessing per client.",
  equivalents: { checkov: ["CKV2_AWS_77"] },
  check(model) {
    const out: RuleFinding[] = [];
    for (const acl of model.resources.filter((r) => r.type === "aws_wafv2_web_acl" && r.mode === "managed")) {
      const ruleJson = acl.values["rule_json"];
      if (ruleJson !== undefined && ruleJson !== null && ruleJson !== "") {
        out.push(aclFinding(acl, "rules given as rule_json cannot be checked", { severity: "medium" }));
        continue;
      }
      const rules = blocks(acl.values["rule"]);
      for (const name of REQUIRED) {
        const rule = rules.find((r) => asString(firstBlock(firstBlock(r["statement"])?.["managed_rule_group_statement"])?.["name"]) === name);
        if (!rule) out.push(aclFinding(acl, `managed rule group ${name} is missing`));
        else if (blocks(firstBlock(rule["override_action"])?.["count"]).length > 0) out.push(aclFinding(acl, `managed rule group ${name} is in COUNT mode (override_action count): it blocks nothing`));
      }
      if (!rules.some((r) => firstBlock(firstBlock(r["statement"])?.["rate_based_statement"]) !== undefined)) {
        out.push(aclFinding(acl, "no rate-based rule"));
      }
    }
    return out;
  },
};
