// Cognito in the review: the routes a pool's tokens, a client's tokens or a group's membership let callers into
// (by one definition for the new-client and the new-scope cases), and the comparer that blocks when more callers
// pass. The facts (trusted pools, clients, triggers, memberships) are in guard/access/cognito.ts.
import { reviewRow } from "../../../kernel/authorization-types";
import { type Model, type ResourceInstance } from "../../model";
import { asObject, firstBlock } from "../../load/json";
import { change } from "../change";
import type { ModelFacts } from "../facts";
import type { AuthorizerFacts, Change, RouteAuth } from "../types";
import { decidersOf, routeSubject } from "./deciders";
import { parametersReadBy } from "../../access/deciders";
import type { ComparedVersions } from "./comparer";
import { POOL, clientAccess, memberships, poolTriggers, type ClientAccess, type Membership } from "../../access/cognito";
import { referencedResource, sameTarget, sameValue, targetOf, valueOf, type TargetRef, type ValueRef } from "../../access/reference-identity";

/**
 * Labels of the pools the head's authorizer trusts that the base's did not (a pool swap, a decoy with the same
 * name, an added pool). Facts without identities (built by hand) are compared by label.
 */
export function newPools(before: AuthorizerFacts | undefined, after: AuthorizerFacts | undefined): string[] {
  if (before?.pools === undefined || after?.pools === undefined) return (after?.userPools ?? []).filter((p) => !(before?.userPools ?? []).includes(p));
  const b = before.pools;
  return after.pools.filter((p) => !b.some((q) => sameTarget(p, q))).map((p) => p.label);
}
/** Every route whose callers present tokens of this pool: Cognito routes trusting it, and routes decided by a
 * function configured with it (a Lambda authorizer's environment, the edge verifier's SSM parameter). */
function routesOfPool(model: Model, facts: ModelFacts, pool: TargetRef): RouteAuth[] {
  const mentions = (v: ValueRef) => v.refs.some((r) => sameTarget(r, pool));
  const configuredWith = (fn: ResourceInstance): boolean => {
    const env = asObject(asObject(firstBlock(fn.values["environment"]))["variables"]);
    if (Object.values(env).some((x) => mentions(valueOf(model, fn.source.stack, x)))) return true;
    return parametersReadBy(model, fn).some((p) => mentions(valueOf(model, p.source.stack, p.values["value"])));
  };
  return facts.routes.filter((r) => {
    if (r.type === "COGNITO") return (r.authorizer?.pools ?? []).some((p) => sameTarget(p, pool));
    return decidersOf(model, facts, r).some(configuredWith);
  });
}
/**
 * What a route asks of a token of its pool: the scopes (any one suffices) and the client names it accepts (null:
 * every client). COGNITO routes from the method, CUSTOM routes from the authorizer's route table, EDGE routes from
 * the verifier's edge-config.json; undefined when that table or config cannot be read.
 */
function tokenRequirement(r: RouteAuth): { readonly scopes: readonly string[]; readonly clients: readonly string[] | null } | undefined {
  if (r.type === "COGNITO") return { scopes: r.scopes, clients: null };
  if (r.type === "CUSTOM") return r.requirement;
  if (r.type === "EDGE") return r.edge;
  return undefined;
}
/**
 * Routes a client's tokens pass: a scope route if it may request one of the route's scopes through an OAuth flow,
 * a route without scopes if it can sign users in (COGNITO: ID tokens) or get any token (CUSTOM, EDGE), and never a
 * route restricted to other clients; only routes whose callers may present pool tokens (the type table's
 * `poolTokens`). A route whose requirement cannot be read counts as passed (fails closed).
 */
