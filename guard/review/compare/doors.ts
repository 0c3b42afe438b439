// The review's comparer of the effective-access graph (guard/access/doors.ts), per protected target: a door the
// base did not have, a door more principals get through, a new route to the same backend weaker than every route
// the base had to it, and a door that cannot be read block, naming the target, the door and who gets through.
import { AUTHORIZATION_TYPES, authorizationType, type AuthorizationType } from "../../../kernel/authorization-types";
import { doorsOf, notVerifiedNote, principalKey, unreached, whoText, type Door, type Principal, type TargetDoors } from "../../access/doors";
import type { Model } from "../../model";
import { change } from "../change";
import type { Change, TargetReachRow } from "../types";
import type { ComparedVersions } from "./comparer";

const RANK: Readonly<Record<string, number>> = Object.fromEntries(AUTHORIZATION_TYPES.map((row) => [row.type, row.rank]));
/** The one type table's strength; UNKNOWN is weaker than everything (fails closed). */
export const doorRank = (t: AuthorizationType | "UNKNOWN" | undefined): number => (t === undefined || t === "UNKNOWN" ? -1 : (RANK[t] ?? -1));

const scopeText = (s: readonly string[] | "unknown" | undefined): string =>
  s === "unknown" ? "scopes known only after apply" : s === undefined || s.length === 0 ? "no scopes" : `scope ${s.join(" or ")}`;

/**
 * Why a new route door admits callers no route the target already had admits, or undefined. Weaker than every
 * neighbour in the type table's rank; or, beside neighbours of its own scoped type (COGNITO, JWT), tokens they did not
 * admit: API Gateway admits a token holding ANY listed scope, so a new route is within its neighbours when each of its
 * scopes is one a neighbour of its type accepts (a superset of one neighbour's list is fine while the union covers it);
 * no scopes (COGNITO: ID tokens) is weaker than scopes, unless a neighbour of its type takes no scopes either.
 * Scopes that cannot be read are weaker (fails closed).
 */
function weakerThanNeighbours(d: Door, neighbours: readonly Door[]): string | undefined {
  if (neighbours.length === 0) return undefined;
  const names = neighbours.map((r) => r.label).join(", ");
  if (doorRank(d.type) < Math.min(...neighbours.map((r) => doorRank(r.type)))) return `is weaker than every route the base had to it (${names})`;
  const same = neighbours.filter((r) => r.type === d.type && r.scopes !== undefined);
  if (same.length === 0 || d.scopes === undefined) return undefined;
  const readable = same.flatMap((r) => (r.scopes === undefined || r.scopes === "unknown" ? [] : [r.scopes]));
  if (readable.some((s) => s.length === 0)) return undefined;
  const peers = `the ${d.type} routes the base had to it: ${same.map((r) => `${r.label} with ${scopeText(r.scopes)}`).join(", ")}`;
  if (d.scopes === "unknown") return `has ${scopeText(d.scopes)}: not verified that it admits only tokens ${peers} admitted`;
  const anyToken =
    d.type !== undefined && d.type !== "UNKNOWN" && authorizationType(d.type).admits === "pool-tokens" ? "any ID token of the pool" : "any token of the issuer";
  if (d.scopes.length === 0) return `requires no scope (${anyToken}), unlike ${peers}`;
  const accepted = new Set(readable.flat());
  const extra = d.scopes.filter((s) => !accepted.has(s));
  return extra.length === 0 ? undefined : `admits tokens with scope ${extra.join(" or ")}, which none of ${peers} admits`;
}

const ENTRANCES = new Set<Door["kind"]>(["distribution", "custom-domain", "execute-api-endpoint", "vpc-endpoint"]);
const subjectOf = (t: TargetDoors): string =>
  `${unreached(t) ? "function" : t.target.kind === "lambda" ? "backend" : t.target.kind === "http" ? "HTTP backend" : "target"} \`${t.target.label}\``;
const door = (d: Door): string => `door ${d.label}`;

/** Principals a route door newly admits that no other comparer judges: IAM users and groups. */
const identityPrincipal = (p: Principal): boolean => p.kind === "iam" && /^IAM (user|group) /.test(p.text);

