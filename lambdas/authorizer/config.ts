// Parses the authorizer's runtime configuration (environment + bundled route-table.json) from unknown input.
// Any problem is a ConfigError; the handler then refuses every request (fail closed) and logs it once.
import type { RouteRequirement, RouteTable } from "../shared/route-table";

export interface AuthorizerConfig {
  /** `{region}_{id}`; the region and issuer come from it. */
  readonly userPoolId: string;
  /** Client name → app client id; tokens from any other client are unauthenticated. */
  readonly clientIds: Readonly<Record<string, string>>;
  readonly routeTable: RouteTable;
  /** Client name → API key value, given as `usageIdentifierKey` when the API takes keys from the authorizer. */
  readonly apiKeysByClient?: Readonly<Record<string, string>>;
}

export class ConfigError extends Error {}

const USER_POOL_ID = /^[a-z]{2}(-gov)?-[a-z]+-\d_[A-Za-z0-9]+$/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function parseJson(source: string, text: string | undefined): unknown {
  if (text === undefined || text === "") throw new ConfigError(`${source}: missing`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError(`${source}: not valid JSON`);
  }
}

function stringMap(source: string, value: unknown, allowEmpty: boolean): Record<string, string> {
  if (!isRecord(value)) throw new ConfigError(`${source}: expected an object of strings`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "string" || v === "") throw new ConfigError(`${source}.${k}: expected a non-empty string, got ${JSON.stringify(v)}`);
    out[k] = v;
  }
  if (!allowEmpty && Object.keys(out).length === 0) throw new ConfigError(`${source}: no entries`);
  return out;
}

function stringArray(source: string, value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string")) {
    throw new ConfigError(`${source}: expected an array of strings, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function parseRouteTable(source: string, value: unknown): RouteTable {
  if (!isRecord(value)) throw new ConfigError(`${source}: expected an object`);
  if (typeof value.authorizer !== "string") throw new ConfigError(`${source}.authorizer: expected a string`);
  if (!Array.isArray(value.routes)) throw new ConfigError(`${source}.routes: expected an array`);
  const routes = value.routes.map((r: unknown, i): RouteRequirement => {
    const at = `${source}.routes[${i}]`;
    if (!isRecord(r)) throw new ConfigError(`${at}: expected an object`);
    if (typeof r.method !== "string" || !/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY)$/.test(r.method)) {
      throw new ConfigError(`${at}.method: bad value ${JSON.stringify(r.method)}`);
    }
    if (typeof r.path !== "string" || !/^\/([^/*?\s]+(\/[^/*?\s]+)*)?$/.test(r.path)) {
      throw new ConfigError(`${at}.path: bad value ${JSON.stringify(r.path)}`);
    }
    if (r.tokenUse !== "access" && r.tokenUse !== "id" && r.tokenUse !== "any") {
      throw new ConfigError(`${at}.tokenUse: bad value ${JSON.stringify(r.tokenUse)}`);
    }
    return {
      method: r.method,
      path: r.path,
      groups: stringArray(`${at}.groups`, r.groups),
      scopes: stringArray(`${at}.scopes`, r.scopes),
      tokenUse: r.tokenUse,
      clients: r.clients === null ? null : stringArray(`${at}.clients`, r.clients),
    };
  });
  if (typeof value.apiKeyFromAuthorizer !== "boolean") throw new ConfigError(`${source}.apiKeyFromAuthorizer: expected a boolean`);
  return { authorizer: value.authorizer, routes, apiKeyFromAuthorizer: value.apiKeyFromAuthorizer };
}

/** Environment: USER_POOL_ID, CLIENT_IDS (JSON name → id), optional API_KEYS_BY_CLIENT (JSON name → key). */
export function parseConfig(env: Readonly<Record<string, string | undefined>>, routeTableText: string | undefined): AuthorizerConfig {
  const userPoolId = env.USER_POOL_ID ?? "";
  if (!USER_POOL_ID.test(userPoolId)) throw new ConfigError(`USER_POOL_ID: bad value ${JSON.stringify(userPoolId)}`);
  const clientIds = stringMap("CLIENT_IDS", parseJson("CLIENT_IDS", env.CLIENT_IDS), false);
  const routeTable = parseRouteTable("route-table.json", parseJson("route-table.json", routeTableText));
  const apiKeysByClient = env.API_KEYS_BY_CLIENT ? stringMap("API_KEYS_BY_CLIENT", parseJson("API_KEYS_BY_CLIENT", env.API_KEYS_BY_CLIENT), true) : undefined;
  return { userPoolId, clientIds, routeTable, apiKeysByClient };
}
