// HTTP and WebSocket API integrations (aws_apigatewayv2_integration): the integration type a route's target
// names. Pure.
import type { ResourceInstance, Val } from "../../../model";
import { str } from "../../values";
import type { BuildContext } from "../build-context";

const V2_INTEGRATION = "aws_apigatewayv2_integration";

/** The integration type of the route's `target`; undefined when it has none or it cannot be followed. */
export function routeIntegrationType(ctx: BuildContext, r: ResourceInstance): Val<string> | undefined {
  const written = r.values["target"] !== undefined && r.values["target"] !== null;
  const integration = written ? ctx.resolver.resolve(r, "target", [V2_INTEGRATION]) : undefined;
  return integration !== undefined && "ok" in integration ? str(integration.ok.target.values["integration_type"]) : undefined;
}
