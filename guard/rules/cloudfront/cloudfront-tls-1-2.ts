// CloudFront negotiates TLS 1.2 or later on both legs.
import { asString, blocks, firstBlock } from "../../load/json";
import { distributionFinding } from "../../access/cloudfront";
import type { Rule, RuleFinding } from "../types";

const MODERN_VIEWER = /^TLSv1\.[23](_\d{4})?$/;
const OLD_ORIGIN = ["SSLv3", "TLSv1", "TLSv1.1"];

export const CloudFrontTls12: Rule = {
  id: "cloudfront-tls-1-2",
  title: "CloudFront requires TLS 1.2+ from viewers and uses only TLS 1.2+ to origins",
  severity: "medium",
  rationale:
    "TLS 1.0/1.1 are deprecated (RFC 8996). The default *.cloudfront.net certificate cannot raise the viewer minimum above " +
    "TLSv1, so TLS 1.2 needs a certificate of one's own with minimum_protocol_version TLSv1.2_2021. An http-only custom " +
    "origin negotiates no TLS, so its origin_ssl_protocols are not judged: that origin leg in clear is cloudfront-https-only's.",
  equivalents: { checkov: ["CKV_AWS_174"], trivy: ["AVD-AWS-0013"] },
  check(model) {
    const out: RuleFinding[] = [];
    for (const d of model.resources.filter((r) => r.type === "aws_cloudfront_distribution" && r.mode === "managed")) {
      const cert = firstBlock(d.values["viewer_certificate"]);
      if (!cert || cert["cloudfront_default_certificate"] === true) {
        out.push(distributionFinding(d, "uses the default CloudFront certificate, which accepts TLSv1 from viewers", { detail: "viewer default-certificate" }));
      } else {
        const min = cert["minimum_protocol_version"];
        if (typeof min === "string" && !MODERN_VIEWER.test(min))
          out.push(distributionFinding(d, `viewer minimum_protocol_version ${min} is below TLS 1.2`, { detail: `viewer minimum_protocol_version=${min}` }));
        if (min === undefined || min === null)
          out.push(
            distributionFinding(d, "viewer minimum_protocol_version is not set (CloudFront's default is TLSv1)", {
              detail: "viewer minimum_protocol_version unset",
            }),
          );
      }
      for (const o of blocks(d.values["origin"])) {
        const custom = firstBlock(o["custom_origin_config"]);
        // http-only negotiates no TLS with the origin (the provider still requires the list): no version to judge.
        // That leg in clear is cloudfront-https-only's finding; any other or unknown policy may use the list.
        if (custom?.["origin_protocol_policy"] === "http-only") continue;
        const protocols = custom?.["origin_ssl_protocols"];
        const old = Array.isArray(protocols) ? protocols.filter((p): p is string => typeof p === "string" && OLD_ORIGIN.includes(p)) : [];
        const origin = `origin ${asString(o["origin_id"]) ?? "?"}`;
        if (old.length > 0)
          out.push(
            distributionFinding(d, `${origin}: origin_ssl_protocols allows ${old.join(", ")}`, {
              detail: `${origin} origin_ssl_protocols=${JSON.stringify([...old].sort())}`,
            }),
          );
      }
    }
    return out;
  },
};
