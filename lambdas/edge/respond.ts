// Turns an edge decision into what CloudFront expects back from a viewer-request function: the request to
// forward (without any viewer-supplied X-Origin-Verify) or a generated 4xx response.
import type { CloudFrontHeaders, CloudFrontRequest, CloudFrontResultResponse } from "aws-lambda";
import type { EdgeDecision } from "./decide";

/** Lower-case, as CloudFront keys headers. Must match constructs/waf/rules.ts ORIGIN_VERIFY_HEADER. */
const ORIGIN_VERIFY_HEADER_KEY = "x-origin-verify";

/**
 * Removes a viewer's `X-Origin-Verify`. CloudFront overwrites a viewer header that has the name of an origin
 * custom header, so a forged value would not reach the origin anyway; dropping it here keeps guesses out of
 * everything downstream of this function and does not depend on that CloudFront behaviour.
 */
export function withoutOriginVerify(request: CloudFrontRequest): CloudFrontRequest {
  if (!(ORIGIN_VERIFY_HEADER_KEY in request.headers)) return request;
  const headers: CloudFrontHeaders = {};
  for (const [name, values] of Object.entries(request.headers)) {
    if (name.toLowerCase() !== ORIGIN_VERIFY_HEADER_KEY) headers[name] = values;
  }
  return { ...request, headers };
}

const STATUS_TEXT = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden" } as const;

/** Quoted-string content for a WWW-Authenticate parameter: no quotes, backslashes or control characters. */
function quoted(s: string): string {
  return `"${s.replace(/["\\\x00-\x1f\x7f]/g, "")}"`;
}

export function rejection(decision: Extract<EdgeDecision, { kind: "reject" }>, realm: string): CloudFrontResultResponse {
  const params = [`realm=${quoted(realm)}`];
  if (decision.error) params.push(`error=${quoted(decision.error)}`, `error_description=${quoted(decision.description)}`);
  if (decision.scopes) params.push(`scope=${quoted(decision.scopes.join(" "))}`);
  const headers: CloudFrontHeaders = {
    "content-type": [{ key: "Content-Type", value: "application/json" }],
    // A rejection is about this caller's credentials: never cached by CloudFront or anyone else.
    "cache-control": [{ key: "Cache-Control", value: "no-store" }],
  };
  // RFC 6750: 401 and 403 carry the challenge; a 400 for a malformed path is not about credentials.
  if (decision.status !== 400) headers["www-authenticate"] = [{ key: "WWW-Authenticate", value: `Bearer ${params.join(", ")}` }];
  return {
    status: String(decision.status),
    statusDescription: STATUS_TEXT[decision.status],
    headers,
    body: JSON.stringify({ message: STATUS_TEXT[decision.status], error: decision.error ?? "unauthorized", description: decision.description }),
  };
}
