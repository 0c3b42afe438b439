// CloudFront speaks HTTPS only: viewers never in clear (allow-all), origins only over https-only.
import { asString, blocks, firstBlock } from "../../load/json";
import { behaviors, distributionFinding } from "../../access/cloudfront";
import { isUnknown } from "../../model";
import { plain } from "../../access/lookups";
import type { Rule, RuleFinding } from "../types";

export const CloudFrontHttpsOnly: Rule = {
  id: "cloudfront-https-only",
  title: "CloudFront uses HTTPS to viewers and to custom origins",
  severity: "high",
  rationale:
    "Bearer tokens and API keys travel in headers: over HTTP anyone on the path reads and replays them. The origin leg " +
    "also carries the X-Origin-Verify secret.",
  equivalents: { checkov: ["CKV_AWS_34"], trivy: ["AVD-AWS-0012"] },
  check(model) {
    const out: RuleFinding[] = [];
    for (const d of model.resources.filter((r) => r.type === "aws_cloudfront_distribution" && r.mode === "managed")) {
      for (const b of behaviors(d)) {
        const policy = b.block["viewer_protocol_policy"];
        if (policy === "allow-all")
          out.push(distributionFinding(d, `cache behavior ${b.name}: viewer_protocol_policy allow-all accepts plain HTTP`, { detail: `behavior ${b.name}` }));
      }
      for (const o of blocks(d.values["origin"])) {
        const custom = firstBlock(o["custom_origin_config"]);
        const policy = custom?.["origin_protocol_policy"];
        const origin = `origin ${asString(o["origin_id"]) ?? "?"}`;
        const detail = { detail: `${origin} origin_protocol_policy=${plain(policy)}` };
        if (custom && policy === "http-only") {
          out.push(
            distributionFinding(d, `${origin}: origin_protocol_policy http-only: every request reaches the origin over plain HTTP, with no TLS at all`, detail),
          );
        } else if (custom && isUnknown(policy)) {
          out.push(distributionFinding(d, `${origin}: origin_protocol_policy is known only after apply: not verified`, detail));
        } else if (custom && typeof policy === "string" && policy !== "https-only") {
          out.push(distributionFinding(d, `${origin}: origin_protocol_policy ${policy} can reach the origin over HTTP`, detail));
        }
      }
    }
    return out;
  },
};
