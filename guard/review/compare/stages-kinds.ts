// The kinds of the stage comparer (stages.ts): ways around the controls.
import { defineKinds } from "../kind-catalogue";

export const STAGE_KINDS = defineKinds({
  "stage-added-without-waf": {
    severity: "blocking",
    title: "new stage without WAF",
    explanation: "a stage the base did not serve (explicit or implicit) has no web ACL association",
  },
  "stage-added-without-logging": {
    severity: "blocking",
    title: "new stage without logging",
    explanation: "a new stage without access logs or execution logging",
  },
  "stage-added-without-limits": {
    severity: "blocking",
    title: "new stage without throttling",
    explanation: "a new stage without usage-plan throttle or method-settings throttling",
  },
  "authorizer-permission-unscoped": {
    severity: "blocking",
    title: "authorizer permission unscoped",
    explanation:
      "a Lambda authorizer's invoke permission loses its `source_arn`, names another API or wildcards the API id: any API Gateway may use it (the message names the routes it decides)",
  },
  "authorizer-permission-scoped": {
    severity: "info",
    title: "authorizer permission rescoped",
    explanation: "a Lambda authorizer's invoke permission changed its `source_arn` and still names its API",
  },
});
