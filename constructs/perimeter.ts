// Everything between the internet and the API stage: the REGIONAL web ACL on the stage (always), and when the
// spec puts the API behind CloudFront, the distribution, its CLOUDFRONT web ACL, origin protection with a
// rotatable secret header, and for OAuth2-Cognito-Edge the Lambda@Edge verifier on viewer-request.
import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider, type AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import type { AccessSpec, EdgeScheme } from "../access-spec/types";
import { ApiDistribution } from "./edge/distribution";
import { EdgeVerifier } from "./edge/edge-verifier";
import { ProtectedWebAcl } from "./waf/web-acl";

export interface PerimeterProps {
  readonly spec: AccessSpec;
  readonly restApiId: string;
  readonly restApiName: string;
  readonly stageName: string;
  /** `arn:aws:apigateway:<region>::/restapis/<id>/stages/<name>`, for the web ACL association. */
  readonly stageArn: string;
  readonly userPoolId: string;
  /** Client name -> app client id. */
  readonly clientIds: Readonly<Record<string, string>>;
  readonly region: string;
  /**
   * Settings copied into the us-east-1 provider alias (credentials, skip flags for offline plans, default
   * tags); `alias` and `region` are always overridden. @default - region and alias only
   */
  readonly providerDefaults?: AwsProviderConfig;
}

/** Terraform variables the perimeter declares when the API sits behind CloudFront; all required, no defaults. */
const PERIMETER_VARIABLES = {
  /** Sensitive: the `X-Origin-Verify` value CloudFront sends now. 32-200 characters. */
  originVerifySecret: "origin_verify_secret",
  /** Sensitive: the value accepted next (rotation: set next, apply, swap the two, apply). 32-200 characters. */
  originVerifySecretNext: "origin_verify_secret_next",
  /** ACM certificate in us-east-1 for the distribution's aliases (TLS 1.2+ needs a certificate of one's own). */
  edgeCertificateArn: "edge_certificate_arn",
  /** The distribution's alternate domain names, covered by that certificate. */
  edgeDomainNames: "edge_domain_names",
} as const;

let warnedNone = false;

/** Schemes under which a route of type EDGE would be left unauthenticated: refused at synth. */
function checkEdgeRoutes(spec: AccessSpec, scheme: EdgeScheme | undefined): void {
  if (scheme === "OAuth2-Cognito-Edge") return;
  const edgeRoutes = spec.routes.filter((r) => r.auth.type === "EDGE").map((r) => `${r.method} ${r.path}`);
  if (edgeRoutes.length > 0) {
    throw new Error(
      `spec "${spec.name}" (${spec.environment}): route(s) ${edgeRoutes.map((r) => `"${r}"`).join(", ")} use auth type EDGE, ` +
        `which is NONE at the gateway, but the edge scheme is ${scheme === undefined ? "absent (no CloudFront)" : `"${scheme}"`}; ` +
        `they would be open. Use scheme "OAuth2-Cognito-Edge" or another auth type.`,
    );
  }
}

export class Perimeter extends Construct {
  public readonly regionalWebAclArn: string;
  /** The distribution's `*.cloudfront.net` name; undefined without CloudFront. */
  public readonly distributionDomainName?: string;
  public readonly distributionId?: string;
  public readonly cloudfrontWebAclArn?: string;
  /** Versioned ARN of the Lambda@Edge verifier (OAuth2-Cognito-Edge only). */
  public readonly edgeFunctionQualifiedArn?: string;
  /** Minified size of the edge verifier bundle in bytes (OAuth2-Cognito-Edge only). */
  public readonly edgeBundleBytes?: number;
  /** Names of the Terraform variables a plan must be given (empty without CloudFront). */
  public readonly requiredVariables: readonly string[];

