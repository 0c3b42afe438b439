// How deep an execute-api:Invoke grant reaches: IAM's `*` also crosses `/`, so `.../GET/reports/*` (the ARN of
// `GET /reports/{id}`) admits `/reports/a/b` and every route added below it later. A grant is exact when a Deny
// on the same role covers each such deeper glob (kernel/match/route.ts says which ones a route template needs).
import { coversArnGlob } from "../../../kernel/match/glob";
import { deeperArnSuffixes, routeArnSuffix, starWidenings } from "../../../kernel/match/route";
import { isUnknown, type IamPolicy, type IamRole, type Model, type Route } from "../../model";
import { iamAccess, invokeDeniesIn, type RoleAccess } from "../../access/iam";
import { splitExecuteApiArn } from "../../access/iam-statements";
import { perModel } from "../../access/per-model";

/** Positions of the items under each key. */
function positionsBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  items.forEach((t, i) => {
    const list = out.get(key(t));
    if (list === undefined) out.set(key(t), [i]);
    else list.push(i);
  });
  return out;
}

/** The items at these positions, in order, each once. */
const inOrder = <T>(items: readonly T[], positions: readonly number[]): T[] => [...new Set(positions)].sort((x, y) => x - y).map((i) => items[i]);

// Built once per model: looking roles and routes up by scanning all of them for every policy and every granted
// resource was quadratic in module instances.
const roleIndex = perModel((model) => positionsBy(iamAccess(model).roles, (r) => `${r.stack}\u0000${r.address}`));
const roleAddressIndex = perModel((model) => positionsBy(model.iamRoles, (r) => r.address));

/** The roles of `stack` whose address is one of `addresses`, in iamAccess's order. */
function rolesHolding(model: Model, stack: string, addresses: readonly string[]): RoleAccess[] {
  const all = iamAccess(model).roles;
  const at = roleIndex(model);
  return inOrder(
    all,
    addresses.flatMap((a) => at.get(`${stack}\u0000${a}`) ?? []),
  );
}

/** The model's roles (every stack) whose address is one of `addresses`, in the model's order. */
export function rolesAt(model: Model, addresses: readonly string[]): IamRole[] {
  const at = roleAddressIndex(model);
  return inOrder(
    model.iamRoles,
    addresses.flatMap((a) => at.get(a) ?? []),
  );
}

/** The routes with a known method and path, by their ARN suffix (routeArnSuffix), in the model's order. */
const routesBySuffix = perModel((model): Map<string, Route[]> => {
  const index = new Map<string, Route[]>();
  for (const r of model.routes) {
    if (typeof r.httpMethod !== "string" || typeof r.path !== "string") continue;
    const k = routeArnSuffix(r.httpMethod, r.path);
    const list = index.get(k);
    if (list === undefined) index.set(k, [r]);
    else list.push(r);
  }
  return index;
});

/**
 * The denied resources that apply wherever `p` applies: on each role holding it, that role's unconditional Denies
 * (guard/access/iam.ts, the one definition the review reads too); a Deny counts only when every such role has it.
 * A policy on no known role is narrowed only by its own.
 */
export function invokeDenies(model: Model, p: IamPolicy): string[] {
  const stack = p.resource.source.stack;
  const roles = rolesHolding(model, stack, p.roleAddresses);
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
  const routes = routesBySuffix(model).get(suffix) ?? [];
  // Of the routes this very pattern stands for, the one needing fewest denies (a proxy route over a param route).
  const needs = routes.map((r) => new Set(deeperArnSuffixes(r.httpMethod as string, r.path as string))).sort((a, b) => a.size - b.size)[0];
  const required = starWidenings(parts.rest).filter(({ at }) => {
    if (at <= stage.length || needs === undefined) return true; // a `*` in the stage, or a resource no route explains
    const s = suffix.length - (parts.rest.length - at);
    return needs.has(`${suffix.slice(0, s)}*/*${suffix.slice(s + 1)}`);
  });
  // The API part as the resource writes it: `${...execution_arn}`, or a literal ARN's whole `arn:...:<id>` (a Deny
  // written as a literal ARN is compared with a literal ARN, never with the bare id).
  const api = resource.slice(0, resource.length - parts.rest.length);
  return required.map(({ glob }) => `${api}${glob}`).filter((g) => !denies.some((d) => coversArnGlob(d, g)));
}
