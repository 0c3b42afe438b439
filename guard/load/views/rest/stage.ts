// REST API stages: each aws_api_gateway_stage, and the stage a deployment's stage_name creates, with the method
// settings, WAF associations and usage plans that apply to it. Pure.
import { isUnknown, type MethodSetting, type ResourceInstance, type RestApi, type Stage } from "../../../model";
import { firstBlock } from "../../json";
import { bool, str } from "../../values";
import { API, type BuildContext } from "../build-context";
import type { RestApiOf } from "./api";
import type { StageLookup } from "./stage-lookup";

/** What a stage view is built from: its API, and what the other resource types attach to it by stage address. */
export interface StageInputs {
  readonly apiOf: RestApiOf;
  readonly apiByAddress: ReadonlyMap<string, RestApi>;
  readonly lookup: StageLookup;
  readonly settingsByStage: ReadonlyMap<string, MethodSetting[]>;
  readonly wafByStage: ReadonlyMap<string, string[]>;
  readonly plansByStage: ReadonlyMap<string, string[]>;
}

function stageView(ctx: BuildContext, inputs: StageInputs, s: ResourceInstance): Stage {
  const api = inputs.apiOf(s, "rest_api_id");
  const dep = ctx.target(ctx.resolver.resolve(s, "deployment_id", ["aws_api_gateway_deployment"]));
  const rawAl = s.values["access_log_settings"];
  // A whole block known only after apply is still configured: its fields are Unknown, not missing.
  const al = isUnknown(rawAl) ? { destination_arn: rawAl, format: rawAl } : firstBlock(rawAl);
  return {
    address: s.address,
    ...(api !== undefined ? { apiAddress: api.address, api } : {}),
    name: str(s.values["stage_name"]),
    ...(dep !== undefined ? { deploymentAddress: dep.address } : {}),
    xrayTracingEnabled: bool(s.values["xray_tracing_enabled"], false),
    ...(al !== undefined ? { accessLog: { destinationArn: str(al["destination_arn"]), format: str(al["format"]) } } : {}),
    methodSettings: inputs.settingsByStage.get(s.address) ?? [],
    wafAssociations: inputs.wafByStage.get(s.address) ?? [],
    usagePlans: inputs.plansByStage.get(s.address) ?? [],
    resource: s,
  };
}

/** The stage a deployment creates by its stage_name. */
function deploymentStageView(ctx: BuildContext, inputs: StageInputs, d: ResourceInstance): Stage {
  const apiT = ctx.target(ctx.resolver.resolve(d, "rest_api_id", [API]));
  const api = apiT === undefined ? undefined : inputs.apiByAddress.get(apiT.address);
  return {
    address: d.address,
    ...(api !== undefined ? { apiAddress: api.address, api } : {}),
    name: str(d.values["stage_name"]),
    deploymentAddress: d.address,
    // The deployment cannot set tracing or access logs for the stage it creates.
    xrayTracingEnabled: false,
    methodSettings: inputs.settingsByStage.get(d.address) ?? [],
    wafAssociations: inputs.wafByStage.get(d.address) ?? [],
    usagePlans: inputs.plansByStage.get(d.address) ?? [],
    resource: d,
  };
}

export function stageViews(ctx: BuildContext, inputs: StageInputs): Stage[] {
  const stages = inputs.lookup.stageResources.map((s) => stageView(ctx, inputs, s));
  return [...stages, ...inputs.lookup.deploymentStages.map((d) => deploymentStageView(ctx, inputs, d))];
}
