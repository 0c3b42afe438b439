// REST API resource policies: aws_api_gateway_rest_api_policy resources, then each REST API's own `policy`
// attribute. Pure.
import { isUnknown, type IamPolicy, type RestApi } from "../../../model";
import type { BuildContext } from "../build-context";
import { policyView, type PolicyOf } from "./policy-of";

export function apiResourcePolicyViews(ctx: BuildContext, policyOf: PolicyOf, apis: readonly RestApi[]): IamPolicy[] {
  const out = ctx.ofType("aws_api_gateway_rest_api_policy").map((p) => policyView(p, "api-resource-policy", policyOf(p, "policy"), []));
  for (const a of apis) {
    const pol = a.resource.values["policy"];
    // A computed (unset) policy shows as Unknown without an expression in plans: nothing configured.
    if (typeof pol === "string" ? pol !== "" : isUnknown(pol) && pol.expression !== undefined)
      out.push(policyView(a.resource, "api-resource-policy", policyOf(a.resource, "policy"), []));
  }
  return out;
}