function routesOfClient(model: Model, facts: ModelFacts, c: ClientAccess): RouteAuth[] {
  if (c.pool === undefined) return [];
  const idTokens = c.authFlows.some((f) => f !== "REFRESH_TOKEN_AUTH") || c.oauthFlows.some((f) => f === "code" || f === "implicit");
  const anyToken = idTokens || c.oauthFlows.length > 0;
  const pool = c.pool;
  return routesOfPool(model, facts, pool).filter((r) => {
    if (r.type === "UNKNOWN" || !reviewRow(r.type).poolTokens) return false;
    const req = tokenRequirement(r);
    if (req === undefined) return anyToken;
    if (req.clients !== null && !req.clients.includes(c.client.name ?? c.client.label)) return false;
    if (req.scopes.length > 0) return c.oauthFlows.length > 0 && req.scopes.some((s) => c.scopes.includes(s));
    return r.type === "COGNITO" ? idTokens : anyToken;
  });
}
/** Who passes a route with tokens of `pool`, in reviewer words: `access tokens of pool p with scope s from clients web`. */
function tokenCallers(r: RouteAuth, pool: string, clients: readonly string[]): string {
  const req = tokenRequirement(r);
  const what =
    req === undefined
      ? `tokens of pool ${pool} (the route's requirement cannot be read)`
      : req.scopes.length > 0
        ? `access tokens of pool ${pool} with scope ${req.scopes.join(" or ")}`
        : r.type === "COGNITO"
          ? `any ID token of pool ${pool}`
          : `tokens of pool ${pool}`;
  return `${what} from ${clients.length === 0 ? "no client" : `clients ${clients.join(", ")}`}`;
}
/** Routes a group grants beyond any signed-in user: IAM routes its role may invoke, Lambda-authorizer routes requiring it. */
function routesOfGroup(model: Model, facts: ModelFacts, m: Membership): RouteAuth[] {
  const roleRes = m.groupResource === undefined ? undefined : referencedResource(model, m.groupResource, "role_arn", "aws_iam_role");
  const roleName = roleRes?.values["name"];
  return facts.routes.filter(
    (r) => (typeof roleName === "string" && r.invokers.includes(`role ${roleName}`)) || (r.requirement?.groups.includes(m.group) ?? false),
  );
}
// ---- the review's comparer ----

const names = (routes: readonly RouteAuth[]): string => routes.map(routeSubject).join(", ");
const subjectsOf = (routes: readonly RouteAuth[]): string => [...new Set(routes.map((r) => r.api))].join(", ");

// A widening blocks naming the routes whose callers grow; with no such route it is shown as info.
const grown = (what: string, routes: readonly RouteAuth[]): string => `${what} (${subjectsOf(routes)})`;
const passes = (message: string, routes: readonly RouteAuth[]): string => `${message}: more callers pass ${names(routes)}`;
const withRoutes = (addresses: readonly string[], routes: readonly RouteAuth[]): string[] => [...addresses, ...routes.map((r) => r.address)];
const noRoute = (what: string, message: string, addresses: readonly string[]): Change =>
  change("cognito-change-no-route", what, `${message}; no route accepts these tokens`, addresses);

