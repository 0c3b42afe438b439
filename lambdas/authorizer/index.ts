// Lambda authorizer (TOKEN and REQUEST) for Cognito JWTs. Configuration, read once at cold start:
// env USER_POOL_ID, CLIENT_IDS (JSON name → id), optional API_KEYS_BY_CLIENT, and `route-table.json` bundled
// beside index.js (generated from the access spec by access-spec/route-table.ts). Any config problem → every call 401.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ROUTE_TABLE_FILE } from "../../kernel/contracts/route-table";
import { ConfigError, parseConfig } from "./config";
import { Authorizer, type AuthorizerResponse, type Decision } from "./decide";

interface Init {
  readonly authorizer: Authorizer | null;
  readonly ready: Promise<unknown>;
}

function init(): Init {
  try {
    let text: string | undefined;
    try {
      text = readFileSync(path.join(__dirname, ROUTE_TABLE_FILE), "utf8");
    } catch {
      text = undefined;
    }
    const authorizer = new Authorizer(parseConfig(process.env, text));
    // Preload the JWKS during the init phase (bounded); a failure here is retried, bounded, per request.
    const ready = authorizer.hydrate().then((ok) => {
      if (!ok) log({ event: "jwks-hydrate-failed" });
    });
    return { authorizer, ready };
  } catch (err) {
    log({ event: "config-error", message: err instanceof ConfigError ? err.message : "unexpected error reading configuration" });
    return { authorizer: null, ready: Promise.resolve() };
  }
}

const state = init();

export async function handler(event: unknown): Promise<AuthorizerResponse> {
  if (state.authorizer === null) {
    log({ decision: "Unauthorized", reason: "config-error", route: null, sub: null });
    throw new Error("Unauthorized");
  }
  await state.ready;
  let decision: Decision;
  try {
    decision = await state.authorizer.authorize(event);
  } catch {
    // A bug must not become a 500 that leaks detail or, worse, an Allow.
    decision = { effect: "Unauthorized", reason: "internal-error", route: null, sub: null };
  }
  // One line per decision; never the token.
  log({ decision: decision.effect, reason: decision.reason, route: decision.route, sub: decision.sub });
  if (decision.effect === "Unauthorized") throw new Error("Unauthorized");
  return decision.response;
}

function log(entry: Record<string, unknown>): void {
  console.log(JSON.stringify({ source: "authorizer", ...entry }));
}
