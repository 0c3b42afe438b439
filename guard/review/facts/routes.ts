// Each route's effective authorization: type, authorizer, scopes, invokers, the Lambda route table's and the edge
// verifier's requirement, and a one-line summary for reviewers. Pure: a Model in, plain data out.
import { authorizationType, typeAtGateway } from "../../../kernel/authorization-types";
import { isUnknown, type Model, type RestApi, type Route, stackOf } from "../../model";
import { trustedPools } from "../../access/cognito";
import { resourceAt, valueOf } from "../../access/reference-identity";
import { edgeRequirementOf, type EdgeRequirement } from "../../access/edge-config";
import { edgeProtectionGap } from "../../access/origin";
import { deniedRoute, iamAccess } from "../../access/iam";
import { callersOf, callersText } from "../../access/resource-policy";
import { coversArnGlob } from "../../../kernel/match/glob";
import { tableKey, type LambdaRequirement, type RouteTables } from "../route-tables";
import type { AuthorizerFacts, EffectiveType, RouteAuth } from "../types";
import { apiLabeller, valueText } from "./labels";
import { type Grant, methodTargets } from "./grants";

// ---- routes ----

function authorizerFacts(model: Model, route: Route): AuthorizerFacts | undefined {
  const a = route.authorizer;
  if (a === undefined) return undefined;
  const stack = stackOf(route);
  // By resource identity: a decoy pool with the same name is another pool (labelled with its address).
  const pools = trustedPools(model, a);
  let fn: string | undefined;
  if (a.lambdaFunctionAddress !== undefined) {
    const f = resourceAt(model, stack, a.lambdaFunctionAddress);
    const name = f?.values["function_name"];
    fn = typeof name === "string" ? name : a.lambdaFunctionAddress;
  } else if (a.authorizerUri !== undefined && valueText(a.authorizerUri) !== "") fn = valueText(a.authorizerUri);
  return {
    name: valueText(a.name),
    type: typeof a.type === "string" && a.type !== "" ? a.type : isUnknown(a.type) ? valueText(a.type) : "TOKEN",
    identitySource: valueText(a.identitySource),
    ...(fn !== undefined ? { function: fn } : {}),
    userPools: [...new Set(pools.map((p) => p.label))].sort(),
    ...(pools.length > 0 ? { pools } : {}),
    ...(a.type === "JWT" ? { audience: jwtAudienceFacts(model, a) } : {}),
  };
}

/** A JWT authorizer's audience, references as what they point at (`orders-web.id`), sorted. */
function jwtAudienceFacts(model: Model, a: NonNullable<Route["authorizer"]>): string[] {
  const audience = a.jwtAudience;
  if (audience === undefined) return [];
  const list = isUnknown(audience) ? [audience] : audience;
  return [...new Set(list.map((x) => valueOf(model, a.resource.source.stack, x).display))].sort();
}

function effectiveType(route: Route, originProtected: boolean, edge: EdgeRequirement | undefined): { type: EffectiveType; reason?: string } {
  const auth = route.authorization;
  if (isUnknown(auth)) return { type: "UNKNOWN", reason: route.unverified ?? `authorization is ${valueText(auth)}` };
  if (auth === "NONE") {
    const key = route.apiKeyRequired;
    // Behind the edge, unless the verifier's own config passes this route on: then nothing authenticates it.
    if (originProtected && edge?.mode !== "gateway") return { type: "EDGE" };
    if (isUnknown(key)) return { type: "UNKNOWN", reason: `api_key_required is ${valueText(key)}` };
    return { type: key ? "API_KEY" : "NONE" };
  }
  // Every other value is the type table's (an HTTP API's JWT authorizer reads as COGNITO: any token of its issuer for
  // its audience, with scopes any one of them); a type with an authorizer is UNKNOWN while the authorizer does not resolve.
  const type = typeAtGateway(auth);
  if (type === undefined) return { type: "UNKNOWN", reason: `authorization "${auth}" is not one API Gateway knows` };
  const row = authorizationType(type);
  if (row.needsAuthorizer && route.authorizer === undefined) return { type: "UNKNOWN", reason: `its ${row.authorizerWord ?? type} authorizer did not resolve` };
  return { type: row.reviewWord };
}

/** The one-line summary of a route's authorization (also the audit's, after it drops what it cannot read). */
export function summarize(r: Omit<RouteAuth, "summary">): string {
  const key = r.apiKeyRequired === true ? " + API key" : r.apiKeyRequired === "unknown" ? " + API key (unknown)" : "";
  switch (r.type) {
    case "NONE":
      return r.edge?.mode === "gateway" ? "NONE (public; the edge verifier passes it on)" : "NONE (public)";
    case "API_KEY":
      return r.edge?.mode === "gateway" ? "API key only (the edge verifier passes it on)" : "API key only";
    case "EDGE": {
      const e = r.edge;
      const parts =
        e === undefined
          ? []
          : [e.scopes.length > 0 ? `scopes: ${e.scopes.join(", ")}` : "any valid token", ...(e.clients !== null ? [`clients: ${e.clients.join(", ")}`] : [])];
      return `EDGE (CloudFront only${parts.length > 0 ? `; ${parts.join("; ")}` : ""})${key}`;
    }
    case "COGNITO": {
      const jwt = r.authorizer?.type === "JWT";
      const scopes = r.scopes.length > 0 ? `scopes: ${r.scopes.join(", ")}` : jwt ? "any token of the issuer for the audience, no scope" : "ID token, no scope";
      if (jwt) return `JWT (issuer ${r.authorizer?.userPools.join(", ") ?? "?"}; audience ${r.authorizer?.audience?.join(", ") ?? "?"}; ${scopes})${key}`;
      return `COGNITO (${scopes})${key}`;
    }
    case "CUSTOM": {
      const req = r.requirement;
      const parts =
        req === undefined
          ? []
          : [
              ...(req.groups.length > 0 ? [`groups: ${req.groups.join(", ")}`] : []),
              ...(req.scopes.length > 0 ? [`scopes: ${req.scopes.join(", ")}`] : []),
              `token: ${req.tokenUse}`,
              ...(req.clients !== null ? [`clients: ${req.clients.join(", ")}`] : []),
            ];
      // Without the route table, the function at least says which authorizer code decides.
      const fn = r.authorizer?.function !== undefined ? ` → ${r.authorizer.function}` : "";
      return `CUSTOM (${r.authorizer?.name ?? "?"}${parts.length > 0 ? `; ${parts.join("; ")}` : fn})${key}`;
    }
    case "AWS_IAM":
      return `AWS_IAM (${r.invokers.length > 0 ? r.invokers.join(", ") : "no invoker"})${key}`;
    case "UNKNOWN":
      return `UNKNOWN (${r.unknownReason ?? "not determinable"})`;
  }
}

