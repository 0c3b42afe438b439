// Derives each Lambda authorizer's route table from the access spec at synth time; the table is bundled
// beside the authorizer as `route-table.json` (kernel/contracts/route-table.ts is the contract and writes it).
import type { RouteRequirement, RouteTable } from "../kernel/contracts/route-table";
import type { AccessSpec, TokenUse } from "./types";

export interface RouteTableOptions {
  /** The API takes its API key from the authorizer (`api_key_source = AUTHORIZER`). @default false */
  readonly apiKeyFromAuthorizer?: boolean;
}

/** One route table per Lambda authorizer declared in the spec (authorizers guarding no route get an empty table). */
export function buildRouteTables(spec: AccessSpec, options: RouteTableOptions = {}): Record<string, RouteTable> {
  const routesByAuthorizer = new Map<string, RouteRequirement[]>();
  for (const authorizer of spec.authorizers) routesByAuthorizer.set(authorizer.name, []);
  spec.routes.forEach((route, i) => {
    const auth = route.auth;
    if (auth.type !== "LAMBDA") return;
    const list = routesByAuthorizer.get(auth.authorizer);
    if (!list) {
      throw new Error(`routes[${i}] "${route.method} ${route.path}": unknown authorizer "${auth.authorizer}"`);
    }
    const scopes = [...(auth.scopes ?? [])];
    const tokenUse: TokenUse = auth.tokenUse ?? (scopes.length > 0 ? "access" : "any");
    list.push({
      method: route.method,
      path: route.path,
      groups: [...(auth.groups ?? [])],
      scopes,
      tokenUse,
      clients: auth.clients ? [...auth.clients] : null,
    });
  });
  const tables: Record<string, RouteTable> = {};
  for (const [authorizer, routes] of routesByAuthorizer) {
    tables[authorizer] = { authorizer, routes, apiKeyFromAuthorizer: options.apiKeyFromAuthorizer ?? false };
  }
  return tables;
}
