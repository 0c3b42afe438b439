// The review's comparer of the code that decides routes (Lambda authorizers, the edge verifier): its identity,
// environment and configuration, base vs head, for the routes it decides in both. Facts in
// guard/access/authorizer-code.ts.
import type { Model } from "../../model";
import { change } from "../change";
import type { ModelFacts } from "../facts";
import type { Change, RouteAuth } from "../types";
import { codeDifference, codeIdentity, identitySourceGap, mapDifference, valueText, type CodeIdentity } from "../../access/authorizer-code";
import { decidersOf, routeSubject } from "./deciders";
import type { ComparedVersions } from "./comparer";
import { sameTarget, targetOf } from "../../access/reference-identity";

// ---- the review's comparer ----

interface Decided {
  readonly before: CodeIdentity;
  readonly after: CodeIdentity;
  readonly routes: RouteAuth[];
}

/** Head functions deciding routes that existed in the base, paired with the base function deciding them. */
function decidedRoutes(base: Model, head: Model, baseFacts: ModelFacts, headFacts: ModelFacts): Decided[] {
  const byKey = new Map(baseFacts.routes.map((r) => [routeSubject(r), r]));
  const out = new Map<string, { before: CodeIdentity; after: CodeIdentity; routes: RouteAuth[] }>();
  for (const r of headFacts.routes) {
    const old = byKey.get(routeSubject(r));
    if (old === undefined) continue;
    const after = decidersOf(head, headFacts, r);
    const before = decidersOf(base, baseFacts, old);
    for (const fn of after) {
      const a = codeIdentity(head, fn);
      const match = before.find((x) => sameTarget(targetOf(base, x), a.fn)) ?? (before.length === 1 && after.length === 1 ? before[0] : undefined);
      // A route now decided by another function is an authorizer swap (the route comparison reports it).
      if (match === undefined) continue;
      const key = `${fn.source.stack}::${fn.address}::${match.address}`;
      const entry = out.get(key) ?? { before: codeIdentity(base, match), after: a, routes: [] };
      entry.routes.push(r);
      out.set(key, entry);
    }
  }
  return [...out.values()];
}

const names = (routes: readonly RouteAuth[]): string => routes.map(routeSubject).join(", ");
const addressesOf = (d: Decided): string[] => [
  d.after.address,
  d.before.address,
  ...d.after.parameterAddresses,
  ...d.before.parameterAddresses,
  ...d.routes.map((r) => r.address),
];

export function compareAuthorizerCode(versions: ComparedVersions): Change[] {
  const { base, head, baseFacts, headFacts } = versions;
  const out: Change[] = [];
  for (const d of decidedRoutes(base, head, baseFacts, headFacts)) {
    const what = `function ${d.after.fn.label}`;
    const code = codeDifference(d.before, d.after);
    if (code !== undefined) out.push(change("authorizer-code-changed", what, `the code deciding ${names(d.routes)} changed: ${code}`, addressesOf(d)));
    const env = mapDifference(d.before.environment, d.after.environment);
    if (env.length > 0)
      out.push(
        change(
          "authorizer-environment-changed",
          what,
          `the environment of the function deciding ${names(d.routes)} changed: ${env.join("; ")}`,
          addressesOf(d),
        ),
      );
    const config = mapDifference(d.before.configuration, d.after.configuration);
    if (config.length > 0)
      out.push(
        change(
          "edge-verifier-config-changed",
          what,
          `the SSM configuration read by the function deciding ${names(d.routes)} changed: ${config.join("; ")}`,
          addressesOf(d),
        ),
      );
  }
  // A cache keyed without the credential serves one caller's Allow to others.
  for (const a of head.authorizers) {
    const gap = identitySourceGap(a);
    if (gap === undefined) continue;
    const old = base.authorizers.find(
      (x) => x.resource.source.stack === a.resource.source.stack && (x.address === a.address || (x.name === a.name && x.apiAddress === a.apiAddress)),
    );
    if (old !== undefined && identitySourceGap(old) !== undefined) continue;
    const routes = headFacts.routes.filter(
      (r) => r.type === "CUSTOM" && r.authorizer?.name === valueText(a.name) && (a.api === undefined || r.api.startsWith(valueText(a.api.name))),
    );
    out.push(
      change(
        "authorizer-cache-key-without-credential",
        `authorizer ${valueText(a.name)}${routes.length > 0 ? ` (${names(routes)})` : ""}`,
        `authorizer ${valueText(a.name)}: ${gap}`,
        [a.address, ...routes.map((r) => r.address)],
      ),
    );
  }
  return out;
}
