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
function awsManagedName(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/.exec(arn);
  return m === null ? undefined : m[1];
}

/** The document of a managed policy ARN, when this table knows it. */
export function managedPolicyDocument(arn: string): PolicyDocument | undefined {
  const name = awsManagedName(arn);
  return name === undefined ? undefined : MANAGED_POLICIES[name];
}

/**
 * AWS managed policies (name as in MANAGED_POLICIES' keys) whose every version AWS publishes grants only actions of
 * other services: no `execute-api:*`, no `apigateway:*` (the control plane), no `iam:PassRole` or other IAM writes,
 * no `sts:AssumeRole`, no `*` and no NotAction. A role holding one is no closer to any route and gains no privilege
 * the IAM rules judge, so the policy is not "not verified" although its document is not in the table. Only policies
 * whose documents were read on docs.aws.amazon.com/aws-managed-policy/latest/reference/<Name>.html belong here; a
 * broad one (ReadOnlyAccess has `apigateway:GET`; AdministratorAccess and PowerUserAccess grant execute-api:Invoke)
 * never does.
 */
export const GRANT_NO_API_ACCESS: ReadonlySet<string> = new Set([
  // Lambda execution roles: CloudWatch Logs, plus the ENI actions of a function in a VPC, or reading the event
  // source (SQS receive/delete, DynamoDB and Kinesis stream reads, MSK describe).
  "service-role/AWSLambdaVPCAccessExecutionRole",
  "service-role/AWSLambdaSQSQueueExecutionRole",
  "service-role/AWSLambdaDynamoDBExecutionRole",
  "service-role/AWSLambdaKinesisExecutionRole",
  "service-role/AWSLambdaMSKExecutionRole",
  // Lambda Insights: logs:CreateLogStream and logs:PutLogEvents on /aws/lambda-insights.
  "CloudWatchLambdaInsightsExecutionRolePolicy",
  // X-Ray: putting trace segments and telemetry, reading sampling rules; reading traces, service graphs, groups,
  // insights and sampling rules (xray:Get*, xray:BatchGet*, xray:List*, v8).
  "AWSXrayWriteOnlyAccess",
  "AWSXrayReadOnlyAccess",
  // Data-plane policies of one service each: s3:Get*/List*/Describe*; s3:* and s3-object-lambda:*; sqs:*;
  // dynamodb, dax and describe/list reads of related services (iam:GetRole and iam:ListRoles among them, reads).
  "AmazonS3ReadOnlyAccess",
  "AmazonS3FullAccess",
  "AmazonSQSFullAccess",
  "AmazonDynamoDBReadOnlyAccess",
  // ssm:Describe*, ssm:Get*, ssm:List*.
  "AmazonSSMReadOnlyAccess",
]);

/** Whether a managed policy ARN is one of GRANT_NO_API_ACCESS. */
export function grantsNoApiAccess(arn: string): boolean {
  const name = awsManagedName(arn);
  return name !== undefined && GRANT_NO_API_ACCESS.has(name);
}
