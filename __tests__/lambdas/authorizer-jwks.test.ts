// JWKS outage and unknown kid: a real loopback HTTP server that hangs, fails or serves garbage; the
// authorizer must fail closed (401) within its bound. No other network is touched.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { Authorizer, DEFAULT_JWKS_TIMEOUT_MS } from "../../lambdas/authorizer/decide";
import { BoundedFetcher } from "../../lambdas/shared/jwks-fetcher";
import { accessClaims, config, JWKS, makeKeyPair, signRs256, token, tokenEvent } from "./helpers/tokens";

type Mode = "hang" | "500" | "garbage" | "huge" | "ok" | "other-keys";

let mode: Mode = "ok";
let hits = 0;
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    hits++;
    if (mode === "hang") return; // never answers
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
});

const BOUND_MS = 400;
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
    const a = loopbackAuthorizer();
    expect(await a.hydrate()).toBe(true);
    const fetched = hits;
    expect((await a.authorize(event())).effect).toBe("Allow");
    expect(hits).toBe(fetched);
  });

  test("GIVEN cold-start hydration failed WHEN the endpoint recovers THEN a request fetches (bounded) and allows", async () => {
    mode = "500";
    const a = loopbackAuthorizer();
    expect(await a.hydrate()).toBe(false);
    mode = "ok";
    expect((await a.authorize(event())).effect).toBe("Allow");
  });

  test.each<[Mode]>([["hang"], ["500"], ["garbage"], ["huge"]])("GIVEN a JWKS endpoint that %s WHEN authorizing THEN 401 within the bound", async (m) => {
    mode = m;
    const a = loopbackAuthorizer();
    const [hydrated, hydrateMs] = await timed(() => a.hydrate());
    expect(hydrated).toBe(false);
    expect(hydrateMs).toBeLessThan(BOUND_MS + 250);
    const [d, ms] = await timed(() => a.authorize(event()));
    expect(d.effect).toBe("Unauthorized");
    expect(d.reason).toMatch(/^jwks-unavailable/);
    expect(ms).toBeLessThan(BOUND_MS + 250);
  });

  test("GIVEN the default bound WHEN the endpoint hangs THEN 401 well inside API Gateway's 10 s authorizer timeout", async () => {
    mode = "hang";
    const a = loopbackAuthorizer(DEFAULT_JWKS_TIMEOUT_MS);
    const [d, ms] = await timed(() => a.authorize(event()));
    expect(d.effect).toBe("Unauthorized");
    expect(ms).toBeGreaterThanOrEqual(DEFAULT_JWKS_TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(DEFAULT_JWKS_TIMEOUT_MS + 500);
    expect(DEFAULT_JWKS_TIMEOUT_MS * 2).toBeLessThan(10_000); // cold start + one retry still fit
  });

  test("GIVEN an unknown kid WHEN authorizing twice THEN 401 both times and the second does not refetch (penalty box)", async () => {
    mode = "other-keys";
    const a = loopbackAuthorizer();
    a.verifier.cacheJwks(JWKS as never);
    const forged = signRs256({ alg: "RS256", kid: "rotated-or-forged" }, accessClaims(), makeKeyPair("x").privateKey);
    const ev = tokenEvent(forged, "GET", "/pets/1");
    const [d1, ms1] = await timed(() => a.authorize(ev));
    expect(d1.effect).toBe("Unauthorized");
    expect(ms1).toBeLessThan(BOUND_MS + 250);
    const before = hits;
    const [d2, ms2] = await timed(() => a.authorize(ev));
    expect(d2.effect).toBe("Unauthorized");
    expect(hits).toBe(before);
    expect(ms2).toBeLessThan(50);
  });

  test("GIVEN a key rotation (new kid published) WHEN a token signed with the new key arrives THEN it is fetched and allowed", async () => {
    mode = "ok";
    const a = loopbackAuthorizer();
    a.verifier.cacheJwks({ keys: [makeKeyPair("old-key").jwk] } as never);
    expect((await a.authorize(event())).effect).toBe("Allow");
  });
});
