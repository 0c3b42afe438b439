// Cognito user pools (aws_cognito_user_pool) with their security settings as Cognito applies them: Terraform's
// and Cognito's defaults are filled in here, once. Pure.
import type { PoolSettings, ResourceInstance, UserPool } from "../../../model";
import { firstBlock } from "../../json";
import { isUnset, optBool, optNum, optText, str } from "../../values";
import type { BuildContext } from "../build-context";

/** Cognito's password policy when the block or a field of it is not set. */
const COGNITO_PASSWORD_DEFAULTS = {
  minimumLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: true,
  temporaryPasswordValidityDays: 7,
} as const;

type PasswordPolicy = NonNullable<PoolSettings["passwordPolicy"]>;

/** The password_policy block as written; undefined when it is not set. */
function writtenPasswordPolicy(v: Readonly<Record<string, unknown>>): PasswordPolicy | undefined {
  const pw = firstBlock(v["password_policy"]);
  return pw === undefined
    ? undefined
    : {
        minimumLength: optNum(pw["minimum_length"]),
        requireLowercase: optBool(pw["require_lowercase"]),
        requireUppercase: optBool(pw["require_uppercase"]),
        requireNumbers: optBool(pw["require_numbers"]),
        requireSymbols: optBool(pw["require_symbols"]),
        temporaryPasswordValidityDays: optNum(pw["temporary_password_validity_days"]),
      };
}

/** The password policy Cognito applies: what is written, Cognito's default for the rest. */
function effectivePassword(written: PasswordPolicy | undefined): PoolSettings["effectivePassword"] {
  const d = COGNITO_PASSWORD_DEFAULTS;
  return {
    minimumLength: written?.minimumLength ?? d.minimumLength,
    requireLowercase: written?.requireLowercase ?? d.requireLowercase,
    requireUppercase: written?.requireUppercase ?? d.requireUppercase,
    requireNumbers: written?.requireNumbers ?? d.requireNumbers,
    requireSymbols: written?.requireSymbols ?? d.requireSymbols,
    temporaryPasswordValidityDays: written?.temporaryPasswordValidityDays ?? d.temporaryPasswordValidityDays,
  };
}

function poolSettings(v: Readonly<Record<string, unknown>>): PoolSettings {
  const written = writtenPasswordPolicy(v);
  const totp = firstBlock(v["software_token_mfa_configuration"]);
  const advanced = optText(firstBlock(v["user_pool_add_ons"])?.["advanced_security_mode"]);
  return {
    mfa: optText(v["mfa_configuration"]) ?? "OFF",
    totpEnabled: optBool(totp?.["enabled"]) ?? false,
    ...(written !== undefined ? { passwordPolicy: written } : {}),
    effectivePassword: effectivePassword(written),
    ...(advanced !== undefined ? { advancedSecurityMode: advanced } : {}),
    // Not set: a plan shows the tier the provider computes as known after apply; Cognito's default applies.
    tier: (isUnset(v["user_pool_tier"]) ? undefined : optText(v["user_pool_tier"])) ?? "ESSENTIALS",
    deletionProtection: optText(v["deletion_protection"]) ?? "INACTIVE",
    adminCreateUserOnly: optBool(firstBlock(v["admin_create_user_config"])?.["allow_admin_create_user_only"]) ?? false,
  };
}

function userPoolView(p: ResourceInstance): UserPool {
  return { address: p.address, name: str(p.values["name"]), settings: poolSettings(p.values), resource: p };
}

export function userPoolViews(ctx: BuildContext): UserPool[] {
  return ctx.ofType("aws_cognito_user_pool").map((p) => userPoolView(p));
}
