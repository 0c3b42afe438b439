// Every stage writes access logs with a destination and a format.
import { known } from "../../access/lookups";
import { stageFinding } from "../private/stage";
import type { Rule, RuleFinding } from "../types";
import { stageSubjects } from "../private/subjects";

export const StageAccessLogs: Rule = {
  id: "stage-access-logs",
  title: "Every stage has access logs with destination and format",
  severity: "medium",
  rationale: "Access logs are the record of who called what and what the authorizer decided; without them an incident cannot be reconstructed.",
  equivalents: { checkov: ["CKV_AWS_76"], kics: ["api_gateway_access_logging_disabled"], trivy: ["AVD-AWS-0001"], cdkNag: ["APIG1"] },
  subjects: stageSubjects(true),
  check(model) {
    const out: RuleFinding[] = [];
    for (const s of [...model.stages, ...(model.httpStages ?? [])]) {
      if (s.accessLog === undefined) out.push(stageFinding(s, "no access_log_settings", "access-log none"));
      else {
        if (known(s.accessLog.destinationArn) && s.accessLog.destinationArn === "")
          out.push(stageFinding(s, "access logs without destination_arn", "destination none"));
        if (known(s.accessLog.format) && s.accessLog.format.trim() === "") out.push(stageFinding(s, "access logs without format", "format none"));
      }
    }
    return out;
  },
};
