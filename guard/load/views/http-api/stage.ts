// HTTP and WebSocket API stages (aws_apigatewayv2_stage): auto-deploy, access logs, default throttling. Pure.
import { isUnknown, type HttpStage, type ResourceInstance } from "../../../model";
import { firstBlock } from "../../json";
import { bool, optNum, str } from "../../values";
import type { BuildContext } from "../build-context";
import type { HttpApiOf } from "./api";

function accessLogOf(raw: unknown): HttpStage["accessLog"] {
  // A whole block known only after apply is still configured: its fields are Unknown, not missing.
  const al = isUnknown(raw) ? { destination_arn: raw, format: raw } : firstBlock(raw);
  return al === undefined ? undefined : { destinationArn: str(al["destination_arn"]), format: str(al["format"]) };
}

function httpStageView(apiOf: HttpApiOf, s: ResourceInstance): HttpStage {
  const api = apiOf(s);
  const settings = firstBlock(s.values["default_route_settings"]);
  const rate = settings === undefined ? undefined : optNum(settings["throttling_rate_limit"]);
  const burst = settings === undefined ? undefined : optNum(settings["throttling_burst_limit"]);
  const accessLog = accessLogOf(s.values["access_log_settings"]);
  return {
    address: s.address,
    ...(api !== undefined ? { apiAddress: api.address, api } : {}),
    name: str(s.values["name"]),
    autoDeploy: bool(s.values["auto_deploy"], false),
    ...(accessLog !== undefined ? { accessLog } : {}),
    ...(rate !== undefined ? { throttlingRateLimit: rate } : {}),
    ...(burst !== undefined ? { throttlingBurstLimit: burst } : {}),
    resource: s,
  };
}

export function httpStageViews(ctx: BuildContext, apiOf: HttpApiOf): HttpStage[] {
  return ctx.ofType("aws_apigatewayv2_stage").map((s) => httpStageView(apiOf, s));
}
