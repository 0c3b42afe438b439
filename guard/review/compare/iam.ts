// The review's IAM comparer: per AWS_IAM route, who can obtain credentials that invoke it (iam.ts), base vs
// head; and, per role, permissions handed to Cognito group members and managed policies that cannot be verified.
import { change } from "../change";
import type { Change, RouteAuth } from "../types";
import type { Model, Route } from "../../model";
import { deniedRoute, describeInvoker, iamAccess, type IamAccess, type RoleAccess } from "../../access/iam";
import { lostDenies, showInvokeResource } from "../../access/iam-deny";
import { arnGlobsOverlap, routeArnSuffix } from "../../../kernel/match/route";
import { pairRoutes } from "../route-pairing";
import type { ComparedVersions } from "./comparer";

/** The review's facts of a model route (they are in model order). */
function factOf(model: Model, facts: readonly RouteAuth[], route: Route): RouteAuth | undefined {
  const i = model.routes.indexOf(route);
  const f = facts.length === model.routes.length && i >= 0 ? facts[i] : undefined;
  return f !== undefined && f.address === route.address ? f : undefined;
}

/** `api GET /path` as the review labels the route, else the API's name. */
export function routeSubject(model: Model, facts: readonly RouteAuth[], route: Route): string {
  const f = factOf(model, facts, route);
  if (f !== undefined) return `${f.api} ${f.route}`;
  return `${typeof route.apiName === "string" ? route.apiName : "(API)"} ${route.routeKey ?? route.address}`;
}

const headKey = (r: RouteAuth): string => `${r.apiRef?.stack ?? ""}::${r.apiRef?.address ?? r.api}::${r.address}`;
const pairings = new WeakMap<ComparedVersions, Map<string, string[]>>();

/**
 * The subjects of the base routes a head route stands for, by the review's one pairing (route-pairing.ts): the same
 * route (a renamed path parameter, a relabelled API) or base routes it now covers. Empty for a new route.
 */
export function baseSubjectsOf(versions: ComparedVersions, headRoute: Route): readonly string[] {
  let byHead = pairings.get(versions);
  if (byHead === undefined) {
    const map = new Map<string, string[]>();
    const add = (head: RouteAuth, base: RouteAuth) => map.set(headKey(head), [...(map.get(headKey(head)) ?? []), `${base.api} ${base.route}`]);
    const paired = pairRoutes(versions.baseFacts.routes, versions.headFacts.routes);
    for (const [before, after] of paired.same) add(after, before);
    for (const { before, by } of paired.covered) add(by, before);
    pairings.set(versions, map);
    byHead = map;
  }
  const f = factOf(versions.head, versions.headFacts.routes, headRoute);
  return f === undefined ? [] : (byHead.get(headKey(f)) ?? []);
}

interface Invokers {
  readonly route: Route;
  readonly subject: string;
  readonly addresses: readonly string[];
  /** role name -> its assumer chains */
  readonly byRole: ReadonlyMap<string, RoleAccess>;
}

function invokersByRoute(model: Model, facts: readonly RouteAuth[], access: IamAccess): Map<string, Invokers> {
  const out = new Map<string, Invokers>();
  for (const r of access.routes) {
    const subject = routeSubject(model, facts, r.route);
    out.set(subject, {
      route: r.route,
      subject,
      addresses: [r.route.address, ...r.roles.map((x) => x.role.address)],
      byRole: new Map(r.roles.map((x) => [x.role.key, x.role])),
    });
  }
  return out;
}

const describe = (roles: Iterable<RoleAccess>): string => {
  const list = [...roles].map(describeInvoker);
  return list.length === 0 ? "no IAM principal" : list.join("; ");
};

