// Stages (explicit, and the one a deployment's stage_name creates) with their method settings, WAF associations
// and usage plans; usage plans and API keys; deployments. Pure.
import { isUnknown, unknownValue, type ApiKey, type Deployment, type MethodSetting, type ResourceInstance, type Stage, type UsagePlan } from "../../model";
import { blocks, firstBlock, isObject } from "../json";
import { bool, optBool, optNum, optStr, str } from "../values";
import { referencesInString } from "../address";
import { API, type BuildContext } from "./build-context";
import type { RestViews } from "./rest";

export interface StageViews {
  readonly stages: Stage[];
  readonly usagePlans: UsagePlan[];
  readonly apiKeys: ApiKey[];
  readonly deployments: Deployment[];
}

export function stageViews(ctx: BuildContext, rest: Pick<RestViews, "apiByAddress" | "apiOf">): StageViews {
  const { resolver, unresolved, ofType, target, follow } = ctx;
  const { apiByAddress, apiOf } = rest;
  // Stages, with method settings, WAF associations and usage plans attached below. A deployment with
  // `stage_name` creates that stage itself (no aws_api_gateway_stage): it is a stage too, judged by the same rules.
  const stageRes = ofType("aws_api_gateway_stage");
  const deploymentStageRes = ofType("aws_api_gateway_deployment").filter((d) => {
    const n = d.values["stage_name"];
    return n !== undefined && n !== null && n !== "";
  });
  const STAGE_HOLDERS = ["aws_api_gateway_stage", "aws_api_gateway_deployment"];
  /** A stage by reference: an aws_api_gateway_stage first, else a deployment that creates one by stage_name. */
  const stageTarget = (from: ResourceInstance, attr: string): ResourceInstance | undefined => {
    const st = target(resolver.resolve(from, attr, ["aws_api_gateway_stage"]));
    if (st !== undefined) return st;
    const d = target(resolver.resolve(from, attr, STAGE_HOLDERS));
    return d !== undefined && deploymentStageRes.includes(d) ? d : undefined;
  };
  const stageByName = (name: unknown, apiT: ResourceInstance | undefined): ResourceInstance | undefined =>
    [...stageRes, ...deploymentStageRes].find(
      (x) => x.values["stage_name"] === name && (apiT === undefined || target(resolver.resolve(x, "rest_api_id", [API])) === apiT),
    );
  const settingsByStage = new Map<string, MethodSetting[]>();
  for (const s of ofType("aws_api_gateway_method_settings")) {
    let st = stageTarget(s, "stage_name");
    if (st === undefined && typeof s.values["stage_name"] === "string") {
      const apiT = target(resolver.resolve(s, "rest_api_id", [API]));
      st = stageByName(s.values["stage_name"], apiT);
    }
    if (st === undefined) {
      unresolved.push({
        address: s.address,
        attribute: "stage_name",
        target: String(s.values["stage_name"]),
        reason: "method settings for a stage not in the configuration",
        source: s.source,
      });
      continue;
    }
    const set = firstBlock(s.values["settings"]) ?? {};
    const ms: MethodSetting = {
      address: s.address,
      methodPath: str(s.values["method_path"]),
      ...(optStr(set["logging_level"]) !== undefined ? { loggingLevel: str(set["logging_level"]) } : {}),
      ...(optBool(set["metrics_enabled"]) !== undefined ? { metricsEnabled: bool(set["metrics_enabled"], false) } : {}),
      ...(optBool(set["data_trace_enabled"]) !== undefined ? { dataTraceEnabled: bool(set["data_trace_enabled"], false) } : {}),
      ...(optNum(set["throttling_rate_limit"]) !== undefined ? { throttlingRateLimit: optNum(set["throttling_rate_limit"]) } : {}),
      ...(optNum(set["throttling_burst_limit"]) !== undefined ? { throttlingBurstLimit: optNum(set["throttling_burst_limit"]) } : {}),
    };
    const list = settingsByStage.get(st.address) ?? [];
    list.push(ms);
    settingsByStage.set(st.address, list);
  }
  const wafByStage = new Map<string, string[]>();
  for (const w of ofType("aws_wafv2_web_acl_association")) {
    const st = target(resolver.resolve(w, "resource_arn", ["aws_api_gateway_stage"]));
    if (st !== undefined) wafByStage.set(st.address, [...(wafByStage.get(st.address) ?? []), w.address]);
  }
  // Usage plans and keys
  const apiKeyRes = ofType("aws_api_gateway_api_key");
  const planRes = ofType("aws_api_gateway_usage_plan");
  const keysByPlan = new Map<string, string[]>();
  const plansByKey = new Map<string, string[]>();
  for (const pk of ofType("aws_api_gateway_usage_plan_key")) {
    const k = follow(pk, "key_id", ["aws_api_gateway_api_key"]);
    const p = follow(pk, "usage_plan_id", ["aws_api_gateway_usage_plan"]);
    if (k !== undefined && p !== undefined) {
      keysByPlan.set(p.address, [...(keysByPlan.get(p.address) ?? []), k.address]);
      plansByKey.set(k.address, [...(plansByKey.get(k.address) ?? []), p.address]);
    }
  }
  const plansByStage = new Map<string, string[]>();
  const usagePlans: UsagePlan[] = planRes.map((p) => {
    const apiStages = blocks(p.values["api_stages"]).map((b, i) => {
      // Resolve each block's refs with this block's own references when we can tell them apart.
      const view: ResourceInstance = {
        ...p,
        values: { api_id: b["api_id"], stage: b["stage"] },
        references: refsOfBlock(p, "api_stages", i, ["api_id", "stage"]),
      };
      const apiT = target(resolver.resolve(view, "api_id", [API]));
      let stageT = stageTarget(view, "stage");
      if (stageT === undefined && typeof b["stage"] === "string") stageT = stageByName(b["stage"], apiT);
      if (stageT !== undefined) plansByStage.set(stageT.address, [...(plansByStage.get(stageT.address) ?? []), p.address]);
      return {
        ...(apiT !== undefined ? { apiAddress: apiT.address } : {}),
        stage: str(b["stage"]),
        ...(stageT !== undefined ? { stageAddress: stageT.address } : {}),
      };
    });
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
  const apiKeys: ApiKey[] = apiKeyRes.map((k) => ({
    address: k.address,
    name: str(k.values["name"]),
    enabled: bool(k.values["enabled"], true),
    usagePlans: plansByKey.get(k.address) ?? [],
    resource: k,
  }));

  const stages: Stage[] = stageRes.map((s) => {
    const api = apiOf(s, "rest_api_id");
    const dep = target(resolver.resolve(s, "deployment_id", ["aws_api_gateway_deployment"]));
    const rawAl = s.values["access_log_settings"];
    // A whole block known only after apply is still configured: its fields are Unknown, not missing.
    const al = isUnknown(rawAl) ? { destination_arn: rawAl, format: rawAl } : firstBlock(rawAl);
    return {
      address: s.address,
      ...(api !== undefined ? { apiAddress: api.address, api } : {}),
      name: str(s.values["stage_name"]),
      ...(dep !== undefined ? { deploymentAddress: dep.address } : {}),
      xrayTracingEnabled: bool(s.values["xray_tracing_enabled"], false),
      ...(al !== undefined ? { accessLog: { destinationArn: str(al["destination_arn"]), format: str(al["format"]) } } : {}),
      methodSettings: settingsByStage.get(s.address) ?? [],
      wafAssociations: wafByStage.get(s.address) ?? [],
      usagePlans: plansByStage.get(s.address) ?? [],
      resource: s,
    };
  });

  for (const d of deploymentStageRes) {
    const apiT = target(resolver.resolve(d, "rest_api_id", [API]));
    const api = apiT === undefined ? undefined : apiByAddress.get(apiT.address);
    stages.push({
      address: d.address,
      ...(api !== undefined ? { apiAddress: api.address, api } : {}),
      name: str(d.values["stage_name"]),
      deploymentAddress: d.address,
      // The deployment cannot set tracing or access logs for the stage it creates.
      xrayTracingEnabled: false,
      methodSettings: settingsByStage.get(d.address) ?? [],
      wafAssociations: wafByStage.get(d.address) ?? [],
      usagePlans: plansByStage.get(d.address) ?? [],
      resource: d,
    });
  }

  const deployments: Deployment[] = ofType("aws_api_gateway_deployment").map((d) => {
    const api = apiOf(d, "rest_api_id");
    const rawTriggers = d.values["triggers"];
    const triggers = isUnknown(rawTriggers) ? { "(all)": rawTriggers } : isObject(rawTriggers) ? rawTriggers : (firstBlock(rawTriggers) ?? {});
    return {
      address: d.address,
      ...(api !== undefined ? { apiAddress: api.address } : {}),
      triggers,
      triggerReferences: [...new Set(resolver.referencedAddresses(d, d.references["triggers"] ?? []))],
      dependsOn: [...new Set(resolver.referencedAddresses(d, d.dependsOn))],
      createBeforeDestroy: d.createBeforeDestroy ?? unknownValue("lifecycle is not in plan JSON"),
      resource: d,
    };
  });

  return { stages, usagePlans, apiKeys, deployments };
}

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
