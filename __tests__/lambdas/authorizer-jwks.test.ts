// JWKS outage and unknown kid: a real loopback HTTP server that hangs, fails or serves garbage; the
// authorizer must fail closed (401) within its bound. No other network is touched. "Within its bound" is shown
// without wall-clock limits that depend on the machine's speed: the server sees the hung request abandoned by the
// client (the fetcher's deadline fired), and the decision waited at least the bound (it did not give up early).
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { Authorizer, DEFAULT_JWKS_TIMEOUT_MS } from "../../lambdas/authorizer/decide";
import { BoundedFetcher } from "../../lambdas/shared/jwks-fetcher";
import { accessClaims, config, JWKS, makeKeyPair, signRs256, token, tokenEvent } from "./helpers/tokens";

type Mode = "hang" | "500" | "garbage" | "huge" | "ok" | "other-keys";

let mode: Mode = "ok";
let hits = 0;
/** Requests the client abandoned before the server answered: the fetcher's deadline at work. */
let abandoned = 0;
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    hits++;
    if (mode === "hang") {
      _req.socket.once("close", () => abandoned++);
      return; // never answers
    }
    if (mode === "500") {
      res.writeHead(500).end("internal error");
    } else if (mode === "garbage") {
      res.writeHead(200, { "content-type": "application/json" }).end("<html>not a jwks{");
    } else if (mode === "huge") {
      res.writeHead(200).end(JSON.stringify({ keys: [], pad: "x".repeat(200_000) }));
    } else if (mode === "other-keys") {
      res.writeHead(200).end(JSON.stringify({ keys: [makeKeyPair("someone-else").jwk] }));
    } else {
      res.writeHead(200).end(JSON.stringify(JWKS));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  hits = 0;
  abandoned = 0;
});

/** The server notices a client's abort asynchronously; wait for it (the test fails on jest's timeout if never). */
async function abandonedAtLeast(n: number): Promise<void> {
  while (abandoned < n) await new Promise((r) => setTimeout(r, 10));
}

const BOUND_MS = 400;
/** For answers that must arrive: a bound no loaded machine misses, so a healthy fetch never looks like an outage. */
const GENEROUS_MS = 5000;
function loopbackAuthorizer(timeoutMs = BOUND_MS): Authorizer {
  const fetcher = new BoundedFetcher({ timeoutMs, resolveUri: () => `${base}/.well-known/jwks.json` });
  return new Authorizer(config(), { fetcher, jwksTimeoutMs: timeoutMs });
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const start = Date.now();
  const v = await f();
  return [v, Date.now() - start];
}

const event = (): Record<string, unknown> => tokenEvent(`Bearer ${token(accessClaims())}`, "GET", "/pets/1");

describe("JWKS at cold start and per request", () => {
  test("GIVEN a healthy JWKS endpoint WHEN hydrating THEN the first decision needs no further fetch and allows", async () => {
    mode = "ok";
    const a = loopbackAuthorizer(GENEROUS_MS);
    expect(await a.hydrate()).toBe(true);
    const fetched = hits;
    expect((await a.authorize(event())).effect).toBe("Allow");
    expect(hits).toBe(fetched);
  });

  test("GIVEN cold-start hydration failed WHEN the endpoint recovers THEN a request fetches (bounded) and allows", async () => {
    mode = "500";
    const a = loopbackAuthorizer(GENEROUS_MS);
    expect(await a.hydrate()).toBe(false);
    mode = "ok";
    expect((await a.authorize(event())).effect).toBe("Allow");
  });

  test.each<[Mode]>([["hang"], ["500"], ["garbage"], ["huge"]])("GIVEN a JWKS endpoint that %s WHEN authorizing THEN 401 within the bound", async (m) => {
    mode = m;
    const a = loopbackAuthorizer();
    expect(await a.hydrate()).toBe(false);
    const d = await a.authorize(event());
    expect(d.effect).toBe("Unauthorized");
    expect(d.reason).toMatch(/^jwks-unavailable/);
    // A hanging endpoint is abandoned by the client, at cold start and on the request: the bound, not the server, ended them.
    if (m === "hang") await abandonedAtLeast(2);
  });

  test("GIVEN the default bound WHEN the endpoint hangs THEN 401 well inside API Gateway's 10 s authorizer timeout", async () => {
    mode = "hang";
    const a = loopbackAuthorizer(DEFAULT_JWKS_TIMEOUT_MS);
    const [d, ms] = await timed(() => a.authorize(event()));
    expect(d.effect).toBe("Unauthorized");
    // It waited the bound (a lower bound holds on any machine) and the client, not the server, ended the request.
    expect(ms).toBeGreaterThanOrEqual(DEFAULT_JWKS_TIMEOUT_MS - 50);
    await abandonedAtLeast(1);
    expect(DEFAULT_JWKS_TIMEOUT_MS * 2).toBeLessThan(10_000); // cold start + one retry still fit
  });

  test("GIVEN an unknown kid WHEN authorizing twice THEN 401 both times and the second does not refetch (penalty box)", async () => {
    mode = "other-keys";
    const a = loopbackAuthorizer();
    a.verifier.cacheJwks(JWKS as never);
    const forged = signRs256({ alg: "RS256", kid: "rotated-or-forged" }, accessClaims(), makeKeyPair("x").privateKey);
    const ev = tokenEvent(forged, "GET", "/pets/1");
    const d1 = await a.authorize(ev);
    expect(d1.effect).toBe("Unauthorized");
    const before = hits;
    expect(before).toBe(1);
    const d2 = await a.authorize(ev);
    expect(d2.effect).toBe("Unauthorized");
    expect(hits).toBe(before); // the penalty box: no second download
  });

  test("GIVEN a key rotation (new kid published) WHEN a token signed with the new key arrives THEN it is fetched and allowed", async () => {
    mode = "ok";
    const a = loopbackAuthorizer(GENEROUS_MS);
    a.verifier.cacheJwks({ keys: [makeKeyPair("old-key").jwk] } as never);
    expect((await a.authorize(event())).effect).toBe("Allow");
  });
});
