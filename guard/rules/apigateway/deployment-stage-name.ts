// Deployments do not create stages of their own (`stage_name`): every stage is an aws_api_gateway_stage.
import { stageExposures } from "../../access/stages";
import type { Rule } from "../types";

export const DeploymentStageName: Rule = {
  id: "deployment-stage-name",
  title: "Deployments create no implicit stage",
  severity: "high",
  rationale:
    "`stage_name` on aws_api_gateway_deployment creates a stage outside any aws_api_gateway_stage: no web ACL " +
    "association, access log, method settings or usage plan of this configuration applies to it, so it serves every " +
    "route of the API around the WAF and the throttling.",
  equivalents: {},
  check: (model) =>
    stageExposures(model)
      .filter((s) => s.implicit)
      .map((s) => ({
        address: s.address,
        ...(s.apiName !== "(API unresolved)" ? { api: s.apiName } : {}),
        message: `deployment creates stage ${s.stageName} (stage_name): it serves ${s.routes.length} route(s) without WAF, logging or throttling`,
        file: s.resource.source.file,
      })),
};
