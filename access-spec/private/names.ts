// The names a spec declares, gathered once so every reference check looks them up the same way.
import type { AccessSpec } from "../types";

export interface DeclaredNames {
  /** Full scopes, `<resourceServer.identifier>/<scope>`. */
  readonly scopes: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
  readonly authorizers: ReadonlySet<string>;
  readonly usagePlans: ReadonlySet<string>;
  readonly invokerRoles: ReadonlySet<string>;
  readonly clients: ReadonlySet<string>;
}

export function declaredNames(spec: AccessSpec): DeclaredNames {
  return {
    scopes: new Set(spec.cognito.resourceServers.flatMap((rs) => Object.keys(rs.scopes).map((s) => `${rs.identifier}/${s}`))),
    groups: new Set(spec.cognito.groups.map((g) => g.name)),
    authorizers: new Set(spec.authorizers.map((a) => a.name)),
    usagePlans: new Set(spec.usagePlans.map((u) => u.name)),
    invokerRoles: new Set(spec.invokerRoles.map((r) => r.name)),
    clients: new Set(spec.cognito.clients.map((c) => c.name)),
  };
}
