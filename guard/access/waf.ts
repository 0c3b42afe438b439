// The effective rule chain of each WAFv2 web ACL (rules by priority, what each does, the default action, what it
// fronts) and its weaknesses: the one definition the check (waf-managed-rules) and the review's WAF comparer
// share. Pure: a Model in, plain data out.
import { isUnknown, type Model, type ResourceInstance } from "../model";
import { asString, blocks, firstBlock, type JsonObject } from "../load/json";
import { resolveRefs } from "./cloudfront";
import { linkedByValue } from "./edge-links";

/** The AWS managed baseline every web ACL carries in blocking mode. */
const REQUIRED_MANAGED_GROUPS = ["AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesCommonRuleSet"] as const;

interface WafRule {
  readonly name: string;
  readonly priority: number;
  readonly kind: "managed" | "rate" | "other";
  /** `allow`, `block`, `count`, `captcha`, `challenge` (rule action), or `none` / `count` (managed override). */
  readonly action: string;
  /** Managed rule group name. */
  readonly group?: string;
  /** Managed rules overridden to an action other than BLOCK (`rule_action_override`): `name → count`. */
  readonly overrides: readonly string[];
  readonly scopeDown: boolean;
  /** Rate-based rules: requests per evaluation window. */
  readonly limit?: number;
}

export interface WebAclChain {
  /** The ACL's name (stack-prefixed in a multi-stack input): pairs a web ACL across versions. */
  readonly key: string;
  readonly name: string;
  readonly address: string;
  /** `allow`, `block`, or `unknown`. */
  readonly defaultAction: string;
  readonly rules: readonly WafRule[];
  /** What it sits in front of: `stage <addr>`, `distribution <addr>`. */
  readonly fronts: readonly string[];
  /** `REGIONAL`, `CLOUDFRONT`, or `unknown`: what it can be attached to (associations, or distributions' web_acl_id). */
  readonly scope: "REGIONAL" | "CLOUDFRONT" | "unknown";
  /**
   * Associations and distributions (of any stack: another stack's reference is known only after apply too) whose web
   * ACL is known only after apply and names no web ACL here (a module output, a variable, a remote state): any of
   * them may attach this one, so "attached to nothing" is not verified.
   */
  readonly maybeFronts: readonly string[];
  /** Set when the rules cannot be read (`rule_json`). */
  readonly unreadable?: string;
  readonly resource: ResourceInstance;
}

/** What is weak in a chain; each is a blocking change kind of the review's WAF comparer (review/compare/waf-kinds.ts). */
type WafWeaknessKind =
  | "waf-rules-unreadable"
  | "waf-managed-group-missing"
  | "waf-managed-count"
  | "waf-managed-scope-down"
  | "waf-allow-before-managed"
  | "waf-rate-limit-missing"
  | "waf-rate-limit-count";

/** A weakness of one chain; `kind` is the review's blocking kind, the message says what it lets through. */
export interface WafWeakness {
  readonly kind: WafWeaknessKind;
  /** Which weakness of the kind, by the names it is about (rule group, overrides, rule): a finding's detail. */
  readonly about: string;
  readonly message: string;
}

const ACTIONS = ["allow", "block", "count", "captcha", "challenge"] as const;
/**
 * Whether a nested block is set: cdk.tf.json writes `{count: {}}`, plan JSON writes every alternative with the
 * unset ones empty (`[{count: [], none: [{}]}]`), so presence is "holds a block", not "has the key".
 */
const hasBlock = (parent: unknown, key: string): boolean => firstBlock(firstBlock(parent)?.[key]) !== undefined;
const actionOf = (v: unknown): string => ACTIONS.find((a) => hasBlock(v, a)) ?? "unknown";

function ruleOf(r: JsonObject): WafRule {
  const statement = firstBlock(r["statement"]);
  const managed = firstBlock(statement?.["managed_rule_group_statement"]);
  const rate = firstBlock(statement?.["rate_based_statement"]);
  const name = asString(r["name"]) ?? "?";
  const priority = typeof r["priority"] === "number" ? r["priority"] : Number(r["priority"] ?? Number.NaN);
  if (managed !== undefined) {
    const overrides = blocks(managed["rule_action_override"])
      .map((o) => [asString(o["name"]) ?? "?", actionOf(o["action_to_use"])] as const)
      .filter(([, a]) => a !== "block")
      .map(([n, a]) => `${n} → ${a}`);
    return {
      name,
      priority,
      kind: "managed",
      action: hasBlock(r["override_action"], "count") ? "count" : "none",
      group: asString(managed["name"]) ?? "?",
      overrides,
      scopeDown: firstBlock(managed["scope_down_statement"]) !== undefined,
    };
  }
  const limit = rate?.["limit"];
  return {
    name,
    priority,
    kind: rate !== undefined ? "rate" : "other",
    action: actionOf(r["action"]),
    overrides: [],
    scopeDown: false,
    ...(typeof limit === "number" ? { limit } : {}),
  };
}

