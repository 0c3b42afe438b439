// Cognito: user groups, user pools, app clients and resource servers, one builder per resource type beside this
// file, composed in the order their unresolved references are recorded. Pure.
import type { ResourceServer, UserGroup, UserPool, UserPoolClient } from "../../../model";
import type { BuildContext } from "../build-context";
import { userPoolClientViews } from "./client";
import { resourceServerViews } from "./resource-server";
import { userGroupViews } from "./user-group";
import { userPoolViews } from "./user-pool";

export interface CognitoViews {
  readonly userGroups: UserGroup[];
  readonly userPools: UserPool[];
  readonly userPoolClients: UserPoolClient[];
  readonly resourceServers: ResourceServer[];
}

export function cognitoViews(ctx: BuildContext): CognitoViews {
  const userGroups = userGroupViews(ctx);
  const userPools = userPoolViews(ctx);
  const userPoolClients = userPoolClientViews(ctx);
  const resourceServers = resourceServerViews(ctx);
  return { userGroups, userPools, userPoolClients, resourceServers };
}
