// The review's comparer of the effective-access graph (guard/access/doors.ts), per protected target: a door the
// base did not have, a door more principals get through, a new route to the same backend weaker than every route
// the base had to it, and a door that cannot be read block, naming the target, the door and who gets through.
import { AUTHORIZATION_TYPES, type AuthorizationType } from "../../../kernel/authorization-types";
import { doorsOf, principalKey, whoText, type Door, type Principal, type TargetDoors } from "../../access/doors";
import type { Model } from "../../model";
import { change } from "../change";
import type { Change } from "../types";
import type { AccessContext } from "./index";

const RANK: Readonly<Record<string, number>> = Object.fromEntries(AUTHORIZATION_TYPES.map((row) => [row.type, row.rank]));
/** The one type table's strength; UNKNOWN is weaker than everything (fails closed). */
export const doorRank = (t: AuthorizationType | "UNKNOWN" | undefined): number => (t === undefined || t === "UNKNOWN" ? -1 : (RANK[t] ?? -1));

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
    if (was === undefined && d.kind === "route") {
      if (unread) out.push(change("blocking", "door-not-verified", subject, `new ${door(d)} cannot be read: ${d.notVerified ?? ""}`, addresses));
      else if (weakest !== undefined && doorRank(d.type) < weakest) {
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

/** Who could reach each target before and after, for the summary: targets of either side, by label. */
export interface TargetReach {
  readonly target: string;
  readonly before: readonly { readonly door: string; readonly who: string }[];
  readonly after: readonly { readonly door: string; readonly who: string }[];
}

export function targetReach(base: Model, head: Model): TargetReach[] {
  const rows = new Map<string, { target: string; before: TargetDoors | undefined; after: TargetDoors | undefined }>();
  for (const t of doorsOf(base)) rows.set(t.target.key, { target: subjectOfReach(t), before: t, after: undefined });
  for (const t of doorsOf(head)) rows.set(t.target.key, { target: subjectOfReach(t), before: rows.get(t.target.key)?.before, after: t });
  const lines = (t: TargetDoors | undefined) => (t?.doors ?? []).map((d) => ({ door: d.label, who: whoText(d.principals) }));
  return [...rows.values()].map((r) => ({ target: r.target, before: lines(r.before), after: lines(r.after) }));
}

const subjectOfReach = (t: TargetDoors): string => subjectOf(t);
