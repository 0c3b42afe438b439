// The read-only IAM policy the audit needs: one IAM action per SDK operation it calls, and nothing else. The
// operation list is the one the reader uses (a test records every call and finds each one here).
import type { SdkCall, Service } from "./snapshot";

/**
 * API Gateway authorizes its management API by HTTP verb on resource paths: every read the audit makes is a GET
 * (`apigateway:GET`), on these paths.
 */
const APIGATEWAY_READ_PATHS = [
  "arn:aws:apigateway:*::/restapis",
  "arn:aws:apigateway:*::/restapis/*",
  "arn:aws:apigateway:*::/usageplans",
  "arn:aws:apigateway:*::/usageplans/*",
  "arn:aws:apigateway:*::/apikeys",
  "arn:aws:apigateway:*::/domainnames",
  "arn:aws:apigateway:*::/domainnames/*",
  "arn:aws:apigateway:*::/apis",
  "arn:aws:apigateway:*::/apis/*",
];

/** Operation -> IAM action, per service. Every operation the reader may send is here; nothing else is. */
const ACTIONS: Readonly<Record<Service, Readonly<Record<string, string>>>> = {
  apigateway: {
    GetRestApis: "apigateway:GET",
    GetResources: "apigateway:GET",
    GetAuthorizers: "apigateway:GET",
    GetStages: "apigateway:GET",
    GetExport: "apigateway:GET",
    GetUsagePlans: "apigateway:GET",
    GetUsagePlanKeys: "apigateway:GET",
    GetApiKeys: "apigateway:GET",
    GetDomainNames: "apigateway:GET",
    GetBasePathMappings: "apigateway:GET",
    GetApiMappings: "apigateway:GET",
    GetApis: "apigateway:GET",
    GetRoutes: "apigateway:GET",
    GetIntegrations: "apigateway:GET",
  },
  "cognito-idp": {
    ListUserPools: "cognito-idp:ListUserPools",
    DescribeUserPool: "cognito-idp:DescribeUserPool",
    GetUserPoolMfaConfig: "cognito-idp:GetUserPoolMfaConfig",
    ListUserPoolClients: "cognito-idp:ListUserPoolClients",
    DescribeUserPoolClient: "cognito-idp:DescribeUserPoolClient",
    ListGroups: "cognito-idp:ListGroups",
    ListResourceServers: "cognito-idp:ListResourceServers",
  },
  lambda: {
    GetFunctionConfiguration: "lambda:GetFunctionConfiguration",
    GetPolicy: "lambda:GetPolicy",
    ListFunctionUrlConfigs: "lambda:ListFunctionUrlConfigs",
    ListTags: "lambda:ListTags",
  },
  sts: { GetCallerIdentity: "sts:GetCallerIdentity", AssumeRole: "sts:AssumeRole" },
  wafv2: {
    ListWebACLs: "wafv2:ListWebACLs",
    GetWebACL: "wafv2:GetWebACL",
    ListRuleGroups: "wafv2:ListRuleGroups",
    GetRuleGroup: "wafv2:GetRuleGroup",
  },
  iam: { GetAccountAuthorizationDetails: "iam:GetAccountAuthorizationDetails" },
  cloudfront: {
    ListDistributions: "cloudfront:ListDistributions",
    GetDistributionConfig: "cloudfront:GetDistributionConfig",
    ListCachePolicies: "cloudfront:ListCachePolicies",
    GetFunction: "cloudfront:GetFunction",
  },
  logs: {},
  "cognito-identity": {},
};

/** The IAM action a recorded call needs; undefined when the policy does not grant it. */
export const actionOf = (c: SdkCall): string | undefined => ACTIONS[c.service][c.operation];

/**
 * Verbs and prefixes that read: anything else in the policy would be a defect. sts:AssumeRole changes nothing in
 * any account (it returns temporary credentials) and is granted only on the roles named (--assume-role-arn).
 */
export const isReadAction = (action: string): boolean => /^(apigateway:GET|sts:AssumeRole|[a-z0-9-]+:(Get|List|Describe)[A-Za-z]*)$/.test(action);

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly {
    readonly Sid: string;
    readonly Effect: "Allow";
    readonly Action: readonly string[];
    readonly Resource: string | readonly string[];
  }[];
}

/** Granted only on the roles the audit assumes, never on `*`. */
const ASSUME = "sts:AssumeRole";

/**
 * The policy of the identity the audit runs as, and of every role it assumes (each reads its own account). With
 * `assumeRoleArns`, one more statement lets the first assume exactly those roles.
 */
export function auditIamPolicy(assumeRoleArns: readonly string[] = []): PolicyDocument {
  const others = [...new Set(Object.values(ACTIONS).flatMap((ops) => Object.values(ops)))].filter((a) => a !== "apigateway:GET" && a !== ASSUME).sort();
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ApiGatewayRead", Effect: "Allow", Action: ["apigateway:GET"], Resource: APIGATEWAY_READ_PATHS },
      { Sid: "IdentityAndFunctionsRead", Effect: "Allow", Action: others, Resource: "*" },
      ...(assumeRoleArns.length > 0 ? [{ Sid: "AssumeAuditRoles", Effect: "Allow" as const, Action: [ASSUME], Resource: [...assumeRoleArns] }] : []),
    ],
  };
}
