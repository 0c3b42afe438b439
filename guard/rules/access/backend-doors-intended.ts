// Every door to a protected backend is one the policy intends: the effective-access graph's doors
// (guard/access/doors.ts) against the policy's `doors` section, or, without one, routes and their APIs' own
// entrances only. A function URL, a Lambda permission, direct invocation by an IAM identity, a custom domain or a
// distribution with a literal execute-api origin needs the policy to name it.
import { doorsOf, notVerifiedNote, principalKey, unreached, whoText, type Door, type Principal, type TargetDoors } from "../../access/doors";
import { matchesName } from "../../../kernel/match/glob";
import type { IntendedDoors, PolicySet } from "../../policy/types";
import type { Rule, RuleFinding, Subject } from "../types";

/**
 * Without a `doors` entry for the target: the API's routes, its default endpoint, distributions referencing it and,
 * for a PRIVATE API, the execute-api VPC endpoints of its stack (the endpoints a private API is reached through).
 */
const DEFAULT_KINDS = new Set<Door["kind"]>(["route", "execute-api-endpoint", "distribution", "vpc-endpoint"]);
const ENTRANCES = new Set<Door["kind"]>(["distribution", "custom-domain", "execute-api-endpoint"]);

const entriesFor = (policies: PolicySet, t: TargetDoors): IntendedDoors[] =>
  policies.policies.flatMap((p) => (p.doors ?? []).filter((d) => matchesName(d.target, t.target.label)));

function intended(entries: readonly IntendedDoors[], t: TargetDoors, d: Door): boolean {
  // A route's own authorization, readable or not, is method-matches-policy's to judge: here it is only a door. A
  // route whose integration cannot be linked (its target is not verified) reaches who knows what: never intended.
  if (t.target.notVerified !== undefined && d.kind === "route") return false;
  if (entries.length === 0) return DEFAULT_KINDS.has(d.kind) && (d.kind === "route" || d.notVerified === undefined);
  return entries.some((e) => [...e.only, ...e.exceptions.map((x) => x.door)].some((p) => matchesName(p, d.id)));
}

/** Critical when the door itself lets anyone (or any AWS account) in; an entrance admits whom its routes admit: high. */
const severityOf = (d: Door): RuleFinding["severity"] =>
  !ENTRANCES.has(d.kind) && d.principals.some((p) => p.kind === "anyone" || p.kind === "aws-any") ? "critical" : "high";

/** `backend` for what an API's routes reach, `function` for a function only its own doors open. */
const noun = (t: TargetDoors): string => (unreached(t) ? "function" : "backend");

/**
 * A finding's detail: the door and whom it lets in (principal classes with their accounts, roles, sources), so a
 * baseline entry for one door accepts neither another door of the backend nor the same door opened wider.
 */
const doorDetail = (what: string, d: Door, who: readonly Principal[]): string =>
  `${what} ${d.id} admits ${who.map(principalKey).sort().join("; ") || "nobody"}`;

function targetSubject(t: TargetDoors): Subject | undefined {
  if (t.target.address === undefined) return undefined;
  return { kind: "function", address: t.target.address, label: `${t.target.stack === "" ? "" : `${t.target.stack}: `}${noun(t)} ${t.target.label}` };
}

export const BackendDoorsIntended: Rule = {
  id: "backend-doors-intended",
  title: "Every door to a backend is one the policy intends",
  severity: "high",
  rationale:
    "A backend is reached through more than the API's routes: a function URL, a Lambda resource permission (for an " +
    "API that is none of the configuration's: a literal API id of no API here, a wildcard, no source_arn; another " +
    "account; * narrowed only by an organisation), IAM users, groups or roles " +
    "allowed lambda:InvokeFunction, a custom domain mapping, a CloudFront distribution whose origin is a literal " +
    "execute-api domain. Each skips or duplicates the controls in front of the routes. The policy lists the doors " +
    "each backend may have (`doors: {<function name pattern>: {only: [door id patterns], exceptions: [{door, reason}]}}`); " +
    "without an entry only routes, the default endpoint and distributions referencing the API are intended. A " +
    "function no API reaches is judged too (and called a function, not a backend) when a function URL or a permission " +
    "lets anyone, any AWS account or another API call it: an endpoint of its own. A door anyone (or any AWS account, " +
    "or any account's API) gets through is critical; a door that cannot be read, or another API's, whose callers " +
    "nothing here shows, is not verified; a route whose integration is named by a value that links none or several " +
    "(a state document, the live account) reaches an unverified target: never intended.",
  equivalents: {},
  subjects: (model) => doorsOf(model).flatMap((t) => targetSubject(t) ?? []),
  check(model, policies) {
    const out: RuleFinding[] = [];
    for (const t of doorsOf(model)) {
      const entries = entriesFor(policies, t);
      const address = t.target.address;
      for (const d of t.doors) {
        // IAM users and groups on a route: the policy names AWS_IAM callers by role; only an exception admits them.
        const people = d.kind === "route" ? d.principals.filter((p) => p.kind === "iam" && /^IAM (user|group) /.test(p.text)) : [];
        const excepted = entries.some((e) => e.exceptions.some((x) => matchesName(x.door, d.id)));
        if (people.length > 0 && !excepted)
          out.push({
            address: address ?? d.addresses[0] ?? t.target.key,
            message: `${noun(t)} \`${t.target.label}\`: door ${d.label} (\`${d.id}\`) lets in ${whoText(people)}: the policy names AWS_IAM callers by role; an exception for the door would name them`,
            severity: "high",
            detail: doorDetail("iam-people", d, people),
          });
        if (intended(entries, t, d)) continue;
        const why = notVerifiedNote(d) || (t.target.notVerified !== undefined ? ` (not verified: ${t.target.notVerified})` : "");
        const listed = entries.length === 0 ? "the policy lists no doors for it" : `the policy allows only ${entries.flatMap((e) => e.only).join(", ")}`;
        out.push({
          address: address ?? d.addresses[0] ?? t.target.key,
          message: `${noun(t)} \`${t.target.label}\`: door ${d.label} (\`${d.id}\`) is not intended (${listed}): ${whoText(d.principals)}${why}`,
          severity: severityOf(d),
          detail: doorDetail("unintended", d, d.principals),
        });
      }
    }
    return out;
  },
};
