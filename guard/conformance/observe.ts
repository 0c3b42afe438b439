// What an HTTP answer says about a caller: refused (401/403; a failing authorizer's 500), got through (anything
// else: the backend answered, whatever it said), or unknown (no answer, or throttled before anyone judged it).
import type { Observation } from "./types";

/** API Gateway's error types for an authorizer that failed: the gateway refused the call (fails closed). */
const AUTHORIZER_FAILURES = new Set(["AuthorizerConfigurationException", "AuthorizerFailureException"]);

/** Header values as node gives them (lower-case names). */
export type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

const first = (v: string | readonly string[] | undefined): string | undefined => (typeof v === "string" ? v : v?.[0]);

export function observe(status: number, headers: Headers): Observation {
  // Gateway responses carry `x-amzn-ErrorType`; the edge verifier's refusals carry a WWW-Authenticate challenge.
  const errorType = first(headers["x-amzn-errortype"])?.split(":")[0];
  const typed = errorType !== undefined ? { errorType } : {};
  if (status === 401 || status === 403) {
    if (errorType !== undefined) return { outcome: "denied", status, errorType, refusedBy: "gateway", note: `${status} ${errorType}` };
    if (first(headers["www-authenticate"]) !== undefined) return { outcome: "denied", status, refusedBy: "edge", note: `${status} from the edge verifier` };
    return { outcome: "denied", status, refusedBy: "backend", note: `${status} without a gateway error type: the backend's own refusal` };
  }
  if (status === 429) return { outcome: "inconclusive", status, ...typed, note: "429: throttled, so nobody judged the credentials" };
  if (status >= 500 && errorType !== undefined && AUTHORIZER_FAILURES.has(errorType)) {
    return { outcome: "denied", status, errorType, refusedBy: "gateway", note: `${status} ${errorType}` };
  }
  return { outcome: "reached", status, ...typed, note: `${status}${errorType !== undefined ? ` ${errorType}` : ""}` };
}

/** No answer at all (timeout, refused connection, TLS failure). */
export const noAnswer = (why: string): Observation => ({ outcome: "inconclusive", note: why });
