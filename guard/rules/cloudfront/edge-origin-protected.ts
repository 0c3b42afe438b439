// A stage behind CloudFront is reachable only through it: CloudFront sends X-Origin-Verify and the stage's
// regional web ACL blocks by default and allows only requests carrying that header.
import { isUnknown } from "../../model";
import { asString, blocks, type JsonObject } from "../../load/json";
import { ORIGIN_VERIFY, apiDistributions, distributionFinding, frontedStages, hasEdgeAuth } from "../../access/cloudfront";
import { originProtectionGap, stageAcls } from "../../access/origin";
import { stageFinding } from "../private/stage";
import type { Rule, RuleFinding } from "../types";

const sendsHeader = (origin: JsonObject): boolean =>
  blocks(origin["custom_header"]).some(
    (h) => asString(h["name"])?.toLowerCase() === ORIGIN_VERIFY && (isUnknown(h["value"]) || (typeof h["value"] === "string" && h["value"] !== "")),
  );

export const EdgeOriginProtected: Rule = {
  id: "edge-origin-protected",
  title: "A stage behind CloudFront is reachable only through CloudFront",
  severity: "high",
  rationale:
    "Authentication or WAF rules applied in CloudFront protect nothing if callers can call the execute-api endpoint " +
    "directly (seed 000's admitted hole). CloudFront must send a secret X-Origin-Verify header and the stage's " +
    "regional web ACL must block by default and allow only that header: any other ALLOW, wherever it sits in the chain " +
    "(a rule of a referenced rule group, a managed group's rule overridden to ALLOW), admits requests without it, and " +
    "a referenced rule group the input does not show is not verified. Critical when the edge authenticates.",
  equivalents: {},
  check(model) {
    const out: RuleFinding[] = [];
    for (const d of apiDistributions(model)) {
      const extra: Partial<RuleFinding> = hasEdgeAuth(d.resource) ? { severity: "critical" } : {};
      for (const origin of d.apiOrigins) {
        if (!sendsHeader(origin)) {
          out.push(
            distributionFinding(d.resource, `origin ${asString(origin["origin_id"]) ?? "?"} sends no ${ORIGIN_VERIFY} custom header`, {
              ...extra,
              detail: `origin ${asString(origin["origin_id"]) ?? "?"} header none`,
            }),
          );
        }
      }
      for (const stage of frontedStages(model, d)) {
        const acls = stageAcls(model, stage.wafAssociations, stage.resource);
        if (acls.length === 0) {
          out.push({
            ...stageFinding(stage, `is behind CloudFront ${d.resource.address} but has no regional web ACL that could require ${ORIGIN_VERIFY}`),
            ...extra,
            detail: `behind ${d.resource.address} web-acl none`,
          });
          continue;
        }
        for (const acl of acls) {
          const gap = originProtectionGap(acl, model);
          if (gap !== undefined)
            out.push({
              ...stageFinding(stage, `web ACL ${acl.address} does not restrict the stage to CloudFront: ${gap}`),
              ...extra,
              detail: `behind ${d.resource.address} web-acl ${acl.address}`,
            });
        }
      }
    }
    return out;
  },
};
