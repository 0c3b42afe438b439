// A stage behind CloudFront is reachable only through it: CloudFront sends X-Origin-Verify and the stage's
// regional web ACL blocks by default and allows only requests carrying that header.
import { isUnknown, type Model, type ResourceInstance, type Stage } from "../model";
import { asString, blocks, firstBlock, type JsonObject } from "../load/json";
import { ORIGIN_VERIFY, apiDistributions, distributionFinding, frontedStages, hasEdgeAuth, resolveRefs } from "./private/cloudfront";
import { stageFinding } from "./private/stage";
import type { Rule, RuleFinding } from "./types";

/** Whether a statement tree contains an exact match on the origin-verify header. */
function matchesOriginVerify(statement: unknown): boolean {
  for (const s of blocks(statement)) {
    const bm = firstBlock(s["byte_match_statement"]);
    if (bm) {
      const header = asString(firstBlock(firstBlock(bm["field_to_match"])?.["single_header"])?.["name"]);
      const search = bm["search_string"];
      const nonEmpty = isUnknown(search) || (typeof search === "string" && search.length > 0);
      if (header?.toLowerCase() === ORIGIN_VERIFY && bm["positional_constraint"] === "EXACTLY" && nonEmpty) return true;
    }
    const or = firstBlock(s["or_statement"]);
    // Every branch of an OR must be an origin-verify match, or the OR lets other requests in too.
    if (or) {
      const branches = blocks(or["statement"]);
      if (branches.length > 0 && branches.every((b) => matchesOriginVerify([b]))) return true;
    }
  }
  return false;
}

/** Why a web ACL does not protect the origin, or undefined when it does. */
export function originProtectionGap(acl: ResourceInstance): string | undefined {
  if (acl.values["rule_json"] !== undefined && acl.values["rule_json"] !== null && acl.values["rule_json"] !== "") {
    return "its rules are given as rule_json, which this check cannot read";
  }
  const def = firstBlock(acl.values["default_action"]);
  if (!def || blocks(def["block"]).length === 0 || blocks(def["allow"]).length > 0) return "its default action is not BLOCK";
  const rules = blocks(acl.values["rule"]);
  const allows = rules.filter((r) => blocks(firstBlock(r["action"])?.["allow"]).length > 0);
  if (!allows.some((r) => matchesOriginVerify(r["statement"]))) return `it has no ALLOW rule matching the ${ORIGIN_VERIFY} header exactly`;
  const other = allows.filter((r) => !matchesOriginVerify(r["statement"])).map((r) => asString(r["name"]) ?? "?");
  if (other.length > 0) return `other ALLOW rules (${other.join(", ")}) let requests without the header through`;
  return undefined;
}

function stageAcls(model: Model, associationAddresses: readonly string[], holder: ResourceInstance): ResourceInstance[] {
  const assocs = model.resources.filter(
    (r) => r.type === "aws_wafv2_web_acl_association" && associationAddresses.includes(r.address) && r.source.file === holder.source.file,
  );
  return assocs.flatMap((a) => resolveRefs(model, a, a.references["web_acl_arn"] ?? [], "aws_wafv2_web_acl"));
}

/**
 * Why a stage is reachable other than through CloudFront, or undefined when its web ACL admits only requests
 * carrying the origin secret. For other rules and the review: "a NONE method behind edge authentication is
 * accepted only when this is undefined".
 */
export function stageOriginGap(model: Model, stage: Stage): string | undefined {
  const acls = stageAcls(model, stage.wafAssociations, stage.resource);
  if (acls.length === 0) return "no regional web ACL is associated";
  const gaps = acls.map((acl) => [acl.address, originProtectionGap(acl)] as const).filter(([, g]) => g !== undefined);
  return gaps.length > 0 ? gaps.map(([a, g]) => `web ACL ${a}: ${g}`).join("; ") : undefined;
}

const sendsHeader = (origin: JsonObject): boolean =>
  blocks(origin["custom_header"]).some((h) => asString(h["name"])?.toLowerCase() === ORIGIN_VERIFY && (isUnknown(h["value"]) || (typeof h["value"] === "string" && h["value"] !== "")));

export const EdgeOriginProtected: Rule = {
  id: "edge-origin-protected",
  title: "A stage behind CloudFront is reachable only through CloudFront",
  severity: "high",
  rationale:
    "Authentication or WAF rules applied in CloudFront protect nothing if callers can call the execute-api endpoint " +
    "directly (seed 000's admitted hole). CloudFront must send a secret X-Origin-Verify header and the stage's " +
    "regional web ACL must block by default and allow only that header. Critical when the edge authenticates.",
  equivalents: {},
  check(model) {
    const out: RuleFinding[] = [];
    for (const d of apiDistributions(model)) {
      const extra: Partial<RuleFinding> = hasEdgeAuth(d.resource) ? { severity: "critical" } : {};
      for (const origin of d.apiOrigins) {
        if (!sendsHeader(origin)) {
          out.push(distributionFinding(d.resource, `origin ${asString(origin["origin_id"]) ?? "?"} sends no ${ORIGIN_VERIFY} custom header`, extra));
        }
      }
      for (const stage of frontedStages(model, d)) {
        const acls = stageAcls(model, stage.wafAssociations, stage.resource);
        if (acls.length === 0) {
          out.push({ ...stageFinding(stage, `is behind CloudFront ${d.resource.address} but has no regional web ACL that could require ${ORIGIN_VERIFY}`), ...extra });
          continue;
        }
        for (const acl of acls) {
          const gap = originProtectionGap(acl);
          if (gap !== undefined) out.push({ ...stageFinding(stage, `web ACL ${acl.address} does not restrict the stage to CloudFront: ${gap}`), ...extra });
        }
      }
    }
    return out;
  },
};