export function compareCognito(versions: ComparedVersions): Change[] {
  const { base, head, headFacts } = versions;
  const out: Change[] = [];

  // Clients of pools that some route trusts: new clients, new flows, new callback URLs.
  const before = clientAccess(base);
  const after = clientAccess(head);
  for (const a of after) {
    const b = before.find(
      (x) => x.pool !== undefined && a.pool !== undefined && sameTarget(x.pool, a.pool) && (x.address === a.address || x.client.name === a.client.name),
    );
    const routes = routesOfClient(head, headFacts, a);
    const what = `app client ${a.client.label}`;
    if (b === undefined) {
      if (routes.length > 0)
        out.push(
          change(
            "app-client-added",
            `${what} (${subjectsOf(routes)})`,
            `new app client of pool ${a.pool?.label ?? "?"} (flows: ${[...a.oauthFlows, ...a.authFlows].join(", ")}; scopes: ${a.scopes.join(", ") || "none"}): its tokens pass ${names(routes)}`,
            [a.address, ...routes.map((r) => r.address)],
          ),
        );
      continue;
    }
    const flows = [
      ...a.oauthFlows.filter((f) => !b.oauthFlows.includes(f)).map((f) => `OAuth ${f}`),
      ...a.authFlows.filter((f) => !b.authFlows.includes(f)).map((f) => `ALLOW_${f}`),
    ];
    const addresses = [a.address, b.address];
    if (flows.length > 0) {
      const message = `new sign-in flow ${flows.join(", ")}`;
      out.push(
        routes.length === 0
          ? noRoute(what, message, addresses)
          : change("app-client-flow-added", grown(what, routes), passes(message, routes), withRoutes(addresses, routes)),
      );
    }
    // A scope more: the routes that require it (any one of a route's scopes suffices), with who passes them before and after.
    const scopes = a.scopes.filter((s) => !b.scopes.includes(s));
    if (scopes.length > 0) {
      // Routes the client already passed (another of their scopes, or a requirement that cannot be read) do not grow.
      const passed = new Set(routesOfClient(base, versions.baseFacts, b).map(routeSubject));
      const gained = routes.filter((r) => !passed.has(routeSubject(r)) && (tokenRequirement(r)?.scopes.some((s) => scopes.includes(s)) ?? true));
      const message = `client may now request scope ${scopes.join(", ")}`;
      if (gained.length === 0) out.push(change("client-scopes-added-no-route", what, `${message}; no route it did not already pass requires it`, addresses));
      else {
        const pool = a.pool?.label ?? "?";
        const callers = (model: Model, facts: ModelFacts, clients: readonly ClientAccess[], subject: string): string[] =>
          clients
            .filter(
              (c) =>
                c.pool !== undefined && sameTarget(c.pool, a.pool as TargetRef) && routesOfClient(model, facts, c).some((r) => routeSubject(r) === subject),
            )
            .map((c) => c.client.label);
        const words = gained.map((r) => {
          const s = routeSubject(r);
          const old = versions.baseFacts.routes.find((x) => routeSubject(x) === s);
          const was = old === undefined ? "(new route)" : tokenCallers(old, pool, callers(base, versions.baseFacts, before, s));
          return `${r.route}: ${was} → ${tokenCallers(r, pool, callers(head, headFacts, after, s))}`;
        });
        out.push(change("client-scopes-added", grown(what, gained), `${passes(message, gained)}; ${words.join("; ")}`, withRoutes(addresses, gained)));
      }
    }
    const urls = a.callbackUrls.filter((u) => !b.callbackUrls.includes(u));
    if (urls.length > 0) {
      const message = `new callback URL ${urls.join(", ")} (codes and tokens can be sent there)`;
      out.push(
        routes.length === 0
          ? noRoute(what, message, addresses)
          : change("app-client-callback-added", grown(what, routes), passes(message, routes), withRoutes(addresses, routes)),
      );
    }
  }

  // Triggers of every pool some route trusts: added or pointed elsewhere.
  for (const p of head.userPools) {
    const pool = targetOf(head, p.resource);
    const bp = base.userPools.find((x) => sameTarget(targetOf(base, x.resource), pool));
    const bt = bp === undefined ? new Map<string, ValueRef>() : poolTriggers(base, bp.resource);
    const changed = [...poolTriggers(head, p.resource)].filter(([k, v]) => {
      const old = bt.get(k);
      return old === undefined || !sameValue(old, v);
    });
    if (changed.length === 0) continue;
    const routes = routesOfPool(head, headFacts, pool);
    const message = `Lambda trigger ${changed.map(([k, v]) => `${k} = ${v.display}`).join(", ")} ${bp === undefined ? "on a new pool" : "added or changed"} (a trigger can add groups and scopes to every token)`;
    const what = `user pool ${pool.label}`;
    out.push(
      routes.length === 0
        ? noRoute(what, message, [p.address])
        : change("pool-trigger-changed", grown(what, routes), passes(message, routes), withRoutes([p.address], routes)),
    );
  }

  // Users and memberships created in Terraform.
  const oldMembers = memberships(base);
  for (const m of memberships(head)) {
    const known = oldMembers.some(
      (o) => o.group === m.group && o.username === m.username && o.pool !== undefined && m.pool !== undefined && sameTarget(o.pool, m.pool),
    );
    if (known) continue;
    const routes = routesOfGroup(head, headFacts, m);
    const what = `user ${m.username} in group ${m.group}`;
    const message = `user ${m.username} added to group ${m.group}${m.pool !== undefined ? ` of pool ${m.pool.label}` : ""}`;
    out.push(
      routes.length === 0
        ? noRoute(what, message, [m.address])
        : change("user-added-to-group", grown(what, routes), passes(message, routes), withRoutes([m.address], routes)),
    );
  }
  const users = (model: Model) => model.resources.filter((r) => r.type === "aws_cognito_user" && r.mode === "managed");
  for (const u of users(head)) {
    const pool = referencedResource(head, u, "user_pool_id", POOL);
    const ref = pool === undefined ? undefined : targetOf(head, pool);
    const name = String(u.values["username"] ?? u.address);
    const old = users(base).some(
      (o) =>
        String(o.values["username"] ?? o.address) === name &&
        (() => {
          const op = referencedResource(base, o, "user_pool_id", POOL);
          return op !== undefined && ref !== undefined && sameTarget(targetOf(base, op), ref);
        })(),
    );
    if (old) continue;
    // A signed-in user passes every route of the pool that requires no group.
    const routes = ref === undefined ? [] : routesOfPool(head, headFacts, ref).filter((r) => (r.requirement?.groups.length ?? 0) === 0 && r.type !== "AWS_IAM");
    const what = `user ${name}`;
    const message = `user ${name} created in Terraform in pool ${ref?.label ?? "(unresolved)"} (its password is in the state)`;
    out.push(
      routes.length === 0
        ? noRoute(what, message, [u.address])
        : change("user-created", grown(what, routes), passes(message, routes), withRoutes([u.address], routes)),
    );
  }
  return out;
}
