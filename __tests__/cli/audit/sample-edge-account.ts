// petstore-prod's distribution as terraform deploys it, served by the fake account (fake-account.ts): what the
// sample's code says (the edge verifier's published version on viewer-request, the CLOUDFRONT web ACL, the per-caller
// cache policy, the origin-verify header on the API origin), in the values the account holds. The CloudFront drift
// suites compare the sample's synth and its real plan with it.
import type { CacheBehavior, CachePolicy, DistributionSummary } from "@aws-sdk/client-cloudfront";
import { readAccount } from "../../../cli/private/audit/read";
import { deployedModel } from "../../../cli/private/audit/state";
import type { Model } from "../../../guard/model";
import { ACCOUNT, edgeAccount, installAccount, REGION, type FakeAccount } from "./fake-account";

export const STACK = "petstore-prod";
export const EDGE_NAME = "petstore-prod-edge-verifier";
export const edgeArn = (version: number, name = EDGE_NAME) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}:${version}`;
export const ACL_ARN = (name: string) => `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/${name}/4444`;
/** The code hash of a version published by hand (other code than the reviewed package). */
export const OTHER_CODE_HASH = "YWxsb3ctYWxsIGNvZGUgcHVibGlzaGVkIGJ5IGhhbmQ=";

const CACHE_POLICY: CachePolicy = {
  Id: "cp-per-caller",
  LastModifiedTime: new Date("2026-12-01T00:00:00Z"),
  CachePolicyConfig: {
    Name: "petstore-prod-per-caller",
    MinTTL: 0,
    ParametersInCacheKeyAndForwardedToOrigin: {
      EnableAcceptEncodingGzip: true,
      HeadersConfig: { HeaderBehavior: "whitelist", Headers: { Quantity: 3, Items: ["Authorization", "X-Api-Key", "Origin"] } },
      CookiesConfig: { CookieBehavior: "all" },
      QueryStringsConfig: { QueryStringBehavior: "all" },
    },
  },
};

export const behavior = (over: Partial<CacheBehavior> = {}): CacheBehavior => ({
  PathPattern: "*",
  TargetOriginId: "api-gateway",
  OriginRequestPolicyId: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
  ViewerProtocolPolicy: "https-only",
  AllowedMethods: { Quantity: 7, Items: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"] },
  CachePolicyId: "cp-per-caller",
  LambdaFunctionAssociations: { Quantity: 1, Items: [{ EventType: "viewer-request", LambdaFunctionARN: edgeArn(7), IncludeBody: false }] },
  ...over,
});

/** petstore-prod's distribution as terraform deployed it: what the code says, in the values the account holds. */
function deployed(): DistributionSummary {
  const { PathPattern: _p, ...def } = behavior();
  return {
    Id: "E7PETPROD",
    ARN: `arn:aws:cloudfront::${ACCOUNT}:distribution/E7PETPROD`,
    Status: "Deployed",
    LastModifiedTime: new Date("2026-12-01T00:00:00Z"),
    DomainName: "d777.cloudfront.net",
    Aliases: { Quantity: 0, Items: [] },
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: "api-gateway",
          DomainName: `api1.execute-api.${REGION}.amazonaws.com`,
          OriginPath: "/v1",
          CustomHeaders: { Quantity: 1, Items: [{ HeaderName: "X-Origin-Verify", HeaderValue: "PLANTED-ORIGIN-SECRET-c0de" }] },
          CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: "https-only", OriginSslProtocols: { Quantity: 1, Items: ["TLSv1.2"] } },
        },
      ],
    },
    DefaultCacheBehavior: def as CacheBehavior,
    CacheBehaviors: { Quantity: 0, Items: [] },
    CustomErrorResponses: { Quantity: 0 },
    Comment: "petstore-prod API",
    PriceClass: "PriceClass_100",
    Enabled: true,
    ViewerCertificate: {
      ACMCertificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/9`,
      SSLSupportMethod: "sni-only",
      MinimumProtocolVersion: "TLSv1.2_2021",
    },
    Restrictions: { GeoRestriction: { RestrictionType: "none", Quantity: 0 } },
    WebACLId: ACL_ARN("petstore-prod-cloudfront"),
    HttpVersion: "http2and3",
    IsIPV6Enabled: true,
    Staging: false,
  };
}

/** The account: the fake's REST API named petstore-prod, behind the distribution above. */
export function sampleEdgeAccount(sourceCodeHash: string, edit: (d: DistributionSummary, a: FakeAccount) => void = () => undefined): FakeAccount {
  const a: FakeAccount = {
    ...edgeAccount(),
    apiName: STACK,
    cachePolicies: [CACHE_POLICY],
    edgeFunctions: [7, 8].map((v) => ({
      FunctionName: EDGE_NAME,
      FunctionArn: edgeArn(v),
      Version: String(v),
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      Role: `arn:aws:iam::${ACCOUNT}:role/petstore-prod-edge`,
      // Version 8 was published from the console with other code.
      CodeSha256: v === 7 ? sourceCodeHash : OTHER_CODE_HASH,
    })),
  };
  const d = deployed();
  a.distributions = [d];
  edit(d, a);
  return a;
}

/** The live Model the audit builds from `account`, read through the real reader and adapter. */
export async function liveModel(account: FakeAccount): Promise<Model> {
  const mocks = installAccount(account);
  try {
    return deployedModel(await readAccount({ regions: [REGION] })).model;
  } finally {
    mocks.restore();
  }
}
