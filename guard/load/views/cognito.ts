// Cognito user pools, app clients and resource servers (with their full scope names), and Lambda permissions.
// Pure.
import {
  isUnknown,
  unknownValue,
  type ClientTokenValidity,
  type LambdaPermission,
  type PoolSettings,
  type ResourceServer,
  type UserPool,
  type UserPoolClient,
  type Val,
} from "../../model";
import { blocks, firstBlock } from "../json";
import { isUnset, optBool, optNum, optStr, optText, str } from "../values";
import type { BuildContext } from "./build-context";

export interface CognitoViews {
  readonly userPools: UserPool[];
  readonly userPoolClients: UserPoolClient[];
  readonly resourceServers: ResourceServer[];
}

export function cognitoViews(ctx: BuildContext): CognitoViews {
  const { ofType, follow } = ctx;
  // Cognito
  const userPools: UserPool[] = ofType("aws_cognito_user_pool").map((p) => ({
    address: p.address,
    name: str(p.values["name"]),
    settings: poolSettings(p.values),
    resource: p,
  }));
  const userPoolClients: UserPoolClient[] = ofType("aws_cognito_user_pool_client").map((c) => {
    const pool = follow(c, "user_pool_id", ["aws_cognito_user_pool"]);
    return {
      address: c.address,
      name: str(c.values["name"]),
      ...(pool !== undefined ? { userPoolAddress: pool.address } : {}),
      tokenValidity: clientTokenValidity(c.values),
      resource: c,
    };
  });
  const resourceServers: ResourceServer[] = ofType("aws_cognito_resource_server").map((s) => {
    const pool = follow(s, "user_pool_id", ["aws_cognito_user_pool"]);
    const identifier = str(s.values["identifier"]);
    const scopeBlocks = s.values["scope"];
    let scopes: Val<readonly string[]>;
    if (typeof identifier !== "string" || isUnknown(scopeBlocks)) scopes = unknownValue();
    else {
      const names = blocks(scopeBlocks).map((b) => b["scope_name"]);
      scopes = names.every((n): n is string => typeof n === "string") ? names.map((n) => `${identifier}/${n}`) : unknownValue();
    }
    return { address: s.address, identifier, ...(pool !== undefined ? { userPoolAddress: pool.address } : {}), scopes, resource: s };
  });

  return { userPools, userPoolClients, resourceServers };
}

/** Cognito's password policy when the block or a field of it is not set. */
const COGNITO_PASSWORD_DEFAULTS = {
  minimumLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: true,
  temporaryPasswordValidityDays: 7,
} as const;

function poolSettings(v: Readonly<Record<string, unknown>>): PoolSettings {
  const pw = firstBlock(v["password_policy"]);
  const written =
    pw === undefined
      ? undefined
      : {
          minimumLength: optNum(pw["minimum_length"]),
          requireLowercase: optBool(pw["require_lowercase"]),
          requireUppercase: optBool(pw["require_uppercase"]),
          requireNumbers: optBool(pw["require_numbers"]),
          requireSymbols: optBool(pw["require_symbols"]),
          temporaryPasswordValidityDays: optNum(pw["temporary_password_validity_days"]),
        };
  const d = COGNITO_PASSWORD_DEFAULTS;
  const totp = firstBlock(v["software_token_mfa_configuration"]);
  const advanced = optText(firstBlock(v["user_pool_add_ons"])?.["advanced_security_mode"]);
  return {
    mfa: optText(v["mfa_configuration"]) ?? "OFF",
    totpEnabled: optBool(totp?.["enabled"]) ?? false,
    ...(written !== undefined ? { passwordPolicy: written } : {}),
    effectivePassword: {
      minimumLength: written?.minimumLength ?? d.minimumLength,
      requireLowercase: written?.requireLowercase ?? d.requireLowercase,
      requireUppercase: written?.requireUppercase ?? d.requireUppercase,
      requireNumbers: written?.requireNumbers ?? d.requireNumbers,
      requireSymbols: written?.requireSymbols ?? d.requireSymbols,
      temporaryPasswordValidityDays: written?.temporaryPasswordValidityDays ?? d.temporaryPasswordValidityDays,
    },
    ...(advanced !== undefined ? { advancedSecurityMode: advanced } : {}),
    // Not set: a plan shows the tier the provider computes as known after apply; Cognito's default applies.
    tier: (isUnset(v["user_pool_tier"]) ? undefined : optText(v["user_pool_tier"])) ?? "ESSENTIALS",
    deletionProtection: optText(v["deletion_protection"]) ?? "INACTIVE",
    adminCreateUserOnly: optBool(firstBlock(v["admin_create_user_config"])?.["allow_admin_create_user_only"]) ?? false,
  };
}

const UNIT_MINUTES: Readonly<Record<string, number>> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };

/** Token lifetimes in minutes: Terraform's defaults are 1 hour (ID, access) and 30 days (refresh), in hours/days units. */
function clientTokenValidity(v: Readonly<Record<string, unknown>>): ClientTokenValidity {
  const units = firstBlock(v["token_validity_units"]) ?? {};
  const minutes = (attr: string, unitKey: string, defaultUnit: string, defaultValue: number): Val<number> => {
    // Not set (a plan says "known after apply" for what the provider computes): Cognito's default applies.
    const raw = isUnset(v[attr]) ? undefined : v[attr];
    if (isUnknown(raw)) return raw;
    const unitRaw = isUnset(units[unitKey]) ? undefined : units[unitKey];
    if (isUnknown(unitRaw)) return unitRaw;
    const n = typeof raw === "number" && raw > 0 ? raw : defaultValue;
    const unit = typeof unitRaw === "string" ? unitRaw : defaultUnit;
    return n * (UNIT_MINUTES[unit] ?? 1);
  };
  const isSet = (attr: string) => typeof v[attr] === "number" && (v[attr] as number) > 0;
  return {
    idMinutes: minutes("id_token_validity", "id_token", "hours", 1),
    accessMinutes: minutes("access_token_validity", "access_token", "hours", 1),
    refreshMinutes: minutes("refresh_token_validity", "refresh_token", "days", 30),
    set: { id: isSet("id_token_validity"), access: isSet("access_token_validity"), refresh: isSet("refresh_token_validity") },
  };
}

export function lambdaPermissionViews(ctx: BuildContext): LambdaPermission[] {
  const { resolver, ofType, target } = ctx;
  const lambdaPermissions: LambdaPermission[] = ofType("aws_lambda_permission").map((p) => {
    const fn = target(resolver.resolve(p, "function_name", ["aws_lambda_function", "aws_lambda_alias"]));
    const src = optStr(p.values["source_arn"]);
    return {
      address: p.address,
      action: str(p.values["action"]),
      principal: str(p.values["principal"]),
      ...(src !== undefined ? { sourceArn: src } : {}),
      sourceArnReferences: resolver.referencedAddresses(p, p.references["source_arn"] ?? []),
      ...(fn !== undefined ? { functionAddress: fn.address } : {}),
      resource: p,
    };
  });

  return lambdaPermissions;
}
