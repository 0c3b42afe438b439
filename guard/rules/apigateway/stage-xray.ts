// Every stage traces with X-Ray.
import { stageFinding } from "../private/stage";
import type { Rule } from "../types";
import { stageSubjects } from "../private/subjects";

export const StageXray: Rule = {
  id: "stage-xray",
  title: "Every stage has X-Ray tracing",
  severity: "low",
  rationale: "Traces tie an authorizer's latency and errors to the request; they are how a slow or failing authorizer is found.",
  equivalents: { checkov: ["CKV_AWS_73"], kics: ["api_gateway_xray_disabled"], trivy: ["AVD-AWS-0003"] },
  subjects: stageSubjects(),
  check: (model) => model.stages.filter((s) => s.xrayTracingEnabled !== true).map((s) => stageFinding(s, "xray_tracing_enabled is not true")),
};
