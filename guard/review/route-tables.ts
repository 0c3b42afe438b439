// The route tables bundled beside each Lambda authorizer (`route-table.json` inside the function's zip, see
// kernel/contracts/route-table.ts), as the review compares them: the groups, scopes, token use and clients a
// CUSTOM route requires live there, not in Terraform. The loader (guard/load/bundles.ts) reads the zips.
import type { AuthorizerRouteRequirement, Model } from "../model";

export interface LambdaRequirement {
  readonly groups: readonly string[];
  readonly scopes: readonly string[];
  readonly tokenUse: string;
  /** null: every client of the pool. */
  readonly clients: readonly string[] | null;
}

/** `${stack}::${function_name}` -> `METHOD /path` -> requirement. */
export type RouteTables = ReadonlyMap<string, ReadonlyMap<string, LambdaRequirement>>;

export const tableKey = (stack: string, functionName: string): string => `${stack}::${functionName}`;

/** A table's rows keyed by route (the contract's parser has refused any table with an incomplete row). */
export function requirementsFrom(routes: readonly AuthorizerRouteRequirement[]): Map<string, LambdaRequirement> {
  const out = new Map<string, LambdaRequirement>();
  for (const r of routes) {
    out.set(`${r.method} ${r.path}`, {
      groups: [...r.groups].sort(),
      scopes: [...r.scopes].sort(),
      tokenUse: r.tokenUse,
      clients: r.clients === null ? null : [...r.clients].sort(),
    });
  }
  return out;
}

/**
 * The route tables the loader found in the Lambda authorizers' packages (`Authorizer.routeTable`), keyed by
 * stack and function name. Unreadable tables are left out: those routes show no table.
 */
export function loadRouteTables(model: Model): RouteTables {
  const tables = new Map<string, ReadonlyMap<string, LambdaRequirement>>();
  for (const authorizer of model.authorizers) {
    const table = authorizer.routeTable;
    if (table === undefined || !("routes" in table) || authorizer.lambdaFunctionAddress === undefined) continue;
    const stack = authorizer.resource.source.stack;
    const fn = model.resources.find((r) => r.address === authorizer.lambdaFunctionAddress && r.source.stack === stack);
    const name = fn?.values["function_name"];
    if (typeof name === "string") tables.set(tableKey(stack, name), requirementsFrom(table.routes));
  }
  return tables;
}
