// Usage plan keys (aws_api_gateway_usage_plan_key): which API keys each usage plan holds, and the reverse. Pure.
import type { BuildContext } from "../build-context";

export interface UsagePlanKeys {
  /** Usage plan address -> API key addresses. */
  readonly keysByPlan: ReadonlyMap<string, string[]>;
  /** API key address -> usage plan addresses. */
  readonly plansByKey: ReadonlyMap<string, string[]>;
}

export function usagePlanKeys(ctx: BuildContext): UsagePlanKeys {
  const keysByPlan = new Map<string, string[]>();
  const plansByKey = new Map<string, string[]>();
  for (const pk of ctx.ofType("aws_api_gateway_usage_plan_key")) {
    const k = ctx.follow(pk, "key_id", ["aws_api_gateway_api_key"]);
    const p = ctx.follow(pk, "usage_plan_id", ["aws_api_gateway_usage_plan"]);
    if (k !== undefined && p !== undefined) {
      keysByPlan.set(p.address, [...(keysByPlan.get(p.address) ?? []), k.address]);
      plansByKey.set(k.address, [...(plansByKey.get(k.address) ?? []), p.address]);
    }
  }
  return { keysByPlan, plansByKey };
}
