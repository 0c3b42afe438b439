// cli/conformance.ts against a loopback API Gateway for the sample's dev stage (__tests__/helpers/loopback-gateway.ts):
// real RSA-signed tokens from its /oauth2/token, the real authorizer bundle deciding the LAMBDA routes, SigV4 verified
// with test credentials through its STS. A faithful gateway passes; one mis-configured route fails the run by name.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/conformance";
import type { CaseResult } from "../../guard/conformance/types";
import { CREDENTIAL_CLASSES } from "../../guard/conformance/types";
import { petstoreDev } from "../../access-spec/samples/petstore";
import { startLoopbackGateway, type LoopbackGateway } from "../helpers/loopback-gateway";

const ROOT = join(__dirname, "..", "..");
const SPEC = join(ROOT, "access-spec", "samples", "petstore.ts");
const POLICY = join(ROOT, "policies");
const AMBIENT = { id: "AKIDLOOPBACKCI000001", secret: "ambient-secret-for-tests" };
const INVOKER_ROLE = "arn:aws:iam::123456789012:role/petstore-dev-invoker-reporting";
const API_KEY = "partner-acme-key-0123456789";
const SAFE_ROUTES = petstoreDev.routes.filter((r) => ["GET", "HEAD", "OPTIONS"].includes(r.method)).map((r) => `${r.method} ${r.path}`);
const UNSAFE_ROUTES = petstoreDev.routes.filter((r) => !["GET", "HEAD", "OPTIONS"].includes(r.method)).map((r) => `${r.method} ${r.path}`);

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(argv: readonly string[], env: Record<string, string>): Promise<Run> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) }, env);
  return { code, out, err };
}

const now = (): number => Math.floor(Date.now() / 1000);

function fullEnv(gw: LoopbackGateway): Record<string, string> {
  return {
    CONFORMANCE_CLIENT_IDS: JSON.stringify(gw.clientIds),
    CONFORMANCE_CLIENT_SECRET: gw.clientSecrets["partner-sync"],
    // A signed-in admin's ID token and a web user's access token with the read scope (staff group).
    CONFORMANCE_ID_TOKEN: gw.sign({
      sub: "admin-1",
      iss: gw.issuer,
      aud: gw.clientIds.web,
      token_use: "id",
      "cognito:groups": ["admins"],
      "cognito:username": "ada",
      iat: now(),
      auth_time: now(),
      exp: now() + 3600,
    }),
    CONFORMANCE_ACCESS_TOKEN: gw.sign({
      sub: "user-1",
      iss: gw.issuer,
      client_id: gw.clientIds.web,
      token_use: "access",
      scope: "petstore/read openid",
      "cognito:groups": ["staff"],
      username: "bob",
      iat: now(),
      auth_time: now(),
      exp: now() + 3600,
      jti: "j1",
    }),
    CONFORMANCE_API_KEY: API_KEY,
    AWS_ACCESS_KEY_ID: AMBIENT.id,
    AWS_SECRET_ACCESS_KEY: AMBIENT.secret,
    AWS_ENDPOINT_URL_STS: gw.stsUrl,
  };
}

const argsFor = (gw: LoopbackGateway, ...more: string[]): string[] => [
  "--url",
  gw.url,
  "--spec",
  SPEC,
  "--stack",
  "petstore-dev",
  "--policy",
  POLICY,
  "--token-url",
  gw.tokenUrl,
  "--role-arn",
  INVOKER_ROLE,
  "--rate",
  "100",
  "--concurrency",
  "8",
  "--format",
  "json",
  ...more,
];

const gatewayOptions = {
  spec: petstoreDev,
  apiKeys: [API_KEY],
  principals: { [AMBIENT.id]: { secretAccessKey: AMBIENT.secret, arn: "arn:aws:sts::123456789012:assumed-role/ci-deployer/run-1" } },
  assumableRoles: [INVOKER_ROLE],
};

const resultsOf = (r: Run): CaseResult[] => (JSON.parse(r.out) as { results: CaseResult[] }).results;
const cell = (results: readonly CaseResult[], route: string, cls: string): CaseResult | undefined =>
  results.find((c) => c.route === route && c.credential === cls);

