// One WAFv2 web ACL (REGIONAL for the API stage, CLOUDFRONT for the distribution) with this project's rules,
// and its logging to a CloudWatch log group whose name WAF requires to start with `aws-waf-logs-`.
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { ORIGIN_VERIFY_HEADER, type RateAggregateKey, webAclRules } from "./rules";

export interface ProtectedWebAclProps {
  /** Web ACL name; also names the metrics and the log group (`aws-waf-logs-<name>`). */
  readonly name: string;
  /** CLOUDFRONT ACLs must be created in us-east-1: pass that provider. */
  readonly scope: "REGIONAL" | "CLOUDFRONT";
  readonly rateLimitPerFiveMinutes: number;
  /** @default "IP" */
  readonly rateAggregateKey?: RateAggregateKey;
  /**
   * Accepted `X-Origin-Verify` values. When set the default action is BLOCK and only requests carrying one of
   * them pass. @default - default action ALLOW (no origin protection)
   */
  readonly originVerifyValues?: readonly string[];
  readonly logRetentionDays: number;
  /** Resource to associate (REGIONAL only: an API Gateway stage ARN). CloudFront attaches via `web_acl_id`. */
  readonly associateWith?: string;
  /** @default - the stack's default provider */
  readonly provider?: TerraformProvider;
  readonly tags?: Readonly<Record<string, string>>;
}

export class ProtectedWebAcl extends Construct {
  public readonly webAclArn: string;
  public readonly webAclId: string;
  public readonly logGroupName: string;
  /** Escape hatch. */
  public readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: ProtectedWebAclProps) {
    super(scope, id);
    if (props.scope === "CLOUDFRONT" && props.associateWith !== undefined) {
      throw new Error(`ProtectedWebAcl "${props.name}": CLOUDFRONT ACLs attach through the distribution's web_acl_id, not an association`);
    }
    const provider = props.provider;
    const tags = props.tags ? { ...props.tags } : undefined;
    const blockByDefault = props.originVerifyValues !== undefined;

    this.webAcl = new Wafv2WebAcl(this, "acl", {
      provider,
      name: props.name,
      scope: props.scope,
      description: blockByDefault
        ? `Blocks everything except requests carrying CloudFront's ${ORIGIN_VERIFY_HEADER} header`
        : "Managed rule groups and a per-IP rate limit",
      defaultAction: blockByDefault ? { block: {} } : { allow: {} },
      rule: webAclRules({
        metricPrefix: props.name,
        rateLimitPerFiveMinutes: props.rateLimitPerFiveMinutes,
        rateAggregateKey: props.rateAggregateKey ?? "IP",
        originVerifyValues: props.originVerifyValues,
      }),
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: props.name, sampledRequestsEnabled: true },
      tags,
    });

    const logGroup = new CloudwatchLogGroup(this, "logs", {
      provider,
      name: `aws-waf-logs-${props.name}`,
      retentionInDays: props.logRetentionDays,
      tags,
    });
    new Wafv2WebAclLoggingConfiguration(this, "logging", {
      provider,
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [logGroup.arn],
      // WAF logs carry request headers: the origin secret and bearer tokens must not land in CloudWatch.
      redactedFields: [
        { singleHeader: { name: ORIGIN_VERIFY_HEADER.toLowerCase() } },
        { singleHeader: { name: "authorization" } },
        { singleHeader: { name: "x-api-key" } },
      ],
    });

    if (props.associateWith !== undefined) {
      new Wafv2WebAclAssociation(this, "association", {
        provider,
        resourceArn: props.associateWith,
        webAclArn: this.webAcl.arn,
      });
    }

    this.webAclArn = this.webAcl.arn;
    this.webAclId = this.webAcl.id;
    this.logGroupName = logGroup.name;
  }
}
