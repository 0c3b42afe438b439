// Cognito identity: user pool, hosted domain, resource servers and scopes, groups with IAM roles
// whose trust is never open, app clients for users and machines.
import { Construct } from "constructs";
import { CognitoUserPool } from "@cdktf/provider-aws/lib/cognito-user-pool";
import { CognitoUserPoolDomain } from "@cdktf/provider-aws/lib/cognito-user-pool-domain";
import { CognitoResourceServer } from "@cdktf/provider-aws/lib/cognito-resource-server";
import { CognitoUserGroup } from "@cdktf/provider-aws/lib/cognito-user-group";
import { CognitoUserPoolClient } from "@cdktf/provider-aws/lib/cognito-user-pool-client";
import { CognitoIdentityPool } from "@cdktf/provider-aws/lib/cognito-identity-pool";
import { CognitoIdentityPoolRolesAttachment } from "@cdktf/provider-aws/lib/cognito-identity-pool-roles-attachment";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { AccessSpec, AppClientSpec, GroupSpec } from "../access-spec/types";
import { policyDocument, type PolicyStatement } from "./private/iam";
import { groupRoleName, terraformId } from "./private/names";

/** Attributes Cognito verifies by sending a code; a change to one takes effect only once the new value is verified. */
const AUTO_VERIFIED = ["email"] as const;

export interface IdentityProps {
  readonly spec: AccessSpec;
  /**
   * ARN of the group-role Lambda's execution role, the only AWS principal group roles trust.
   * @default - no group trusts a Lambda (groups asking for it are a spec error caught by validation)
   */
  readonly groupRoleLambdaRoleArn?: string;
}

export class Identity extends Construct {
  public readonly userPoolId: string;
  public readonly userPoolArn: string;
  public readonly userPoolEndpoint: string;
  /** Client name -> client id. */
  public readonly clientIds: Readonly<Record<string, string>>;
  /** Group name -> IAM role of the group. */
  public readonly groupRoles: Readonly<Record<string, IamRole>>;
  public readonly identityPoolId?: string;
  private readonly resourceServers: CognitoResourceServer[] = [];

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const { spec } = props;
    const pool = spec.cognito.userPool;
    const prefix = `${spec.name}-${spec.environment}`;

    const userPool = new CognitoUserPool(this, "user-pool", {
      name: pool.name,
      deletionProtection: pool.deletionProtection ? "ACTIVE" : "INACTIVE",
      mfaConfiguration: pool.mfa,
      softwareTokenMfaConfiguration: pool.mfa === "OFF" ? undefined : { enabled: true },
      userPoolTier: pool.featurePlan,
      userPoolAddOns: { advancedSecurityMode: pool.advancedSecurityMode },
      passwordPolicy: {
        minimumLength: pool.passwordPolicy.minimumLength,
        requireLowercase: pool.passwordPolicy.requireLowercase,
        requireUppercase: pool.passwordPolicy.requireUppercase,
        requireNumbers: pool.passwordPolicy.requireNumbers,
        requireSymbols: pool.passwordPolicy.requireSymbols,
        temporaryPasswordValidityDays: pool.passwordPolicy.temporaryPasswordValidityDays,
      },
      adminCreateUserConfig: { allowAdminCreateUserOnly: pool.adminCreateUserOnly },
      usernameAttributes: ["email"],
      autoVerifiedAttributes: [...AUTO_VERIFIED],
      // Without this a user (or a stolen session) changes the sign-in email to an unverified address at once.
      userAttributeUpdateSettings: { attributesRequireVerificationBeforeUpdate: [...AUTO_VERIFIED] },
      accountRecoverySetting: { recoveryMechanism: [{ name: "verified_email", priority: 1 }] },
      tags: spec.tags,
    });
    this.userPoolId = userPool.id;
    this.userPoolArn = userPool.arn;
    this.userPoolEndpoint = userPool.endpoint;

    if (spec.cognito.domainPrefix !== undefined) {
      new CognitoUserPoolDomain(this, "domain", { domain: spec.cognito.domainPrefix, userPoolId: userPool.id });
    }

    for (const server of spec.cognito.resourceServers) {
      this.resourceServers.push(
        new CognitoResourceServer(this, `resource-server-${terraformId(server.identifier)}`, {
          userPoolId: userPool.id,
          identifier: server.identifier,
          name: server.name,
          scope: Object.entries(server.scopes).map(([scopeName, scopeDescription]) => ({ scopeName, scopeDescription })),
        }),
      );
    }

    const wantsIdentityPool = spec.cognito.groups.some((g) => (g.trustedBy ?? []).includes("identityPool"));
    const clients: Record<string, string> = {};
    const clientResources: CognitoUserPoolClient[] = [];
    for (const client of spec.cognito.clients) {
      const resource = this.client(client, userPool.id, pool.preventUserExistenceErrors);
      clients[client.name] = resource.id;
      clientResources.push(resource);
    }
    this.clientIds = clients;

    if (wantsIdentityPool) {
      const identityPool = new CognitoIdentityPool(this, "identity-pool", {
        identityPoolName: `${prefix}-identities`.replace(/-/g, "_"),
        allowUnauthenticatedIdentities: false,
        cognitoIdentityProviders: clientResources
          .filter((_, i) => spec.cognito.clients[i].kind === "user")
          .map((c) => ({ clientId: c.id, providerName: userPool.endpoint, serverSideTokenCheck: true })),
        tags: spec.tags,
      });
      this.identityPoolId = identityPool.id;
    }

