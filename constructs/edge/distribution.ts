// CloudFront in front of one REST API stage: HTTPS only on both legs (TLS 1.2+), the secret origin header,
// a cache key that separates callers by their credentials, standard access logs to a private S3 bucket, and
// optionally the Lambda@Edge verifier on viewer-request.
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { policyDocument } from "../private/iam";
import { ORIGIN_VERIFY_HEADER } from "../waf/rules";

/** AWS managed origin request policy "AllViewerExceptHostHeader": API Gateway needs its own Host header. */
const ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

/**
 * Headers in the cache key (and so forwarded). Whatever the scheme, some route may authenticate with a token
 * or a key (per-route overrides), so both credentials are always in the key: a response cached for one caller
 * can never be served to a caller with other (or no) credentials. `Origin` because CORS answers differ by it.
 */
const CACHE_KEY_HEADERS = ["Authorization", "X-Api-Key", "Origin"] as const;

export interface ApiDistributionProps {
  /** Prefix of the cache policy and log bucket names, e.g. `petstore-prod`. */
  readonly name: string;
  /** `<api-id>.execute-api.<region>.amazonaws.com` */
  readonly originDomainName: string;
  /** `/<stage>` */
  readonly originPath: string;
  /** Value CloudFront sends in `X-Origin-Verify` (the current secret). */
  readonly originVerifyValue: string;
  /** CLOUDFRONT-scope web ACL ARN. */
  readonly webAclArn: string;
  /** ACM certificate in us-east-1 covering `aliases`: the default *.cloudfront.net certificate cannot enforce TLS 1.2. */
  readonly acmCertificateArn: string;
  readonly aliases: string[];
  /** Qualified (versioned) ARN of the viewer-request verifier. @default - no edge function */
  readonly viewerRequestLambdaArn?: string;
  /** @default "PriceClass_100" */
  readonly priceClass?: string;
  readonly logRetentionDays: number;
  readonly provider?: TerraformProvider;
  readonly tags?: Readonly<Record<string, string>>;
}

export class ApiDistribution extends Construct {
  public readonly distributionId: string;
  public readonly distributionArn: string;
  public readonly domainName: string;
  public readonly logBucketName: string;
  /** Escape hatch. */
  public readonly distribution: CloudfrontDistribution;

  constructor(scope: Construct, id: string, props: ApiDistributionProps) {
    super(scope, id);
    const provider = props.provider;
    const tags = props.tags ? { ...props.tags } : undefined;

    const cachePolicy = new CloudfrontCachePolicy(this, "cache-policy", {
      provider,
      name: `${props.name}-per-caller`,
      comment: "Credentials in the cache key; cached only when the origin sends Cache-Control",
      // default 0: nothing is cached unless the API opts in; max >= 1 is required to put headers in the key.
      minTtl: 0,
      defaultTtl: 0,
      maxTtl: 300,
      parametersInCacheKeyAndForwardedToOrigin: {
        headersConfig: { headerBehavior: "whitelist", headers: { items: [...CACHE_KEY_HEADERS] } },
        queryStringsConfig: { queryStringBehavior: "all" },
        cookiesConfig: { cookieBehavior: "all" },
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      },
    });

    // Standard logging writes with the awslogsdelivery account's ACL grant, so ACLs must stay enabled
    // (BucketOwnerPreferred); everything else about the bucket is private.
    const bucket = new S3Bucket(this, "logs", { provider, bucketPrefix: `${props.name.slice(0, 28)}-cf-logs-`, forceDestroy: false, tags });
    const ownership = new S3BucketOwnershipControls(this, "logs-ownership", {
      provider,
      bucket: bucket.id,
      rule: { objectOwnership: "BucketOwnerPreferred" },
    });
    new S3BucketPublicAccessBlock(this, "logs-public-access", {
      provider,
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "logs-encryption", {
      provider,
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    new S3BucketLifecycleConfiguration(this, "logs-lifecycle", {
      provider,
      bucket: bucket.id,
      rule: [{ id: "expire-access-logs", status: "Enabled", filter: [{ prefix: "" }], expiration: [{ days: props.logRetentionDays }] }],
    });
    new S3BucketPolicy(this, "logs-tls-only", {
      provider,
      bucket: bucket.id,
      policy: policyDocument([
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          actions: ["s3:*"],
          principals: { AWS: ["*"] },
          resources: [bucket.arn, `${bucket.arn}/*`],
          conditions: { Bool: { "aws:SecureTransport": "false" } },
        },
      ]),
    });

    const originId = "api-gateway";
    this.distribution = new CloudfrontDistribution(this, "distribution", {
      provider,
      enabled: true,
      comment: `${props.name} API`,
      aliases: props.aliases,
      priceClass: props.priceClass ?? "PriceClass_100",
      httpVersion: "http2and3",
      webAclId: props.webAclArn,
      origin: [
        {
          originId,
          domainName: props.originDomainName,
          originPath: props.originPath,
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: "https-only",
            originSslProtocols: ["TLSv1.2"],
          },
          customHeader: [{ name: ORIGIN_VERIFY_HEADER, value: props.originVerifyValue }],
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: originId,
        // https-only rather than redirect-to-https: a redirect comes after the token already crossed in clear.
        viewerProtocolPolicy: "https-only",
        allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
        cachedMethods: ["GET", "HEAD"],
        compress: true,
        cachePolicyId: cachePolicy.id,
        originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
        lambdaFunctionAssociation: props.viewerRequestLambdaArn
          ? [{ eventType: "viewer-request", lambdaArn: props.viewerRequestLambdaArn, includeBody: false }]
          : undefined,
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: {
        acmCertificateArn: props.acmCertificateArn,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      },
      loggingConfig: { bucket: bucket.bucketDomainName, includeCookies: false, prefix: `${props.name}/` },
      tags,
      dependsOn: [ownership],
    });

    this.distributionId = this.distribution.id;
    this.distributionArn = this.distribution.arn;
    this.domainName = this.distribution.domainName;
    this.logBucketName = bucket.bucket;
  }
}
