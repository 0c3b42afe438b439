// Route doors: every route of every API form whose integration reaches a target, with who gets through at the
// gateway: anyone (past the endpoint and the resource policy), API key holders, token holders of the trusted
// pools, callers the Lambda authorizer or the edge verifier admits, or the IAM identities (roles, users, groups)
// whose policies grant execute-api:Invoke on it.
import { authorizationType, typeAtGateway, type AuthorizationType } from "../../../kernel/authorization-types";
import { isUnknown, type Model, type Route } from "../../model";
import { apiNameOf, known } from "../lookups";
import { trustedPools } from "../cognito";
import { iamAccess, describeInvoker, type RouteInvokers } from "../iam";
import { coversRoute, grantsInvoke } from "../iam-statements";
import { edgeProtectionGap } from "../origin";
import { callersOf } from "../resource-policy";
import { identities, identityText } from "./identities";
import { textOf } from "./refs";
import { ANYONE, notVerified, type Principal } from "./types";
import { perModel } from "../per-model";

/** The route's type at the gateway, in the one type table's words; UNKNOWN when it cannot be read. */
export function gatewayType(model: Model, route: Route): AuthorizationType | "UNKNOWN" {
  const auth = route.authorization;
  if (isUnknown(auth)) return "UNKNOWN";
  if (auth === "NONE") {
    if (route.api !== undefined && (route.api.protocol ?? "REST") === "REST" && edgeProtectionGap(model, route.api) === undefined) return "EDGE";
    if (isUnknown(route.apiKeyRequired)) return "UNKNOWN";
    return route.apiKeyRequired ? "API_KEY" : "NONE";
  }
  // A value no row has is UNKNOWN; a type with an authorizer is UNKNOWN while the authorizer does not resolve.
  const type = typeAtGateway(auth);
  if (type === undefined) return "UNKNOWN";
  return authorizationType(type).needsAuthorizer && route.authorizer === undefined ? "UNKNOWN" : type;
}

/** The door's label: `petstore-dev GET /pets`. */
export const routeName = (route: Route): string => `${apiNameOf(route) ?? route.apiAddress ?? "(api unknown)"} ${route.routeKey ?? route.address}`;

/** IAM identities other than roles (users, groups) whose statements grant execute-api:Invoke on the route. */
function identityInvokers(model: Model, route: Route): Principal[] {
  const api = route.api;
  if (api === undefined || !known(route.httpMethod) || !known(route.path)) return [];
  const signed = route.connection ?? route;
  const verb = typeof signed.httpMethod === "string" ? signed.httpMethod : "*";
  const path = typeof signed.path === "string" ? signed.path : "";
  return identities(model)
    .filter((i) => i.kind !== "role" && i.stack === route.resource.source.stack)
    .filter(
      (i) =>
        i.unreadable.length > 0 ||
        i.statements.some((s) => grantsInvoke(s) && (s.notResources.length > 0 || s.resources.some((r) => coversRoute(r, api.resource, verb, path)))),
    )
    .map((i) => ({ kind: "iam" as const, text: identityText(i) + (i.unreadable.length > 0 ? ` (not verified: ${i.unreadable.join(", ")})` : "") }));
}

// Built once per model: every AWS_IAM route asks for its invokers.
const invokersByRoute = perModel((model): Map<Route, RouteInvokers[]> => {
  const m = new Map<Route, RouteInvokers[]>();
  for (const x of iamAccess(model).routes) m.set(x.route, [...(m.get(x.route) ?? []), x]);
  return m;
});

/** Who gets through a route at the gateway: by whom the type table says its type admits. */
export function routePrincipals(model: Model, route: Route, type: AuthorizationType | "UNKNOWN"): Principal[] {
  if (type === "UNKNOWN") return [notVerified(route.unverified ?? `authorization ${textOf(route.authorization) ?? "unknown"}`)];
  const admits = authorizationType(type).admits;
  switch (admits) {
    case "anyone":
    case "key-holders": {
      const c = callersOf(model, route);
      const who: Principal[] =
        c.kind === "anyone"
          ? [ANYONE]
          : c.kind === "restricted"
            ? c.classes.map((text) => ({ kind: c.clientCertificate === true ? ("client-certificate" as const) : ("restricted" as const), text }))
            : c.kind === "nobody"
              ? [{ kind: "nobody", text: `nobody (${c.why})` }]
              : [notVerified(c.why)];
      return admits === "key-holders" ? who.map((p) => (p.kind === "nobody" ? p : { kind: "api-key" as const, text: `API key holders (${p.text})` })) : who;
    }
    case "edge":
      return [{ kind: "edge", text: "callers the edge verifier admits" }];
    case "pool-tokens":
    case "issuer-tokens": {
      const pools = route.authorizer === undefined ? [] : trustedPools(model, route.authorizer).map((p) => p.label);
      const scopes = known(route.scopes) && route.scopes.length > 0 ? ` with scope ${route.scopes.join(" or ")}` : "";
      return [{ kind: "token", text: `token holders of ${admits === "issuer-tokens" ? "issuer" : "pool"} ${pools.join(", ") || "(unresolved)"}${scopes}` }];
    }
    case "authorizer":
      return [{ kind: "authorizer", text: `callers Lambda authorizer ${textOf(route.authorizer?.name) ?? "(unresolved)"} admits` }];
    case "iam": {
      const roles = (invokersByRoute(model).get(route) ?? []).flatMap((x) => x.roles.map((r) => ({ kind: "iam" as const, text: describeInvoker(r.role) })));
      return [...roles, ...identityInvokers(model, route)];
    }
  }
}
