// App clients issue short-lived ID/access tokens and bounded refresh tokens.
import { asObject, firstBlock } from "../load/json";
import { isUnknown } from "../model";
import { poolFinding } from "./private/pool";
import type { Rule, RuleFinding } from "./types";

const MINUTES: Readonly<Record<string, number>> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };

/** Validity in minutes, with Terraform's default units (hours for ID/access, days for refresh) and values. */
function minutes(values: Readonly<Record<string, unknown>>, attr: string, unitKey: string, defaultUnit: string, defaultValue: number): number | undefined {
  const v = values[attr];
  if (isUnknown(v)) return undefined;
  const n = typeof v === "number" && v > 0 ? v : defaultValue;
  const units = asObject(firstBlock(values["token_validity_units"]));
  const unit = typeof units[unitKey] === "string" ? (units[unitKey] as string) : defaultUnit;
  return n * (MINUTES[unit] ?? 1);
}

export const AppClientTokenValidity: Rule = {
  id: "app-client-token-validity",
  title: "App client tokens: ID/access <= 60 minutes, refresh <= 30 days",
  severity: "medium",
  rationale:
    "Access and ID tokens cannot be revoked before they expire; their lifetime is the window a stolen token works. " +
    "Refresh tokens bound how long a session lives without signing in again. Limits can be raised per policy.",
  equivalents: {},
  check(model, policies) {
    // A policy's tokenValidity applies to clients whose user pool backs one of its APIs; the strictest wins.
    const limits = policies.policies.map((p) => p.tokenValidity);
    const maxIdAccess = limits.length === 0 ? 60 : Math.min(...limits.map((l) => l.maxIdAccessMinutes));
    const maxRefresh = (limits.length === 0 ? 30 : Math.min(...limits.map((l) => l.maxRefreshDays))) * 1440;
    const out: RuleFinding[] = [];
    for (const c of model.userPoolClients) {
      const v = c.resource.values;
      const id = minutes(v, "id_token_validity", "id_token", "hours", 1);
      const access = minutes(v, "access_token_validity", "access_token", "hours", 1);
      const refresh = minutes(v, "refresh_token_validity", "refresh_token", "days", 30);
      if (id === undefined || access === undefined || refresh === undefined) {
        out.push({ ...poolFinding(c.resource, "token validity is known only after apply"), severity: "low" });
        continue;
      }
      if (id > maxIdAccess) out.push(poolFinding(c.resource, `ID token validity ${id} minutes exceeds ${maxIdAccess}`));
      if (access > maxIdAccess) out.push(poolFinding(c.resource, `access token validity ${access} minutes exceeds ${maxIdAccess}`));
      if (refresh > maxRefresh) out.push(poolFinding(c.resource, `refresh token validity ${refresh / 1440} days exceeds ${maxRefresh / 1440}`));
    }
    return out;
  },
};
