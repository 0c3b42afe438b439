// The rule registry: every rule the engine runs, in report order. Add a rule here and in its own file.
import { BundleMatchesSource } from "./BundleMatchesSource";
import { ApiCacheKeyedOnCredential } from "./ApiCacheKeyedOnCredential";
import { ApiKeyInUsagePlan } from "./ApiKeyInUsagePlan";
import { ApiKeyIsNotAuthentication } from "./ApiKeyIsNotAuthentication";
import { AppClientImplicitFlow } from "./AppClientImplicitFlow";
import { AppClientTokenValidity } from "./AppClientTokenValidity";
import { AuthorizerCacheTtlBounded } from "./AuthorizerCacheTtlBounded";
import { AuthorizerExists } from "./AuthorizerExists";
import { AuthorizerIdentitySource } from "./AuthorizerIdentitySource";
import { CognitoGroupRolePrivileges } from "./CognitoGroupRolePrivileges";
import { CognitoAuthorizerPoolKnown } from "./CognitoAuthorizerPoolKnown";
import { CognitoGroupRoleTrust } from "./CognitoGroupRoleTrust";
import { CognitoScopesExist } from "./CognitoScopesExist";
import { CognitoTriggerKnown } from "./CognitoTriggerKnown";
import { CognitoUserInAccessGroup } from "./CognitoUserInAccessGroup";
import { CloudFrontAuthorizationInCacheKey } from "./CloudFrontAuthorizationInCacheKey";
import { CloudFrontHttpsOnly } from "./CloudFrontHttpsOnly";
import { CloudFrontTls12 } from "./CloudFrontTls12";
import { CloudFrontWebAcl } from "./CloudFrontWebAcl";
import { DeciderCodePinned } from "./DeciderCodePinned";
import { DeploymentRedeploysOnAuthChange } from "./DeploymentRedeploysOnAuthChange";
import { DeploymentStageName } from "./DeploymentStageName";
import { EdgeAuthOnViewerRequest } from "./EdgeAuthOnViewerRequest";
import { EdgeConfigParameterOwned } from "./EdgeConfigParameterOwned";
import { EdgeOriginProtected } from "./EdgeOriginProtected";
import { ExecuteApiInvokeScoped } from "./ExecuteApiInvokeScoped";
import { HttpApiWaf } from "./HttpApiWaf";
import { HttpRouteAuthorizerIgnored } from "./HttpRouteAuthorizerIgnored";
import { IamInvokerTrust } from "./IamInvokerTrust";
import { IamManagedPolicyVerified } from "./IamManagedPolicyVerified";
import { IdentityProviderNamed } from "./IdentityProviderNamed";
import { BackendDoorsIntended } from "./BackendDoorsIntended";
import { IdentityPoolUnauthenticatedInvoke } from "./IdentityPoolUnauthenticatedInvoke";
import { JwtAuthorizerIssuerKnown } from "./JwtAuthorizerIssuerKnown";
import { LambdaAuthorizerPermissionScoped } from "./LambdaAuthorizerPermissionScoped";
import { LambdaRuntimeSupported } from "./LambdaRuntimeSupported";
import { MethodMatchesPolicy } from "./MethodMatchesPolicy";
import { NoOpenMethod } from "./NoOpenMethod";
import { OpenApiBodyVerified } from "./OpenApiBodyVerified";
import { SecretLiteral } from "./SecretLiteral";
import { StageAccessLogs } from "./StageAccessLogs";
import { StageExecutionLogging } from "./StageExecutionLogging";
import { StageWaf } from "./StageWaf";
import { StageXray } from "./StageXray";
import type { Rule } from "./types";
import { UnresolvedReference } from "./UnresolvedReference";
import { UsagePlanOnApiKeyStages } from "./UsagePlanOnApiKeyStages";
import { UserPoolAdvancedSecurity } from "./UserPoolAdvancedSecurity";
import { UserPoolDeletionProtection } from "./UserPoolDeletionProtection";
import { UserPoolMfa } from "./UserPoolMfa";
import { UserPoolPasswordPolicy } from "./UserPoolPasswordPolicy";
import { UserPoolSelfSignUp } from "./UserPoolSelfSignUp";
import { WebAclManagedRules } from "./WebAclManagedRules";
import { WebsocketConnectAuthenticated } from "./WebsocketConnectAuthenticated";

export type { Rule } from "./types";

/** The edge path's rules (CloudFront, Lambda@Edge, the web ACLs, origin protection), in registry order. */
export const EDGE_RULES: readonly Rule[] = [
  EdgeOriginProtected,
  CloudFrontAuthorizationInCacheKey,
  EdgeAuthOnViewerRequest,
  EdgeConfigParameterOwned,
  WebAclManagedRules,
  CloudFrontWebAcl,
  CloudFrontHttpsOnly,
  CloudFrontTls12,
];

export const RULES: readonly Rule[] = [
  MethodMatchesPolicy,
  UnresolvedReference,
  NoOpenMethod,
  WebsocketConnectAuthenticated,
  HttpRouteAuthorizerIgnored,
  OpenApiBodyVerified,
  ApiKeyIsNotAuthentication,
  CognitoScopesExist,
  AuthorizerExists,
  AuthorizerIdentitySource,
  AuthorizerCacheTtlBounded,
  ApiCacheKeyedOnCredential,
  LambdaAuthorizerPermissionScoped,
  ExecuteApiInvokeScoped,
  CognitoGroupRoleTrust,
  CognitoGroupRolePrivileges,
  IamInvokerTrust,
  IamManagedPolicyVerified,
  IdentityPoolUnauthenticatedInvoke,
  StageWaf,
  HttpApiWaf,
  ...EDGE_RULES,
  StageAccessLogs,
  StageExecutionLogging,
  StageXray,
  UsagePlanOnApiKeyStages,
  ApiKeyInUsagePlan,
  SecretLiteral,
  DeploymentRedeploysOnAuthChange,
  DeploymentStageName,
  UserPoolPasswordPolicy,
  UserPoolMfa,
  UserPoolAdvancedSecurity,
  UserPoolDeletionProtection,
  UserPoolSelfSignUp,
  AppClientTokenValidity,
  CognitoAuthorizerPoolKnown,
  JwtAuthorizerIssuerKnown,
  CognitoTriggerKnown,
  IdentityProviderNamed,
  BackendDoorsIntended,
  CognitoUserInAccessGroup,
  AppClientImplicitFlow,
  BundleMatchesSource,
  DeciderCodePinned,
  LambdaRuntimeSupported,
];
