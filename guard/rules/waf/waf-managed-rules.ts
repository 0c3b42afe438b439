// Every WAFv2 web ACL carries the AWS managed baseline (KnownBadInputs, CommonRuleSet) in blocking mode, not
// narrowed or overtaken by an earlier ALLOW, and a rate-based rule that blocks. The chain and its weaknesses are
// defined once in guard/access/waf.ts (the review compares the same).
import { wafWeaknesses, webAclChains } from "../../access/waf";
import type { Rule, RuleFinding } from "../types";

export const WebAclManagedRules: Rule = {
  id: "waf-managed-rules",
  title: "Web ACLs block with the AWS managed baseline and a rate limit",
  severity: "high",
  rationale:
    "KnownBadInputs stops known exploit payloads (Log4Shell and the like) before any authorizer or backend parses them; " +
    "CommonRuleSet covers the OWASP basics. In COUNT mode (whole group or rule overrides), behind a scope-down " +
    "statement, or after an ALLOW rule that matches first, they stop nothing for those requests. A rate-based rule " +
    "that blocks caps token guessing per client.",
  equivalents: { checkov: ["CKV2_AWS_77"] },
  check(model) {
    const out: RuleFinding[] = [];
    for (const chain of webAclChains(model)) {
      for (const w of wafWeaknesses(chain)) {
        out.push({
          address: chain.address,
          detail: w.about === "" ? w.kind : `${w.kind} ${w.about}`,
          message: `web ACL ${chain.name}: ${w.message}`,
          file: chain.resource.source.file,
          ...(w.kind === "waf-rules-unreadable" ? { severity: "medium" as const } : {}),
        });
      }
    }
    return out;
  },
};
