// CloudFront never serves one caller's authorized response to another: in front of an API, every cache
// behavior that may serve the API (behaviorsToApi: all but those known to target another origin, such as a
// website bucket) keys on Authorization (cache policy, TTL >= 1) or does not cache.
import { isUnknown, type Model, type ResourceInstance } from "../../model";
import { firstBlock, type JsonObject } from "../../load/json";
import { CACHING_DISABLED, apiDistributions, distributionFinding, refsOf, resolveRefs, type Behavior } from "../../access/cloudfront";
import { linkedByValue } from "../../access/edge-links";
import { behaviorsToApi } from "../../access/origin";
import type { Rule, RuleFinding } from "../types";

const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

/** Whether a cache policy keys on Authorization, or caches nothing at all. */
function policySafe(policy: ResourceInstance): string | undefined {
  const maxTtl = num(policy.values["max_ttl"]);
  const defaultTtl = num(policy.values["default_ttl"]);
  const minTtl = num(policy.values["min_ttl"]) ?? 0;
  if (maxTtl === 0 && (defaultTtl ?? 0) === 0 && minTtl === 0) return undefined; // caches nothing
  const params = firstBlock(policy.values["parameters_in_cache_key_and_forwarded_to_origin"]);
  const headers = firstBlock(params?.["headers_config"]);
  const items = firstBlock(headers?.["headers"])?.["items"];
  const names = Array.isArray(items) ? items.filter((x): x is string => typeof x === "string").map((x) => x.toLowerCase()) : [];
  if (headers?.["header_behavior"] === "whitelist" && names.includes("authorization")) return undefined;
  return `cache policy ${policy.address} caches without Authorization in the cache key`;
}

function legacySafe(b: JsonObject): string | undefined {
  const fv = firstBlock(b["forwarded_values"]);
  if (!fv) return "it has neither a cache policy nor forwarded_values";
  const headers = Array.isArray(fv["headers"]) ? fv["headers"].filter((h): h is string => typeof h === "string").map((h) => h.toLowerCase()) : [];
  if (headers.includes("authorization") || headers.includes("*")) return undefined;
  if ((num(b["max_ttl"]) ?? 1) === 0 && (num(b["default_ttl"]) ?? 1) === 0) return undefined;
  return "its legacy forwarded_values cache without the Authorization header";
}

function behaviorGap(model: Model, d: ResourceInstance, b: Behavior): string | undefined {
  const id = b.block["cache_policy_id"];
  if (id === CACHING_DISABLED) return undefined;
  if (typeof id === "string" && id !== "") {
    // A state document (the live audit) names the policy by its id: the one defined here with that id.
    const byId = linkedByValue(model, d, id, ["aws_cloudfront_cache_policy"], ["id"]);
    if (byId.length !== 1) return `it uses cache policy ${id}, which is neither CachingDisabled nor defined here`;
    return policySafe(byId[0] as ResourceInstance);
  }
  if (id === undefined || id === null || id === "") return legacySafe(b.block);
  // A reference: cdk.tf.json names the policy; a plan only lists what the behavior block references.
  const named = refsOf(id);
  const candidates = resolveRefs(model, d, named.length > 0 ? named : (d.references[b.attribute] ?? []), "aws_cloudfront_cache_policy");
  if (candidates.length === 0) return isUnknown(id) ? "its cache policy could not be followed" : "it has no cache policy";
  const gaps = candidates.map(policySafe).filter((g): g is string => g !== undefined);
  return gaps.length > 0 ? gaps.join("; ") : undefined;
}

export const CloudFrontAuthorizationInCacheKey: Rule = {
  id: "cloudfront-authorization-in-cache-key",
  title: "CloudFront in front of an API keys its cache on Authorization or does not cache",
  severity: "critical",
  rationale:
    "Seed 002: with the Cognito authorizer at API Gateway and Authorization left out of the cache key, CloudFront kept " +
    "serving cached authorized data to callers without a token. Authorization in the cache policy's key (which also " +
    "forwards it) or caching off closes that for every scheme.",
  equivalents: {},
  check(model) {
    const out: RuleFinding[] = [];
    for (const d of apiDistributions(model)) {
      for (const b of behaviorsToApi(d)) {
        const gap = behaviorGap(model, d.resource, b);
        if (gap !== undefined) out.push(distributionFinding(d.resource, `cache behavior ${b.name}: ${gap}`, { detail: `behavior ${b.name}` }));
      }
    }
    return out;
  },
};
