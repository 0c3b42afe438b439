// A REST stage that caches responses of authorized routes keys the cache on the caller's credential.
import { credentialParameters, integrationOf, missingFromCacheKey, routeCaching, stageCacheCluster } from "../../access/api-cache";
import { routeFinding } from "../../access/lookups";
import { routeSubjects } from "../private/subjects";
import type { Rule, RuleFinding } from "../types";

export const ApiCacheKeyedOnCredential: Rule = {
  id: "api-cache-keyed-on-credential",
  title: "Cached responses of authorized routes are keyed on the credential",
  severity: "high",
  rationale:
    "With stage caching on (cache_cluster_enabled and a method setting with caching_enabled), API Gateway answers a " +
    "request from its cache when the cache key matches; the key is the path plus the integration's " +
    "cache_key_parameters. If those leave out the credential (the authorizer's identity source, the signed " +
    "Authorization header, the x-api-key header), the response fetched for one caller is served to the next " +
    "authorized caller of the same URL: another user's data. Values known only after apply are not verified (medium).",
  equivalents: {},
  subjects: routeSubjects((r) => r.form === undefined || r.form === "rest-method"),
  check(model) {
    const out: RuleFinding[] = [];
    for (const s of model.stages) {
      const cluster = stageCacheCluster(s);
      if (cluster === "no") continue;
      for (const r of model.routes) {
        if (r.apiAddress === undefined || r.apiAddress !== s.apiAddress || r.resource.source.stack !== s.resource.source.stack) continue;
        const caching = routeCaching(model, s, r);
        if (caching === "no") continue;
        const maybe = cluster === "unknown" || caching === "unknown";
        const where = `stage ${JSON.stringify(s.name)} ${maybe ? "may cache" : "caches"} this route`;
        // One finding per stage that caches the route: the stage and what is wrong with its cache key.
        const detail = (what: string) => ({ detail: `stage ${s.address}${maybe ? " maybe" : ""}: ${what}` });
        const credential = credentialParameters(r);
        if (credential === undefined) {
          out.push(
            routeFinding(r, `${where}, and its credential source is known only after apply: not verified that the cache is keyed on it`, {
              severity: "medium",
              ...detail("credential unknown"),
            }),
          );
          continue;
        }
        if (credential.length === 0) continue;
        const integration = integrationOf(model, r);
        if (integration === undefined) {
          out.push(
            routeFinding(r, `${where}, but its integration was not found: not verified that the cache is keyed on ${credential.join(", ")}`, {
              severity: "medium",
              ...detail("integration unresolved"),
            }),
          );
          continue;
        }
        const missing = missingFromCacheKey(integration, credential);
        if (missing === undefined) {
          out.push(
            routeFinding(r, `${where}, and ${integration.address}'s cache_key_parameters are known only after apply: not verified`, {
              severity: "medium",
              ...detail("cache-key unknown"),
            }),
          );
        } else if (missing.length > 0) {
          out.push(
            routeFinding(
              r,
              `${where}, and ${integration.address}'s cache_key_parameters leave out ${missing.join(", ")}: one caller's cached response is served to another`,
              { ...(maybe ? { severity: "medium" as const } : {}), ...detail(`cache-key misses=${JSON.stringify([...missing].sort())}`) },
            ),
          );
        }
      }
    }
    return out;
  },
};
