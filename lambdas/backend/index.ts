// Sample backend: echoes the route and who called it, whichever authorizer admitted the request
// (Cognito claims, Lambda authorizer context, or the SigV4 caller's ARN).

import { json, type ProxyResult } from "../shared/http";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export async function handler(event: unknown): Promise<ProxyResult> {
  const ev = isRecord(event) ? event : {};
  const ctx = isRecord(ev.requestContext) ? ev.requestContext : {};
  const authorizer = isRecord(ctx.authorizer) ? ctx.authorizer : {};
  const claims = isRecord(authorizer.claims) ? authorizer.claims : null;
  const identity = isRecord(ctx.identity) ? ctx.identity : {};
  const principal = claims
    ? {
        type: "cognito",
        sub: str(claims.sub),
        username: str(claims["cognito:username"]) ?? str(claims.username),
        clientId: str(claims.client_id) ?? str(claims.aud),
      }
    : str(authorizer.principalId)
      ? { type: "lambda-authorizer", sub: str(authorizer.principalId), username: str(authorizer.username), clientId: str(authorizer.client_id) }
      : str(identity.userArn)
        ? { type: "iam", arn: str(identity.userArn) }
        : { type: "anonymous" };
  return json(200, {
    route: `${str(ev.httpMethod) ?? "?"} ${str(ev.resource) ?? "?"}`,
    path: str(ev.path),
    principal,
    requestId: str(ctx.requestId),
  });
}
