// WAFv2 rule blocks as plain data, in the provider's snake_case (the provider types `statement` as `any`,
// so cdktf passes it through verbatim). Pure: the web ACL construct and the tests both use these.
import type { Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";

/** The secret header CloudFront adds on its way to the origin; WAF matches header names in lower case. */
export const ORIGIN_VERIFY_HEADER = "X-Origin-Verify";

/** The AWS managed rule groups every web ACL of this project carries, in evaluation order. */
const MANAGED_RULE_GROUPS = ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesCommonRuleSet"] as const;

export type RateAggregateKey =
  /** The connection's source IP: the caller when it calls the stage (or CloudFront) directly. */
  | "IP"
  /**
   * The first address of `X-Forwarded-For`. Behind CloudFront the source IP is an edge server's, and limiting
   * it would throttle every viewer of that POP together. A viewer can prepend addresses of its own choosing, so
   * this limit is only a second line: the authoritative per-IP limit is the CLOUDFRONT web ACL's, on the real IP.
   */
  | "FORWARDED_IP";

function visibility(metricName: string) {
  return { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

/** Blocks a client that sends more than `limit` requests in any 5-minute window. */
export function rateLimitRule(metricPrefix: string, priority: number, limit: number, key: RateAggregateKey): Wafv2WebAclRule {
  if (!Number.isInteger(limit) || limit < 10 || limit > 2_000_000_000) {
    throw new Error(`WAF rate limit must be an integer between 10 and 2000000000 requests per 5 minutes, got ${limit}`);
  }
  const rate =
    key === "IP"
      ? { limit, aggregate_key_type: "IP" }
      : {
          limit,
          aggregate_key_type: "FORWARDED_IP",
          // A request without the header is counted against one shared bucket rather than let through.
          forwarded_ip_config: { header_name: "X-Forwarded-For", fallback_behavior: "MATCH" },
        };
  return {
    name: "rate-limit-per-ip",
    priority,
    action: { block: {} },
    statement: { rate_based_statement: rate },
    visibilityConfig: visibility(`${metricPrefix}-rate-limit`),
  };
}

/** An AWS managed rule group with its own actions (override `none`: its blocks block). */
function managedRuleGroup(metricPrefix: string, priority: number, name: string): Wafv2WebAclRule {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managed_rule_group_statement: { name, vendor_name: "AWS" } },
    visibilityConfig: visibility(`${metricPrefix}-${name}`),
  };
}

/**
 * Allows requests whose `X-Origin-Verify` equals one of `values` exactly. With a default action of BLOCK this
 * is what makes the stage reachable only through CloudFront; two values let the secret rotate without downtime.
 */
export function originVerifyRule(metricPrefix: string, priority: number, values: readonly string[]): Wafv2WebAclRule {
  if (values.length === 0) throw new Error("originVerifyRule: at least one accepted header value is required");
  const matches = values.map((value) => ({
    byte_match_statement: {
      search_string: value,
      positional_constraint: "EXACTLY",
      field_to_match: { single_header: { name: ORIGIN_VERIFY_HEADER.toLowerCase() } },
      text_transformation: [{ priority: 0, type: "NONE" }],
    },
  }));
  return {
    name: "allow-origin-verify",
    priority,
    action: { allow: {} },
    statement: matches.length === 1 ? matches[0] : { or_statement: { statement: matches } },
    visibilityConfig: visibility(`${metricPrefix}-origin-verify`),
  };
}

export interface WebAclRulesOptions {
  readonly metricPrefix: string;
  readonly rateLimitPerFiveMinutes: number;
  readonly rateAggregateKey: RateAggregateKey;
  /** When set, the ACL's last rule allows only these header values (the caller sets default action BLOCK). */
  readonly originVerifyValues?: readonly string[];
}

/**
 * Rules in evaluation order: rate limit, managed groups, then the origin-verify allow. The allow must come last:
 * an ALLOW ends evaluation, so anything placed after it would never see CloudFront's traffic.
 */
export function webAclRules(opts: WebAclRulesOptions): Wafv2WebAclRule[] {
  const rules: Wafv2WebAclRule[] = [rateLimitRule(opts.metricPrefix, 0, opts.rateLimitPerFiveMinutes, opts.rateAggregateKey)];
  MANAGED_RULE_GROUPS.forEach((name, i) => rules.push(managedRuleGroup(opts.metricPrefix, 10 + i, name)));
  if (opts.originVerifyValues) rules.push(originVerifyRule(opts.metricPrefix, 100, opts.originVerifyValues));
  return rules;
}
