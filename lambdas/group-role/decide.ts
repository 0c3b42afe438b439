// Which role the caller may assume, and the exact STS AssumeRole input: pure, so every refusal is testable
// without STS. The preferred role must be one of the caller's own roles and on the spec's allowlist.
import { listClaim, stringClaim } from "../shared/claims";

export interface GroupRoleConfig {
  /** Group role ARNs from the access spec; nothing else is ever assumed. */
  readonly allowedRoleArns: readonly string[];
  /** 900–3600 (role chaining caps sessions at one hour). */
  readonly sessionDurationSeconds: number;
}

interface AssumeRoleInput {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly SourceIdentity: string;
  readonly DurationSeconds: number;
}

export type GroupRoleDecision = { readonly ok: true; readonly input: AssumeRoleInput } | { readonly ok: false; readonly status: 403; readonly error: string };

const STS_NAME = /^[\w+=,.@-]{2,64}$/;

/** A valid `RoleSessionName` from the username (`[\w+=,.@-]`, 2–64 chars); falls back to the sub. */
export function sessionName(username: string | null, sub: string): string {
  const cleaned = (username ?? "").replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
  if (cleaned.length >= 2) return cleaned;
  return `u-${sub.replace(/[^\w+=,.@-]/g, "-")}`.slice(0, 64);
}

export function decideGroupRole(claims: Record<string, unknown> | null, config: GroupRoleConfig): GroupRoleDecision {
  const refuse = (error: string): GroupRoleDecision => ({ ok: false, status: 403, error });
  if (claims === null) return refuse("no authorizer claims");
  // cognito:preferred_role exists only in ID tokens; anything else is a misrouted or forged request.
  if (stringClaim(claims, "token_use") !== "id") return refuse("an ID token is required");
  const sub = stringClaim(claims, "sub");
  if (sub === null || !STS_NAME.test(sub) || sub.startsWith("aws:")) return refuse("token has no usable sub");
  const preferred = stringClaim(claims, "cognito:preferred_role");
  if (preferred === null) return refuse("no preferred role (no group role, or a precedence tie)");
  const roles = listClaim(claims["cognito:roles"]);
  if (roles === null || !roles.includes(preferred)) return refuse("preferred role is not among the token's roles");
  if (!config.allowedRoleArns.includes(preferred)) return refuse("role not allowed");
  return {
    ok: true,
    input: {
      RoleArn: preferred,
      RoleSessionName: sessionName(stringClaim(claims, "cognito:username"), sub),
      SourceIdentity: sub,
      DurationSeconds: config.sessionDurationSeconds,
    },
  };
}

/** Environment: ALLOWED_ROLE_ARNS (JSON array of role ARNs), SESSION_DURATION_SECONDS (900–3600, default 3600). */
export function parseGroupRoleConfig(env: Readonly<Record<string, string | undefined>>): GroupRoleConfig {
  let arns: unknown;
  try {
    arns = JSON.parse(env.ALLOWED_ROLE_ARNS ?? "");
  } catch {
    throw new Error("ALLOWED_ROLE_ARNS: not valid JSON");
  }
  if (!Array.isArray(arns) || !arns.every((a): a is string => typeof a === "string" && /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(a))) {
    throw new Error(`ALLOWED_ROLE_ARNS: expected a JSON array of role ARNs, got ${JSON.stringify(env.ALLOWED_ROLE_ARNS)}`);
  }
  const duration = env.SESSION_DURATION_SECONDS === undefined ? 3600 : Number(env.SESSION_DURATION_SECONDS);
  if (!Number.isInteger(duration) || duration < 900 || duration > 3600) {
    throw new Error(`SESSION_DURATION_SECONDS: expected an integer 900-3600, got ${JSON.stringify(env.SESSION_DURATION_SECONDS)}`);
  }
  return { allowedRoleArns: arns, sessionDurationSeconds: duration };
}
