// REST API method settings (aws_api_gateway_method_settings): logging, metrics, data trace and throttling,
// listed under the stage they configure. Pure.
import type { MethodSetting, ResourceInstance } from "../../../model";
import { firstBlock } from "../../json";
import { bool, isUnset, optBool, optNum, optStr, str } from "../../values";
import { API, type BuildContext } from "../build-context";
import type { StageLookup } from "./stage-lookup";

function methodSettingView(s: ResourceInstance): MethodSetting {
  const set = firstBlock(s.values["settings"]) ?? {};
  return {
    address: s.address,
    methodPath: str(s.values["method_path"]),
    ...(optStr(set["logging_level"]) !== undefined ? { loggingLevel: str(set["logging_level"]) } : {}),
    ...(optBool(set["metrics_enabled"]) !== undefined ? { metricsEnabled: bool(set["metrics_enabled"], false) } : {}),
    // A plan shows an unset data_trace_enabled as computed by the provider: API Gateway's default, off.
    ...(optBool(set["data_trace_enabled"]) !== undefined && !isUnset(set["data_trace_enabled"])
      ? { dataTraceEnabled: bool(set["data_trace_enabled"], false) }
      : {}),
    ...(optNum(set["throttling_rate_limit"]) !== undefined ? { throttlingRateLimit: optNum(set["throttling_rate_limit"]) } : {}),
    ...(optNum(set["throttling_burst_limit"]) !== undefined ? { throttlingBurstLimit: optNum(set["throttling_burst_limit"]) } : {}),
  };
}

/** The stage the settings are for: by reference, else by name within the API. */
function settingsStage(ctx: BuildContext, lookup: StageLookup, s: ResourceInstance): ResourceInstance | undefined {
  const st = lookup.stageTarget(s, "stage_name");
  if (st !== undefined || typeof s.values["stage_name"] !== "string") return st;
  const apiT = ctx.target(ctx.resolver.resolve(s, "rest_api_id", [API]));
  return lookup.stageByName(s.values["stage_name"], apiT);
}

/** Method settings by stage address; settings for a stage not in the configuration are unresolved references. */
export function methodSettingsByStage(ctx: BuildContext, lookup: StageLookup): ReadonlyMap<string, MethodSetting[]> {
  const byStage = new Map<string, MethodSetting[]>();
  for (const s of ctx.ofType("aws_api_gateway_method_settings")) {
    const st = settingsStage(ctx, lookup, s);
    if (st === undefined) {
      ctx.unresolved.push({
        address: s.address,
        attribute: "stage_name",
        target: String(s.values["stage_name"]),
        reason: "method settings for a stage not in the configuration",
        source: s.source,
      });
      continue;
    }
    const list = byStage.get(st.address) ?? [];
    list.push(methodSettingView(s));
    byStage.set(st.address, list);
  }
  return byStage;
}
