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
  },
  sts: { GetCallerIdentity: "sts:GetCallerIdentity" },
  wafv2: {},
  iam: {},
  cloudfront: {},
  logs: {},
};

/** The IAM action a recorded call needs; undefined when the policy does not grant it. */
export const actionOf = (c: SdkCall): string | undefined => ACTIONS[c.service][c.operation];

/** Verbs and prefixes that read: anything else in the policy would be a defect. */
export const isReadAction = (action: string): boolean => /^(apigateway:GET|[a-z0-9-]+:(Get|List|Describe)[A-Za-z]*)$/.test(action);

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly {
    readonly Sid: string;
    readonly Effect: "Allow";
    readonly Action: readonly string[];
    readonly Resource: string | readonly string[];
  }[];
}

export function auditIamPolicy(): PolicyDocument {
  const others = [...new Set(Object.values(ACTIONS).flatMap((ops) => Object.values(ops)))].filter((a) => a !== "apigateway:GET").sort();
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ApiGatewayRead", Effect: "Allow", Action: ["apigateway:GET"], Resource: APIGATEWAY_READ_PATHS },
      { Sid: "IdentityAndFunctionsRead", Effect: "Allow", Action: others, Resource: "*" },
    ],
  };
}
