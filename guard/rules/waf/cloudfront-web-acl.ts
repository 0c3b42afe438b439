// Every CloudFront distribution has a (CLOUDFRONT-scope) web ACL.
import { distributionFinding } from "../../access/cloudfront";
import type { Rule } from "../types";

export const CloudFrontWebAcl: Rule = {
  id: "cloudfront-web-acl",
  title: "Every CloudFront distribution has a web ACL",
  severity: "high",
  rationale: "The CLOUDFRONT web ACL is the only place that sees the viewer's real IP for rate limiting and filters before Lambda@Edge runs (and is billed).",
  equivalents: { checkov: ["CKV_AWS_68"], trivy: ["AVD-AWS-0011"], cdkNag: ["CFR2"] },
  check: (model) =>
    model.resources
      .filter((r) => r.type === "aws_cloudfront_distribution" && r.mode === "managed")
      .filter((r) => r.values["web_acl_id"] === undefined || r.values["web_acl_id"] === null || r.values["web_acl_id"] === "")
      .map((r) => distributionFinding(r, "no web_acl_id")),
};
