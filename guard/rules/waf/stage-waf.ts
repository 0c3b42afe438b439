// Every stage sits behind a regional WAFv2 web ACL.
import { stageFinding } from "../private/stage";
import type { Rule } from "../types";
import { stageSubjects } from "../private/subjects";

export const StageWaf: Rule = {
  id: "stage-waf",
  title: "Every stage has a WAFv2 web ACL association",
  severity: "high",
  rationale:
    "The stage's regional web ACL rate-limits and filters before any authorizer runs, and is what keeps callers " +
    "from bypassing CloudFront (edge authentication) by calling the API Gateway endpoint directly.",
  equivalents: { checkov: ["CKV2_AWS_29"], kics: ["api_gateway_without_waf"], cdkNag: ["APIG3"] },
  subjects: stageSubjects(),
  check: (model) => model.stages.filter((s) => s.wafAssociations.length === 0).map((s) => stageFinding(s, "no aws_wafv2_web_acl_association")),
};
