// Which Lambda functions decide a route, and which routes a function or user pool decides: the Lambda
// authorizer of a CUSTOM route, the edge verifiers in front of an EDGE route's API. Pure: Model and facts in.
import type { Model, ResourceInstance, Route } from "../../model";
import type { ModelFacts } from "../facts";
import type { RouteAuth } from "../types";
import { edgeVerifiers } from "../../access/origin";
import { resourceAt } from "../../access/reference-identity";

/** `petstore-dev GET /pets`: how a route is named in a change. */
export const routeSubject = (r: RouteAuth): string => `${r.api} ${r.route}`;

/** The model's route a fact row describes (facts rows are built from model.routes in order). */
function routeOfFact(model: Model, facts: ModelFacts, r: RouteAuth): Route | undefined {
  const i = facts.routes.indexOf(r);
  const same = i >= 0 ? model.routes[i] : undefined;
  return same !== undefined && same.address === r.address ? same : model.routes.find((x) => x.address === r.address);
}

/** The functions that decide who passes this route beside API Gateway itself. */
export function decidersOf(model: Model, facts: ModelFacts, r: RouteAuth): ResourceInstance[] {
  const route = routeOfFact(model, facts, r);
  if (route === undefined) return [];
  const stack = route.resource.source.stack;
  if (r.type === "CUSTOM" && route.authorizer?.lambdaFunctionAddress !== undefined) {
    const fn = resourceAt(model, stack, route.authorizer.lambdaFunctionAddress);
    return fn === undefined ? [] : [fn];
  }
  if ((r.type === "EDGE" || r.edge !== undefined) && route.api !== undefined) return edgeVerifiers(model, route.api).functions;
  return [];
}
