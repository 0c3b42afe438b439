// REST API deployments (aws_api_gateway_deployment): what triggers a redeployment, what it depends on, and
// whether it is created before the old one is destroyed. Pure.
import { isUnknown, unknownValue, type Deployment, type ResourceInstance } from "../../../model";
import { isModuleCall } from "../../address";
import { firstBlock, isObject } from "../../json";
import type { BuildContext } from "../build-context";
import type { RestApiOf } from "./api";

function deploymentView(ctx: BuildContext, apiOf: RestApiOf, d: ResourceInstance): Deployment {
  const { resolver } = ctx;
  const api = apiOf(d, "rest_api_id");
  const rawTriggers = d.values["triggers"];
  const written = isObject(rawTriggers) ? rawTriggers : (firstBlock(rawTriggers) ?? {});
  const triggers = isUnknown(rawTriggers) ? { "(all)": rawTriggers } : written;
  return {
    address: d.address,
    ...(api !== undefined ? { apiAddress: api.address } : {}),
    triggers,
    triggerReferences: [...new Set(resolver.referencedAddresses(d, d.references["triggers"] ?? []))],
    // A module call in depends_on (`module.routes`) names every resource it holds: kept as the module's path.
    dependsOn: [...new Set([...resolver.referencedAddresses(d, d.dependsOn), ...d.dependsOn.filter(isModuleCall)])],
    createBeforeDestroy: d.createBeforeDestroy ?? unknownValue("lifecycle is not in plan JSON"),
    resource: d,
  };
}

export function deploymentViews(ctx: BuildContext, apiOf: RestApiOf): Deployment[] {
  return ctx.ofType("aws_api_gateway_deployment").map((d) => deploymentView(ctx, apiOf, d));
}
