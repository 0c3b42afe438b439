// Cognito signing-key rotation at the edge, against a real loopback HTTP JWKS server (the shared BoundedFetcher
// aimed at 127.0.0.1): a new kid is fetched once and allowed, an unknown kid is a 401 and is not fetched for
// again for 10 s, and a hanging endpoint costs at most EDGE_JWKS_TIMEOUT_MS. SSM is a fake fetch; no other network.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { CloudFrontRequestEvent, CloudFrontRequestResult, CloudFrontResultResponse } from "aws-lambda";
import { createHandler } from "../../../lambdas/edge/index";
import { EDGE_JWKS_TIMEOUT_MS } from "../../../lambdas/edge/keys";
import { type Fetch, SSM_TIMEOUT_MS } from "../../../lambdas/edge/ssm";
import { BoundedFetcher } from "../../../lambdas/shared/jwks-fetcher";
import { BAKED, CLIENTS, USER_POOL_ID, accessClaims, bearer, makeKey, request, sign } from "./tokens";

const oldKey = makeKey("kid-2026-old");
const newKey = makeKey("kid-2026-new");

let published: Record<string, unknown>[] = [oldKey.jwk];
let hanging = false;
let hits: string[] = [];
/** Hung requests the client abandoned: the fetcher's deadline, not the server, ended them. */
let abandoned = 0;
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    if (hanging) {
      req.socket.once("close", () => abandoned++);
      return; // never answers
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let log: jest.SpyInstance;
let error: jest.SpyInstance;
beforeEach(() => {
  published = [oldKey.jwk];
  hanging = false;
  hits = [];
  abandoned = 0;
  log = jest.spyOn(console, "log").mockImplementation(() => undefined);
  error = jest.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  log.mockRestore();
  error.mockRestore();
});

const ssm: Fetch = async () => {
  const text = JSON.stringify({ Parameter: { Value: JSON.stringify({ userPoolId: USER_POOL_ID, clientIds: CLIENTS }) } });
  return { ok: true, status: 200, text: async () => text };
};

/** The server notices a client's abort asynchronously; wait for it (the test fails on jest's timeout if never). */
async function abandonedAtLeast(n: number): Promise<void> {
  while (abandoned < n) await new Promise((r) => setTimeout(r, 10));
}

/** A fresh container whose JWKS downloads go to the loopback server, one path per issuer host. */
function container() {
  const jwksFetcher = new BoundedFetcher({
    timeoutMs: EDGE_JWKS_TIMEOUT_MS,
    resolveUri: (uri) => {
      const u = new URL(uri);
      return `${base}/${u.host}${u.pathname}`;
    },
  });
  return createHandler({
    readBakedConfig: () => JSON.stringify(BAKED),
    fetch: ssm,
    env: { AWS_ACCESS_KEY_ID: "AKIDTEST", AWS_SECRET_ACCESS_KEY: "secret" },
    jwksFetcher,
  });
}

const event = (token: string): CloudFrontRequestEvent =>
  ({ Records: [{ cf: { config: { eventType: "viewer-request" }, request: request("GET", "/pets", bearer(token)) } }] }) as unknown as CloudFrontRequestEvent;

const status = (r: CloudFrontRequestResult): string => (r !== undefined && r !== null && "status" in r ? (r as CloudFrontResultResponse).status : "forwarded");

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const start = Date.now();
  const v = await f();
  return [v, Date.now() - start];
}

/** A warm container: its cold start has loaded the old key (two downloads: the pool has two issuer hosts). */
async function warmContainer() {
  const handler = container();
  expect(status(await handler(event(sign(oldKey, accessClaims()))))).toBe("forwarded");
  expect(hits).toHaveLength(2);
  hits = [];
  return handler;
}

describe("edge verifier: JWKS refetch on an unknown kid", () => {
  test("GIVEN a warm container WHEN Cognito rotates to a key published only in the refreshed JWKS THEN its token is allowed after exactly one refetch", async () => {
    const handler = await warmContainer();
    published = [oldKey.jwk, newKey.jwk];
    expect(status(await handler(event(sign(newKey, accessClaims()))))).toBe("forwarded");
    expect(hits).toEqual([`/cognito-idp.eu-west-1.amazonaws.com/${USER_POOL_ID}/.well-known/jwks.json`]);
    // The new key is now cached: further tokens need no fetch, and old-key tokens still pass.
    expect(status(await handler(event(sign(newKey, accessClaims({ jti: "2" })))))).toBe("forwarded");
    expect(status(await handler(event(sign(oldKey, accessClaims({ jti: "3" })))))).toBe("forwarded");
    expect(hits).toHaveLength(1);
  });

  test("GIVEN a kid absent from the refreshed JWKS too WHEN two such tokens arrive within 10 s THEN both are 401 and only the first fetches (penalty box)", async () => {
    const handler = await warmContainer();
    const forged = makeKey("kid-forged");
    const forged2 = makeKey("kid-forged-2"); // made before timing: RSA key generation takes 50-500 ms
    const first = await handler(event(sign(forged, accessClaims())));
    expect(status(first)).toBe("401");
    expect((first as CloudFrontResultResponse).headers?.["www-authenticate"]?.[0].value).toContain('error="invalid_token"');
    expect(hits).toHaveLength(1);
    const second = await handler(event(sign(forged2, accessClaims({ jti: "2" }))));
    expect(status(second)).toBe("401");
    expect(hits).toHaveLength(1); // the penalty box: no second download
    // Tokens signed with a cached key are not held up by the penalty box.
    expect(status(await handler(event(sign(oldKey, accessClaims({ jti: "3" })))))).toBe("forwarded");
  });

  test("GIVEN an unknown kid on a token whose issuer is not the pool's WHEN handled THEN 401 and no fetch", async () => {
    const handler = await warmContainer();
    const out = await handler(event(sign(makeKey("kid-elsewhere"), accessClaims({ iss: `http://127.0.0.1:1/${USER_POOL_ID}` }))));
    expect(status(out)).toBe("401");
    expect(hits).toHaveLength(0);
  });

  test("GIVEN a cold container whose fresh JWKS lacks the token's kid WHEN handled THEN 401 without a second download in that request (the 5 s budget)", async () => {
    const handler = container();
    expect(status(await handler(event(sign(newKey, accessClaims()))))).toBe("401");
    expect(hits).toHaveLength(2); // the cold-start hydrate only
  });

  test("GIVEN a warm container and a JWKS endpoint that hangs WHEN a new kid arrives THEN 401 within the refetch bound", async () => {
    const handler = await warmContainer();
    hanging = true;
    const [out, ms] = await timed(() => handler(event(sign(newKey, accessClaims()))));
    expect(status(out)).toBe("401");
    // It waited the bound (a lower bound holds on any machine), and the client, not the server, ended the request.
    expect(ms).toBeGreaterThanOrEqual(EDGE_JWKS_TIMEOUT_MS - 50);
    await abandonedAtLeast(1);
  });

  test("GIVEN a cold container and a JWKS endpoint that hangs WHEN asked THEN 503 within the hydrate bound, and the worst case fits 5 s", async () => {
    hanging = true;
    const out = await container()(event(sign(oldKey, accessClaims())));
    expect(status(out)).toBe("503");
    await abandonedAtLeast(1); // the hydrate's deadline ended the download
    // Cold: SSM + hydrate; warm: one refetch; never both in one request. At least 1 s left of the 5 s limit.
    expect(SSM_TIMEOUT_MS + EDGE_JWKS_TIMEOUT_MS + 1000).toBeLessThanOrEqual(5000);
  });
});
