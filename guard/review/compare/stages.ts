// The review's stage comparer: a stage the base did not serve (explicit, or implicit through a deployment's
// stage_name) without WAF, logging or throttling is a way around them for every route of its API; an authorizer
// permission that any API Gateway may use is one around the authorizer. Facts in stages.ts.
import { change } from "../change";
import type { Change } from "../types";
import type { ComparedVersions } from "./comparer";
import { authorizerPermissionGaps, stageExposures, type StageExposure } from "../../access/stages";

const routeList = (s: StageExposure): string => (s.routes.length === 0 ? "no routes yet" : s.routes.join(", "));

function newStage(s: StageExposure): Change[] {
  const subject = `stage ${s.key}${s.implicit ? " (created by a deployment's stage_name)" : ""}`;
  const out: Change[] = [];
  if (!s.waf) {
    out.push(
      change("stage-added-without-waf", subject, `new stage without a web ACL: ${routeList(s)} can be called there around the WAF of the other stages`, [
        s.address,
      ]),
    );
  }
  const missing = [...(s.accessLogging ? [] : ["access logs"]), ...(s.executionLogging ? [] : ["execution logging"])];
  if (missing.length > 0)
    out.push(
      change("stage-added-without-logging", subject, `new stage without ${missing.join(" or ")}: calls to ${routeList(s)} there leave no trace`, [s.address]),
    );
  if (!s.limits) {
    out.push(
      change(
        "stage-added-without-limits",
        subject,
        `new stage without throttling (no usage plan throttle, no */* method settings limits): ${routeList(s)} unthrottled there`,
        [s.address],
      ),
    );
  }
  return out;
}

export function compareStages(versions: ComparedVersions): Change[] {
  const before = stageExposures(versions.base);
  const out = stageExposures(versions.head)
    .filter((s) => !before.some((b) => b.key === s.key || (b.address === s.address && b.implicit === s.implicit)))
    .flatMap(newStage);

  const old = new Set(authorizerPermissionGaps(versions.base).map((g) => `${g.address}\u0000${g.message}`));
  const gaps = authorizerPermissionGaps(versions.head);
  out.push(...scopedPermissionChanges(versions, new Set(gaps.map((g) => g.address))));
  for (const g of gaps) {
    if (g.kind !== "unscoped" || old.has(`${g.address}\u0000${g.message}`)) continue;
    const a = g.authorizer;
    const routes = versions.head.routes
      .filter((r) => r.authorizerAddress === a.address && r.resource.source.stack === a.resource.source.stack)
      .map((r) => r.routeKey ?? r.address)
      .sort();
    out.push(
      change(
        "authorizer-permission-unscoped",
        `authorizer ${typeof a.name === "string" ? a.name : a.address}`,
        `${g.message}; it decides ${routes.length > 0 ? routes.join(", ") : "no route yet"}`,
        [g.address, a.address],
      ),
    );
  }
  return out;
}

/**
 * A Lambda authorizer's invoke permission whose scope changed and that still names its API: judged here, and said
 * (info), so that the attribute walk does not judge its source_arn again as an unmodelled change.
 */
function scopedPermissionChanges(versions: ComparedVersions, unscoped: ReadonlySet<string>): Change[] {
  const deciders = new Set(versions.head.authorizers.map((a) => `${a.resource.source.stack}::${a.lambdaFunctionAddress ?? ""}`));
  const key = (p: { resource: { source: { stack: string } }; address: string }) => `${p.resource.source.stack}::${p.address}`;
  const before = new Map(versions.base.lambdaPermissions.map((p) => [key(p), p]));
  return versions.head.lambdaPermissions
    .filter((p) => deciders.has(`${p.resource.source.stack}::${p.functionAddress ?? ""}`) && !unscoped.has(p.address))
    .filter((p) => {
      const b = before.get(key(p));
      return b !== undefined && JSON.stringify(b.sourceArn) !== JSON.stringify(p.sourceArn);
    })
    .map((p) =>
      change("authorizer-permission-scoped", p.address, "an authorizer's invoke permission changed its source_arn and still names its API", [p.address]),
    );
}