describe("conformance against a faithful loopback gateway", () => {
  let gw: LoopbackGateway;
  beforeAll(async () => {
    gw = await startLoopbackGateway(gatewayOptions);
  });
  afterAll(() => gw.close());

  test("GIVEN every credential class WHEN run THEN exit 0 and every safe route has an answer per class, as the spec says", async () => {
    const r = await run(argsFor(gw), fullEnv(gw));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const results = resultsOf(r);
    // One case per route and class, unsafe routes not called.
    expect(results).toHaveLength(petstoreDev.routes.length * CREDENTIAL_CLASSES.length);
    for (const route of UNSAFE_ROUTES) for (const cls of CREDENTIAL_CLASSES) expect(cell(results, route, cls)?.verdict).toBe("not-tested");
    for (const route of SAFE_ROUTES) {
      for (const cls of CREDENTIAL_CLASSES) {
        const c = cell(results, route, cls);
        expect([route, cls, c?.verdict]).toEqual([route, cls, expect.stringMatching(/^(pass|n\/a)$/)]);
      }
    }
    // The answers themselves: who got through where.
    const reached = (route: string) => CREDENTIAL_CLASSES.filter((cls) => cell(results, route, cls)?.observed?.outcome === "reached");
    expect(reached("GET /health")).toEqual(CREDENTIAL_CLASSES.filter((c) => c !== "wrong-scope"));
    expect(reached("GET /pets")).toEqual(["client-credentials", "access-token"]);
    expect(reached("GET /pets/{petId}")).toEqual(["client-credentials", "access-token"]);
    expect(reached("GET /profile")).toEqual(["id-token"]);
    expect(reached("GET /reports/{reportId}")).toEqual(["sigv4"]);
    expect(reached("GET /catalog")).toEqual(["malformed", "expired", "client-credentials", "id-token", "access-token", "sigv4", "api-key"]);
    // The Lambda authorizer refused the token without the scope with its policy (403), the forgery with 401.
    expect(cell(results, "GET /pets/{petId}", "wrong-scope")?.observed).toMatchObject({ status: 403, errorType: "AccessDeniedException" });
    expect(cell(results, "GET /pets/{petId}", "expired")?.observed).toMatchObject({ status: 401, errorType: "UnauthorizedException" });
    expect(cell(results, "GET /profile", "wrong-scope")?.verdict).toBe("n/a");
  });

  test("GIVEN no --include-unsafe WHEN run THEN the server sees only GET, HEAD and OPTIONS; WITH it, the unsafe routes are called and judged", async () => {
    gw.calls.length = 0;
    expect((await run(argsFor(gw), fullEnv(gw))).code).toBe(0);
    const methods = new Set(gw.calls.map((c) => c.method));
    expect([...methods]).toEqual(["GET"]);
    expect(gw.calls.length).toBeGreaterThan(0);

    gw.calls.length = 0;
    const r = await run(argsFor(gw, "--include-unsafe"), fullEnv(gw));
    expect(resultsOf(r).filter((c) => !["pass", "n/a"].includes(c.verdict))).toEqual([]);
    expect(r.code).toBe(0);
    expect(new Set(gw.calls.map((c) => c.method))).toEqual(new Set(["GET", "POST", "PUT", "DELETE"]));
    const results = resultsOf(r);
    expect(results.filter((c) => c.verdict === "not-tested")).toEqual([]);
    // DELETE takes an admin's ID token of the web client only; POST /orders the orders scope plus the API key.
    expect(cell(results, "DELETE /pets/{petId}", "id-token")?.observed?.outcome).toBe("reached");
    expect(cell(results, "DELETE /pets/{petId}", "access-token")?.observed?.outcome).toBe("denied");
    expect(cell(results, "POST /orders", "client-credentials")?.observed?.outcome).toBe("reached");
    expect(cell(results, "POST /orders", "api-key")?.observed?.outcome).toBe("denied");
  });

  test("GIVEN no secrets and ambient credentials only WHEN run THEN the classes it cannot obtain are not tested with why, and an unnamed role is unjudged, never a pass", async () => {
    const env = {
      CONFORMANCE_CLIENT_IDS: JSON.stringify(gw.clientIds),
      AWS_ACCESS_KEY_ID: AMBIENT.id,
      AWS_SECRET_ACCESS_KEY: AMBIENT.secret,
      AWS_ENDPOINT_URL_STS: gw.stsUrl,
    };
    const argv = argsFor(gw).filter((a, i, all) => a !== "--role-arn" && all[i - 1] !== "--role-arn");
    const r = await run(argv, env);
    expect(r.code).toBe(0);
    const results = resultsOf(r);
    expect(cell(results, "GET /pets", "client-credentials")).toMatchObject({
      verdict: "not-tested",
      detail: expect.stringContaining("CONFORMANCE_CLIENT_SECRET"),
    });
    expect(cell(results, "GET /pets", "id-token")).toMatchObject({ verdict: "not-tested", detail: "CONFORMANCE_ID_TOKEN is not set" });
    expect(cell(results, "GET /catalog", "api-key")).toMatchObject({ verdict: "not-tested", detail: "CONFORMANCE_API_KEY is not set" });
    expect(cell(results, "GET /pets", "none")?.verdict).toBe("pass");
    // The CI role signs: refused on the IAM route, but the spec does not say who else IAM admits.
    expect(cell(results, "GET /reports/{reportId}", "sigv4")).toMatchObject({ verdict: "unjudged", observed: { outcome: "denied" } });
    expect(cell(results, "GET /pets", "sigv4")?.verdict).toBe("pass");
    // Without a key, a token on the key-guarded catalog is refused, as expected.
    expect(cell(results, "GET /catalog", "malformed")).toMatchObject({ verdict: "pass", observed: { outcome: "denied" } });
  });
});

