// AWS managed policies the effective-access model knows, with their documents as AWS publishes them
// (docs.aws.amazon.com/aws-managed-policy/latest/reference/<Name>.html, default version). A role that holds one
// is judged by the same statement logic as its inline policies. An ARN not in this table is "not verified":
// it may grant anything, so it is reported, never ignored.
import { documentFromJson } from "../load/iam";
import type { PolicyDocument } from "../model";

const doc = (statements: readonly Record<string, unknown>[]): PolicyDocument => documentFromJson({ Statement: statements });
const allow = (Action: string | readonly string[], Resource: string | readonly string[] = "*") => ({ Effect: "Allow", Action, Resource });

/** Managed policy name (the ARN's tail after `policy/`, path included) -> its document. */
export const MANAGED_POLICIES: Readonly<Record<string, PolicyDocument>> = {
  // Everything, on everything.
  AdministratorAccess: doc([allow("*")]),
  // Everything but IAM, Organizations and Account management (v12); execute-api:Invoke included.
  PowerUserAccess: doc([
    { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
    allow([
      "account:GetAccountInformation",
      "account:GetGovCloudAccountInformation",
      "account:GetPrimaryEmail",
      "account:ListRegions",
      "iam:CreateServiceLinkedRole",
      "iam:DeleteServiceLinkedRole",
      "iam:ListRoles",
      "organizations:DescribeEffectivePolicy",
      "organizations:DescribeOrganization",
    ]),
  ]),
  // Every method of every API in every account and region (v2).
  AmazonAPIGatewayInvokeFullAccess: doc([allow(["execute-api:Invoke", "execute-api:ManageConnections"], "arn:aws:execute-api:*:*:*")]),
  // The control plane: whoever holds it can rewrite any method's authorization (v1).
  AmazonAPIGatewayAdministrator: doc([allow("apigateway:*", "arn:aws:apigateway:*::/*")]),
  // Every IAM action: whoever holds it can grant itself anything.
  IAMFullAccess: doc([
    allow([
      "iam:*",
      "organizations:DescribeAccount",
      "organizations:DescribeOrganization",
      "organizations:DescribeOrganizationalUnit",
      "organizations:DescribePolicy",
      "organizations:ListChildren",
      "organizations:ListParents",
      "organizations:ListPoliciesForTarget",
      "organizations:ListRoots",
      "organizations:ListPolicies",
      "organizations:ListTargetsForPolicy",
    ]),
  ]),
  // Logging and tracing for services: no API access.
  "service-role/AmazonAPIGatewayPushToCloudWatchLogs": doc([
    allow([
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:DescribeLogGroups",
      "logs:DescribeLogStreams",
      "logs:PutLogEvents",
      "logs:GetLogEvents",
      "logs:FilterLogEvents",
    ]),
  ]),
  "service-role/AWSLambdaBasicExecutionRole": doc([allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"])]),
  AWSXRayDaemonWriteAccess: doc([
    allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"]),
  ]),
};

/** `arn:aws:iam::aws:policy/service-role/X` -> `service-role/X`; undefined for a customer-managed or odd ARN. */
export function awsManagedName(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/.exec(arn);
  return m === null ? undefined : m[1];
}

/** The document of a managed policy ARN, when this table knows it. */
export function managedPolicyDocument(arn: string): PolicyDocument | undefined {
  const name = awsManagedName(arn);
  return name === undefined ? undefined : MANAGED_POLICIES[name];
}
