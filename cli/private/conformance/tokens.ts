// The Cognito tokens a conformance run presents: client_credentials tokens from the pool's token endpoint, the
// user's own tokens read (not verified: they are the caller's) for what they carry, and the crafted expired token.
import { randomBytes } from "node:crypto";
import type { TokenFacts } from "../../../guard/conformance/types";
import { send } from "./http";

export type Obtained<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly why: string };

const ok = <T>(value: T): Obtained<T> => ({ ok: true, value });
const no = <T>(why: string): Obtained<T> => ({ ok: false, why });

/** `POST <token endpoint>` with the client's id and secret (HTTP Basic), grant_type=client_credentials. */
export async function clientCredentialsToken(
  tokenUrl: URL,
  clientId: string,
  secret: string,
  scopes: readonly string[],
  timeoutMs: number,
): Promise<Obtained<string>> {
  const body = new URLSearchParams({ grant_type: "client_credentials", scope: scopes.join(" ") }).toString();
  const answer = await send(
    {
      method: "POST",
      url: tokenUrl,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
        "content-length": String(Buffer.byteLength(body)),
      },
      body,
    },
    timeoutMs,
  );
  if (answer.kind === "no-answer") return no(`the token endpoint ${tokenUrl.origin}${tokenUrl.pathname}: ${answer.why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    parsed = undefined;
  }
  const token = typeof parsed === "object" && parsed !== null ? (parsed as { access_token?: unknown }).access_token : undefined;
  if (answer.status !== 200 || typeof token !== "string") {
    const error = typeof parsed === "object" && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
    return no(`the token endpoint answered ${answer.status}${typeof error === "string" ? ` ${error}` : ""} for scopes "${scopes.join(" ")}"`);
  }
  return ok(token);
}

/** A JWT's payload and header, decoded without verification; undefined when it is no JWT. */
export function decodeJwt(token: string): { readonly header: Record<string, unknown>; readonly payload: Record<string, unknown> } | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as unknown;
    if (typeof header !== "object" || header === null || typeof payload !== "object" || payload === null) return undefined;
    return { header: header as Record<string, unknown>, payload: payload as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

/**
 * What a token of the pool carries: token_use, scopes, groups, and its client's spec name (`clientNames`: app client
 * id -> name). Refuses a token that is no JWT, has no token_use, or has expired (it would only prove expiry again).
 */
export function tokenFacts(token: string, clientNames: ReadonlyMap<string, string>, nowSeconds: number): Obtained<TokenFacts> {
  const jwt = decodeJwt(token);
  if (jwt === undefined) return no("it is not a JWT");
  const p = jwt.payload;
  if (p.token_use !== "access" && p.token_use !== "id") return no(`its token_use is ${JSON.stringify(p.token_use)}, not access or id`);
  if (typeof p.exp !== "number" || p.exp <= nowSeconds)
    return no(`it expired${typeof p.exp === "number" ? ` at ${new Date(p.exp * 1000).toISOString()}` : " (no exp)"}`);
  const clientId = p.token_use === "id" ? p.aud : p.client_id;
  const groups = Array.isArray(p["cognito:groups"]) ? p["cognito:groups"].filter((g): g is string => typeof g === "string") : [];
  const scopes = typeof p.scope === "string" ? p.scope.split(" ").filter((s) => s !== "") : [];
  return ok({ tokenUse: p.token_use, scopes, groups, clientName: typeof clientId === "string" ? clientNames.get(clientId) : undefined });
}

export interface ExpiredTokenShape {
  /** Issuer and key id of a real token of the pool, when the run holds one: the forgery then names a real key. */
  readonly iss: string;
  readonly kid: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
}

/**
 * A well-formed RS256 JWT whose exp is an hour past and whose signature is random bytes: nothing the pool signed.
 * A gateway that admits it decodes tokens without verifying them; one that refuses it may refuse on the signature
 * before it reads exp, so this proves verification, not the expiry check as such.
 */
export function craftExpiredToken(shape: ExpiredTokenShape, nowSeconds: number): string {
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString("base64url");
  const header = { alg: "RS256", kid: shape.kid, typ: "JWT" };
  const payload = {
    sub: shape.clientId,
    iss: shape.iss,
    client_id: shape.clientId,
    token_use: "access",
    scope: shape.scopes.join(" "),
    iat: nowSeconds - 7200,
    auth_time: nowSeconds - 7200,
    exp: nowSeconds - 3600,
    jti: randomBytes(8).toString("hex"),
  };
  return `${b64(header)}.${b64(payload)}.${randomBytes(256).toString("base64url")}`;
}
