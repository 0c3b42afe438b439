// Lambda@Edge viewer-request verifier: loads its configuration once per container (baked file + SSM parameter),
// preloads the user pool's JWKS, then runs the pure decision on every request. Fails closed: a container that
// cannot load its configuration answers 503 to everything and retries the load on the next request.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { CloudFrontRequestEvent, CloudFrontRequestResult } from "aws-lambda";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import type { Fetcher } from "aws-jwt-verify/https";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { type EdgeBakedConfig, type EdgeRuntimeConfig, parseBakedConfig, parseRuntimeConfig } from "./config";
import { decide, type VerifyToken } from "./decide";
import { rejection, withoutOriginVerify } from "./respond";
import { credentialsFromEnv, type Fetch, getParameter } from "./ssm";

interface Loaded {
  readonly baked: EdgeBakedConfig;
  readonly runtime: EdgeRuntimeConfig;
  readonly verify: VerifyToken;
}

/** The handler's I/O, injectable so the whole cold start runs in tests without a network. */
export interface EdgeDeps {
  /** Contents of the baked `edge-config.json`. */
  readonly readBakedConfig: () => string;
  /** HTTP client for SSM (the runtime's global fetch). */
  readonly fetch: Fetch;
  readonly env: NodeJS.ProcessEnv;
  /** JWKS download; @default - aws-jwt-verify's own HTTPS fetcher */
  readonly jwksFetcher?: Fetcher;
}

function createVerifier(userPoolId: string, jwksFetcher?: Fetcher) {
  // clientId and tokenUse are given per call (they depend on the route); nothing is left unchecked by default.
  const props = { userPoolId, clientId: null, tokenUse: null } as const;
  return jwksFetcher ? CognitoJwtVerifier.create(props, { jwksCache: new SimpleJwksCache({ fetcher: jwksFetcher }) }) : CognitoJwtVerifier.create(props);
}

/** Builds the verify function over one user pool; tests preload the JWKS with `verifier.cacheJwks`. */
export function cognitoVerify(userPoolId: string, jwksFetcher?: Fetcher): { verifier: ReturnType<typeof createVerifier>; verify: VerifyToken } {
  const verifier = createVerifier(userPoolId, jwksFetcher);
  // Scopes are checked by the decision after every other check, so that a bad token is a 401 and only a good
  // token lacking scope is a 403.
  const verify: VerifyToken = (token, opts) => verifier.verifySync(token, { clientId: [...opts.clientIds], tokenUse: opts.tokenUse, scope: null });
  return { verifier, verify };
}

async function load(deps: EdgeDeps): Promise<Loaded> {
  const baked = parseBakedConfig(JSON.parse(deps.readBakedConfig()));
  const value = await getParameter(baked.parameterName, baked.parameterRegion, credentialsFromEnv(deps.env), deps.fetch);
  const runtime = parseRuntimeConfig(JSON.parse(value), baked);
  const { verifier, verify } = cognitoVerify(runtime.userPoolId, deps.jwksFetcher);
  // Fetch the JWKS now so each request verifies synchronously from the cache. Bounded: aws-jwt-verify's own
  // fetcher allows 3 s per response plus a retry, which with the SSM call could outrun the 5 s viewer-request limit.
  await withDeadline(verifier.hydrate(), EDGE_JWKS_TIMEOUT_MS);
  return { baked, runtime, verify };
}

/** Budget for the cold-start JWKS download; with SSM's 2 s this stays inside the 5 s viewer-request limit. */
export const EDGE_JWKS_TIMEOUT_MS = 1500;

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`JWKS not loaded within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
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
  return async (event) => {
    const request = event.Records?.[0]?.cf?.request;
    if (!request) return SERVICE_UNAVAILABLE;
    let loaded: Loaded;
    try {
      loading ??= load(deps);
      loaded = await loading;
    } catch (err) {
      loading = undefined;
      console.error(JSON.stringify({ msg: "edge verifier configuration failed", error: String(err) }));
      return SERVICE_UNAVAILABLE;
    }
    const decision = decide(request, loaded.baked, loaded.runtime, loaded.verify);
    if (decision.kind === "forward") return withoutOriginVerify(request);
    // Never the token itself: only what was asked and why it was refused.
    console.log(JSON.stringify({ msg: "rejected", status: decision.status, error: decision.error, uri: request.uri, method: request.method }));
    return rejection(decision, loaded.baked.realm);
  };
}

export const handler = createHandler({
  readBakedConfig: () => readFileSync(path.join(__dirname, "edge-config.json"), "utf8"),
  fetch: (url, init) => fetch(url, init),
  env: process.env,
});
