// Parses the authorizer's runtime configuration (environment + bundled route-table.json, whose contract is
// kernel/contracts/route-table.ts) from unknown input. Any problem is a ConfigError; the handler then
// refuses every request (fail closed) and logs it once.
import { readRouteTable, type RouteTable } from "../../kernel/contracts/route-table";
import { ContractError, isRecord, parseJsonFile } from "../../kernel/contracts/fields";

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
const parseJson = (source: string, text: string | undefined): unknown => contract(() => parseJsonFile(source, text));

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

/** The bundled file's ContractError as this handler's ConfigError (one error type for the handler to log). */
function contract<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ContractError) throw new ConfigError(e.message);
    throw e;
  }
}

/** Environment: USER_POOL_ID, CLIENT_IDS (JSON name → id), optional API_KEYS_BY_CLIENT (JSON name → key). */
export function parseConfig(env: Readonly<Record<string, string | undefined>>, routeTableText: string | undefined): AuthorizerConfig {
  const userPoolId = env.USER_POOL_ID ?? "";
  if (!USER_POOL_ID.test(userPoolId)) throw new ConfigError(`USER_POOL_ID: bad value ${JSON.stringify(userPoolId)}`);
  const clientIds = stringMap("CLIENT_IDS", parseJson("CLIENT_IDS", env.CLIENT_IDS), false);
  const routeTable = contract(() => readRouteTable(routeTableText));
  const apiKeysByClient = env.API_KEYS_BY_CLIENT ? stringMap("API_KEYS_BY_CLIENT", parseJson("API_KEYS_BY_CLIENT", env.API_KEYS_BY_CLIENT), true) : undefined;
  return { userPoolId, clientIds, routeTable, apiKeysByClient };
}
