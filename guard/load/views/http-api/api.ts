// HTTP and WebSocket APIs (aws_apigatewayv2_api) in the shape of REST APIs, and the lookup from a resource's
// api_id to its API. Pure.
import { isUnknown, type ResourceInstance, type RestApi, type UnresolvedRef } from "../../../model";
import { firstBlock } from "../../json";
import { bool, str } from "../../values";
import type { BuildContext } from "../build-context";

const V2_API = "aws_apigatewayv2_api";

/** The API a resource's api_id refers to (recording a failure, also in `sink` when given). */
export type HttpApiOf = (r: ResourceInstance, sink?: UnresolvedRef[]) => RestApi | undefined;

function protocolOf(v: unknown): RestApi["protocol"] {
  return v === "WEBSOCKET" ? "WEBSOCKET" : "HTTP";
}

function httpApiView(r: ResourceInstance): RestApi {
  const disable = r.values["disable_execute_api_endpoint"];
  return {
    address: r.address,
    name: str(r.values["name"]),
    protocol: protocolOf(r.values["protocol_type"]),
    disableExecuteApiEndpoint: bool(disable, false),
    builtInCors: firstBlock(r.values["cors_configuration"]) !== undefined || isUnknown(r.values["cors_configuration"]),
    resource: r,
  };
}

export function httpApiViews(ctx: BuildContext): RestApi[] {
  return ctx.ofType(V2_API).map((r) => httpApiView(r));
}

export function httpApiLookup(ctx: BuildContext, apis: readonly RestApi[]): HttpApiOf {
  const apiByAddress = new Map(apis.map((a) => [a.address, a]));
  return (r, sink) => {
    const t = ctx.follow(r, "api_id", [V2_API], sink);
    return t === undefined ? undefined : apiByAddress.get(t.address);
  };
}
