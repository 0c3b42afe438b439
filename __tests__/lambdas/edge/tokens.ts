// Test keys and tokens for the edge verifier, made in the test: RSA keys exported as JWK, tokens signed with
// node:crypto, the JWKS preloaded with cacheJwks. Nothing here touches the network.
import type { KeyObject } from "node:crypto";
import { generateKey, jwtHs256, jwtRs256, jwtUnsigned } from "../../helpers/jwt";
import type { EdgeRuntimeConfig } from "../../../lambdas/edge/config";
import type { EdgeBakedConfig } from "../../../kernel/contracts/edge-config";
import type { EdgeRequest } from "../../../lambdas/edge/decide";
import { poolKeys } from "../../../lambdas/edge/keys";

const REGION = "eu-west-1";
export const USER_POOL_ID = "eu-west-1_TestPool1";
export const ISSUER = `https://cognito-idp.${REGION}.amazonaws.com/${USER_POOL_ID}`;
export const CLIENTS = { web: "webclientid0000000000000001", "partner-sync": "partnerclientid00000000002", other: "otherclientid0000000000003" };

export interface TestKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly jwk: Record<string, unknown>;
}

export function makeKey(kid: string): TestKey {
  const { privateKey, jwk } = generateKey(kid);
  return { kid, privateKey, jwk };
}

export function sign(key: TestKey, payload: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  return jwtRs256({ alg: "RS256", kid: key.kid, typ: "JWT", ...header }, payload, key.privateKey);
}

/** The classic key-confusion forgery: HS256 keyed with the public key's bytes. */
export function signHs256WithPublicKey(key: TestKey, payload: Record<string, unknown>): string {
  return jwtHs256({ alg: "HS256", kid: key.kid, typ: "JWT" }, payload, JSON.stringify(key.jwk));
}

export function unsigned(payload: Record<string, unknown>): string {
  return jwtUnsigned({ alg: "none", typ: "JWT" }, payload);
}

export const now = (): number => Math.floor(Date.now() / 1000);

export function accessClaims(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: "user-1",
    iss: ISSUER,
    client_id: CLIENTS.web,
    token_use: "access",
    scope: "petstore/read",
    auth_time: now() - 10,
    iat: now() - 10,
    exp: now() + 3600,
    jti: "jti-1",
    ...over,
  };
}

export function idClaims(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { sub: "user-1", iss: ISSUER, aud: CLIENTS.web, token_use: "id", iat: now() - 10, exp: now() + 3600, auth_time: now() - 10, ...over };
}

/** Verifier over the test pool with `keys` preloaded as its JWKS. */
export function testVerify(keys: readonly TestKey[]) {
  const { verifier, verify } = poolKeys(USER_POOL_ID);
  verifier.cacheJwks({ keys: keys.map((k) => k.jwk) } as unknown as Parameters<typeof verifier.cacheJwks>[0]);
  return verify;
}

export const BAKED: EdgeBakedConfig = {
  parameterName: "/petstore/test/edge-verifier/config",
  parameterRegion: "us-east-1",
  realm: "petstore-test",
  clients: ["web", "partner-sync"],
  routes: [
    { method: "GET", path: "/health", mode: "gateway", scopes: [], clients: null },
    { method: "GET", path: "/pets", mode: "edge", scopes: [], clients: null },
    { method: "POST", path: "/pets", mode: "edge", scopes: ["petstore/write"], clients: ["web"] },
    { method: "GET", path: "/pets/{petId}", mode: "edge", scopes: [], clients: null },
    { method: "GET", path: "/pets/mine", mode: "gateway", scopes: [], clients: null },
    { method: "GET", path: "/profile", mode: "gateway", scopes: [], clients: null },
    { method: "ANY", path: "/files/{proxy+}", mode: "edge", scopes: ["petstore/files"], clients: null },
  ],
  prefixes: [
    { prefix: "/pets", scopes: ["petstore/read"] },
    { prefix: "/pets/admin", scopes: ["petstore/admin"] },
  ],
};

export const RUNTIME: EdgeRuntimeConfig = { userPoolId: USER_POOL_ID, clientIds: CLIENTS };

export function request(
  method: string,
  uri: string,
  headers: Record<string, string | string[]> = {},
): EdgeRequest & {
  headers: Record<string, { key: string; value: string }[]>;
  clientIp: string;
  querystring: string;
} {
  const out: Record<string, { key: string; value: string }[]> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = (Array.isArray(v) ? v : [v]).map((value) => ({ key: k, value }));
  return { method, uri, headers: out, clientIp: "203.0.113.7", querystring: "" };
}

export const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });
