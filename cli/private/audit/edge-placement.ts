// Which region's state document holds each distribution: the check's rules link a distribution to the APIs it
// fronts within one stack, and the audit writes one stack per account and region. A distribution goes to every
// region its origins are in (an execute-api host of a region read, or a custom domain read in that region): kept
// only with the first, it would be no door to the APIs of the others. With none, it goes to the account's first
// region; the edge functions, CloudFront Functions and cache policies it names go with it. Pure.
import type { DistributionSummary } from "@aws-sdk/client-cloudfront";
import { hostOf } from "../../../guard/access/edge-links";
import type { EdgeRead, RegionSnapshot } from "./snapshot";
import { qualifiedArn } from "./state-identity";

/** The region an origin host is in, by what was read: `abc.execute-api.eu-west-1.amazonaws.com`, or a custom domain. */
function regionOfHost(host: string, regions: readonly RegionSnapshot[]): string | undefined {
  const execute = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(host)?.[1];
  if (execute !== undefined && regions.some((r) => r.region === execute)) return execute;
  return regions.find((r) =>
    r.domains.some((d) => [d.domain.domainName, d.domain.regionalDomainName, d.domain.distributionDomainName].some((n) => n?.toLowerCase() === host)),
  )?.region;
}

function homeRegions(d: DistributionSummary, regions: readonly RegionSnapshot[]): string[] {
  const found = new Set<string>();
  for (const o of d.Origins?.Items ?? []) {
    const r = o.DomainName === undefined ? undefined : regionOfHost(hostOf(o.DomainName), regions);
    if (r !== undefined) found.add(r);
  }
  if (found.size > 0) return [...found];
  return regions[0] === undefined ? [] : [regions[0].region];
}

const behaviors = (d: DistributionSummary) => [...(d.DefaultCacheBehavior === undefined ? [] : [d.DefaultCacheBehavior]), ...(d.CacheBehaviors?.Items ?? [])];

/** The regions of one account, each with the part of `edge` that belongs in its document. */
export function placeEdge(regions: readonly RegionSnapshot[], edge: EdgeRead | undefined): RegionSnapshot[] {
  if (edge === undefined) return [...regions];
  const byRegion = new Map<string, DistributionSummary[]>();
  for (const d of edge.distributions) {
    for (const home of homeRegions(d, regions)) byRegion.set(home, [...(byRegion.get(home) ?? []), d]);
  }
  return regions.map((r, i): RegionSnapshot => {
    const mine = byRegion.get(r.region) ?? [];
    // The first region also records that CloudFront was read, even with no distribution.
    if (mine.length === 0 && i !== 0) return r;
    const arns = new Set(mine.flatMap((d) => behaviors(d).flatMap((b) => (b.LambdaFunctionAssociations?.Items ?? []).map((a) => a.LambdaFunctionARN))));
    const policies = new Set(mine.flatMap((d) => behaviors(d).map((b) => b.CachePolicyId)));
    const cfFunctions = new Set(mine.flatMap((d) => behaviors(d).flatMap((b) => (b.FunctionAssociations?.Items ?? []).map((a) => a.FunctionARN))));
    return {
      ...r,
      edge: {
        distributions: mine,
        functions: edge.functions.filter((f) => arns.has(qualifiedArn(f.config))),
        cloudfrontFunctions: edge.cloudfrontFunctions.filter((f) => cfFunctions.has(f.arn)),
        cachePolicies: edge.cachePolicies.filter((p) => policies.has(p.Id)),
      },
    };
  });
}
