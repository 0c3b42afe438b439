// AWS limits the validator enforces, in one place with their source, so a limit change is one edit.

/** Cognito token validity (minutes). ID/access: 5 min – 1 day; refresh: 60 min – 10 years (3650 days). */
export const TOKEN_LIMITS = {
  idTokenMinutes: { min: 5, max: 24 * 60 },
  accessTokenMinutes: { min: 5, max: 24 * 60 },
  refreshTokenMinutes: { min: 60, max: 3650 * 24 * 60 },
} as const;

/** API Gateway throttles: account default is 10,000 rps / 5,000 burst; we refuse anything above. */
export const THROTTLE_LIMITS = { maxRate: 10000, maxBurst: 5000 } as const;

/** Lambda authorizer result cache: 0 disables, 3600 is API Gateway's maximum. */
export const AUTHORIZER_TTL = { min: 0, max: 3600 } as const;

/** Quota offset: the day the period starts (WEEK: 0 = Sunday; MONTH: day of month - 1; DAY: only 0). */
export const QUOTA_OFFSET_MAX = { DAY: 0, WEEK: 6, MONTH: 27 } as const;

/** CloudWatch Logs PutRetentionPolicy accepts only these; 0 ("never expire") is refused on purpose. */
export const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Cognito password policy minimum length. */
export const PASSWORD_LENGTH = { min: 6, max: 99 } as const;

/** Cognito temporary password validity (days). */
export const TEMP_PASSWORD_DAYS = { min: 0, max: 365 } as const;

/** WAF rate-based rule limit per 5 minutes. */
export const WAF_RATE_LIMIT = { min: 10, max: 2_000_000_000 } as const;

/** Standard OIDC / Cognito scopes a user (not machine) client may request besides resource-server scopes. */
export const STANDARD_USER_SCOPES: readonly string[] = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"];

export const NAME_PATTERNS = {
  /** Prefix of every resource name: short, lowercase, DNS- and IAM-safe. */
  specName: /^[a-z](?:[a-z0-9-]{0,30}[a-z0-9])?$/,
  environment: /^[a-z](?:[a-z0-9-]{0,14}[a-z0-9])?$/,
  region: /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/,
  stageName: /^[A-Za-z0-9_]{1,128}$/,
  /** Cognito hosted-domain prefix. */
  domainPrefix: /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
  /** Cognito scope name (no `/`, space, quote or backslash). */
  scopeName: /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/,
  /** Cognito resource-server identifier. */
  resourceServerId: /^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/,
  s3Bucket: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  roleArn: /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
  servicePrincipal: /^[a-z0-9.-]+\.amazonaws\.com(?:\.cn)?$/,
} as const;

/** Words Cognito refuses in a domain prefix. */
export const RESERVED_DOMAIN_WORDS: readonly string[] = ["aws", "amazon", "cognito"];
