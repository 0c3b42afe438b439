// Every WAFv2 web ACL is attached to something: an association (REGIONAL: a stage, a load balancer, ...) or a
// distribution's web_acl_id (CLOUDFRONT). What each fronts, and why one protects nothing, is defined once in
// guard/access/waf.ts (the review's WAF comparer says the same).
import { detachment, webAclChains } from "../../access/waf";
import type { Rule, RuleFinding } from "../types";

export const WebAclAttached: Rule = {
  id: "web-acl-attached",
  title: "Every web ACL is attached to what it is meant to protect",
  severity: "medium",
  rationale:
    "A web ACL filters only the resources it is attached to: a REGIONAL one through an aws_wafv2_web_acl_association " +
    "(a REST API stage, a load balancer), a CLOUDFRONT one through a distribution's web_acl_id. One attached to " +
    "nothing protects nothing while its author, and every reader of the configuration, believes an API sits behind " +
    "it. An association or distribution whose web ACL is known only after apply (a module output, a variable) may " +
    "be the one attaching it: not verified (low), never a pass.",
  equivalents: {},
  check(model) {
    const out: RuleFinding[] = [];
    for (const chain of webAclChains(model)) {
      const d = detachment(chain);
      if (d === undefined) continue;
      out.push({
        address: chain.address,
        file: chain.resource.source.file,
        message: `web ACL ${chain.name}: ${d.message}`,
        ...(d.notVerified ? { severity: "low" as const } : {}),
      });
    }
    return out;
  },
};
