// WAF web ACL associations (aws_wafv2_web_acl_association) with a REST API stage, by stage address. Pure.
import type { BuildContext } from "../build-context";

export function wafAssociationsByStage(ctx: BuildContext): ReadonlyMap<string, string[]> {
  const byStage = new Map<string, string[]>();
  for (const w of ctx.ofType("aws_wafv2_web_acl_association")) {
    const st = ctx.target(ctx.resolver.resolve(w, "resource_arn", ["aws_api_gateway_stage"]));
    if (st !== undefined) byStage.set(st.address, [...(byStage.get(st.address) ?? []), w.address]);
  }
  return byStage;
}
