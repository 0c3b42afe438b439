// An OpenAPI body is read route by route; what cannot be read (a body known only after apply, an operation whose
// security names no enforceable scheme) is a finding naming the API or route, never a pass.
import { normalizeRouteKey } from "../../../kernel/match/route";
import { bodyOf, BODY_APIS } from "../../load/openapi-routes";
import type { Route } from "../../model";
import { known, routeFinding } from "../../access/lookups";
import type { Rule, RuleFinding } from "../types";

export const OpenApiBodyVerified: Rule = {
  id: "openapi-body-verified",
  title: "Every route an OpenAPI body declares has a verifiable authorization",
  severity: "high",
  rationale:
    "Routes in an API's OpenAPI `body` are not Terraform resources: they are checked by reading the body's " +
    "per-operation `security` and x-amazon-apigateway schemes. A body known only after apply (templatefile, " +
    "jsonencode of computed values, a computed plan value), a body that does not parse, or an operation whose " +
    "security names an undefined or unenforced scheme or differing alternatives hides routes whose authorization " +
    "nobody has verified. A route declared both by the body and by a method resource is live in whichever version " +
    "was written last (put_rest_api_mode merge) or is deleted by the next body update (overwrite).",
  equivalents: {},
  check(model) {
    const out: RuleFinding[] = [];
    for (const api of model.apis) {
      if (BODY_APIS[api.resource.type] === undefined) continue;
      const read = bodyOf(api.resource);
      if (read === undefined || read.kind === "operations") continue;
      const name = known(api.name) ? api.name : api.address;
      out.push({
        address: api.address,
        ...(known(api.name) ? { api: api.name } : {}),
        detail: "body unread",
        message: `API "${name}": ${read.reason}; the routes its OpenAPI body declares are not verified`,
        file: api.resource.source.file,
      });
    }
    for (const api of model.apis) {
      if (api.resource.type !== "aws_api_gateway_rest_api" || bodyOf(api.resource)?.kind !== "operations") continue;
      const mode = api.resource.values["put_rest_api_mode"];
      if (mode === "merge") continue;
      const beside = model.routes.filter((r) => r.api === api && r.form !== "openapi-operation");
      if (beside.length === 0) continue;
      const list = beside.map((r) => r.routeKey ?? r.address);
      out.push({
        address: api.address,
        ...(known(api.name) ? { api: api.name } : {}),
        message: `API "${known(api.name) ? api.name : api.address}" imports its OpenAPI body with put_rest_api_mode ${typeof mode === "string" ? mode : "overwrite (the default)"}: the ${beside.length} method(s) declared beside it (${list.slice(0, 5).join(", ")}${list.length > 5 ? ", ..." : ""}) are deleted by the next body update, until the next apply recreates them`,
        file: api.resource.source.file,
        severity: "medium",
        detail: `put_rest_api_mode=${typeof mode === "string" ? mode : "overwrite"}`,
      });
    }
    const byKey = new Map<string, Route[]>();
    for (const r of model.routes) {
      if (r.unverified !== undefined)
        out.push(routeFinding(r, `${r.routeKey ?? r.address}: authorization not verified: ${r.unverified}`, { detail: "authorization unverified" }));
      if (r.routeKey === undefined || !known(r.httpMethod) || !known(r.path)) continue;
      const k = `${r.resource.source.stack}\u0000${r.apiAddress ?? ""}\u0000${normalizeRouteKey(r.httpMethod, r.path)}`;
      byKey.set(k, [...(byKey.get(k) ?? []), r]);
    }
    for (const same of byKey.values()) {
      const body = same.filter((r) => r.form === "openapi-operation");
      const other = same.filter((r) => r.form !== "openapi-operation");
      if (body.length === 0 || other.length === 0) continue;
      for (const r of body) {
        out.push(
          routeFinding(
            r,
            `${r.routeKey ?? r.address} is declared both in the OpenAPI body and by ${other.map((o) => o.address).join(", ")}: which one is live depends on which was written last`,
            { severity: "medium", detail: "declared-twice" },
          ),
        );
      }
    }
    return out;
  },
};
