// The one definition of origin protection (a stage admits only CloudFront: its regional web ACL blocks by default
// and allows only the secret X-Origin-Verify header) and of edge protection for an API (origin protection on every
// stage and a viewer-request verifier on every distribution in front of it). Used by rules and the review alike.
import { isUnknown, type Model, type ResourceInstance, type RestApi, type Stage } from "../model";
import { asString, blocks, firstBlock, type JsonObject } from "../load/json";
import {
  ORIGIN_VERIFY,
  apiDistributions,
  behaviors,
  refsOf,
  resolveRefs,
  viewerRequestFunctions,
  viewerRequestTargets,
  type ApiDistribution,
  type Behavior,
} from "./cloudfront";
import { linkedByValue } from "./edge-links";

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

const hasBlock = (parent: unknown, key: string): boolean => firstBlock(firstBlock(parent)?.[key]) !== undefined;

/** Names of `rule_action_override` entries that turn a rule of a group into ALLOW. */
const allowOverrides = (groupStatement: JsonObject): string[] =>
  blocks(groupStatement["rule_action_override"])
    .filter((o) => hasBlock(o["action_to_use"], "allow"))
    .map((o) => asString(o["name"]) ?? "?");

/** The rule groups a reference statement names: by expression (cdk.tf.json), by ARN (plan), else every group the ACL's rules reference. */
function referencedGroups(model: Model, acl: ResourceInstance, arn: unknown): ResourceInstance[] {
  const byExpr = resolveRefs(model, acl, refsOf(arn), "aws_wafv2_rule_group");
  if (byExpr.length > 0) return byExpr;
  if (typeof arn === "string") {
    const byArn = model.resources.filter((r) => r.type === "aws_wafv2_rule_group" && r.values["arn"] === arn);
    if (byArn.length > 0) return byArn;
  }
  if (isUnknown(arn)) return resolveRefs(model, acl, acl.references["rule"] ?? [], "aws_wafv2_rule_group");
  return [];
}

/**
 * Rule groups inside a default-BLOCK ACL that can ALLOW a request without the origin secret: an ALLOW anywhere in
 * the chain ends evaluation with ALLOW, whatever its priority relative to the origin-verify rule (door class 4).
 * A group whose rules cannot be read, or an ALLOW override of a managed or referenced group's rule, is such an ALLOW.
 */
function groupAllowGap(model: Model | undefined, acl: ResourceInstance, rules: readonly JsonObject[]): string | undefined {
  const gaps: string[] = [];
  for (const r of rules) {
    const name = asString(r["name"]) ?? "?";
    const statement = firstBlock(r["statement"]);
    const managed = firstBlock(statement?.["managed_rule_group_statement"]);
    const ref = firstBlock(statement?.["rule_group_reference_statement"]);
    const group = managed ?? ref;
    if (group === undefined) continue;
    // COUNT on the whole group turns every terminating action into a count: nothing it holds can ALLOW.
    if (hasBlock(r["override_action"], "count")) continue;
    const overridden = allowOverrides(group);
    if (overridden.length > 0)
      gaps.push(`rule ${name} overrides ${overridden.join(", ")} of its rule group to ALLOW: requests they match pass without the header`);
    if (ref === undefined) continue;
    if (model === undefined) {
      gaps.push(`rule ${name} references a rule group whose rules are not read here: not verified that it allows nothing`);
      continue;
    }
    const groups = referencedGroups(model, acl, ref["arn"]);
    if (groups.length === 0) {
      gaps.push(`rule ${name} references a rule group that is not in this configuration: not verified that it allows nothing`);
      continue;
    }
    for (const g of groups) {
      if (g.values["rules_json"] !== undefined && g.values["rules_json"] !== null && g.values["rules_json"] !== "") {
        gaps.push(`rule ${name} references rule group ${g.address}, whose rules are given as rules_json: not verified that it allows nothing`);
        continue;
      }
      const allows = blocks(g.values["rule"])
        .filter((gr) => hasBlock(gr["action"], "allow") && !matchesOriginVerify(gr["statement"]))
        .map((gr) => asString(gr["name"]) ?? "?");
      if (allows.length > 0)
        gaps.push(`rule ${name} references rule group ${g.address}, whose ALLOW rule(s) ${allows.join(", ")} let requests without the header through`);
    }
  }
  return gaps.length > 0 ? gaps.join("; ") : undefined;
}

/**
 * Why a web ACL does not protect the origin, or undefined when it does. With the model, rule groups the ACL
 * references are read too; without it a referenced group is not verified.
 */
export function originProtectionGap(acl: ResourceInstance, model?: Model): string | undefined {
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
  return groupAllowGap(model, acl, rules);
}

/** The web ACLs associated with a stage (through the given association addresses), in the stage's file. */
export function stageAcls(model: Model, associationAddresses: readonly string[], holder: ResourceInstance): ResourceInstance[] {
  const assocs = model.resources.filter(
    (r) => r.type === "aws_wafv2_web_acl_association" && associationAddresses.includes(r.address) && r.source.file === holder.source.file,
  );
  return assocs.flatMap((a) => {
    const byRef = resolveRefs(model, a, a.references["web_acl_arn"] ?? [], "aws_wafv2_web_acl");
    if (byRef.length > 0) return byRef;
    // A state document (the live audit) holds the ARN itself; two ACLs with one ARN name neither: fail closed.
    const byValue = linkedByValue(model, a, a.values["web_acl_arn"], ["aws_wafv2_web_acl"], ["arn"]);
    return byValue.length === 1 ? byValue : [];
  });
}