  constructor(scope: Construct, id: string, props: PerimeterProps) {
    super(scope, id);
    const { spec } = props;
    const base = `${spec.name}-${spec.environment}`;
    const tags = spec.tags;
    const edge = spec.edge;
    checkEdgeRoutes(spec, edge?.scheme);

    if (!edge) {
      this.regionalWebAclArn = new ProtectedWebAcl(this, "regional-waf", {
        name: `${base}-regional`,
        scope: "REGIONAL",
        rateLimitPerFiveMinutes: spec.waf.rateLimitPerFiveMinutes,
        rateAggregateKey: "IP",
        logRetentionDays: spec.waf.logRetentionDays,
        associateWith: props.stageArn,
        tags,
      }).webAclArn;
      this.requiredVariables = [];
      return;
    }

    if (edge.scheme === "None" && !warnedNone) {
      warnedNone = true;
      console.warn(
        `WARNING: spec "${spec.name}" (${spec.environment}) uses edge scheme "None": CloudFront authenticates nobody; ` +
          `only the routes' own gateway authorization and WAF stand in front of the API.`,
      );
    }

    const secret = this.secretVariable(PERIMETER_VARIABLES.originVerifySecret, "current");
    const secretNext = this.secretVariable(PERIMETER_VARIABLES.originVerifySecretNext, "next");
    const certificate = new TerraformVariable(this, PERIMETER_VARIABLES.edgeCertificateArn, {
      type: "string",
      description: "ACM certificate ARN in us-east-1 for the CloudFront aliases (enforces TLSv1.2_2021 for viewers)",
      validation: [
        {
          condition: `\${can(regex("^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/", var.${PERIMETER_VARIABLES.edgeCertificateArn}))}`,
          errorMessage: "edge_certificate_arn must be an ACM certificate ARN in us-east-1.",
        },
      ],
    });
    certificate.overrideLogicalId(PERIMETER_VARIABLES.edgeCertificateArn);
    const domainNames = new TerraformVariable(this, PERIMETER_VARIABLES.edgeDomainNames, {
      type: "list(string)",
      description: "Alternate domain names of the CloudFront distribution",
      validation: [{ condition: `\${length(var.${PERIMETER_VARIABLES.edgeDomainNames}) > 0}`, errorMessage: "edge_domain_names needs at least one name." }],
    });
    domainNames.overrideLogicalId(PERIMETER_VARIABLES.edgeDomainNames);
    this.requiredVariables = Object.values(PERIMETER_VARIABLES);

    // Behind CloudFront: default BLOCK, allow only CloudFront's secret header (either of the two values).
    this.regionalWebAclArn = new ProtectedWebAcl(this, "regional-waf", {
      name: `${base}-regional`,
      scope: "REGIONAL",
      rateLimitPerFiveMinutes: spec.waf.rateLimitPerFiveMinutes,
      // The source IP here is a CloudFront server's; the viewer's per-IP limit is enforced by the CLOUDFRONT ACL.
      rateAggregateKey: "FORWARDED_IP",
      originVerifyValues: [secret.stringValue, secretNext.stringValue],
      logRetentionDays: spec.waf.logRetentionDays,
      associateWith: props.stageArn,
      tags,
    }).webAclArn;

    const usEast1 = new AwsProvider(this, "us-east-1", { ...props.providerDefaults, alias: "us_east_1", region: "us-east-1" });
    const cloudfrontAcl = new ProtectedWebAcl(this, "cloudfront-waf", {
      name: `${base}-cloudfront`,
      scope: "CLOUDFRONT",
      rateLimitPerFiveMinutes: edge.rateLimitPerFiveMinutes,
      rateAggregateKey: "IP",
      logRetentionDays: spec.waf.logRetentionDays,
      provider: usEast1,
      tags,
    });

    const verifier =
      edge.scheme === "OAuth2-Cognito-Edge"
        ? new EdgeVerifier(this, "edge-verifier", { spec, userPoolId: props.userPoolId, clientIds: props.clientIds, provider: usEast1, tags })
        : undefined;

    const distribution = new ApiDistribution(this, "cloudfront", {
      name: base,
      originDomainName: `${props.restApiId}.execute-api.${props.region}.amazonaws.com`,
      originPath: `/${props.stageName}`,
      originVerifyValue: secret.stringValue,
      webAclArn: cloudfrontAcl.webAclArn,
      acmCertificateArn: certificate.stringValue,
      aliases: domainNames.listValue,
      viewerRequestLambdaArn: verifier?.qualifiedArn,
      priceClass: edge.priceClass,
      logRetentionDays: spec.waf.logRetentionDays,
      tags,
    });

    this.distributionDomainName = distribution.domainName;
    this.distributionId = distribution.distributionId;
    this.cloudfrontWebAclArn = cloudfrontAcl.webAclArn;
    this.edgeFunctionQualifiedArn = verifier?.qualifiedArn;
    this.edgeBundleBytes = verifier?.bundleBytes;
  }

  private secretVariable(name: string, which: "current" | "next"): TerraformVariable {
    const v = new TerraformVariable(this, name, {
      type: "string",
      sensitive: true,
      description: `${which === "current" ? "Current" : "Next"} value of the X-Origin-Verify header CloudFront adds and the regional WAF requires (32-200 characters)`,
      validation: [
        {
          condition: `\${length(var.${name}) >= 32 && length(var.${name}) <= 200}`,
          errorMessage: `${name} must be 32 to 200 characters long.`,
        },
      ],
    });
    v.overrideLogicalId(name);
    return v;
  }
}
