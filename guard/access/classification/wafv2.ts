// WAFv2 (aws_wafv2_*): the web ACLs in front of stages and distributions. Rule statements nest without bound
// (and/or/not, scope-down), so they are classified by statement type (scope.ts folds every nested path).
import { DOC, modelled, NAME, neutral, notVerified, ORIGIN, STAGES, WAF, type TypeTable } from "./types";

const MATCH = "a match condition: which requests the rule's action applies to; this statement type is not modelled";
const METRICS = "CloudWatch metrics and sampled requests of the rule: counts, not access";
const RESPONSE = "what a blocked caller is told";
const STATEMENT_TYPES_NOT_MODELLED = [
  "and_statement",
  "asn_match_statement",
  "geo_match_statement",
  "ip_set_reference_statement",
  "label_match_statement",
  "not_statement",
  "regex_match_statement",
  "regex_pattern_set_reference_statement",
  "size_constraint_statement",
  "sqli_match_statement",
  "xss_match_statement",
];

const statements = (types: readonly string[]): string[] => types.map((t) => `rule.statement.${t}.*`);

/** A rule's parts, the same in a web ACL and a rule group. */
const RULES: TypeTable = {
  ...modelled(WAF, "judged", ["rule.action.*", "rule.priority", "rule.statement"]),
  ...notVerified("labels that later rules match on", ["rule.rule_label.*"]),
  ...notVerified("how long a solved CAPTCHA lets a caller through", ["rule.captcha_config.*"]),
  ...neutral(METRICS, ["rule.visibility_config.*"]),
  ...neutral(NAME, ["rule.name"]),
  ...notVerified(MATCH, statements(STATEMENT_TYPES_NOT_MODELLED)),
  ...modelled(ORIGIN, "judged", statements(["byte_match_statement", "or_statement"])),
  ...modelled(WAF, "any", statements(["rate_based_statement"])),
  ...modelled(WAF, "larger", ["rule.statement.rate_based_statement.limit"]),
  ...neutral(RESPONSE, ["custom_response_body.*"]),
  ...neutral(METRICS, ["visibility_config.*"]),
  ...neutral(NAME, ["name_prefix"]),
  ...neutral(DOC, ["description"]),
  ...modelled(WAF, "any", ["scope", "name"]),
};

export const WAF_TYPES: Readonly<Record<string, TypeTable>> = {
  aws_wafv2_api_key: notVerified("a key for the CAPTCHA/challenge JavaScript integration on other domains", ["api_key", "scope", "token_domains"]),
  aws_wafv2_ip_set: {
    ...notVerified(MATCH, ["addresses", "ip_address_version", "scope"]),
    ...neutral(NAME, ["name", "name_prefix"]),
    ...neutral(DOC, ["description"]),
  },
  aws_wafv2_regex_pattern_set: {
    ...notVerified(MATCH, ["regular_expression.*", "scope"]),
    ...neutral(NAME, ["name", "name_prefix"]),
    ...neutral(DOC, ["description"]),
  },
  aws_wafv2_rule_group: {
    ...RULES,
    ...notVerified("a rule group's rules are not modelled: an ALLOW inside one admits before later rules", [
      "rule.action.*",
      "rule.priority",
      "rule.statement",
      ...statements(["byte_match_statement", "or_statement", "rate_based_statement"]),
      "rule.statement.rate_based_statement.limit",
    ]),
    ...neutral("the web ACL capacity units the group reserves", ["capacity"]),
  },
  aws_wafv2_web_acl: {
    ...RULES,
    ...modelled(WAF, "judged", ["rule.override_action.*", "rule_json", "default_action.*"]),
    ...modelled(WAF, "judged", statements(["managed_rule_group_statement", "rule_group_reference_statement"])),
    ...notVerified("how much of a request body WAF inspects; the rest passes uninspected", ["association_config.*"]),
    ...notVerified("what WAF's logs and samples reveal about callers", ["data_protection_config.*"]),
    ...notVerified("the domains whose CAPTCHA and challenge tokens this ACL accepts", ["token_domains"]),
    ...notVerified("how long a solved CAPTCHA or challenge lets a caller through", ["captcha_config.*", "challenge_config.*", "rule.challenge_config.*"]),
  },
  aws_wafv2_web_acl_association: modelled(STAGES, "any", ["resource_arn", "web_acl_arn"]),
  aws_wafv2_web_acl_logging_configuration: notVerified("what WAF records about callers, and where", [
    "log_destination_configs",
    "logging_filter.*",
    "redacted_fields.*",
    "resource_arn",
  ]),
};
