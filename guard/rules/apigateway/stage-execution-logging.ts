// Every stage logs execution (ERROR or INFO) and emits metrics for all methods.
import { known, show } from "../../access/lookups";
import { stageFinding } from "../private/stage";
import type { Rule, RuleFinding } from "../types";
import { stageSubjects } from "../private/subjects";

export const StageExecutionLogging: Rule = {
  id: "stage-execution-logging",
  title: "Every stage has method settings with logging ERROR/INFO and metrics",
  severity: "medium",
  rationale: "Execution logs show authorizer failures and 4xx/5xx causes; metrics drive alarms on spikes of 401/403.",
  equivalents: { checkov: ["CKV2_AWS_4"], cdkNag: ["APIG6"] },
  subjects: stageSubjects(),
  check(model) {
    const out: RuleFinding[] = [];
    for (const s of model.stages) {
      const all = s.methodSettings.filter((m) => m.methodPath === "*/*");
      if (all.length === 0) {
        out.push(stageFinding(s, 'no aws_api_gateway_method_settings for method_path "*/*"', "method-settings none"));
        continue;
      }
      for (const m of all) {
        if (!known(m.loggingLevel) || (m.loggingLevel !== "ERROR" && m.loggingLevel !== "INFO"))
          out.push(stageFinding(s, `logging_level is ${show(m.loggingLevel ?? "OFF")}, want ERROR or INFO`, `${m.address} logging_level`));
        if (m.metricsEnabled !== true) out.push(stageFinding(s, `metrics_enabled is ${show(m.metricsEnabled ?? false)}`, `${m.address} metrics_enabled`));
      }
    }
    return out;
  },
};
