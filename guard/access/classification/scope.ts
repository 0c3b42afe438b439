// Which provider resource types the classification covers, and how a value's path is named in it. Shared by the
// extractor (scripts/gen-provider-attributes.ts) and the review's attribute walk, so both name a path alike.
// Pure.

/** The provider and version whose schema the committed attribute list was extracted from. */
export const PROVIDER = "registry.terraform.io/hashicorp/aws";
export const PROVIDER_VERSION = "5.100.0";

/** Services that decide who gets in, as whom, and what they receive. */
const IN_SCOPE_PREFIXES: readonly string[] = [
  "aws_api_gateway_",
  "aws_apigatewayv2_",
  "aws_lambda_",
  "aws_cognito_",
  "aws_iam_",
  "aws_wafv2_",
  "aws_cloudfront_",
];

/** Other types the stacks' runtime reads (the edge verifier's configuration in SSM). */
const IN_SCOPE_TYPES: readonly string[] = ["aws_ssm_parameter"];

export const inScope = (type: string): boolean => IN_SCOPE_TYPES.includes(type) || IN_SCOPE_PREFIXES.some((p) => type.startsWith(p));

/** WAFv2 types whose rule statements nest recursively (and/or/not, scope-down): classified by statement type. */
const RECURSIVE_STATEMENTS = new Set(["aws_wafv2_web_acl", "aws_wafv2_rule_group"]);

const isStatementWrapper = (s: string): boolean => s === "statement" || s === "scope_down_statement";
const isStatementType = (s: string): boolean => s.endsWith("_statement") && !isStatementWrapper(s);

/**
 * The path under which an attribute is classified. WAFv2 rule statements nest without bound; a path inside one is
 * folded to the innermost statement type under the outermost `statement`:
 * `rule.statement.and_statement.statement.byte_match_statement.search_string` →
 * `rule.statement.byte_match_statement.search_string`. Every other path is itself.
 */
export function classifiedPath(type: string, segments: readonly string[]): string {
  if (!RECURSIVE_STATEMENTS.has(type)) return segments.join(".");
  const first = segments.findIndex(isStatementWrapper);
  if (first < 0) return segments.join(".");
  let last = -1;
  for (let i = first + 1; i < segments.length; i++) if (isStatementType(segments[i])) last = i;
  if (last < 0) return segments.join(".");
  return [...segments.slice(0, first + 1), ...segments.slice(last)].join(".");
}
