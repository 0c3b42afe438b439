// The `doors` section of a drafted policy (--init-policy): for every backend the API's routes reach, today's doors
// written down for a person to confirm. The API's own doors (its routes, its default endpoint, distributions that
// reference it) are listed; every other door (a function URL, a Lambda permission, direct invocation, a custom
// domain, a distribution with a literal origin) is written as a comment, so the check keeps reporting it until a
// person moves it into `exceptions` with a reason.
import { doorsOf, whoText, type Door } from "./access/doors";
import type { Model } from "./model";

const OWN = new Set<Door["kind"]>(["route", "execute-api-endpoint", "distribution", "vpc-endpoint"]);
const own = (d: Door): boolean => OWN.has(d.kind) && (d.kind === "route" || d.notVerified === undefined);
const yaml = (s: string): string => JSON.stringify(s);

/** YAML lines of the `doors:` section for the backends `apiName`'s routes reach; [] when they reach none by name. */
export function draftDoors(model: Model, apiName: string): string[] {
  const targets = doorsOf(model).filter((t) => t.target.kind !== "unknown" && t.doors.some((d) => d.kind === "route" && d.api === apiName));
  if (targets.length === 0) return [];
  const lines = [
    "# The doors each backend has today (rule backend-doors-intended). Confirm them: the check reports any door not",
    "# listed. Doors besides the API's own are commented out: move one into `exceptions` with a reason to accept it.",
    "doors:",
  ];
  for (const t of targets) {
    const mine = t.doors.filter((d) => d.api === apiName || d.kind !== "route");
    const only = [`api:${apiName} *`, ...mine.filter((d) => own(d) && d.kind !== "route").map((d) => d.id)];
    lines.push(`  ${yaml(t.target.label)}:`, "    only:", ...[...new Set(only)].map((id) => `      - ${yaml(id)}`));
    const other = mine.filter((d) => !own(d));
    if (other.length > 0) {
      lines.push("    # Not intended until a person writes why (exceptions: [{door, reason}]):");
      for (const d of other) lines.push(`    #   - door: ${yaml(d.id)}  # ${d.label}: ${whoText(d.principals).replace(/\n/g, " ")}`);
    }
  }
  return lines;
}