/** The requirement a Lambda authorizer's route table holds for this route (exact method first, then ANY). */
function requirementOf(tables: RouteTables, stack: string, fn: string | undefined, route: Route): LambdaRequirement | undefined {
  if (fn === undefined || typeof route.path !== "string") return undefined;
  const table = tables.get(tableKey(stack, fn));
  return table?.get(`${valueText(route.httpMethod)} ${route.path}`) ?? table?.get(`ANY ${route.path}`);
}

/** The edge verifier's requirement for a route behind the edge, or why it is not known. */
function edgeFactsOf(model: Model, route: Route): { edge?: EdgeRequirement; edgeUnknown?: string } {
  if (route.api === undefined || typeof route.httpMethod !== "string" || typeof route.path !== "string") {
    return { edgeUnknown: "the route's method or path is known only after apply" };
  }
  const got = edgeRequirementOf(model, route.api, route.httpMethod, route.path);
  if ("requirement" in got) return { edge: got.requirement };
  return { edgeUnknown: "problem" in got ? got.problem : `the edge verifier's edge-config.json is not available for ${got.unknown}` };
}

export function routeFacts(
  model: Model,
  label: ReturnType<typeof apiLabeller>,
  targetLabel: ReturnType<typeof apiLabeller>,
  grants: readonly Grant[],
  tables: RouteTables,
): RouteAuth[] {
  const byApi = new Map<RestApi, boolean>();
  const edgeProtected = (route: Route): boolean => {
    const api = route.api;
    if (api === undefined) return false;
    let hit = byApi.get(api);
    if (hit === undefined) {
      hit = edgeProtectionGap(model, api) === undefined;
      byApi.set(api, hit);
    }
    return hit;
  };
  return model.routes.map((route) => {
    const stack = stackOf(route);
    const api = label(stack, route.apiAddress, route.apiName);
    // EDGE needs every stage of the API to admit only CloudFront (one open stage is a way around the edge) and
    // the verifier in front of it: the same test the policy rules apply to an intended EDGE route. What the
    // verifier then requires (mode, scopes, clients) is in its bundled edge-config.json.
    const behindEdge = route.authorization === "NONE" && edgeProtected(route);
    const edgeFacts = behindEdge ? edgeFactsOf(model, route) : {};
    const { type, reason } = effectiveType(route, behindEdge, edgeFacts.edge);
    // A WebSocket route runs on its connection: its invokers are those who may open it ($connect's ARN).
    const signed = route.connection ?? route;
    const targets = methodTargets(model, signed, targetLabel(stack, route.apiAddress, route.apiName));
    // A role an unconditional explicit Deny refuses the route (guard/access/iam.ts) is no invoker, whatever it is granted.
    const denied = (principal: string) => iamAccess(model).roles.some((r) => r.stack === stack && `role ${r.name}` === principal && deniedRoute(r, signed));
    const invokers =
      type === "AWS_IAM"
        ? grants.filter((g) => g.patterns.some((p) => targets.some((t) => coversArnGlob(p, t))) && !denied(g.principal)).map((g) => g.principal)
        : [];
    const scopes = isUnknown(route.scopes) ? [valueText(route.scopes)] : [...route.scopes].sort();
    const authorizer = authorizerFacts(model, route);
    const requirement = type === "CUSTOM" ? requirementOf(tables, stack, authorizer?.function, route) : undefined;
    const base = {
      api,
      apiRef: { stack, address: route.apiAddress ?? `(unresolved API of ${route.address})`, name: typeof route.apiName === "string" ? route.apiName : "" },
      route: route.routeKey ?? route.address,
      address: route.address,
      type,
      scopes,
      apiKeyRequired: isUnknown(route.apiKeyRequired) ? ("unknown" as const) : route.apiKeyRequired,
      ...(authorizer !== undefined ? { authorizer } : {}),
      invokers,
      ...(requirement !== undefined ? { requirement } : {}),
      ...edgeFacts,
      ...(reason !== undefined ? { unknownReason: reason } : {}),
    };
    // An open REST method's callers past its endpoint and resource policy: "NONE (callers through VPC endpoint vpce-1 ...)".
    const callers = type === "NONE" ? callersOf(model, route) : undefined;
    const summary =
      callers?.kind === "restricted" || callers?.kind === "nobody"
        ? `NONE (${callersText(callers)}${base.apiKeyRequired === true ? " + API key" : ""})`
        : summarize(base);
    return { ...base, summary };
  });
}
