// The kinds of the WAF comparer (waf.ts): the effective rule chain of each web ACL. The weaknesses of one chain
// (guard/access/waf.ts `WafWeaknessKind`) are kinds of their own.
import { defineKinds } from "../kind-catalogue";

export const WAF_KINDS = defineKinds({
  "waf-allow-before-managed": {
    severity: "blocking",
    title: "ALLOW before managed rules",
    explanation: "an ALLOW rule has a lower priority than the managed rule groups: requests it matches skip them",
  },
  "waf-managed-count": {
    severity: "blocking",
    title: "managed rules count only",
    explanation: "a managed rule group in COUNT (`override_action count`), or some of its rules overridden away from BLOCK (`rule_action_override`)",
  },
  "waf-managed-scope-down": {
    severity: "blocking",
    title: "managed rules scoped down",
    explanation: "a managed rule group narrowed by a `scope_down_statement`: requests outside it are not inspected",
  },
  "waf-managed-group-missing": { severity: "blocking", title: "managed group missing", explanation: "KnownBadInputs or CommonRuleSet missing" },
  "waf-managed-group-removed": { severity: "blocking", title: "managed group removed", explanation: "any managed group the base had removed" },
  "waf-rate-limit-missing": { severity: "blocking", title: "no rate limit", explanation: "no rate-based rule" },
  "waf-rate-limit-count": { severity: "blocking", title: "rate limit counts only", explanation: "rate rules that only count" },
  "waf-rate-limit-raised": { severity: "blocking", title: "rate limit raised", explanation: "the lowest rate limit is higher, or no limit is left" },
  "waf-default-allow": { severity: "blocking", title: "default action not BLOCK", explanation: "the default action goes from BLOCK to anything else" },
  "waf-acl-unattached": {
    severity: "info",
    title: "web ACL attached to nothing",
    explanation:
      "a web ACL that fronted something in the base, or is new, is attached to nothing in the head: no association (REGIONAL) or distribution's `web_acl_id` (CLOUDFRONT) names it, so it protects nothing (not verified when an association or distribution names a web ACL known only after apply). Shown, not counted: what lost its web ACL blocks on its own (`waf-removed` for a stage, the distribution's `web_acl_id` as `attribute-widened`, rule `stage-waf` through `control-regressed`)",
  },
  "waf-rules-unreadable": {
    severity: "blocking",
    title: "rules unreadable",
    explanation: "the rules are given as `rule_json`, which the review cannot read",
  },
});
