// The rule registry: every rule the engine runs, in report order. A rule lives in guard/rules/<service>/<rule-id>.ts,
// filed under the service of what it judges: access (the policy against what the whole configuration lets through),
// apigateway, cloudfront (CloudFront and Lambda@Edge), cognito, iam, lambda, waf. Add a rule there and here.
import { BundleMatchesSource } from "./lambda/bundle-matches-source";
import { ApiCacheKeyedOnCredential } from "./apigateway/api-cache-keyed-on-credential";
import { ApiKeyInUsagePlan } from "./apigateway/api-key-in-usage-plan";
import { ApiKeyIsNotAuthentication } from "./apigateway/api-key-is-not-authentication";
import { AppClientImplicitFlow } from "./cognito/app-client-implicit-flow";
import { AppClientPasswordAuth } from "./cognito/app-client-password-auth";
import { AppClientTokenValidity } from "./cognito/app-client-token-validity";
import { AuthorizerCacheTtlBounded } from "./apigateway/authorizer-cache-ttl-bounded";
import { AuthorizerExists } from "./apigateway/authorizer-exists";
import { AuthorizerIdentitySource } from "./apigateway/authorizer-identity-source";
import { CognitoGroupRolePrivileges } from "./iam/cognito-group-role-privileges";
import { CognitoAuthorizerPoolKnown } from "./cognito/cognito-authorizer-pool-known";
import { CognitoGroupRoleTrust } from "./iam/cognito-group-role-trust";
import { CognitoScopesExist } from "./cognito/cognito-scopes-exist";
import { CognitoTriggerKnown } from "./cognito/cognito-trigger-known";
import { CognitoUserInAccessGroup } from "./cognito/cognito-user-in-access-group";
import { CloudFrontAuthorizationInCacheKey } from "./cloudfront/cloudfront-authorization-in-cache-key";
import { CloudFrontHttpsOnly } from "./cloudfront/cloudfront-https-only";
import { CloudFrontTls12 } from "./cloudfront/cloudfront-tls-1-2";
import { CloudFrontWebAcl } from "./waf/cloudfront-web-acl";
import { DeciderCodePinned } from "./lambda/decider-code-pinned";
import { HandlerDeciderDeclared } from "./lambda/handler-decider-declared";
import { DeploymentRedeploysOnAuthChange } from "./apigateway/deployment-redeploys-on-auth-change";
import { DeploymentStageName } from "./apigateway/deployment-stage-name";
import { EdgeAuthOnViewerRequest } from "./cloudfront/edge-auth-on-viewer-request";
import { EdgeConfigParameterOwned } from "./cloudfront/edge-config-parameter-owned";
import { EdgeOriginProtected } from "./cloudfront/edge-origin-protected";
import { ExecuteApiInvokeScoped } from "./iam/execute-api-invoke-scoped";
import { HttpApiWaf } from "./waf/http-api-waf";
import { HttpIdentityAppended } from "./apigateway/http-identity-appended";
import { HttpRouteAuthorizerIgnored } from "./apigateway/http-route-authorizer-ignored";
import { IamInvokerTrust } from "./iam/iam-invoker-trust";
import { IamManagedPolicyVerified } from "./iam/iam-managed-policy-verified";
import { IdentityProviderNamed } from "./cognito/identity-provider-named";
import { BackendDoorsIntended } from "./access/backend-doors-intended";
import { IdentityPoolUnauthenticatedInvoke } from "./iam/identity-pool-unauthenticated-invoke";
import { JwtAuthorizerIssuerKnown } from "./cognito/jwt-authorizer-issuer-known";
import { LambdaAuthorizerPermissionScoped } from "./lambda/lambda-authorizer-permission-scoped";
import { LambdaRuntimeSupported } from "./lambda/lambda-runtime-supported";
import { MethodMatchesPolicy } from "./access/method-matches-policy";
import { NoOpenMethod } from "./access/no-open-method";
import { OpenApiBodyVerified } from "./access/openapi-body-verified";
import { SecretLiteral } from "./access/secret-literal";
import { StageAccessLogs } from "./apigateway/stage-access-logs";
import { StageDataTraceOff } from "./apigateway/stage-data-trace-off";
import { StageExecutionLogging } from "./apigateway/stage-execution-logging";
import { StageWaf } from "./waf/stage-waf";
import { StageXray } from "./apigateway/stage-xray";
import type { Rule } from "./types";
import { UnresolvedReference } from "./access/unresolved-reference";
import { UsagePlanOnApiKeyStages } from "./apigateway/usage-plan-on-api-key-stages";
import { UserPoolAdvancedSecurity } from "./cognito/user-pool-advanced-security";
import { UserPoolDeletionProtection } from "./cognito/user-pool-deletion-protection";
import { UserPoolMfa } from "./cognito/user-pool-mfa";
import { UserPoolPasswordPolicy } from "./cognito/user-pool-password-policy";
import { UserPoolSelfSignUp } from "./cognito/user-pool-self-sign-up";
import { WebAclAttached } from "./waf/web-acl-attached";
import { WebAclManagedRules } from "./waf/waf-managed-rules";
import { WebsocketConnectAuthenticated } from "./apigateway/websocket-connect-authenticated";

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
  HttpIdentityAppended,
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
  WebAclAttached,
  ...EDGE_RULES,
  StageAccessLogs,
  StageExecutionLogging,
  StageDataTraceOff,
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
  AppClientPasswordAuth,
  BundleMatchesSource,
  DeciderCodePinned,
  HandlerDeciderDeclared,
  LambdaRuntimeSupported,
];
