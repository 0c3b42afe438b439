// Which Lambda functions decide a route, and which routes a function or user pool decides: the Lambda
// authorizer of a CUSTOM route, the edge verifiers in front of an EDGE route's API. Pure: Model and facts in.
import { isUnknown, type Model, type ResourceInstance, type Route } from "../model";
import type { ModelFacts } from "../review/facts";
import type { RouteAuth } from "../review/types";
import { edgeVerifiers } from "./origin";
import { resourceAt } from "./targets";

/** `petstore-dev GET /pets`: how a route is named in a change. */
export const routeSubject = (r: RouteAuth): string => `${r.api} ${r.route}`;

/** The model's route a fact row describes (facts rows are built from model.routes in order). */
export function routeOfFact(model: Model, facts: ModelFacts, r: RouteAuth): Route | undefined {
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

/** The SSM parameters a function's execution role may read: the edge verifier's runtime configuration. */
export function parametersReadBy(model: Model, fn: ResourceInstance): ResourceInstance[] {
  const stack = fn.source.stack;
  const roleText = fn.values["role"];
  const role = /aws_iam_role\.([\w-]+)\./.exec(isUnknown(roleText) ? (roleText.expression ?? "") : String(roleText ?? ""))?.[1];
  if (role === undefined) return [];
  const roleAddress = `aws_iam_role.${role}`;
  const out = new Map<string, ResourceInstance>();
  for (const p of model.iamPolicies) {
    if (p.resource.source.stack !== stack || !p.roleAddresses.includes(roleAddress)) continue;
    const text = JSON.stringify(p.resource.values["policy"] ?? p.resource.values["inline_policy"] ?? "");
    if (!text.includes("ssm:")) continue;
    for (const m of text.matchAll(/aws_ssm_parameter\.([\w-]+)\./g)) {
      const param = resourceAt(model, stack, `aws_ssm_parameter.${m[1]}`);
      if (param !== undefined) out.set(param.address, param);
    }
  }
  return [...out.values()];
}
