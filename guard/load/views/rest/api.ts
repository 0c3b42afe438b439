// REST APIs (aws_api_gateway_rest_api): endpoint types and whether the execute-api endpoint is disabled; and the
// lookup from a resource's attribute to the REST API it belongs to. Pure.
import { isUnknown, type ResourceInstance, type RestApi, type UnresolvedRef, type Val } from "../../../model";
import { firstBlock } from "../../json";
import { bool, str, strList } from "../../values";
import { API, type BuildContext } from "../build-context";

/** The REST API a resource's attribute refers to (recording a failure, also in `sink` when given). */
export type RestApiOf = (r: ResourceInstance, attr: string, sink?: UnresolvedRef[]) => RestApi | undefined;

/**
 * `endpoint_configuration.types`; undefined when the block is not set (EDGE). A plan shows an unset block as a
 * computed value without an expression: not set. A block known only after apply otherwise is Unknown.
 */
function endpointTypesOf(raw: unknown): Val<readonly Val<string>[]> | undefined {
  if (isUnknown(raw)) return raw.expression === undefined ? undefined : raw;
  const block = firstBlock(raw);
  return block === undefined ? undefined : strList(block["types"]);
}

/**
 * `disable_execute_api_endpoint`. Unset is false (API Gateway's default): a plan shows the computed attribute unknown
 * when the configuration does not write it (a body may still disable the endpoint; counting it open fails closed).
 * A value written and known only after apply stays Unknown, never "disabled".
 */
function disableOf(r: ResourceInstance): unknown {
  const raw = r.values["disable_execute_api_endpoint"];
  const notWritten = r.written !== undefined && !r.written.names.includes("disable_execute_api_endpoint");
  return isUnknown(raw) && notWritten ? undefined : raw;
}

function restApiView(r: ResourceInstance): RestApi {
  const types = endpointTypesOf(r.values["endpoint_configuration"]);
  const disable = disableOf(r);
  return {
    address: r.address,
    name: str(r.values["name"]),
    ...(types !== undefined ? { endpointTypes: types } : {}),
    ...(disable !== undefined && disable !== null ? { disableExecuteApiEndpoint: bool(disable, false) } : {}),
    resource: r,
  };
}

export function restApiViews(ctx: BuildContext): RestApi[] {
  return ctx.ofType(API).map((r) => restApiView(r));
}

export interface RestApiLookup {
  readonly apiByAddress: ReadonlyMap<string, RestApi>;
  readonly apiOf: RestApiOf;
}

export function restApiLookup(ctx: BuildContext, apis: readonly RestApi[]): RestApiLookup {
  const apiByAddress = new Map(apis.map((a) => [a.address, a]));
  const apiOf: RestApiOf = (r, attr, sink) => {
    const t = ctx.follow(r, attr, [API], sink);
    return t === undefined ? undefined : apiByAddress.get(t.address);
  };
  return { apiByAddress, apiOf };
}
