// Sample route guarded inside the Lambda (seed 003): the Cognito authorizer authenticates, this handler
// checks `cognito:groups` itself and answers 403 unless the caller is in `admins`.
import { authorizerClaims, listClaim, stringClaim } from "../shared/claims";
import { json, type ProxyResult } from "../shared/http";

export const REQUIRED_GROUP = "admins";

export async function handler(event: unknown): Promise<ProxyResult> {
  const claims = authorizerClaims(event);
  const groups = claims ? listClaim(claims["cognito:groups"]) : null;
  if (claims === null || groups === null || !groups.includes(REQUIRED_GROUP)) {
    return json(403, { error: `requires group ${REQUIRED_GROUP}` });
  }
  return json(200, {
    message: "welcome, administrator",
    username: stringClaim(claims, "cognito:username") ?? stringClaim(claims, "username"),
    sub: stringClaim(claims, "sub"),
  });
}
