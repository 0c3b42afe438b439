// Edge authentication runs before the cache on every path: when a distribution in front of an API runs a
// Lambda@Edge function on a request event (a verifier), every cache behavior that may serve the API has it on
// viewer-request, as a published version. A function on responses only (security headers) decides nothing.
import { isUnknown } from "../../model";
import { asString } from "../../load/json";
import { apiDistributions, behaviors, distributionFinding, requestFunctions, viewerRequestFunctions } from "../../access/cloudfront";
import { behaviorsToApi } from "../../access/origin";
import type { Rule, RuleFinding } from "../types";

/** `arn:...:function:name:<version>` with a number, or a reference to a `qualified_arn`. */
function versioned(arn: unknown): boolean {
  if (typeof arn === "string") return /:function:[^:]+:\d+$/.test(arn);
  return isUnknown(arn) && (arn.expression === undefined || /\.qualified_arn\b|:\d+$/.test(arn.expression));
}

export const EdgeAuthOnViewerRequest: Rule = {
  id: "edge-auth-on-viewer-request",
  title: "The edge verifier runs on viewer-request, as a published version, on every cache behavior",
  severity: "critical",
  rationale:
    "Only a viewer-request function runs before the cache lookup; on origin-request a cached response is served without " +
    "any check. A cache behavior without the function is a path pattern where edge-authenticated routes are open.",
  equivalents: {},
  check(model) {
    const out: RuleFinding[] = [];
    for (const d of apiDistributions(model)) {
      // A distribution that runs Lambda@Edge on a request anywhere is taken to authenticate there (this project's
      // use of it): the verifier must then cover every behavior that may serve the API, on viewer-request (on
      // origin-request a cached response is served unchecked). One on responses only cannot refuse a request.
      if (!behaviors(d.resource).some((b) => requestFunctions(b).length > 0)) continue;
      for (const b of behaviorsToApi(d)) {
        const viewer = viewerRequestFunctions(b);
        if (viewer.length === 0) {
          out.push(
            distributionFinding(
              d.resource,
              `cache behavior ${b.name} has no viewer-request function (Lambda@Edge is attached elsewhere or on another event): its paths skip edge authentication before the cache`,
              { detail: `behavior ${b.name} viewer-request none` },
            ),
          );
          continue;
        }
        for (const a of viewer) {
          if (!versioned(a["lambda_arn"])) {
            out.push(
              distributionFinding(d.resource, `cache behavior ${b.name}: lambda_arn ${asString(a["lambda_arn"]) ?? "(unknown)"} is not a published version`, {
                detail: `behavior ${b.name} unversioned ${asString(a["lambda_arn"]) ?? "(unknown)"}`,
              }),
            );
          }
        }
      }
    }
    return out;
  },
};