function compareTarget(t: TargetDoors, before: TargetDoors | undefined, baseEntrances: ReadonlySet<string>): Change[] {
  const out: Change[] = [];
  const subject = subjectOf(t);
  const old = new Map((before?.doors ?? []).map((d) => [d.id, d]));
  const baseRoutes = (before?.doors ?? []).filter((d) => d.kind === "route");
  for (const d of t.doors) {
    const was = old.get(d.id);
    const addresses = d.addresses;
    const unread = d.notVerified !== undefined && was?.notVerified !== d.notVerified;
    // A route's own authorization (unknown included) is the route comparer's; here a new route is only compared with
    // the routes the target already had, and an existing one only for IAM users and groups it newly admits. A route
    // whose integration cannot be linked (the target is not verified) is a door of its own: added or unread.
    if (d.kind === "route" && (was === undefined || d.type === "UNKNOWN") && t.target.notVerified === undefined) {
      const weaker = was === undefined && d.type !== "UNKNOWN" ? weakerThanNeighbours(d, baseRoutes) : undefined;
      if (weaker !== undefined) out.push(change("door-weaker-route", subject, `new ${door(d)} ${weaker}: ${whoText(d.principals)}`, addresses));
      continue;
    }
    if (was === undefined) {
      if (ENTRANCES.has(d.kind) && baseEntrances.has(d.id) && !unread) continue;
      const note = notVerifiedNote(d);
      out.push(change("door-added", subject, `new ${door(d)}: ${whoText(d.principals)}${note}`, addresses));
      continue;
    }
    if (unread) {
      out.push(change("door-not-verified", subject, `${door(d)} cannot be read any more: ${d.notVerified ?? ""}; who gets through is not verified`, addresses));
      continue;
    }
    const known = new Set(was.principals.map(principalKey));
    const gained = d.principals.filter((p) => !known.has(principalKey(p)));
    const judged =
      d.kind === "route"
        ? gained.filter(identityPrincipal)
        : d.kind === "distribution"
          ? gained.filter((p) => p.kind === "anyone")
          : d.kind !== "vpc-endpoint" && ENTRANCES.has(d.kind)
            ? []
            : gained;
    if (judged.length > 0)
      out.push(change("door-widened", subject, `${door(d)} now lets in ${whoText(judged)} (before: ${whoText(was.principals)})`, addresses));
  }
  return out;
}

export function compareDoors(versions: ComparedVersions): Change[] {
  const base = doorsOf(versions.base);
  const head = doorsOf(versions.head);
  const byKey = new Map(base.map((t) => [t.target.key, t]));
  const baseEntrances = new Set(base.flatMap((t) => t.doors.filter((d) => ENTRANCES.has(d.kind)).map((d) => d.id)));
  return head.flatMap((t) => compareTarget(t, byKey.get(t.target.key), baseEntrances));
}

/** Who could reach one target through its doors, in one line: routes counted by type, every other door with who gets through. */
function reachText(t: TargetDoors | undefined): string {
  if (t === undefined || t.doors.length === 0) return "—";
  const routes = t.doors.filter((d) => d.kind === "route");
  const byType = new Map<string, number>();
  for (const d of routes) byType.set(d.type ?? "UNKNOWN", (byType.get(d.type ?? "UNKNOWN") ?? 0) + 1);
  const parts = routes.length === 0 ? [] : [`${routes.length} route${routes.length === 1 ? "" : "s"} (${[...byType].map(([k, n]) => `${n} ${k}`).join(", ")})`];
  for (const d of t.doors) {
    if (d.kind === "route") continue;
    // An entrance admits whoever its API's routes admit: named alone, unless it lets anyone past them.
    const open = d.principals.filter((p) => p.kind === "anyone");
    parts.push(
      ENTRANCES.has(d.kind) && d.kind !== "vpc-endpoint" ? `${d.label}${open.length > 0 ? `: ${whoText(open)}` : ""}` : `${d.label}: ${whoText(d.principals)}`,
    );
  }
  return parts.join("; ");
}

/** Per target of either side: who could reach it before and after (the review's summary). */
export function targetReach(base: Model, head: Model): TargetReachRow[] {
  const rows = new Map<string, { target: string; before?: TargetDoors; after?: TargetDoors }>();
  for (const t of doorsOf(base)) rows.set(t.target.key, { target: subjectOf(t), before: t });
  for (const t of doorsOf(head)) rows.set(t.target.key, { ...rows.get(t.target.key), target: subjectOf(t), after: t });
  return [...rows.values()].map((r) => {
    const before = reachText(r.before);
    const after = reachText(r.after);
    return { target: r.target, before, after, changed: before !== after };
  });
}
