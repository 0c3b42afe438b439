// An origin custom header is what CloudFront adds to every request it forwards: for origin protection it carries
// the origin-verify secret the stage's web ACL admits. The audit never keeps one: each value is replaced, at read
// time, by the marker the check's loader reads as a value known to nobody (guard/load/redacted.ts), so the rules
// still see that the header is sent, never what it holds. Pure.
import type { DistributionSummary } from "@aws-sdk/client-cloudfront";
import { REDACTED } from "../../../guard/load/redacted";

/** A copy of the distribution with every origin custom header's value redacted. */
export function withoutOriginSecrets(d: DistributionSummary): DistributionSummary {
  const origins = d.Origins;
  if (origins?.Items === undefined) return d;
  return {
    ...d,
    Origins: {
      ...origins,
      Items: origins.Items.map((o) =>
        o.CustomHeaders?.Items === undefined
          ? o
          : { ...o, CustomHeaders: { ...o.CustomHeaders, Items: o.CustomHeaders.Items.map((h) => ({ ...h, HeaderValue: REDACTED })) } },
      ),
    },
  };
}
