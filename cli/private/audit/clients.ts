// The SDK clients of one region, with the SDK's standard configuration (environment, shared profiles, SSO,
// AWS_ENDPOINT_URL and the service-specific AWS_ENDPOINT_URL_<SERVICE> variables) and its adaptive retry, which
// backs off on throttling and paces the client to the rate the service allows.
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { CloudFrontClient } from "@aws-sdk/client-cloudfront";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { STSClient } from "@aws-sdk/client-sts";
import { WAFV2Client } from "@aws-sdk/client-wafv2";

/** Temporary credentials of an assumed role, as the SDK's clients take them. */
export interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration?: Date;
}

export interface RegionClients {
  readonly apigateway: APIGatewayClient;
  readonly apigatewayv2: ApiGatewayV2Client;
  readonly cognito: CognitoIdentityProviderClient;
  readonly lambda: LambdaClient;
  readonly sts: STSClient;
  readonly wafv2: WAFV2Client;
  readonly iam: IAMClient;
  /** Used in us-east-1 only (CloudFront is global; its API is served there). */
  readonly cloudfront: CloudFrontClient;
}

/**
 * The clients of one region. `credentials`: those of a role assumed into another account, so each account is read
 * with its own. @default - the SDK's default credential chain
 */
export type ClientFactory = (region: string, credentials?: RoleCredentials) => RegionClients;

/** Attempts per call, the first included: throttling on the management API is common in large accounts. */
const MAX_ATTEMPTS = 8;

export const sdkClients: ClientFactory = (region, credentials) => {
  const config = { region, retryMode: "adaptive", maxAttempts: MAX_ATTEMPTS, ...(credentials !== undefined ? { credentials } : {}) } as const;
  return {
    apigateway: new APIGatewayClient(config),
    apigatewayv2: new ApiGatewayV2Client(config),
    cognito: new CognitoIdentityProviderClient(config),
    lambda: new LambdaClient(config),
    sts: new STSClient(config),
    wafv2: new WAFV2Client(config),
    iam: new IAMClient(config),
    cloudfront: new CloudFrontClient(config),
  };
};

export function destroyClients(c: RegionClients): void {
  for (const client of [c.apigateway, c.apigatewayv2, c.cognito, c.lambda, c.sts, c.wafv2, c.iam, c.cloudfront]) client.destroy();
}
