// Cognito user pools, app clients and resource servers (with their full scope names), and Lambda permissions.
// Pure.
import { isUnknown, unknownValue, type LambdaPermission, type ResourceServer, type UserPool, type UserPoolClient, type Val } from "../../model";
import { blocks } from "../json";
import { optStr, str } from "../values";
import type { BuildContext } from "./context";

export interface CognitoViews {
  readonly userPools: UserPool[];
  readonly userPoolClients: UserPoolClient[];
  readonly resourceServers: ResourceServer[];
}

export function cognitoViews(ctx: BuildContext): CognitoViews {
  const { ofType, follow } = ctx;
  // Cognito
  const userPools: UserPool[] = ofType("aws_cognito_user_pool").map((p) => ({ address: p.address, name: str(p.values["name"]), resource: p }));
  const userPoolClients: UserPoolClient[] = ofType("aws_cognito_user_pool_client").map((c) => {
    const pool = follow(c, "user_pool_id", ["aws_cognito_user_pool"]);
    return { address: c.address, name: str(c.values["name"]), ...(pool !== undefined ? { userPoolAddress: pool.address } : {}), resource: c };
  });
  const resourceServers: ResourceServer[] = ofType("aws_cognito_resource_server").map((s) => {
    const pool = follow(s, "user_pool_id", ["aws_cognito_user_pool"]);
    const identifier = str(s.values["identifier"]);
    const scopeBlocks = s.values["scope"];
    let scopes: Val<readonly string[]>;
    if (typeof identifier !== "string" || isUnknown(scopeBlocks)) scopes = unknownValue();
    else {
      const names = blocks(scopeBlocks).map((b) => b["scope_name"]);
      scopes = names.every((n): n is string => typeof n === "string") ? names.map((n) => `${identifier}/${n}`) : unknownValue();
    }
    return { address: s.address, identifier, ...(pool !== undefined ? { userPoolAddress: pool.address } : {}), scopes, resource: s };
  });

  return { userPools, userPoolClients, resourceServers };
}

export function lambdaPermissionViews(ctx: BuildContext): LambdaPermission[] {
  const { resolver, ofType, target } = ctx;
  const lambdaPermissions: LambdaPermission[] = ofType("aws_lambda_permission").map((p) => {
    const fn = target(resolver.resolve(p, "function_name", ["aws_lambda_function", "aws_lambda_alias"]));
    const src = optStr(p.values["source_arn"]);
    return {
      address: p.address,
      action: str(p.values["action"]),
      principal: str(p.values["principal"]),
      ...(src !== undefined ? { sourceArn: src } : {}),
      sourceArnReferences: resolver.referencedAddresses(p, p.references["source_arn"] ?? []),
      ...(fn !== undefined ? { functionAddress: fn.address } : {}),
      resource: p,
    };
  });


  return lambdaPermissions;
}
