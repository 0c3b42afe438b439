// The authorizer links authorizer-exists reports on their route (with the reason and the candidates), so
// unresolved-reference does not report the same cause a second time for the same route.
import { authorizationType, typeAtGateway } from "../../../kernel/authorization-types";
import type { Model, Route, UnresolvedRef } from "../../model";

/** The authorizations whose route must name an authorizer (REST and HTTP API forms): the type table says which. */
export function needsAuthorizer(r: Route): boolean {
  const type = typeof r.authorization === "string" ? typeAtGateway(r.authorization) : undefined;
  return type !== undefined && authorizationType(type).needsAuthorizer;
}

/** Why a route that needs an authorizer has none, as the loader recorded it (the same objects as `model.unresolved`). */
export const authorizerProblem = (r: Route): UnresolvedRef | undefined => r.unresolved.find((u) => u.attribute === "authorizer_id");

/** The unresolved `authorizer_id` references that authorizer-exists reports on their routes. */
export function reportedOnRoutes(model: Model): ReadonlySet<UnresolvedRef> {
  const out = new Set<UnresolvedRef>();
  for (const r of model.routes) {
    if (!needsAuthorizer(r) || r.authorizer !== undefined) continue;
    for (const u of r.unresolved) if (u.attribute === "authorizer_id") out.add(u);
  }
  return out;
}
