// The coverage block of the terminal table: what was checked against which policy file, then what was not.
import type { Coverage } from "../../coverage";

/** The routes an API's policy covers, in words: never a count where the routes are unknown. */
export const apiRoutesText = (a: Coverage["apis"][number]): string =>
  a.routes === null ? "routes unknown (not verified)" : `${a.covered ?? 0} of ${a.routes} route(s)`;

/** The run's total, saying how many APIs have routes nobody can count. */
export function totalText(c: Coverage): string {
  const n = c.routes.unknownApis;
  return `${c.apis.length} API(s), ${c.routes.covered} of ${c.routes.total} route(s)${n > 0 ? ` known (routes of ${n} API(s) unknown, not verified)` : ""}`;
}

export function coverageLines(c: Coverage): string[] {
  const out = [`Covered: ${totalText(c)} by a policy`];
  for (const a of c.apis) {
    const where = a.stack === "" ? "" : ` [${a.stack}]`;
    out.push(`  ${a.api}${where}: ${apiRoutesText(a)}, policy ${a.policy ?? "none"}`);
  }
  if (c.notCovered.length === 0) out.push("Not covered: nothing");
  else {
    out.push(`Not covered: ${c.notCovered.length}`);
    for (const n of c.notCovered) out.push(`  ${[n.api ?? "(API unresolved)", n.route].filter((x) => x !== null).join(" ")} (${n.address}): ${n.reason}`);
  }
  return out;
}
