// Deployment and stage: a deployment redeployed whenever any method, integration or authorizer changes
// (a REST deployment is a snapshot: without this the stage keeps serving the old authorization), and a
// stage with access logs, execution logging, metrics, throttling and X-Ray.
import { Construct } from "constructs";
import type { TerraformResource } from "cdktf";
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { AccessSpec } from "../access-spec/types";
import { configurationHash } from "./private/configured";
import { serviceTrustPolicy } from "./private/iam";

export interface StageProps {
  readonly spec: AccessSpec;
  readonly restApiId: string;
  readonly restApiName: string;
  /** Methods, integrations and authorizers the deployment snapshots. */
  readonly deploymentInputs: readonly TerraformResource[];
}

/** One JSON line per request, with what an access-control review needs. */
const DEFAULT_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  ip: "$context.identity.sourceIp",
  caller: "$context.identity.caller",
  user: "$context.identity.user",
  principalId: "$context.authorizer.principalId",
  claimsSub: "$context.authorizer.claims.sub",
  apiKeyId: "$context.identity.apiKeyId",
  requestTime: "$context.requestTime",
  httpMethod: "$context.httpMethod",
  resourcePath: "$context.resourcePath",
  status: "$context.status",
  authorizerError: "$context.authorizer.error",
  authorizeStatus: "$context.authorize.status",
  wafStatus: "$context.waf.status",
  responseLength: "$context.responseLength",
});

export class Stage extends Construct {
  public readonly stageName: string;
  public readonly stageArn: string;
  public readonly invokeUrl: string;
  public readonly deployment: ApiGatewayDeployment;

  constructor(scope: Construct, id: string, props: StageProps) {
    super(scope, id);
    const { spec } = props;
    const stageSpec = spec.stage;

    // Each input's id (a replaced input redeploys) and the arguments it is configured with (a changed one
    // redeploys), never its refreshed state: a refresh that reads an unset argument back as [] or {} (API
    // Gateway does for provider_arns, request_templates, cache_key_parameters) would change a hash of whole
    // objects on every plan and replace the deployment forever (found by the apply test against moto).
    this.deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: props.restApiId,
      description: `${props.restApiName} access-controlled deployment`,
      triggers: { redeployment: configurationHash(props.deploymentInputs) },
      dependsOn: [...props.deploymentInputs],
      lifecycle: { createBeforeDestroy: true },
    });

    const accessLogs = new CloudwatchLogGroup(this, "access-logs", {
      name: `/aws/apigateway/${props.restApiName}/${stageSpec.name}/access`,
      retentionInDays: stageSpec.logRetentionDays,
      tags: spec.tags,
    });

    // Execution logging needs the account-level CloudWatch role of API Gateway (one per account and region):
    // this stack owns that setting unless the spec names a role another stack manages.
    const account = stageSpec.cloudWatchRoleArn === undefined ? this.accountLogging(props) : undefined;

    const stage = new ApiGatewayStage(this, "stage", {
      restApiId: props.restApiId,
      stageName: stageSpec.name,
      deploymentId: this.deployment.id,
      xrayTracingEnabled: stageSpec.xrayTracing,
      accessLogSettings: {
        destinationArn: accessLogs.arn,
        format: stageSpec.accessLogFormat ?? DEFAULT_ACCESS_LOG_FORMAT,
      },
      tags: spec.tags,
      dependsOn: account !== undefined ? [account] : undefined,
    });
    this.stageName = stage.stageName;
    this.stageArn = stage.arn;
    this.invokeUrl = stage.invokeUrl;

    new ApiGatewayMethodSettings(this, "method-settings", {
      restApiId: props.restApiId,
      stageName: stage.stageName,
      methodPath: "*/*",
      settings: {
        loggingLevel: stageSpec.loggingLevel,
        metricsEnabled: stageSpec.metricsEnabled,
        // Full request/response logging would write tokens to CloudWatch.
        dataTraceEnabled: false,
        throttlingRateLimit: stageSpec.throttle.rateLimit,
        throttlingBurstLimit: stageSpec.throttle.burstLimit,
      },
    });
  }

  private accountLogging(props: StageProps): ApiGatewayAccount {
    const cloudwatchRole = new IamRole(this, "apigateway-cloudwatch-role", {
      name: `${props.restApiName}-apigw-cloudwatch`,
      assumeRolePolicy: serviceTrustPolicy("apigateway.amazonaws.com"),
      tags: props.spec.tags,
    });
    new IamRolePolicyAttachment(this, "apigateway-cloudwatch-policy", {
      role: cloudwatchRole.name,
      policyArn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    });
    return new ApiGatewayAccount(this, "apigateway-account", { cloudwatchRoleArn: cloudwatchRole.arn });
  }
}
