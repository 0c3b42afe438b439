// JWT primitives for tests, shared by the API authorizer's and the edge verifier's suites: RSA keys generated
// in the test and exported as JWK, tokens signed with node:crypto, no network (as aws-jwt-verify's own tests).
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from "node:crypto";

export interface GeneratedKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The public key as a JWKS entry: `kid`, `alg: RS256`, `use: sig`. */
  readonly jwk: Record<string, unknown>;
}

export function generateKey(kid: string): GeneratedKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKey, publicKey, jwk: { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" } };
}

const b64url = (v: unknown): string => Buffer.from(typeof v === "string" || Buffer.isBuffer(v) ? v : JSON.stringify(v)).toString("base64url");

export function jwtRs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${createSign("RSA-SHA256").update(input).sign(key).toString("base64url")}`;
}

export function jwtHs256(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string | Buffer): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}

export const jwtUnsigned = (header: Record<string, unknown>, payload: Record<string, unknown>): string => `${b64url(header)}.${b64url(payload)}.`;
