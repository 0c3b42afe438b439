// The SDK clients of one region, with the SDK's standard configuration (environment, shared profiles, SSO,
// AWS_ENDPOINT_URL and the service-specific AWS_ENDPOINT_URL_<SERVICE> variables) and its adaptive retry, which
// backs off on throttling and paces the client to the rate the service allows.
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { STSClient } from "@aws-sdk/client-sts";

export interface RegionClients {
  readonly apigateway: APIGatewayClient;
  readonly apigatewayv2: ApiGatewayV2Client;
  readonly cognito: CognitoIdentityProviderClient;
  readonly lambda: LambdaClient;
  readonly sts: STSClient;
}

export type ClientFactory = (region: string) => RegionClients;

/** Attempts per call, the first included: throttling on the management API is common in large accounts. */
const MAX_ATTEMPTS = 8;

export const sdkClients: ClientFactory = (region) => {
  const config = { region, retryMode: "adaptive", maxAttempts: MAX_ATTEMPTS } as const;
  return {
    apigateway: new APIGatewayClient(config),
    apigatewayv2: new ApiGatewayV2Client(config),
    cognito: new CognitoIdentityProviderClient(config),
    lambda: new LambdaClient(config),
    sts: new STSClient(config),
  };
};

export function destroyClients(c: RegionClients): void {
  for (const client of [c.apigateway, c.apigatewayv2, c.cognito, c.lambda, c.sts]) client.destroy();
}
