// Builds the typed views of the model from the resource instances of one stack: one builder per resource type,
// grouped by service (rest/, http-api/, cognito/, iam/, lambda/), each group composed by its index; this composes
// the groups in the order their unresolved references are recorded, and adds the routes, authorizers and policies
// of OpenAPI bodies (../openapi-routes.ts). Pure: no I/O.
import type {
  ApiKey,
  Authorizer,
  Deployment,
  HttpStage,
  IamPolicy,
  IamRole,
  LambdaPermission,
  ResourceServer,
  RestApi,
  Route,
  Stage,
  UnresolvedRef,
  UsagePlan,
  UserGroup,
  UserPool,
  UserPoolClient,
} from "../../model";
import type { RawStack } from "../raw";
import { bodyViews } from "../openapi-routes";
import { buildContext } from "./build-context";
import { buildHttpApiViews } from "./http-api";
import { cognitoViews } from "./cognito";
import { iamViews } from "./iam";
import { lambdaPermissionViews } from "./lambda/permission";
import { restViews } from "./rest";

export interface StackViews {
  apis: RestApi[];
  routes: Route[];
  authorizers: Authorizer[];
  stages: Stage[];
  httpStages: HttpStage[];
  usagePlans: UsagePlan[];
  apiKeys: ApiKey[];
  deployments: Deployment[];
  iamPolicies: IamPolicy[];
  iamRoles: IamRole[];
  userPools: UserPool[];
  userPoolClients: UserPoolClient[];
  resourceServers: ResourceServer[];
  userGroups: UserGroup[];
  lambdaPermissions: LambdaPermission[];
  unresolved: UnresolvedRef[];
}

export function buildViews(stack: RawStack): StackViews {
  const ctx = buildContext(stack);
  const { resolver, unresolved } = ctx;
  const { apis, routes, authorizers, stages, usagePlans, apiKeys, deployments } = restViews(ctx);
  const { userGroups, userPools, userPoolClients, resourceServers } = cognitoViews(ctx);
  const { iamRoles, iamPolicies } = iamViews(ctx, apis, userGroups);
  const lambdaPermissions = lambdaPermissionViews(ctx);

  const v2 = buildHttpApiViews(ctx);
  // Routes an OpenAPI body declares (REST and HTTP APIs), beside the method and route resources.
  const body = bodyViews(stack, [...apis, ...v2.apis], resolver);
  iamPolicies.push(...body.policies);
  return {
    apis: [...apis, ...v2.apis],
    routes: [...routes, ...v2.routes, ...body.routes],
    authorizers: [...authorizers, ...v2.authorizers, ...body.authorizers],
    stages,
    httpStages: v2.httpStages,
    usagePlans,
    apiKeys,
    deployments,
    iamPolicies,
    iamRoles,
    userPools,
    userPoolClients,
    resourceServers,
    userGroups,
    lambdaPermissions,
    unresolved,
  };
}
