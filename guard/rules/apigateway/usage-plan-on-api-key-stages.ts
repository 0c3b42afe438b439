// Stages serving API-key methods are in a usage plan with throttle and quota.
import { known, show } from "../../access/lookups";
import { stageFinding } from "../private/stage";
import type { Rule, RuleFinding } from "../types";

export const UsagePlanOnApiKeyStages: Rule = {
  id: "usage-plan-on-api-key-stages",
  title: "Stages with API-key methods are in a throttled, quota'd usage plan",
  severity: "high",
  rationale:
    "An API key only means something through a usage plan: without one every key is rejected, and without throttle " +
    "and quota a leaked partner key has no limit.",
  equivalents: { kics: ["api_gateway_stage_without_api_gateway_usage_plan_associated"] },
  check(model) {
    const out: RuleFinding[] = [];
    for (const s of model.stages) {
      if (s.api === undefined) continue;
      const keyed = model.routes.some((r) => r.api === s.api && r.apiKeyRequired !== false);
      if (!keyed) continue;
      const plans = model.usagePlans.filter((p) => p.resource.source.stack === s.resource.source.stack && s.usagePlans.includes(p.address));
      if (plans.length === 0) {
        out.push(stageFinding(s, "serves API-key methods but is in no usage plan", "usage-plan none"));
        continue;
      }
      for (const p of plans) {
        const rate = p.throttle?.rateLimit;
        const burst = p.throttle?.burstLimit;
        if (!(known(rate) && rate > 0 && known(burst) && burst > 0))
          out.push(
            stageFinding(s, `usage plan ${show(p.name)} has no throttle (rate ${show(rate ?? null)}, burst ${show(burst ?? null)})`, `${p.address} throttle`),
          );
        const limit = p.quota?.limit;
        if (!(known(limit) && limit > 0 && known(p.quota?.period))) out.push(stageFinding(s, `usage plan ${show(p.name)} has no quota`, `${p.address} quota`));
      }
    }
    return out;
  },
};
