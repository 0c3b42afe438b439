// How deep an execute-api:Invoke grant reaches: IAM's `*` also crosses `/`, so `.../GET/reports/*` (the ARN of
// `GET /reports/{id}`) admits `/reports/a/b` and every route added below it later. A grant is exact when a Deny
// on the same role covers each such deeper glob (guard/match/route.ts says which ones a route template needs).
import { coversArnGlob } from "../../match/glob";
import { deeperArnSuffixes, routeArnSuffix, starWidenings } from "../../match/route";
import { isUnknown, type IamPolicy, type Model } from "../../model";
import { iamAccess, invokeDeniesIn } from "../../access/iam";
import { splitExecuteApiArn } from "../../access/iam-statements";

/**
 * The denied resources that apply wherever `p` applies: on each role holding it, that role's unconditional Denies
 * (guard/access/iam.ts, the one definition the review reads too); a Deny counts only when every such role has it.
 * A policy on no known role is narrowed only by its own.
 */
export function invokeDenies(model: Model, p: IamPolicy): string[] {
  const stack = p.resource.source.stack;
  const roles = iamAccess(model).roles.filter((r) => r.stack === stack && p.roleAddresses.includes(r.address));
  if (roles.length === 0) return isUnknown(p.document) ? [] : invokeDeniesIn(p.document);
  return roles[0].denies.filter((d) => roles.every((r) => r.denies.includes(d)));
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
  const needs = routes.map((r) => new Set(deeperArnSuffixes(r.httpMethod as string, r.path as string))).sort((a, b) => a.size - b.size)[0];
  const required = starWidenings(parts.rest).filter(({ at }) => {
    if (at <= stage.length || needs === undefined) return true; // a `*` in the stage, or a resource no route explains
    const s = suffix.length - (parts.rest.length - at);
    return needs.has(`${suffix.slice(0, s)}*/*${suffix.slice(s + 1)}`);
  });
  return required.map(({ glob }) => `${parts.api}${glob}`).filter((g) => !denies.some((d) => coversArnGlob(d, g)));
}
