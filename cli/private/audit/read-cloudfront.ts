// CloudFront of one account, read in us-east-1 whatever --region says: ListDistributions (paginated; each summary
// already holds the origins, cache behaviors with their Lambda@Edge and CloudFront Function associations, the web
// ACL, the viewer certificate), then the Lambda@Edge versions the behaviors associate (by qualified ARN, with
// their resource policies and tags), the CloudFront Functions they associate (GetFunction at the LIVE stage, one
// call per function: only the code's SHA-256 is kept, never the code) and, only when a behavior names one, the
// account's custom cache policies (one listing). A summary without its origins or default behavior (some endpoints answer with less than AWS does: moto)
// is completed with GetDistributionConfig, for that distribution only. Calls per account and distribution, never per
// route. Origin custom header values are dropped as soon as read.
import { createHash } from "node:crypto";
import {
  GetDistributionConfigCommand,
  GetFunctionCommand,
  ListCachePoliciesCommand,
  ListDistributionsCommand,
  type DistributionConfig,
  type DistributionSummary,
} from "@aws-sdk/client-cloudfront";
import { allPages, each, type Caller } from "./calls";
import type { RegionClients } from "./clients";
import { CACHING_DISABLED } from "../../../guard/access/cloudfront";
import { cloudfrontFunctionName } from "./cloudfront-facts";
import { withoutOriginSecrets } from "./origin-secrets";
import { readFunctions } from "./read-lambda";
import type { CloudFrontFunctionRead, EdgeRead } from "./snapshot";

const PAGE = 100;

const behaviorsOf = (d: DistributionSummary) => [...(d.DefaultCacheBehavior === undefined ? [] : [d.DefaultCacheBehavior]), ...(d.CacheBehaviors?.Items ?? [])];

/** Every Lambda@Edge ARN the distributions associate, sorted, each once. */
function edgeFunctionArns(distributions: readonly DistributionSummary[]): string[] {
  const arns = new Set<string>();
  for (const d of distributions)
    for (const b of behaviorsOf(d))
      for (const a of b.LambdaFunctionAssociations?.Items ?? []) if (a.LambdaFunctionARN !== undefined) arns.add(a.LambdaFunctionARN);
  return [...arns].sort();
}

/** Every CloudFront Function ARN the distributions associate, sorted, each once. */
function cloudfrontFunctionArns(distributions: readonly DistributionSummary[]): string[] {
  const arns = new Set<string>();
  for (const d of distributions)
    for (const b of behaviorsOf(d)) for (const a of b.FunctionAssociations?.Items ?? []) if (a.FunctionARN !== undefined) arns.add(a.FunctionARN);
  return [...arns].sort();
}

/** One function's LIVE code, digested at once: the code may embed secrets and is never kept. */
async function readCloudFrontFunction(caller: Caller, clients: RegionClients, region: string, arn: string): Promise<CloudFrontFunctionRead | undefined> {
  const name = cloudfrontFunctionName(arn);
  return caller.attempt(region, "cloudfront", `GetFunction ${name} LIVE`, "cloudfront-function-code", async () => {
    const r = await caller.call("cloudfront", new GetFunctionCommand({ Name: name, Stage: "LIVE" }), (c) => clients.cloudfront.send(c));
    if (r.FunctionCode === undefined) throw new Error("GetFunction returned no code");
    return { name, arn, stage: "LIVE" as const, codeSha256: createHash("sha256").update(r.FunctionCode).digest("hex") };
  });
}

/** Whether some behavior names a cache policy other than AWS's CachingDisabled (which the rules know by id). */
const namesCachePolicy = (distributions: readonly DistributionSummary[]): boolean =>
  distributions.some((d) => behaviorsOf(d).some((b) => b.CachePolicyId !== undefined && b.CachePolicyId !== "" && b.CachePolicyId !== CACHING_DISABLED));

/** Whether a summary lacks what the rules judge (AWS's summaries hold it all). */
const incomplete = (d: DistributionSummary): boolean => d.Origins === undefined || d.DefaultCacheBehavior === undefined;

/** The summary with what its configuration says about the edge (origins, behaviors, web ACL, certificate). */
const completed = (d: DistributionSummary, c: DistributionConfig): DistributionSummary => ({
  ...d,
  Aliases: c.Aliases ?? d.Aliases,
  Origins: c.Origins,
  OriginGroups: c.OriginGroups ?? d.OriginGroups,
  DefaultCacheBehavior: c.DefaultCacheBehavior,
  CacheBehaviors: c.CacheBehaviors ?? d.CacheBehaviors,
  Comment: c.Comment ?? d.Comment,
  Enabled: c.Enabled ?? d.Enabled,
  ViewerCertificate: c.ViewerCertificate ?? d.ViewerCertificate,
  WebACLId: c.WebACLId ?? d.WebACLId,
});

/** undefined when the distributions could not be listed (an Unread entry on `cloudfront` says why). */
export async function readCloudFront(caller: Caller, clients: RegionClients, region: string): Promise<EdgeRead | undefined> {
  const cf = clients.cloudfront;
  const send = <C extends object, T>(c: C, f: (c: C) => Promise<T>) => caller.call("cloudfront", c, f);
  const listed = await caller.attempt(region, "cloudfront", "ListDistributions", () =>
    allPages(async (Marker) => {
      const r = await send(new ListDistributionsCommand({ Marker, MaxItems: PAGE }), (c) => cf.send(c));
      const l = r.DistributionList;
      return { items: l?.Items, next: l?.IsTruncated === true ? l.NextMarker : undefined };
    }),
  );
  if (listed === undefined) return undefined;
  const full = await each(listed, async (d) => {
    if (!incomplete(d)) return d;
    const config = await caller.attempt(region, "cloudfront", `GetDistributionConfig ${d.Id ?? ""}`, async () => {
      const r = await send(new GetDistributionConfigCommand({ Id: d.Id }), (c) => cf.send(c));
      return r.DistributionConfig;
    });
    // Unread: the Unread entry makes the CloudFront rules not verified; the summary is kept as it is.
    return config === undefined ? d : completed(d, config);
  });
  const distributions = full.map(withoutOriginSecrets);
  const [functions, cloudfrontFunctions, cachePolicies] = await Promise.all([
    readFunctions(caller, clients, region, edgeFunctionArns(distributions)),
    each(cloudfrontFunctionArns(distributions), (arn) => readCloudFrontFunction(caller, clients, region, arn)),
    namesCachePolicy(distributions)
      ? caller.attempt(region, "cloudfront", "ListCachePolicies custom", () =>
          allPages(async (Marker) => {
            const r = await send(new ListCachePoliciesCommand({ Type: "custom", Marker, MaxItems: PAGE }), (c) => cf.send(c));
            return { items: r.CachePolicyList?.Items, next: r.CachePolicyList?.NextMarker };
          }),
        )
      : [],
  ]);
  return {
    distributions,
    functions,
    cloudfrontFunctions: cloudfrontFunctions.filter((f): f is CloudFrontFunctionRead => f !== undefined),
    cachePolicies: (cachePolicies ?? []).flatMap((p) => (p.CachePolicy === undefined ? [] : [p.CachePolicy])),
  };
}
