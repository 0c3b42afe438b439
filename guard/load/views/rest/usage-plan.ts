// Usage plans (aws_api_gateway_usage_plan): the API stages each applies to, throttle and quota, its keys; and the
// plans listed under each stage. Pure.
import { isUnknown, type ResourceInstance, type UsagePlan } from "../../../model";
import { referencesInString } from "../../address";
import { blocks, firstBlock, type JsonObject } from "../../json";
import { optNum, optStr, str } from "../../values";
import { API, type BuildContext } from "../build-context";
import type { StageLookup } from "./stage-lookup";

/**
 * References of one attribute inside the i-th nested block. cdk.tf.json keeps them in the values (we re-scan
 * the block); plan JSON keeps per-block expressions, but our instance stores references per top-level
 * attribute only, so we fall back to that list (fine when the plan has one api_stages block per plan).
 */
function refsOfBlock(r: ResourceInstance, attr: string, i: number, keys: readonly string[]): Record<string, readonly string[]> {
  const block = blocks(r.values[attr])[i] ?? {};
  const out: Record<string, readonly string[]> = {};
  for (const k of keys) {
    const v = block[k];
    if (isUnknown(v) && v.expression !== undefined && v.expression.includes("${")) {
      out[k] = referencesInString(v.expression);
    } else out[k] = r.references[attr] ?? [];
  }
  return out;
}

type ApiStage = UsagePlan["apiStages"][number];

/** The stages the usage plans name, and the plans by stage address (filled in as the plans are read). */
interface PlanStages {
  readonly lookup: StageLookup;
  readonly plansByStage: Map<string, string[]>;
}

/** The i-th api_stages block `b` of usage plan `p`; its stage's address gets `p` in `plansByStage`. */
function apiStageOf(ctx: BuildContext, { lookup, plansByStage }: PlanStages, p: ResourceInstance, b: JsonObject, i: number): ApiStage {
  // Resolve each block's refs with this block's own references when we can tell them apart.
  const view: ResourceInstance = {
    ...p,
    values: { api_id: b["api_id"], stage: b["stage"] },
    references: refsOfBlock(p, "api_stages", i, ["api_id", "stage"]),
  };
  const apiT = ctx.target(ctx.resolver.resolve(view, "api_id", [API]));
  let stageT = lookup.stageTarget(view, "stage");
  if (stageT === undefined && typeof b["stage"] === "string") stageT = lookup.stageByName(b["stage"], apiT);
  if (stageT !== undefined) plansByStage.set(stageT.address, [...(plansByStage.get(stageT.address) ?? []), p.address]);
  return {
    ...(apiT !== undefined ? { apiAddress: apiT.address } : {}),
    stage: str(b["stage"]),
    ...(stageT !== undefined ? { stageAddress: stageT.address } : {}),
  };
}

export interface UsagePlanViews {
  readonly usagePlans: UsagePlan[];
  /** Stage address -> the usage plans that apply to it. */
  readonly plansByStage: ReadonlyMap<string, string[]>;
}

export function usagePlanViews(ctx: BuildContext, lookup: StageLookup, keysByPlan: ReadonlyMap<string, string[]>): UsagePlanViews {
  const plansByStage = new Map<string, string[]>();
  const usagePlans: UsagePlan[] = ctx.ofType("aws_api_gateway_usage_plan").map((p) => {
    const apiStages = blocks(p.values["api_stages"]).map((b, i) => apiStageOf(ctx, { lookup, plansByStage }, p, b, i));
    const th = firstBlock(p.values["throttle_settings"]);
    const q = firstBlock(p.values["quota_settings"]);
    return {
      address: p.address,
      name: str(p.values["name"]),
      apiStages,
      ...(th !== undefined ? { throttle: { rateLimit: optNum(th["rate_limit"]), burstLimit: optNum(th["burst_limit"]) } } : {}),
      ...(q !== undefined ? { quota: { limit: optNum(q["limit"]), period: optStr(q["period"]) } } : {}),
      keys: keysByPlan.get(p.address) ?? [],
      resource: p,
    };
  });
  return { usagePlans, plansByStage };
}
