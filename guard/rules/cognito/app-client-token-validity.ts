// App clients issue short-lived ID/access tokens and bounded refresh tokens.
import { isUnknown } from "../../model";
import { poolFinding } from "../private/pool";
import type { Rule, RuleFinding } from "../types";
import { appClientSubjects } from "../private/subjects";

export const AppClientTokenValidity: Rule = {
  id: "app-client-token-validity",
  title: "App client tokens: ID/access <= 60 minutes, refresh <= 30 days",
  severity: "medium",
  rationale:
    "Access and ID tokens cannot be revoked before they expire; their lifetime is the window a stolen token works. " +
    "Refresh tokens bound how long a session lives without signing in again. Limits can be raised per policy.",
  equivalents: {},
  subjects: appClientSubjects,
  check(model, policies) {
    // A policy's tokenValidity applies to clients whose user pool backs one of its APIs; the strictest wins.
    const limits = policies.policies.map((p) => p.tokenValidity);
    const maxIdAccess = limits.length === 0 ? 60 : Math.min(...limits.map((l) => l.maxIdAccessMinutes));
    const maxRefresh = (limits.length === 0 ? 30 : Math.min(...limits.map((l) => l.maxRefreshDays))) * 1440;
    const out: RuleFinding[] = [];
    for (const c of model.userPoolClients) {
      // Minutes with Terraform's default values and units applied, read once by the loader.
      const { idMinutes: id, accessMinutes: access, refreshMinutes: refresh } = c.tokenValidity;
      if (isUnknown(id) || isUnknown(access) || isUnknown(refresh)) {
        out.push({ ...poolFinding(c.resource, "token validity is known only after apply", "validity unknown"), severity: "low" });
        continue;
      }
      // The detail carries the validity found: a longer one is another finding, not the accepted one.
      if (id > maxIdAccess) out.push(poolFinding(c.resource, `ID token validity ${id} minutes exceeds ${maxIdAccess}`, `id-token minutes=${id}`));
      if (access > maxIdAccess)
        out.push(poolFinding(c.resource, `access token validity ${access} minutes exceeds ${maxIdAccess}`, `access-token minutes=${access}`));
      if (refresh > maxRefresh)
        out.push(poolFinding(c.resource, `refresh token validity ${refresh / 1440} days exceeds ${maxRefresh / 1440}`, `refresh-token minutes=${refresh}`));
    }
    return out;
  },
};
