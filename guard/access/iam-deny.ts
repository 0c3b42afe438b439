// Explicit Denies a role loses between two versions: a Deny of execute-api:Invoke in the base that no unconditional
// Deny of the head covers (removed, narrowed, made conditional, turned into NotResource, or moved to a policy known
// only after apply: iam.ts counts only unconditional Denies in readable policies) while a head Allow of the role
// still reaches into it. Pure: RoleAccess (iam.ts) in, plain data out.
import { coversArnGlob } from "../../kernel/match/glob";
import { arnGlobsOverlap } from "../../kernel/match/route";
import { isUnknown } from "../model";
import { breadth, grantsInvoke, splitExecuteApiArn } from "./iam-statements";
import type { RoleAccess } from "./iam";

const interpolated = (api: string): string | undefined => /^\$\{(.+)\.[a-z_]+\}$/.exec(api)?.[1];

/** May two execute-api resources of one stack name a common request? Unsure is yes (fail closed). */
export function executeApiOverlap(a: string, b: string): boolean {
  if (a === "*" || b === "*") return true;
  const pa = splitExecuteApiArn(a);
  const pb = splitExecuteApiArn(b);
  if (pa === undefined || pb === undefined) return breadth(pa === undefined ? a : b) !== "not-execute-api";
  const [ia, ib] = [interpolated(pa.api), interpolated(pb.api)];
  const sameApi =
    pa.api === pb.api ||
    pa.api.includes("*") ||
    pb.api.includes("*") ||
    (ia !== undefined && ib !== undefined ? ia === ib : ia !== undefined || ib !== undefined);
  // An interpolation in the rest (the stage name) may be any one segment.
  const rest = (r: string) => r.replace(/\$\{[^}]*\}/g, "*");
  return sameApi && arnGlobsOverlap(rest(pa.rest), rest(pb.rest));
}

/** What the role may be allowed to invoke: its Allow resources; `*` for NotResource or a policy not readable. */
function invokeAllows(role: RoleAccess): string[] {
  const out: string[] = [];
  for (const h of role.held) {
    if (h.document === undefined) {
      if (h.harmless !== true) out.push("*");
      continue;
    }
    for (const s of h.document.statements.filter(grantsInvoke)) {
      if (s.notResources.length > 0) out.push("*");
      for (const r of s.resources) out.push(isUnknown(r) ? "*" : r);
    }
  }
  return [...new Set(out)];
}

/** Base Denies of the role the head no longer has (no head Deny covers them) where a head Allow reaches into them. */
export function lostDenies(base: RoleAccess, head: RoleAccess): string[] {
  const allows = invokeAllows(head);
  return base.denies.filter((d) => !head.denies.some((h) => coversArnGlob(h, d)) && allows.some((a) => executeApiOverlap(a, d)));
}

/** `GET/reports/*\/*`: a resource without its API and stage, as a reviewer reads it. */
export function showInvokeResource(resource: string): string {
  const parts = splitExecuteApiArn(resource);
  if (parts === undefined) return resource;
  const m = /^\/[^/]*\/(.+)$/.exec(parts.rest);
  return m === null ? resource : m[1];
}
