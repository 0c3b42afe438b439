// Lambda@Edge viewer-request verifier: loads its configuration once per container (baked file + SSM parameter),
// preloads the user pool's JWKS, then runs the pure decision on every request (with one bounded JWKS refetch for
// an unknown kid, see keys.ts). Fails closed: a container that cannot load its configuration or, at cold start,
// its JWKS answers 503 and retries the load on the next request; a kid still unknown after the refetch is a 401.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { CloudFrontRequestEvent, CloudFrontRequestResult } from "aws-lambda";
import type { Fetcher } from "aws-jwt-verify/https";
import { EDGE_CONFIG_FILE, readEdgeConfig, type EdgeBakedConfig } from "../../kernel/contracts/edge-config";
import { type EdgeRuntimeConfig, parseRuntimeConfig } from "./config";
import { decide, type EdgeDecision, type EdgeRequest, type VerifyToken } from "./decide";
import { isKeyMiss, type PoolKeys, poolKeys } from "./keys";
import { rejection, withoutOriginVerify } from "./respond";
import { credentialsFromEnv, type Fetch, getParameter } from "./ssm";

interface Loaded {
  readonly baked: EdgeBakedConfig;
  readonly runtime: EdgeRuntimeConfig;
  readonly keys: PoolKeys;
}

/** The handler's I/O, injectable so the whole cold start runs in tests without a network. */
export interface EdgeDeps {
  /** Contents of the baked `edge-config.json`. */
  readonly readBakedConfig: () => string;
  /** HTTP client for SSM (the runtime's global fetch). */
  readonly fetch: Fetch;
  readonly env: NodeJS.ProcessEnv;
  /** JWKS download; @default - the shared BoundedFetcher, EDGE_JWKS_TIMEOUT_MS per download */
  readonly jwksFetcher?: Fetcher;
}

async function load(deps: EdgeDeps): Promise<Loaded> {
  const baked = readEdgeConfig(deps.readBakedConfig());
  const value = await getParameter(baked.parameterName, baked.parameterRegion, credentialsFromEnv(deps.env), deps.fetch);
  const runtime = parseRuntimeConfig(JSON.parse(value), baked);
  const keys = poolKeys(runtime.userPoolId, deps.jwksFetcher);
  // Fetch the JWKS now so each request verifies synchronously from the cache. Bounded (EDGE_JWKS_TIMEOUT_MS):
  // with the SSM call it must leave the cold request inside the 5 s viewer-request limit.
  await keys.hydrate();
  return { baked, runtime, keys };
}

/**
 * The decision, and when the token's signing key is not cached (a Cognito key rotation, or a forgery) and
 * `mayRefetch`, one bounded JWKS refetch and a second decision. Still unknown after it: 401, from `decide`.
 */
async function decideWithRefetch(request: EdgeRequest, loaded: Loaded, mayRefetch: boolean): Promise<EdgeDecision> {
  const seen: { miss?: { token: string; opts: Parameters<VerifyToken>[1] } } = {};
  const verify: VerifyToken = (token, opts) => {
    try {
      return loaded.keys.verify(token, opts);
    } catch (err) {
      if (isKeyMiss(err)) seen.miss = { token, opts };
      throw err;
    }
  };
  const first = decide(request, loaded.baked, loaded.runtime, verify);
  if (seen.miss === undefined || !mayRefetch) return first;
  await loaded.keys.refetchFor(seen.miss.token, seen.miss.opts);
  const second = decide(request, loaded.baked, loaded.runtime, loaded.keys.verify);
  console.log(JSON.stringify({ msg: "jwks refetch for an unknown kid", result: second.kind }));
  return second;
}

const SERVICE_UNAVAILABLE: CloudFrontRequestResult = {
  status: "503",
  statusDescription: "Service Unavailable",
  headers: {
    "content-type": [{ key: "Content-Type", value: "application/json" }],
    "cache-control": [{ key: "Cache-Control", value: "no-store" }],
  },
  body: JSON.stringify({ message: "Service Unavailable" }),
};

export function createHandler(deps: EdgeDeps): (event: CloudFrontRequestEvent) => Promise<CloudFrontRequestResult> {
  let loading: Promise<Loaded> | undefined;
  let ready = false;
  return async (event) => {
    const request = event.Records?.[0]?.cf?.request;
    if (!request) return SERVICE_UNAVAILABLE;
    // Only a request that found the keys already loaded may spend time on a refetch: the one that loaded them
    // has used up to 3.5 s and holds a JWKS seconds old (the arithmetic is at EDGE_JWKS_TIMEOUT_MS in keys.ts).
    const mayRefetch = ready;
    let loaded: Loaded;
    try {
      loading ??= load(deps);
      loaded = await loading;
      ready = true;
    } catch (err) {
      loading = undefined;
      console.error(JSON.stringify({ msg: "edge verifier configuration failed", error: String(err) }));
      return SERVICE_UNAVAILABLE;
    }
    const decision = await decideWithRefetch(request, loaded, mayRefetch);
    if (decision.kind === "forward") return withoutOriginVerify(request);
    // Never the token itself: only what was asked and why it was refused.
    console.log(JSON.stringify({ msg: "rejected", status: decision.status, error: decision.error, uri: request.uri, method: request.method }));
    return rejection(decision, loaded.baked.realm);
  };
}

export const handler = createHandler({
  readBakedConfig: () => readFileSync(path.join(__dirname, EDGE_CONFIG_FILE), "utf8"),
  fetch: (url, init) => fetch(url, init),
  env: process.env,
});
