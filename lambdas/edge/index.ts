// Lambda@Edge viewer-request verifier: loads its configuration once per container (baked file + SSM parameter),
// preloads the user pool's JWKS, then runs the pure decision on every request. Fails closed: a container that
// cannot load its configuration answers 503 to everything until a later request loads it.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { CloudFrontRequestEvent, CloudFrontRequestResult } from "aws-lambda";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { type EdgeBakedConfig, type EdgeRuntimeConfig, parseBakedConfig, parseRuntimeConfig } from "./config";
import { decide, type VerifyToken } from "./decide";
import { rejection, withoutOriginVerify } from "./respond";
import { credentialsFromEnv, type Fetch, getParameter } from "./ssm";

interface Loaded {
  readonly baked: EdgeBakedConfig;
  readonly runtime: EdgeRuntimeConfig;
  readonly verify: VerifyToken;
}

/** Builds the verify function over one user pool; exported for tests, which preload the JWKS with cacheJwks. */
export function cognitoVerify(userPoolId: string): { verifier: ReturnType<typeof createVerifier>; verify: VerifyToken } {
  const verifier = createVerifier(userPoolId);
  const verify: VerifyToken = (token, opts) => verifier.verifySync(token, { clientId: [...opts.clientIds], tokenUse: opts.tokenUse, scope: null });
  return { verifier, verify };
}

function createVerifier(userPoolId: string) {
  // clientId and tokenUse are given per call (they depend on the route); nothing is left unchecked by default.
  return CognitoJwtVerifier.create({ userPoolId, clientId: null, tokenUse: null });
}

async function load(fetchImpl: Fetch): Promise<Loaded> {
  const baked = parseBakedConfig(JSON.parse(readFileSync(path.join(__dirname, "edge-config.json"), "utf8")));
  const value = await getParameter(baked.parameterName, baked.parameterRegion, credentialsFromEnv(process.env), fetchImpl);
  const runtime = parseRuntimeConfig(JSON.parse(value), baked);
  const { verifier, verify } = cognitoVerify(runtime.userPoolId);
  // Fetch the JWKS now so each request verifies synchronously from the cache.
  await verifier.hydrate();
  return { baked, runtime, verify };
}

let loading: Promise<Loaded> | undefined;

const SERVICE_UNAVAILABLE: CloudFrontRequestResult = {
  status: "503",
  statusDescription: "Service Unavailable",
  headers: {
    "content-type": [{ key: "Content-Type", value: "application/json" }],
    "cache-control": [{ key: "Cache-Control", value: "no-store" }],
  },
  body: JSON.stringify({ message: "Service Unavailable" }),
};

export const handler = async (event: CloudFrontRequestEvent): Promise<CloudFrontRequestResult> => {
  const request = event.Records[0]?.cf.request;
  if (!request) return SERVICE_UNAVAILABLE;
  let loaded: Loaded;
  try {
    loading ??= load(fetch as unknown as Fetch);
    loaded = await loading;
  } catch (err) {
    loading = undefined;
    console.error(JSON.stringify({ msg: "edge verifier configuration failed", error: String(err) }));
    return SERVICE_UNAVAILABLE;
  }
  const decision = decide(request, loaded.baked, loaded.runtime, loaded.verify);
  if (decision.kind === "forward") return withoutOriginVerify(request);
  console.log(JSON.stringify({ msg: "rejected", status: decision.status, error: decision.error, uri: request.uri, method: request.method }));
  return rejection(decision, loaded.baked.realm);
};
