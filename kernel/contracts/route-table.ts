// The route table a Lambda authorizer enforces, bundled beside its handler as `route-table.json`: derived from the
// access spec at synth (access-spec/route-table.ts), written by the stack, read by the authorizer and by guard/. One
// contract: these types, the strict parser every reader uses, and the writer that refuses what the parser would.
import { bool, list, METHODS, nullableStrings, oneOf, parseJsonFile, record, str, strings, template } from "./fields";

export const ROUTE_TABLE_FILE = "route-table.json";

export interface RouteRequirement {
  /** API Gateway HTTP method, or ANY. */
  readonly method: (typeof METHODS)[number];
  /** Resource path as declared, e.g. `/pets/{petId}` or `/files/{proxy+}`. */
  readonly path: string;
  /** The caller must be in at least one of these groups (`cognito:groups`); empty = no group needed. */
  readonly groups: readonly string[];
  /** The token must carry at least one of these scopes; empty = no scope needed. */
  readonly scopes: readonly string[];
  /** Which token types are accepted. */
  readonly tokenUse: "access" | "id" | "any";
  /** Client names (keys of the CLIENT_IDS map) allowed; null = every client of the pool. */
  readonly clients: readonly string[] | null;
}

export interface RouteTable {
  /** Name of the authorizer in the spec. */
  readonly authorizer: string;
  /** Every route this authorizer guards. */
  readonly routes: readonly RouteRequirement[];
  /** Whether the API takes its API key from the authorizer (`api_key_source = AUTHORIZER`). */
  readonly apiKeyFromAuthorizer: boolean;
}

/** Parses a route table from unknown JSON; any deviation is a ContractError naming the field. */
function parseRouteTable(value: unknown, file: string = ROUTE_TABLE_FILE): RouteTable {
  const doc = record(value, file);
  const routes = list(doc.routes, `${file}.routes`).map((r, i): RouteRequirement => {
    const at = `${file}.routes[${i}]`;
    const o = record(r, at);
    return {
      method: oneOf(o.method, METHODS, `${at}.method`),
      path: template(o.path, `${at}.path`),
      groups: strings(o.groups, `${at}.groups`),
      scopes: strings(o.scopes, `${at}.scopes`),
      tokenUse: oneOf(o.tokenUse, ["access", "id", "any"] as const, `${at}.tokenUse`),
      clients: nullableStrings(o.clients, `${at}.clients`),
    };
  });
  return {
    authorizer: str(doc.authorizer, `${file}.authorizer`),
    routes,
    apiKeyFromAuthorizer: bool(doc.apiKeyFromAuthorizer, `${file}.apiKeyFromAuthorizer`),
  };
}

/** Parses the file's text (absent, empty or not JSON: a ContractError). */
export const readRouteTable = (text: string | undefined, file: string = ROUTE_TABLE_FILE): RouteTable => parseRouteTable(parseJsonFile(file, text), file);

/** The file's text, stable in key order so an unchanged spec gives an unchanged zip; refuses a table the parser would. */
export function routeTableJson(table: RouteTable): string {
  const text = `${JSON.stringify(table, null, 2)}\n`;
  readRouteTable(text);
  return text;
}
