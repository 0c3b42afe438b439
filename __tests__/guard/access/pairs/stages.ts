// Stage pairs: a second way into the API (a new stage, a deployment's implicit stage) without the controls of
// the first, and a Lambda authorizer any API Gateway may invoke.
import { only, type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const nameOf = (d: Doc, type: string): string => {
  const names = Object.keys(d.resource[type] ?? {});
  if (names.length !== 1) throw new Error(`fixture: expected one ${type}`);
  return names[0];
};

/** A second stage `canary` of the same deployment, as a pull request would add it: the bare minimum. */
function bareStage(d: Doc): void {
  const stage = only(d, "aws_api_gateway_stage");
  d.resource["aws_api_gateway_stage"]["canary"] = { deployment_id: stage["deployment_id"], rest_api_id: stage["rest_api_id"], stage_name: "canary" };
}

/** The same second stage with everything the first has: WAF, access logs, method settings, usage plan. */
function controlledStage(d: Doc): void {
  const stage = only(d, "aws_api_gateway_stage");
  d.resource["aws_api_gateway_stage"]["canary"] = { ...stage, stage_name: "canary" };
  const ref = "${aws_api_gateway_stage.canary.stage_name}";
  const settings = only(d, "aws_api_gateway_method_settings");
  d.resource["aws_api_gateway_method_settings"]["canary"] = { ...settings, stage_name: ref };
  const assoc = only(d, "aws_wafv2_web_acl_association");
  d.resource["aws_wafv2_web_acl_association"]["canary"] = { ...assoc, resource_arn: "${aws_api_gateway_stage.canary.arn}" };
  const plan = only(d, "aws_api_gateway_usage_plan");
  const stages = plan["api_stages"] as Json[];
  plan["api_stages"] = [...stages, { ...stages[0], stage: ref }];
}

const permission = (d: Doc): Json => only(d, "aws_lambda_permission", "authorizer-permission-jwt-token");

export const STAGE_PAIRS: Readonly<Record<string, AccessPair>> = {
  "stage-second-without-controls": {
    env: "dev",
    description: "a second stage (canary) of the same deployment, with no WAF, logging or throttling",
    mutate: bareStage,
    blocking: ["stage-added-without-waf", "stage-added-without-logging", "stage-added-without-limits"],
    names: "GET /pets",
    check: ["stage-waf", "stage-access-logs", "stage-execution-logging"],
  },
  "stage-second-with-controls": {
    env: "dev",
    description: "twin: the second stage with the first one's web ACL, access logs, method settings and usage plan",
    mutate: controlledStage,
    blocking: [],
    check: [],
  },
  "deployment-stage-name": {
    env: "dev",
    description: "the deployment gets stage_name = canary (an implicit stage outside aws_api_gateway_stage)",
    mutate: (d) => void (d.resource["aws_api_gateway_deployment"][nameOf(d, "aws_api_gateway_deployment")]["stage_name"] = "canary"),
    blocking: ["stage-added-without-waf", "stage-added-without-logging", "stage-added-without-limits"],
    names: "GET /pets",
    check: ["deployment-stage-name"],
  },
  "authorizer-permission-no-source": {
    env: "dev",
    description: "the jwt-token authorizer's invoke permission loses its source_arn",
    mutate: (d) => void delete permission(d)["source_arn"],
    // Without source_arn any account's API may invoke the authorizer's function, as with a permission for "*": a door.
    blocking: ["authorizer-permission-unscoped", "door-added"],
    names: "GET /pets/{petId}",
    check: ["lambda-authorizer-permission-scoped"],
  },
  "authorizer-permission-any-authorizer-of-api": {
    env: "dev",
    description: "twin: the jwt-token permission's source_arn names any authorizer of the same API",
    mutate: (d) => void (permission(d)["source_arn"] = "${aws_api_gateway_rest_api.api_4F59AA66.execution_arn}/authorizers/*"),
    blocking: [],
    check: [],
  },
};
