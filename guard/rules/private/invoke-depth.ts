// How deep an execute-api:Invoke grant reaches: IAM's `*` also crosses `/`, so `.../GET/reports/*` (the ARN of
// `GET /reports/{id}`) admits `/reports/a/b` and every route added below it later. A grant is exact when a Deny
// on the same role covers each such deeper glob (guard/match/route.ts says which ones a route template needs).
import { coversArnGlob, matchesAction } from "../../match/glob";
import { deeperArnSuffixes, routeArnSuffix, starWidenings } from "../../match/route";
import { isUnknown, type IamPolicy, type Model, type PolicyStatement } from "../../model";
import { policiesOfRole, splitExecuteApiArn } from "./iam";

/** An unconditional Deny of execute-api:Invoke: the only kind that certainly applies to every request. */
const deniesInvoke = (s: PolicyStatement): boolean =>
  s.effect === "Deny" &&
  s.conditions.length === 0 &&
  s.notActions.length === 0 &&
  s.notResources.length === 0 &&
  s.actions.some((a) => typeof a === "string" && matchesAction(a, "execute-api:Invoke"));

const deniedIn = (p: IamPolicy): string[] =>
  isUnknown(p.document) ? [] : p.document.statements.filter(deniesInvoke).flatMap((s) => s.resources.filter((r): r is string => typeof r === "string"));

/**
 * The denied resources that apply wherever `p` applies: its own, and, when it is on exactly one role, those of every
 * policy on that role (a policy shared by several roles is narrowed only by its own Deny).
 */
export function invokeDenies(model: Model, p: IamPolicy): string[] {
  const roles = model.iamRoles.filter((r) => p.roleAddresses.includes(r.address) && r.resource.source.stack === p.resource.source.stack);
  const others = roles.length === 1 ? policiesOfRole(model, roles[0].resource) : [];
  return [...new Set([p, ...others].flatMap(deniedIn))];
}

/**
 * The deeper globs a granted resource admits that no Deny covers; [] when the grant is exact. A resource equal to
 * a route's ARN pattern needs what that route needs (a `{proxy+}` route reaches deeper by design); any other
 * resource needs a Deny at every `*`, the stage's included.
 */
export function uncoveredDeeperGlobs(model: Model, resource: string, denies: readonly string[]): string[] {
  const parts = splitExecuteApiArn(resource);
  if (parts === undefined) return [];
  const m = /^\/([^/]*)\/(.+)$/.exec(parts.rest);
  if (m === null) return [];
  const [, stage, suffix] = m;
  const routes = model.routes.filter((r) => typeof r.httpMethod === "string" && typeof r.path === "string" && routeArnSuffix(r.httpMethod, r.path) === suffix);
  // Of the routes this very pattern stands for, the one needing fewest denies (a proxy route over a param route).
  const needs = routes
    .map((r) => new Set(deeperArnSuffixes(r.httpMethod as string, r.path as string)))
    .sort((a, b) => a.size - b.size)[0];
  const required = starWidenings(parts.rest).filter(({ at }) => {
    if (at <= stage.length || needs === undefined) return true; // a `*` in the stage, or a resource no route explains
    const s = suffix.length - (parts.rest.length - at);
    return needs.has(`${suffix.slice(0, s)}*/*${suffix.slice(s + 1)}`);
  });
  return required.map(({ glob }) => `${parts.api}${glob}`).filter((g) => !denies.some((d) => coversArnGlob(d, g)));
}