/** The web ACLs an attribute names: by reference, else by its ARN (a state document); an ambiguous ARN names none. */
function aclsOf(model: Model, r: ResourceInstance, attr: string): ResourceInstance[] {
  const byRef = resolveRefs(model, r, r.references[attr] ?? [], "aws_wafv2_web_acl");
  if (byRef.length > 0) return byRef;
  const byValue = linkedByValue(model, r, r.values[attr], ["aws_wafv2_web_acl"], ["arn"]);
  return byValue.length === 1 ? byValue : [];
}

/** An attribute that names a web ACL only after apply, by nothing this model resolves (a literal names one elsewhere). */
const unresolved = (r: ResourceInstance, attr: string, resolved: readonly ResourceInstance[]): boolean => resolved.length === 0 && isUnknown(r.values[attr]);

const scopeOf = (acl: ResourceInstance): WebAclChain["scope"] => {
  const scope = acl.values["scope"];
  return scope === "REGIONAL" || scope === "CLOUDFRONT" ? scope : "unknown";
};

export function webAclChains(model: Model): WebAclChain[] {
  const acls = model.resources.filter((r) => r.type === "aws_wafv2_web_acl" && r.mode === "managed");
  const multi = new Set(acls.map((a) => a.source.stack)).size > 1;
  const fronts = new Map<ResourceInstance, string[]>();
  const add = (acl: ResourceInstance, what: string) => fronts.set(acl, [...(fronts.get(acl) ?? []), what]);
  // Holders whose web ACL cannot be resolved, by the scope of web ACL they can attach.
  const maybe: { scope: "REGIONAL" | "CLOUDFRONT"; address: string }[] = [];
  for (const r of model.resources) {
    if (r.type === "aws_wafv2_web_acl_association") {
      const target = (r.references["resource_arn"] ?? []).join(", ") || String(r.values["resource_arn"] ?? "?");
      const named = aclsOf(model, r, "web_acl_arn");
      for (const acl of named) add(acl, target.replace(/\.arn$/, ""));
      if (unresolved(r, "web_acl_arn", named)) maybe.push({ scope: "REGIONAL", address: r.address });
    }
    if (r.type === "aws_cloudfront_distribution") {
      const named = aclsOf(model, r, "web_acl_id");
      for (const acl of named) add(acl, r.address);
      if (unresolved(r, "web_acl_id", named)) maybe.push({ scope: "CLOUDFRONT", address: r.address });
    }
  }
  return acls.map((acl) => {
    const name = asString(acl.values["name"]) ?? acl.address;
    const ruleJson = acl.values["rule_json"];
    const unreadable = ruleJson !== undefined && ruleJson !== null && ruleJson !== "" ? "its rules are given as rule_json, which cannot be read" : undefined;
    return {
      key: multi ? `${acl.source.stack}/${name}` : name,
      name,
      address: acl.address,
      defaultAction: actionOf(acl.values["default_action"]),
      rules: blocks(acl.values["rule"])
        .map(ruleOf)
        .sort((a, b) => a.priority - b.priority),
      fronts: fronts.get(acl) ?? [],
      scope: scopeOf(acl),
      maybeFronts: maybe.filter((m) => scopeOf(acl) === "unknown" || m.scope === scopeOf(acl)).map((m) => m.address),
      ...(unreadable !== undefined ? { unreadable } : {}),
      resource: acl,
    };
  });
}

const UNATTACHED: Readonly<Record<WebAclChain["scope"], string>> = {
  REGIONAL: "no aws_wafv2_web_acl_association names it",
  CLOUDFRONT: "no distribution names it in web_acl_id",
  unknown: "no aws_wafv2_web_acl_association and no distribution's web_acl_id names it",
};

/**
 * Why a web ACL protects nothing (the check's web-acl-attached and the review's WAF comparer), or undefined when it
 * fronts something. An association or distribution whose web ACL is known only after apply may be the one attaching
 * it: then not verified, never "attached to nothing".
 */