describe("conformance against a gateway with one route mis-configured", () => {
  let gw: LoopbackGateway;
  beforeAll(async () => {
    // GIVEN GET /profile deployed open although spec and policy say Cognito (ID tokens)
    gw = await startLoopbackGateway({ ...gatewayOptions, misconfigure: { "GET /profile": { type: "NONE", reason: "mistake" } } });
  });
  afterAll(() => gw.close());

  test("WHEN run THEN exit 1, the exposed cases are exactly GET /profile's excluded callers, named in the table and the JUnit file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "conformance-"));
    const junit = join(dir, "conformance.xml");
    const json = await run(argsFor(gw, "--junit", junit), fullEnv(gw));
    expect(json.code).toBe(1);
    const exposed = resultsOf(json).filter((c) => c.verdict === "exposed");
    expect(new Set(exposed.map((c) => c.route))).toEqual(new Set(["GET /profile"]));
    expect(exposed.map((c) => c.credential)).toEqual(["none", "malformed", "expired", "client-credentials", "access-token", "sigv4", "api-key"]);
    expect(resultsOf(json).filter((c) => c.verdict !== "exposed" && !["pass", "n/a", "not-tested"].includes(c.verdict))).toEqual([]);

    const xml = readFileSync(junit, "utf8");
    expect(xml).toContain('<testsuite name="GET /profile" tests="9" failures="7"');
    expect(xml).toMatch(/<testcase classname="petstore-dev GET \/profile" name="none"><failure message="exposed: reached \(200\) although/);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(petstoreDev.routes.length * CREDENTIAL_CLASSES.length);

    const table = await run(
      argsFor(gw).filter((a) => a !== "json" && a !== "--format"),
      fullEnv(gw),
    );
    expect(table.code).toBe(1);
    expect(table.out).toMatch(/^EXPOSED\s+GET \/profile {2}none {2}\(GET \/profile\): reached \(200\) although/m);
    expect(table.out).toMatch(/^FAIL: /m);
  });
});

describe("conformance input errors", () => {
  test.each([
    [[], /missing --url/],
    [["--url", "http://api.example.com/dev"], /must be https \(http only on a loopback address\)/],
    [["--url", "https://x.example.com/dev", "--spec", SPEC], /say which one the URL serves with --stack/],
    [["--url", "https://x.example.com/dev", "--spec", SPEC, "--stack", "petstore-qa"], /--stack "petstore-qa" is none of petstore-dev, petstore-prod/],
    [["--url", "https://x.example.com/dev", "--spec", SPEC, "--stack", "petstore-dev", "--entry", "cloudfront"], /has no CloudFront/],
    [["--url", "https://x.example.com/dev", "--rate", "0"], /--rate must be a number from 0.1 to 100/],
  ])("GIVEN %j THEN exit 2 with one reason", async (argv, message) => {
    const r = await run(argv, {});
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
