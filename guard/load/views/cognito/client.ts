// Cognito app clients (aws_cognito_user_pool_client): their pool and token lifetimes. Pure.
import { isUnknown, type ClientTokenValidity, type ResourceInstance, type UserPoolClient, type Val } from "../../../model";
import { firstBlock } from "../../json";
import { isUnset, str } from "../../values";
import type { BuildContext } from "../build-context";

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

function userPoolClientView(ctx: BuildContext, c: ResourceInstance): UserPoolClient {
  const pool = ctx.follow(c, "user_pool_id", ["aws_cognito_user_pool"]);
  return {
    address: c.address,
    name: str(c.values["name"]),
    ...(pool !== undefined ? { userPoolAddress: pool.address } : {}),
    tokenValidity: clientTokenValidity(c.values),
    resource: c,
  };
}

export function userPoolClientViews(ctx: BuildContext): UserPoolClient[] {
  return ctx.ofType("aws_cognito_user_pool_client").map((c) => userPoolClientView(ctx, c));
}