export function detachment(chain: WebAclChain): { readonly notVerified: boolean; readonly message: string } | undefined {
  if (chain.fronts.length > 0) return undefined;
  const scope = chain.scope === "unknown" ? "its scope known only after apply" : `scope ${chain.scope}`;
  const maybe = chain.maybeFronts;
  if (maybe.length > 0)
    return {
      notVerified: true,
      message: `nothing here resolves to it (${scope}), and ${maybe.join(", ")} name${maybe.length === 1 ? "s" : ""} a web ACL known only after apply: whether it protects anything is not verified`,
    };
  return { notVerified: false, message: `attached to nothing (${scope}: ${UNATTACHED[chain.scope]}): it protects nothing` };
}

/**
 * What a chain lets through that the baseline would stop, in evaluation order. The default action is not judged
 * here (ALLOW is the normal default of a filtering ACL); the review compares it between versions.
 */
export function wafWeaknesses(chain: WebAclChain): WafWeakness[] {
  if (chain.unreadable !== undefined) return [{ kind: "waf-rules-unreadable", about: "", message: chain.unreadable }];
  const out: WafWeakness[] = [];
  const managed = chain.rules.filter((r) => r.kind === "managed");
  for (const group of REQUIRED_MANAGED_GROUPS) {
    if (!managed.some((r) => r.group === group))
      out.push({ kind: "waf-managed-group-missing", about: group, message: `managed rule group ${group} is missing` });
  }
  for (const r of managed) {
    if (r.action === "count")
      out.push({
        kind: "waf-managed-count",
        about: `${r.group} override_action=count`,
        message: `managed rule group ${r.group} is in COUNT mode (override_action count): it blocks nothing`,
      });
    const toAllow = r.overrides.filter((o) => o.endsWith("→ allow"));
    const others = r.overrides.filter((o) => !o.endsWith("→ allow"));
    if (others.length > 0)
      out.push({
        kind: "waf-managed-count",
        about: `${r.group} overrides=${JSON.stringify([...others].sort())}`,
        message: `managed rule group ${r.group} has rules overridden away from BLOCK (${others.join(", ")})`,
      });
    // An ALLOW override ends evaluation: what the rule matches skips every later rule and the default action.
    if (toAllow.length > 0)
      out.push({
        kind: "waf-managed-count",
        about: `${r.group} overrides=${JSON.stringify([...toAllow].sort())}`,
        message: `managed rule group ${r.group} has rules overridden to ALLOW (${toAllow.join(", ")}): requests they match skip every later rule and the default action`,
      });
    if (r.scopeDown)
      out.push({
        kind: "waf-managed-scope-down",
        about: r.group ?? r.name,
        message: `managed rule group ${r.group} has a scope-down statement: requests outside it are not inspected`,
      });
  }
  const firstManaged = managed[0];
  for (const r of chain.rules) {
    if (r.action === "allow" && firstManaged !== undefined && r.priority < firstManaged.priority) {
      out.push({
        kind: "waf-allow-before-managed",
        about: r.name,
        message: `ALLOW rule ${r.name} (priority ${r.priority}) runs before managed rule group ${firstManaged.group} (priority ${firstManaged.priority}): requests it matches skip the managed rules`,
      });
    }
  }
  const rates = chain.rules.filter((r) => r.kind === "rate");
  if (rates.length === 0) out.push({ kind: "waf-rate-limit-missing", about: "", message: "no rate-based rule" });
  else if (rates.every((r) => r.action !== "block" && r.action !== "captcha" && r.action !== "challenge")) {
    out.push({
      kind: "waf-rate-limit-count",
      about: JSON.stringify(rates.map((r) => r.name).sort()),
      message: `the rate-based rule${rates.length > 1 ? "s" : ""} ${rates.map((r) => r.name).join(", ")} only count${rates.length > 1 ? "" : "s"}: nothing is throttled`,
    });
  }
  return out;
}

/** The chain in reviewer words: `rate-limit-per-ip (block) → AWSManagedRulesCommonRuleSet → … → default allow`. */
export function describeChain(chain: WebAclChain): string {
  const rule = (r: WafRule): string => (r.kind === "managed" ? `${r.group}${r.action === "count" ? " (COUNT)" : ""}` : `${r.name} (${r.action})`);
  return [...chain.rules.map(rule), `default ${chain.defaultAction}`].join(" → ");
}
