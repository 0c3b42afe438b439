// The coverage block of the terminal table: what was checked against which policy file, then what was not.
import type { Coverage } from "../../coverage";

export function coverageLines(c: Coverage): string[] {
  const out = [`Covered: ${c.apis.length} API(s), ${c.routes.covered} of ${c.routes.total} route(s) by a policy`];
  for (const a of c.apis) {
    const where = a.stack === "" ? "" : ` [${a.stack}]`;
    out.push(`  ${a.api}${where}: ${a.covered} of ${a.routes} route(s), policy ${a.policy ?? "none"}`);
  }
  if (c.notCovered.length === 0) out.push("Not covered: nothing");
  else {
    out.push(`Not covered: ${c.notCovered.length}`);
    for (const n of c.notCovered) out.push(`  ${[n.api ?? "(API unresolved)", n.route].filter((x) => x !== null).join(" ")} (${n.address}): ${n.reason}`);
  }
  return out;
}