/**
 * Why a stage is reachable other than through CloudFront, or undefined when its web ACL admits only requests
 * carrying the origin secret. An ACL that does not resolve counts as absent: fail closed.
 */
export function stageOriginGap(model: Model, stage: Stage): string | undefined {
  const acls = stageAcls(model, stage.wafAssociations, stage.resource);
  if (acls.length === 0) return "no regional web ACL is associated";
  const gaps = acls.map((acl) => [acl.address, originProtectionGap(acl, model)] as const).filter(([, g]) => g !== undefined);
  return gaps.length > 0 ? gaps.map(([a, g]) => `web ACL ${a}: ${g}`).join("; ") : undefined;
}

const sameSource = (a: ResourceInstance, b: ResourceInstance): boolean => a.source.file === b.source.file && a.source.stack === b.source.stack;

/** Distributions whose origin names `api` (by reference or by a linked value; an origin that names no API does not). */
const frontingDistributions = (model: Model, api: RestApi): ApiDistribution[] =>
  apiDistributions(model).filter((d) => sameSource(d.resource, api.resource) && d.apiAddresses.includes(api.address));

/**
 * Distributions that may reach `api`: those naming it, and those with an API origin that names no API (a literal
 * execute-api host of no API here, a custom domain mapped by reference): which API they reach is not verified, so
 * each must authenticate like one naming it. Only a named one counts as the API being fronted.
 */
const mayFrontDistributions = (model: Model, api: RestApi): ApiDistribution[] =>
  apiDistributions(model).filter((d) => sameSource(d.resource, api.resource) && (d.apiAddresses.includes(api.address) || d.unnamedOrigin));

/**
 * Cache behaviors of a distribution that may serve its API origins: every behavior but those whose target is known
 * to be another origin, or an origin group whose members all are. An unknown target, or one naming no origin or
 * group read here (a failover group over the API origin, a group the input does not show), counts.
 */
export function behaviorsToApi(d: ApiDistribution): Behavior[] {
  const idOf = (o: JsonObject) => asString(o["origin_id"]);
  // An id shared by an API origin and another (CloudFront refuses it at apply, a plan does not) is the API's.
  const api = new Set(d.apiOrigins.map(idOf));
  const other = new Set(
    blocks(d.resource.values["origin"])
      .filter((o) => !d.apiOrigins.includes(o))
      .map(idOf)
      .filter((id) => !api.has(id)),
  );
  for (const g of blocks(d.resource.values["origin_group"])) {
    const members = blocks(g["member"]).map(idOf);
    if (members.length > 0 && members.every((m) => m !== undefined && other.has(m))) other.add(idOf(g));
  }
  return behaviors(d.resource).filter((b) => {
    const target = asString(b.block["target_origin_id"]);
    return target === undefined || !other.has(target);
  });
}

/** The edge verifier functions in front of `api`, and how many viewer-request associations did not resolve. */
export function edgeVerifiers(model: Model, api: RestApi): { functions: ResourceInstance[]; unresolved: number } {
  const out = new Map<string, ResourceInstance>();
  let unresolved = 0;
  for (const d of mayFrontDistributions(model, api)) {
    const t = viewerRequestTargets(model, d.resource, behaviorsToApi(d));
    unresolved += t.unresolved;
    for (const f of t.functions) out.set(f.address, f);
  }
  return { functions: [...out.values()], unresolved };
}

/**
 * Why a NONE method of `api` is not protected by edge authentication, or undefined when it is: every stage of the
 * API admits only CloudFront (`stageOriginGap`), at least one distribution has the API as origin, and every such
 * distribution that may reach it (mayFrontDistributions: one with an origin naming no API too) runs a viewer-request
 * Lambda@Edge function on each cache behavior that targets the API (one distribution without it is a way around
 * the verifier). Only a distribution naming this API counts as fronting it: fail closed.
 */
export function edgeProtectionGap(model: Model, api: RestApi): string | undefined {
  const gaps: string[] = [];
  const stages = model.stages.filter((s) => s.apiAddress === api.address && sameSource(s.resource, api.resource));
  if (stages.length === 0) gaps.push("the API has no stage whose origin protection could be checked");
  for (const s of stages) {
    const gap = stageOriginGap(model, s);
    if (gap !== undefined) gaps.push(`stage ${s.address} is not restricted to CloudFront (${gap})`);
  }
  if (frontingDistributions(model, api).length === 0)
    gaps.push("no CloudFront distribution has this API as origin, so no edge function authenticates its callers");
  for (const d of mayFrontDistributions(model, api)) {
    // A behavior whose target is unknown may serve the API: it must authenticate too.
    const toApi = behaviorsToApi(d);
    const bare = toApi.filter((b) => viewerRequestFunctions(b).length === 0).map((b) => b.name);
    if (toApi.length === 0) gaps.push(`distribution ${d.resource.address} has no cache behavior for the API origin`);
    else if (bare.length > 0)
      gaps.push(`distribution ${d.resource.address} has no viewer-request Lambda@Edge function on cache behavior(s) ${bare.join(", ")}`);
  }
  return gaps.length > 0 ? gaps.join("; ") : undefined;
}
