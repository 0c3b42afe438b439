// WAFv2 web ACLs and rule groups as the provider keeps them in state: every nested object a list of one block,
// keys in snake case, the plural lists the API names (`Rules`, `RuleActionOverrides`, `Statements`) under the
// provider's singular block names, so guard/access/waf.ts and origin.ts read the live chain as they read the code's.
// Pure.
import type { RuleGroup, WebACL } from "@aws-sdk/client-wafv2";
import { resource, snake, type StateResource } from "./state-doc";
import type { WafRead } from "./snapshot";

/** API list names whose provider block is singular. */
const BLOCK_NAMES: Readonly<Record<string, string>> = {
  Rules: "rule",
  RuleActionOverrides: "rule_action_override",
  Statements: "statement",
  ExcludedRules: "excluded_rule",
  TextTransformations: "text_transformation",
  CustomKeys: "custom_key",
  InsertHeaders: "insert_header",
  ResponseHeaders: "response_header",
};

/** One API object as provider blocks. */
function providerBlocks(v: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    out[BLOCK_NAMES[k] ?? snake(k)] = valueOf(x);
  }
  return out;
}

function valueOf(x: unknown): unknown {
  if (x instanceof Uint8Array) return Buffer.from(x).toString("utf8");
  if (Array.isArray(x)) return x.map((e) => (isRecord(e) ? providerBlocks(e) : e));
  if (isRecord(x)) return [providerBlocks(x)];
  return x;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x) && !(x instanceof Uint8Array);

function aclValues(acl: WebACL, scope: string): Record<string, unknown> {
  const blocks = providerBlocks({ DefaultAction: acl.DefaultAction, Rules: acl.Rules ?? [] });
  return {
    id: acl.Id ?? "",
    name: acl.Name ?? "",
    arn: acl.ARN ?? "",
    scope,
    description: acl.Description ?? "",
    default_action: blocks["default_action"] ?? [],
    rule: blocks["rule"] ?? [],
  };
}

function groupValues(g: RuleGroup, scope: string): Record<string, unknown> {
  return {
    id: g.Id ?? "",
    name: g.Name ?? "",
    arn: g.ARN ?? "",
    scope,
    capacity: g.Capacity ?? 0,
    rule: providerBlocks({ Rules: g.Rules ?? [] })["rule"] ?? [],
  };
}

export function wafResources(region: string, reads: readonly WafRead[]): StateResource[] {
  return reads.flatMap((w) => {
    const where = w.scope === "CLOUDFRONT" ? "global (CLOUDFRONT)" : region;
    return [
      ...w.webAcls.map((a) => resource("aws_wafv2_web_acl", `${where} web acl ${a.Name ?? a.Id ?? ""}`, aclValues(a, w.scope))),
      ...w.ruleGroups.map((g) => resource("aws_wafv2_rule_group", `${where} rule group ${g.Name ?? g.Id ?? ""}`, groupValues(g, w.scope))),
    ];
  });
}