    const roles: Record<string, IamRole> = {};
    for (const group of spec.cognito.groups) {
      const role = new IamRole(this, `group-role-${terraformId(group.name)}`, {
        name: groupRoleName(spec, group.name),
        description: `Role of Cognito group ${group.name} (${spec.name} ${spec.environment})`,
        assumeRolePolicy: this.groupTrustPolicy(group, props.groupRoleLambdaRoleArn),
        maxSessionDuration: 3600,
        tags: spec.tags,
      });
      roles[group.name] = role;
      if (group.permissions !== undefined && group.permissions.length > 0) {
        new IamRolePolicy(this, `group-role-policy-${terraformId(group.name)}`, {
          name: "group-permissions",
          role: role.name,
          policy: policyDocument(group.permissions.map((s) => ({ effect: s.effect, actions: s.actions, resources: s.resources }))),
        });
      }
      new CognitoUserGroup(this, `group-${terraformId(group.name)}`, {
        userPoolId: userPool.id,
        name: group.name,
        description: group.description,
        precedence: group.precedence,
        roleArn: role.arn,
      });
    }
    this.groupRoles = roles;

    if (this.identityPoolId !== undefined) {
      // Federated users get their group's role from the token (cognito:preferred_role); a token whose
      // role is ambiguous or absent gets the default role, which may do nothing.
      const defaultRole = new IamRole(this, "identity-default-role", {
        name: `${prefix}-identity-default`,
        description: "Authenticated identities without a group role: no permissions",
        assumeRolePolicy: policyDocument([this.identityPoolTrust(this.identityPoolId)]),
        tags: spec.tags,
      });
      new CognitoIdentityPoolRolesAttachment(this, "identity-pool-roles", {
        identityPoolId: this.identityPoolId,
        roles: { authenticated: defaultRole.arn },
        roleMapping: clientResources
          .filter((_, i) => spec.cognito.clients[i].kind === "user")
          .map((c) => ({
            identityProvider: `\${${userPool.fqn}.endpoint}:\${${c.fqn}.id}`,
            type: "Token",
            ambiguousRoleResolution: "Deny",
          })),
      });
    }
  }

  private identityPoolTrust(identityPoolId: string): PolicyStatement {
    return {
      effect: "Allow",
      actions: ["sts:AssumeRoleWithWebIdentity"],
      principals: { Federated: ["cognito-identity.amazonaws.com"] },
      conditions: {
        StringEquals: { "cognito-identity.amazonaws.com:aud": identityPoolId },
        "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
      },
    };
  }

  private client(client: AppClientSpec, userPoolId: string, hideUserExistence: boolean): CognitoUserPoolClient {
    const common = {
      userPoolId,
      name: client.name,
      idTokenValidity: client.tokenValidity.idTokenMinutes,
      accessTokenValidity: client.tokenValidity.accessTokenMinutes,
      refreshTokenValidity: client.tokenValidity.refreshTokenMinutes,
      tokenValidityUnits: [{ idToken: "minutes", accessToken: "minutes", refreshToken: "minutes" }],
      preventUserExistenceErrors: hideUserExistence ? "ENABLED" : "LEGACY",
      enableTokenRevocation: true,
      // Scopes must exist before a client may be granted them.
      dependsOn: this.resourceServers,
    };
    const id = `client-${terraformId(client.name)}`;
    if (client.kind === "machine") {
      return new CognitoUserPoolClient(this, id, {
        ...common,
        generateSecret: true,
        allowedOauthFlowsUserPoolClient: true,
        allowedOauthFlows: ["client_credentials"],
        allowedOauthScopes: [...client.scopes],
        explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
        supportedIdentityProviders: ["COGNITO"],
      });
    }
    const oauth = client.scopes !== undefined && client.scopes.length > 0 && (client.callbackUrls ?? []).length > 0;
    return new CognitoUserPoolClient(this, id, {
      ...common,
      generateSecret: false,
      explicitAuthFlows: [
        "ALLOW_USER_SRP_AUTH",
        ...(client.allowUserPasswordAuth !== undefined ? ["ALLOW_USER_PASSWORD_AUTH"] : []),
        "ALLOW_REFRESH_TOKEN_AUTH",
      ],
      supportedIdentityProviders: ["COGNITO"],
      ...(oauth
        ? {
            allowedOauthFlowsUserPoolClient: true,
            allowedOauthFlows: ["code"],
            allowedOauthScopes: ["openid", "email", ...(client.scopes ?? [])],
            callbackUrls: [...(client.callbackUrls ?? [])],
            logoutUrls: [...(client.logoutUrls ?? [])],
          }
        : {}),
    });
  }

  private groupTrustPolicy(group: GroupSpec, lambdaRoleArn: string | undefined): string {
    const trustedBy = group.trustedBy ?? ["groupRoleLambda"];
    const statements: PolicyStatement[] = [];
    if (trustedBy.includes("groupRoleLambda") && lambdaRoleArn !== undefined) {
      statements.push({
        effect: "Allow",
        actions: ["sts:AssumeRole", "sts:SetSourceIdentity"],
        principals: { AWS: [lambdaRoleArn] },
      });
    }
    if (trustedBy.includes("identityPool") && this.identityPoolId !== undefined) {
      statements.push(this.identityPoolTrust(this.identityPoolId));
    }
    if (statements.length === 0) {
      // Fail closed: a role nobody may assume rather than one anybody may.
      statements.push({ effect: "Deny", actions: ["sts:AssumeRole"], principals: { Service: ["lambda.amazonaws.com"] } });
    }
    return policyDocument(statements);
  }
}
