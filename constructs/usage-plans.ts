// Usage plans, API keys and their membership. Keys meter and throttle; they never authenticate.
import { Construct } from "constructs";
import { ApiGatewayUsagePlan } from "@cdktf/provider-aws/lib/api-gateway-usage-plan";
import { ApiGatewayApiKey } from "@cdktf/provider-aws/lib/api-gateway-api-key";
import { ApiGatewayUsagePlanKey } from "@cdktf/provider-aws/lib/api-gateway-usage-plan-key";
import type { AccessSpec } from "../access-spec/types";
import { terraformId } from "./private/names";
import { parseRouteKey } from "../kernel/match/route";

export interface UsagePlansProps {
  readonly spec: AccessSpec;
  readonly restApiId: string;
  readonly stageName: string;
}

export class UsagePlans extends Construct {
  /** Key name -> API key id. */
  public readonly apiKeyIds: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: UsagePlansProps) {
    super(scope, id);
    const { spec } = props;
    const keys = new Map<string, ApiGatewayApiKey>();
    for (const plan of spec.usagePlans) {
      const throttles = Object.entries(plan.methodThrottles ?? {}).map(([route, t]) => {
        // Usage plan method throttles are keyed `<resource path>/<METHOD>`; the spec validated the route key.
        const { method, path } = parseRouteKey(route) ?? { method: "", path: route };
        return { path: `${path}/${method}`, rateLimit: t.rateLimit, burstLimit: t.burstLimit };
      });
      const usagePlan = new ApiGatewayUsagePlan(this, `plan-${terraformId(plan.name)}`, {
        name: `${spec.name}-${spec.environment}-${plan.name}`,
        apiStages: [{ apiId: props.restApiId, stage: props.stageName, throttle: throttles.length > 0 ? throttles : undefined }],
        throttleSettings: { rateLimit: plan.throttle.rateLimit, burstLimit: plan.throttle.burstLimit },
        quotaSettings: { limit: plan.quota.limit, period: plan.quota.period, offset: plan.quota.offset },
        tags: spec.tags,
      });
      for (const keyName of plan.keys) {
        let key = keys.get(keyName);
        if (key === undefined) {
          key = new ApiGatewayApiKey(this, `key-${terraformId(keyName)}`, {
            name: `${spec.name}-${spec.environment}-${keyName}`,
            enabled: true,
            tags: spec.tags,
          });
          keys.set(keyName, key);
        }
        new ApiGatewayUsagePlanKey(this, `plan-key-${terraformId(plan.name)}-${terraformId(keyName)}`, {
          keyId: key.id,
          keyType: "API_KEY",
          usagePlanId: usagePlan.id,
        });
      }
    }
    this.apiKeyIds = Object.fromEntries([...keys].map(([name, key]) => [name, key.id]));
  }
}