export function compareIam(versions: ComparedVersions): Change[] {
  const base = iamAccess(versions.base);
  const head = iamAccess(versions.head);
  const out: Change[] = [];

  // Routes that are AWS_IAM on both sides: a new role, or a new principal in a role's trust chain, widens them.
  const before = invokersByRoute(versions.base, versions.baseFacts.routes, base);
  for (const [subject, after] of invokersByRoute(versions.head, versions.headFacts.routes, head)) {
    // The base route it stands for, paired by what it matches (not by its key string).
    const b = baseSubjectsOf(versions, after.route)
      .map((k) => before.get(k))
      .find((x) => x !== undefined);
    if (b === undefined) continue;
    const grown: string[] = [];
    for (const [key, role] of after.byRole) {
      const old = b.byRole.get(key);
      if (old === undefined) grown.push(`role ${role.name} can now invoke it`);
      else {
        const fresh = role.assumers.filter((a) => !old.assumers.some((o) => o.text === a.text)).map((a) => a.text);
        if (fresh.length > 0) grown.push(`role ${role.name} is now also assumable by ${fresh.join("; ")}`);
      }
    }
    if (grown.length === 0) continue;
    out.push(
      change("iam-invokers-widened", subject, `${grown.join("; ")}: ${describe(b.byRole.values())} → ${describe(after.byRole.values())}`, [
        ...after.addresses,
        ...b.addresses,
      ]),
    );
  }

  const roles = new Map(base.roles.map((r) => [r.key, r]));
  for (const role of head.roles) {
    const old = roles.get(role.key);
    if (old !== undefined) out.push(...denyChanges(versions, head, old, role));
    if (role.groups.length > 0) {
      const fresh = role.privileges.filter((p) => !(old?.privileges ?? []).includes(p));
      if (fresh.length > 0) {
        out.push(
          change(
            "group-role-privileged",
            `group role ${role.name}`,
            `members of Cognito group ${role.groups.join(", ")} get credentials of role ${role.name}, which now holds ${fresh.join("; ")}`,
            [role.address],
          ),
        );
      }
    }
    const unverified = role.unverifiedManaged.filter((a) => !(old?.unverifiedManaged ?? []).includes(a));
    if (unverified.length > 0) {
      out.push(
        change(
          "managed-policy-unverified",
          `role ${role.name}`,
          `managed policy ${unverified.join(", ")} attached; not verified (not a policy this review knows): it may grant execute-api:Invoke or more`,
          [role.address],
        ),
      );
    }
  }
  return out;
}

/**
 * A Deny the role had in the base that no head Deny covers, where its Allow still reaches: every request it refused
 * is now allowed. Names the routes it now reaches, or, when none exists yet, the pattern and the routes it lay below
 * (a route added there later is reachable without any grant changing).
 */
function denyChanges(versions: ComparedVersions, head: IamAccess, old: RoleAccess, role: RoleAccess): Change[] {
  const out: Change[] = [];
  const mine = head.routes.filter((r) => r.roles.some((x) => x.role.key === role.key));
  const label = (r: Route) => routeSubject(versions.head, versions.headFacts.routes, r);
  for (const d of lostDenies(old, role)) {
    const shown = showInvokeResource(d);
    const reached = mine.filter((r) => deniedRoute({ ...role, denies: [d] }, r.route)).map((r) => label(r.route));
    const below = mine
      .filter(
        (r) =>
          typeof r.route.httpMethod === "string" &&
          typeof r.route.path === "string" &&
          arnGlobsOverlap(routeArnSuffix(r.route.httpMethod, r.route.path), shown),
      )
      .map((r) => label(r.route));
    const now =
      reached.length > 0
        ? `it can now invoke ${reached.join(", ")}`
        : `no route matches it yet, but every request matching ${shown}${below.length > 0 ? ` (below ${below.join(", ")})` : ""} is now allowed, including any route added there later`;
    out.push(
      change(
        "iam-deny-removed",
        `role ${role.name}`,
        `the explicit Deny of execute-api:Invoke on ${shown} no longer applies to role ${role.name} (removed, narrowed, made conditional, NotResource, or in a policy known only after apply): ${now}; callers: ${describeInvoker(role)}`,
        [role.address, ...role.held.map((h) => h.address)],
      ),
    );
  }
  return out;
}
