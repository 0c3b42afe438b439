// The review's identity-pool comparer: per AWS_IAM route, the identities that reach it through an identity pool
// (identity-pools.ts), base vs head. A new caller blocks, named by how it got in: unauthenticated identities, a
// login provider the pool did not have, or a role mapping (authenticated role, rules, token mapping) that hands
// a route-invoking role to more users.
import { change } from "../change";
import type { Change } from "../types";
import { baseSubjectsOf, routeSubject } from "./iam";
import { describeCallers, identityCallers, identityPools, type IdentityCaller } from "../../access/identity-pools";
import type { ComparedVersions } from "./comparer";
import { sameTarget } from "../../access/reference-identity";

export function compareIdentityPools(versions: ComparedVersions): Change[] {
  const { base, head } = versions;
  const after = identityCallers(head);
  if (after.length === 0) return [];
  const before = new Map(identityCallers(base).map((r) => [routeSubject(base, versions.baseFacts.routes, r.route), r.callers]));
  const basePools = identityPools(base);
  const headPools = identityPools(head);
  // A provider is new when the same identity pool (by resource identity) did not admit it in the base.
  const providerIsNew = (c: IdentityCaller): boolean => {
    const pool = headPools.find((p) => p.address === c.identityPoolAddress);
    const old = pool === undefined ? undefined : basePools.find((p) => sameTarget(p.pool, pool.pool));
    return c.provider !== undefined && !(old?.providers ?? []).includes(c.provider);
  };
  const out: Change[] = [];
  for (const { route, callers } of after) {
    const subject = routeSubject(head, versions.headFacts.routes, route);
    // Its base counterpart by the review's one pairing (a renamed path parameter is the same route).
    const old = baseSubjectsOf(versions, route).flatMap((k) => before.get(k) ?? []);
    const fresh = callers.filter((c) => !old.some((o) => o.key === c.key));
    if (fresh.length === 0) continue;
    const groups: [string, IdentityCaller[]][] = [
      ["identity-pool-unauthenticated-invoke", fresh.filter((c) => c.audience === "unauthenticated")],
      ["identity-pool-provider-added", fresh.filter((c) => c.audience === "authenticated" && providerIsNew(c))],
      ["identity-pool-role-mapping-widened", fresh.filter((c) => c.audience === "authenticated" && !providerIsNew(c))],
    ];
    const addresses = [route.address, ...new Set(fresh.flatMap((c) => [c.identityPoolAddress, ...(c.roleAddress !== undefined ? [c.roleAddress] : [])]))];
    const was = `${describeCallers(old)} → ${describeCallers(callers)}`;
    for (const [kind, list] of groups) {
      if (list.length === 0) continue;
      const who = list.map((c) => `${c.callers} now get role ${c.role}, which can invoke it`).join("; ");
      if (kind === "identity-pool-unauthenticated-invoke") out.push(change("identity-pool-unauthenticated-invoke", subject, `${who}: ${was}`, addresses));
      else if (kind === "identity-pool-provider-added")
        out.push(change("identity-pool-provider-added", subject, `new login provider: ${who}: ${was}`, addresses));
      else out.push(change("identity-pool-role-mapping-widened", subject, `role mapping widened: ${who}: ${was}`, addresses));
    }
  }
  return out;
}
