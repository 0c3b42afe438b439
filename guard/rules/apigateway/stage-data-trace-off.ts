// No REST stage logs full requests and responses (data trace) to CloudWatch.
import { known, show } from "../../access/lookups";
import { stageFinding } from "../private/stage";
import type { Rule, RuleFinding } from "../types";
import { stageSubjects } from "../private/subjects";

export const StageDataTraceOff: Rule = {
  id: "stage-data-trace-off",
  title: "No REST stage logs full requests and responses (data_trace_enabled off)",
  severity: "medium",
  rationale:
    "With data_trace_enabled, API Gateway writes each request and response, headers and bodies, to the stage's " +
    "CloudWatch execution log: the Authorization header, API keys, tokens and whatever the backend returns. Whoever " +
    "may read the log group then holds the callers' credentials. Judged on REST stages for every method path (`*/*` and " +
    "single methods); a value known only after apply is not verified. Unset is off. Turn it on only while debugging, with " +
    "a waiver. A WebSocket stage's route settings are not judged here; the review blocks a change to them.",
  equivalents: { checkov: ["CKV_AWS_276"] },
  subjects: stageSubjects(),
  check(model) {
    const out: RuleFinding[] = [];
    for (const s of model.stages)
      for (const m of s.methodSettings) {
        if (m.dataTraceEnabled === undefined || m.dataTraceEnabled === false) continue;
        const detail = `${m.address} data_trace_enabled`;
        out.push(
          known(m.dataTraceEnabled)
            ? stageFinding(s, `data_trace_enabled is true for ${show(m.methodPath)}: full requests (Authorization headers, API keys) go to CloudWatch`, detail)
            : stageFinding(s, `data_trace_enabled for ${show(m.methodPath)} is ${show(m.dataTraceEnabled)}: not verified`, detail),
        );
      }
    return out;
  },
};
