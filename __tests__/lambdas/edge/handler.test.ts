// The thin handler end to end: cold start reads the baked file, the SSM parameter (signed request to a fake
// fetch) and the JWKS (fake fetcher), then forwards or rejects real tokens. No network.
import type { CloudFrontRequestEvent, CloudFrontRequestResult, CloudFrontResultResponse } from "aws-lambda";
import { createHandler, type EdgeDeps } from "../../../lambdas/edge/index";
import { EDGE_JWKS_TIMEOUT_MS } from "../../../lambdas/edge/keys";
import type { Fetch } from "../../../lambdas/edge/ssm";
import { BAKED, CLIENTS, USER_POOL_ID, accessClaims, bearer, makeKey, request, sign } from "./tokens";

const key = makeKey("kid-handler");
const ENV = { AWS_ACCESS_KEY_ID: "AKIDTEST", AWS_SECRET_ACCESS_KEY: "secret", AWS_SESSION_TOKEN: "token" };

interface Calls {
  ssm: { url: string; headers: Record<string, string>; body: string }[];
  jwks: string[];
}

function deps(opts: { ssmStatus?: number; ssmFailures?: number } = {}): { deps: EdgeDeps; calls: Calls } {
  const calls: Calls = { ssm: [], jwks: [] };
  let failures = opts.ssmFailures ?? 0;
  const fetch: Fetch = async (url, init) => {
    calls.ssm.push({ url, headers: init.headers, body: init.body });
    const status = failures-- > 0 ? 500 : (opts.ssmStatus ?? 200);
    const text = JSON.stringify({ Parameter: { Value: JSON.stringify({ userPoolId: USER_POOL_ID, clientIds: CLIENTS }) } });
    return { ok: status < 300, status, text: async () => text };
  };
  return {
    calls,
    deps: {
      readBakedConfig: () => JSON.stringify(BAKED),
      fetch,
      env: ENV,
      jwksFetcher: {
        fetch: async (uri) => {
          calls.jwks.push(uri);
          return new TextEncoder().encode(JSON.stringify({ keys: [key.jwk] })).buffer as ArrayBuffer;
        },
      },
    },
  };
}

const event = (req: ReturnType<typeof request>): CloudFrontRequestEvent =>
  ({ Records: [{ cf: { config: { eventType: "viewer-request" }, request: req } }] }) as unknown as CloudFrontRequestEvent;

const isResponse = (r: CloudFrontRequestResult): r is CloudFrontResultResponse => r !== undefined && r !== null && "status" in r;

describe("edge handler, end to end", () => {
  let log: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    error = jest.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(() => {
    log.mockRestore();
    error.mockRestore();
  });

  test("GIVEN a cold container WHEN two requests arrive THEN SSM and the JWKS are read once, signed, from us-east-1 and the pool", async () => {
    const { deps: d, calls } = deps();
    const handler = createHandler(d);
    const token = sign(key, accessClaims());
    await handler(event(request("GET", "/pets", bearer(token))));
    await handler(event(request("GET", "/pets", bearer(token))));
    expect(calls.ssm).toHaveLength(1);
    expect(calls.ssm[0].url).toBe("https://ssm.us-east-1.amazonaws.com/");
    expect(calls.ssm[0].headers["x-amz-target"]).toBe("AmazonSSM.GetParameter");
    expect(calls.ssm[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/us-east-1\/ssm\/aws4_request/);
    expect(JSON.parse(calls.ssm[0].body)).toEqual({ Name: BAKED.parameterName });
    // aws-jwt-verify also trusts Cognito's newer issuer host for the same pool, and hydrates both, once.
    expect([...calls.jwks].sort()).toEqual([
      `https://cognito-idp.eu-west-1.amazonaws.com/${USER_POOL_ID}/.well-known/jwks.json`,
      `https://issuer-cognito-idp.eu-west-1.amazonaws.com/${USER_POOL_ID}/.well-known/jwks.json`,
    ]);
  });

  test("GIVEN a valid token and a forged X-Origin-Verify WHEN handled THEN the request is forwarded without that header", async () => {
    const handler = createHandler(deps().deps);
    const out = await handler(event(request("GET", "/pets", { ...bearer(sign(key, accessClaims())), "X-Origin-Verify": "guess" })));
    expect(isResponse(out)).toBe(false);
    expect((out as { headers: Record<string, unknown> }).headers["x-origin-verify"]).toBeUndefined();
    expect((out as { uri: string }).uri).toBe("/pets");
  });

  test("GIVEN no token WHEN handled THEN 401 with the Bearer challenge and the token never logged", async () => {
    const handler = createHandler(deps().deps);
    const out = await handler(event(request("GET", "/pets")));
    expect(isResponse(out) && out.status).toBe("401");
    const token = sign(key, accessClaims({ client_id: "nobody" }));
    const bad = await handler(event(request("GET", "/pets", bearer(token))));
    expect(isResponse(bad) && bad.headers?.["www-authenticate"]?.[0].value).toContain('error="invalid_token"');
    expect(JSON.stringify(log.mock.calls)).not.toContain(token);
  });

  test("GIVEN SSM failing once WHEN requests arrive THEN 503 first (never a forward), then the next request loads and passes", async () => {
    const { deps: d, calls } = deps({ ssmFailures: 1 });
    const handler = createHandler(d);
    const req = request("GET", "/pets", bearer(sign(key, accessClaims())));
    const first = await handler(event(req));
    expect(isResponse(first) && first.status).toBe("503");
    const second = await handler(event(req));
    expect(isResponse(second)).toBe(false);
    expect(calls.ssm).toHaveLength(2);
  });

  test("GIVEN a JWKS endpoint that never answers WHEN a cold container is asked THEN 503 within the bound, well inside the 5 s viewer-request limit", async () => {
    const { deps: d } = deps();
    const hanging: EdgeDeps = { ...d, jwksFetcher: { fetch: () => new Promise<ArrayBuffer>(() => undefined) } };
    const started = Date.now();
    const out = await createHandler(hanging)(event(request("GET", "/pets", bearer(sign(key, accessClaims())))));
    expect(isResponse(out) && out.status).toBe("503");
    // The download never settles, so answering at all is the deadline at work; it waited the bound, not less.
    expect(Date.now() - started).toBeGreaterThanOrEqual(EDGE_JWKS_TIMEOUT_MS - 50);
  });

  test("GIVEN an SSM value naming no id for a configured client WHEN loading THEN every request gets 503", async () => {
    const { deps: d } = deps();
    const broken: EdgeDeps = {
      ...d,
      fetch: async () => ({
        ok: true,
        status: 200,
        text: async () => JSON.stringify({ Parameter: { Value: JSON.stringify({ userPoolId: USER_POOL_ID, clientIds: { web: "x" } }) } }),
      }),
    };
    const out = await createHandler(broken)(event(request("GET", "/health")));
    expect(isResponse(out) && out.status).toBe("503");
  });
});
