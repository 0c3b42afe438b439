// The review's comparer of the effective-access graph (guard/access/doors.ts), per protected target: a door the
// base did not have, a door more principals get through, a new route to the same backend weaker than every route
// the base had to it, and a door that cannot be read block, naming the target, the door and who gets through.
import { AUTHORIZATION_TYPES, type AuthorizationType } from "../../../kernel/authorization-types";
import { doorsOf, principalKey, whoText, type Door, type Principal, type TargetDoors } from "../../access/doors";
import type { Model } from "../../model";
import { change } from "../change";
import type { Change, TargetReachRow } from "../types";
import type { AccessContext } from "./comparer";

const RANK: Readonly<Record<string, number>> = Object.fromEntries(AUTHORIZATION_TYPES.map((row) => [row.type, row.rank]));
/** The one type table's strength; UNKNOWN is weaker than everything (fails closed). */
const doorRank = (t: AuthorizationType | "UNKNOWN" | undefined): number => (t === undefined || t === "UNKNOWN" ? -1 : (RANK[t] ?? -1));

const ENTRANCES = new Set<Door["kind"]>(["distribution", "custom-domain", "execute-api-endpoint"]);
const subjectOf = (t: TargetDoors): string =>
  `${t.target.kind === "lambda" ? "backend" : t.target.kind === "http" ? "HTTP backend" : "target"} \`${t.target.label}\``;
const door = (d: Door): string => `door ${d.label}`;

/** Principals a route door newly admits that no other comparer judges: IAM users and groups. */
const identityPrincipal = (p: Principal): boolean => p.kind === "iam" && /^IAM (user|group) /.test(p.text);

function compareTarget(t: TargetDoors, before: TargetDoors | undefined, baseEntrances: ReadonlySet<string>): Change[] {
  const out: Change[] = [];
  const subject = subjectOf(t);
  const old = new Map((before?.doors ?? []).map((d) => [d.id, d]));
  const baseRoutes = (before?.doors ?? []).filter((d) => d.kind === "route");
  const weakest = baseRoutes.length === 0 ? undefined : Math.min(...baseRoutes.map((d) => doorRank(d.type)));
  for (const d of t.doors) {
    const was = old.get(d.id);
    const addresses = d.addresses;
    const unread = d.notVerified !== undefined && was?.notVerified !== d.notVerified;
    // A route's own authorization (unknown included) is the route comparer's; here a new route is only compared with
    // the routes the target already had, and an existing one only for IAM users and groups it newly admits.
    if (d.kind === "route" && (was === undefined || d.type === "UNKNOWN")) {
      if (was === undefined && d.type !== "UNKNOWN" && weakest !== undefined && doorRank(d.type) < weakest) {
        const neighbours = baseRoutes.map((r) => r.label).join(", ");
        out.push(
          change(
            "blocking",
            "door-weaker-route",
            subject,
            `new ${door(d)} is weaker than every route the base had to it (${neighbours}): ${whoText(d.principals)}`,
            addresses,
          ),
        );
      }
      continue;
    }
    if (was === undefined) {
      if (ENTRANCES.has(d.kind) && baseEntrances.has(d.id) && !unread) continue;
      const note = d.notVerified !== undefined ? ` (not verified: ${d.notVerified})` : "";
      out.push(change("blocking", "door-added", subject, `new ${door(d)}: ${whoText(d.principals)}${note}`, addresses));
      continue;
    }
    if (unread) {
      out.push(
        change(
          "blocking",
          "door-not-verified",
          subject,
          `${door(d)} cannot be read any more: ${d.notVerified ?? ""}; who gets through is not verified`,
          addresses,
        ),
      );
      continue;
    }
    const known = new Set(was.principals.map(principalKey));
    const gained = d.principals.filter((p) => !known.has(principalKey(p)));
    const judged =
      d.kind === "route"
        ? gained.filter(identityPrincipal)
        : d.kind === "distribution"
          ? gained.filter((p) => p.kind === "anyone")
          : ENTRANCES.has(d.kind)
            ? []
            : gained;
    if (judged.length > 0)
      out.push(change("blocking", "door-widened", subject, `${door(d)} now lets in ${whoText(judged)} (before: ${whoText(was.principals)})`, addresses));
  }
  return out;
}

export function compareDoors(ctx: AccessContext): Change[] {
  const base = doorsOf(ctx.base);
  const head = doorsOf(ctx.head);
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
    parts.push(ENTRANCES.has(d.kind) ? `${d.label}${open.length > 0 ? `: ${whoText(open)}` : ""}` : `${d.label}: ${whoText(d.principals)}`);
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
