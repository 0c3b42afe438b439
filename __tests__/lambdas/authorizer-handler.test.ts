// The bundled authorizer as Lambda runs it: index.js + route-table.json from the zip, env config, JWKS
// fetched at cold start. The bundle's https is redirected to a loopback server; nothing else is reached.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { buildHandlerCode } from "../../constructs/private/bundle";
import { routeTableJson } from "../../kernel/contracts/route-table";
import { accessClaims, CLIENT_IDS, JWKS, POOL_ID, TABLES, token, tokenEvent } from "./helpers/tokens";

type Handler = (event: unknown) => Promise<unknown>;

const CODE = buildHandlerCode(path.resolve(__dirname, "..", "..", "lambdas", "authorizer", "index.ts"));
let server: http.Server;
let jwksUrl = "";
const requested: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requested.push(req.url ?? "");
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(JWKS));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Loads the bundle like the Lambda runtime would, with `env` as process.env and `files` beside index.js. */
function loadBundle(env: Record<string, string>, files: Record<string, string>): { handler: Handler; logs: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), "authz-handler-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  const loopbackHttps = {
    get: (url: URL, options: http.RequestOptions, cb: (res: http.IncomingMessage) => void) => {
      requested.push(`${url}`);
      return http.get(jwksUrl, options, cb);
    },
  };
  const fakeRequire = (name: string): unknown => (name === "https" || name === "node:https" ? loopbackHttps : require(name));
  const logs: string[] = [];
  const fakeConsole = { ...console, log: (line: string) => logs.push(line) };
  const fakeProcess = { ...process, env };
  const mod = { exports: {} as { handler?: Handler } };
  new Function("module", "exports", "require", "__dirname", "process", "console", CODE.toString("utf8"))(
    mod,
    mod.exports,
    fakeRequire,
    dir,
    fakeProcess,
    fakeConsole,
  );
  if (!mod.exports.handler) throw new Error("bundle exports no handler");
  return { handler: mod.exports.handler, logs };
}

const ENV = { USER_POOL_ID: POOL_ID, CLIENT_IDS: JSON.stringify(CLIENT_IDS) };
const FILES = { "route-table.json": routeTableJson(TABLES["jwt-token"]) };

describe("bundled authorizer handler", () => {
  test("GIVEN the bundle WHEN measured THEN it is at most 60 KB minified", () => {
    expect(CODE.length).toBeLessThanOrEqual(60 * 1024);
  });

  test("GIVEN a valid token WHEN invoked THEN it allows after fetching the JWKS at cold start, and logs one line without the token", async () => {
    requested.length = 0;
    const { handler, logs } = loadBundle(ENV, FILES);
    const t = token(accessClaims());
    const res = (await handler(tokenEvent(`Bearer ${t}`, "GET", "/pets/1"))) as { principalId: string; policyDocument: { Statement: { Effect: string }[] } };
    expect(res.principalId).toBe("user-sub-1");
    expect(res.policyDocument.Statement[0].Effect).toBe("Allow");
    expect(requested.some((u) => u.includes(`${POOL_ID}/.well-known/jwks.json`))).toBe(true);
    const decisions = logs.filter((l) => l.includes('"decision"'));
    expect(decisions).toHaveLength(1);
    expect(JSON.parse(decisions[0])).toEqual({ source: "authorizer", decision: "Allow", reason: "allowed", route: "GET /pets/{petId}", sub: "user-sub-1" });
    expect(logs.join("\n")).not.toContain(t.split(".")[2]);
  });

  test("GIVEN a bad token WHEN invoked THEN it throws exactly Error('Unauthorized')", async () => {
    const { handler, logs } = loadBundle(ENV, FILES);
    const err = await handler(tokenEvent("Bearer not.a.jwt", "GET", "/pets/1")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe("Unauthorized");
    expect(logs.join("\n")).not.toContain("not.a.jwt");
  });

  test("GIVEN a missing route table or bad env WHEN invoked THEN every call is Unauthorized and the problem is logged", async () => {
    for (const [env, files, message] of [
      [ENV, {}, "route-table.json: missing"],
      [{ ...ENV, CLIENT_IDS: "{" }, FILES, "CLIENT_IDS: not valid JSON"],
      [{ CLIENT_IDS: ENV.CLIENT_IDS }, FILES, "USER_POOL_ID: bad value"],
    ] as const) {
      const { handler, logs } = loadBundle(env, files);
      await expect(handler(tokenEvent(`Bearer ${token(accessClaims())}`, "GET", "/pets/1"))).rejects.toThrow(/^Unauthorized$/);
      expect(logs.join("\n")).toContain(message);
    }
  });
});
