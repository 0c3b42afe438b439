// Test keys and tokens: RSA keys generated here, tokens signed here, no network (as aws-jwt-verify's own tests).
import type { KeyObject } from "node:crypto";
import { generateKey, jwtHs256, jwtRs256, jwtUnsigned } from "../../helpers/jwt";
import type { Jwks } from "aws-jwt-verify/jwk";
import type { RouteTable } from "../../../kernel/contracts/route-table";
import type { AuthorizerConfig } from "../../../lambdas/authorizer/config";
import { Authorizer, type AuthorizerOptions } from "../../../lambdas/authorizer/decide";
import { buildRouteTables } from "../../../access-spec/route-table";
import { petstoreDev } from "../../../access-spec/samples/petstore";

export const POOL_ID = "eu-west-1_TestPool1";
export const ISSUER = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL_ID}`;
export const CLIENT_IDS = { web: "webclient0000000000000000a", "partner-sync": "partnerclient00000000000b" } as const;
export const PREFIX = "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/";
export const KID = "test-key-1";

export const makeKeyPair = generateKey;

export const KEYS = makeKeyPair(KID);
export const JWKS = { keys: [KEYS.jwk] };

export function signRs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject = KEYS.privateKey): string {
  return jwtRs256(header, payload, key);
}

export const signHs256 = jwtHs256;
export const unsigned = jwtUnsigned;

const now = (): number => Math.floor(Date.now() / 1000);

export function accessClaims(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: "user-sub-1",
    iss: ISSUER,
    client_id: CLIENT_IDS.web,
    token_use: "access",
    scope: "petstore/read openid",
    "cognito:groups": ["staff"],
    username: "alice",
    iat: now(),
    auth_time: now(),
    exp: now() + 3600,
    jti: "j1",
    ...over,
  };
}

export function idClaims(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: "user-sub-1",
    iss: ISSUER,
    aud: CLIENT_IDS.web,
    token_use: "id",
    "cognito:groups": ["admins"],
    "cognito:username": "alice",
    iat: now(),
    auth_time: now(),
    exp: now() + 3600,
    ...over,
  };
}

/** client_credentials: no groups, no username, sub == client_id. */
export function machineClaims(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: CLIENT_IDS["partner-sync"],
    iss: ISSUER,
    client_id: CLIENT_IDS["partner-sync"],
    token_use: "access",
    scope: "petstore/read petstore/orders",
    iat: now(),
    exp: now() + 900,
    ...over,
  };
}

export const token = (claims: Record<string, unknown>, header: Record<string, unknown> = {}): string =>
  signRs256({ alg: "RS256", kid: KID, typ: "JWT", ...header }, claims);

export const TABLES = buildRouteTables(petstoreDev);

export function config(table: RouteTable = TABLES["jwt-token"], over: Partial<AuthorizerConfig> = {}): AuthorizerConfig {
  return { userPoolId: POOL_ID, clientIds: CLIENT_IDS, routeTable: table, ...over };
}

/** A refusing fetcher: tests never reach the network. */
const noNetwork = { fetch: (): Promise<ArrayBuffer> => Promise.reject(new Error("network disabled in tests")) };

export function authorizerWithKeys(table?: RouteTable, options: AuthorizerOptions = {}, over: Partial<AuthorizerConfig> = {}): Authorizer {
  const a = new Authorizer(config(table, over), { fetcher: noNetwork, ...options });
  a.verifier.cacheJwks(JWKS as unknown as Jwks);
  return a;
}

export const tokenEvent = (authorizationToken: string, verb: string, path: string): Record<string, unknown> => ({
  type: "TOKEN",
  authorizationToken,
  methodArn: `${PREFIX}${verb}${path}`,
});

export const requestEvent = (headers: Record<string, string>, verb: string, path: string): Record<string, unknown> => ({
  type: "REQUEST",
  methodArn: `${PREFIX}${verb}${path}`,
  resource: path,
  path,
  httpMethod: verb,
  headers,
  requestContext: { accountId: "123456789012", apiId: "abc123", stage: "dev", httpMethod: verb },
});
