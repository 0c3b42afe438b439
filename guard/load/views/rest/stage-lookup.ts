// Finding the API Gateway stage a resource names: by reference (an aws_api_gateway_stage, or a deployment whose
// stage_name creates the stage) or by its name within the API. Pure.
import type { ResourceInstance } from "../../../model";
import { API, type BuildContext } from "../build-context";

const STAGE_HOLDERS = ["aws_api_gateway_stage", "aws_api_gateway_deployment"];

export interface StageLookup {
  readonly stageResources: readonly ResourceInstance[];
  /** Deployments with `stage_name`: each creates that stage itself (no aws_api_gateway_stage), a stage too. */
  readonly deploymentStages: readonly ResourceInstance[];
  /** A stage by reference: an aws_api_gateway_stage first, else a deployment that creates one by stage_name. */
  readonly stageTarget: (from: ResourceInstance, attr: string) => ResourceInstance | undefined;
  /** A stage by its name, within the API `apiT` when it is known. */
  readonly stageByName: (name: unknown, apiT: ResourceInstance | undefined) => ResourceInstance | undefined;
}

export function stageLookup(ctx: BuildContext): StageLookup {
  const { resolver, target } = ctx;
  const stageResources = ctx.ofType("aws_api_gateway_stage");
  const deploymentStages = ctx.ofType("aws_api_gateway_deployment").filter((d) => {
    const n = d.values["stage_name"];
    return n !== undefined && n !== null && n !== "";
  });
  const stageTarget = (from: ResourceInstance, attr: string): ResourceInstance | undefined => {
    const st = target(resolver.resolve(from, attr, ["aws_api_gateway_stage"]));
    if (st !== undefined) return st;
    const d = target(resolver.resolve(from, attr, STAGE_HOLDERS));
    return d !== undefined && deploymentStages.includes(d) ? d : undefined;
  };
  const inApi = (x: ResourceInstance, apiT: ResourceInstance | undefined): boolean => {
    return apiT === undefined || target(resolver.resolve(x, "rest_api_id", [API])) === apiT;
  };
  const stageByName = (name: unknown, apiT: ResourceInstance | undefined): ResourceInstance | undefined =>
    [...stageResources, ...deploymentStages].find((x) => x.values["stage_name"] === name && inApi(x, apiT));
  return { stageResources, deploymentStages, stageTarget, stageByName };
}
