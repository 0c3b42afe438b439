// REST APIs (API Gateway v1) and what hangs off them, one builder per resource type beside this file; this
// composes them in the order their unresolved references are recorded. Pure.
import type { ApiKey, Authorizer, Deployment, RestApi, Route, Stage, UsagePlan } from "../../../model";
import type { BuildContext } from "../build-context";
import { restApiLookup, restApiViews, type RestApiLookup } from "./api";
import { apiKeyViews } from "./api-key";
import { restAuthorizerViews } from "./authorizer";
import { deploymentViews } from "./deployment";
import { restIntegrationTypes } from "./integration";
import { restMethodViews } from "./method";
import { methodSettingsByStage } from "./method-settings";
import { resourcePaths } from "./resource-path";
import { stageViews } from "./stage";
import { stageLookup } from "./stage-lookup";
import { usagePlanViews } from "./usage-plan";
import { usagePlanKeys } from "./usage-plan-key";
import { wafAssociationsByStage } from "./waf-association";

export interface RestViews {
  readonly apis: RestApi[];
  readonly authorizers: Authorizer[];
  readonly routes: Route[];
  readonly stages: Stage[];
  readonly usagePlans: UsagePlan[];
  readonly apiKeys: ApiKey[];
  readonly deployments: Deployment[];
}

/** Stages (with their method settings, WAF associations and usage plans), usage plans, API keys, deployments. */
function stagesAndPlans(ctx: BuildContext, { apiByAddress, apiOf }: RestApiLookup) {
  const lookup = stageLookup(ctx);
  const settingsByStage = methodSettingsByStage(ctx, lookup);
  const wafByStage = wafAssociationsByStage(ctx);
  const { keysByPlan, plansByKey } = usagePlanKeys(ctx);
  const { usagePlans, plansByStage } = usagePlanViews(ctx, lookup, keysByPlan);
  const apiKeys = apiKeyViews(ctx, plansByKey);
  const stages = stageViews(ctx, { apiOf, apiByAddress, lookup, settingsByStage, wafByStage, plansByStage });
  const deployments = deploymentViews(ctx, apiOf);
  return { stages, usagePlans, apiKeys, deployments };
}

export function restViews(ctx: BuildContext): RestViews {
  const apis = restApiViews(ctx);
  const lookup = restApiLookup(ctx, apis);
  const authorizers = restAuthorizerViews(ctx, lookup.apiOf);
  const authorizerByAddress = new Map(authorizers.map((a) => [a.address, a]));
  const pathOf = resourcePaths(ctx);
  const integrationTypeOf = restIntegrationTypes(ctx);
  const routes = restMethodViews(ctx, { apiOf: lookup.apiOf, authorizerByAddress, pathOf, integrationTypeOf });
  return { apis, authorizers, routes, ...stagesAndPlans(ctx, lookup) };
}
