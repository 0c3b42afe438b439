// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// The orders example end to end, as a new user runs it: its YAML and JSON specs synthesize and pass the check with
// the hand-written policy; the same policy blocks a copy of the real synth with one route opened. The offline plan of
// both stacks with real terraform, and the check of those plans, run where the README runs them
// (__tests__/docs/readme-commands.test.ts, "Your own API in an hour").
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main as check } from "../../cli/check";
import { parseDataText } from "../../kernel/io/data-file";
import type { JsonSchema } from "../../scripts/gen-spec-schema";
import { SCHEMA_FILE } from "../../scripts/gen-spec-schema";

const root = resolve(__dirname, "..", "..");
const DEV = "examples/orders/orders-dev.yaml";
const PROD = "examples/orders/orders-prod.json";
const POLICIES = join(root, "examples", "orders", "policies");

function runCheck(args: readonly string[]): { code: number; out: string } {
  let out = "";
  const write = (s: string): void => {
    out += s;
  };
  const code = check([...args, "--policy", POLICIES, "--format", "json"], { out: write, err: write });
  return { code, out };
}

const outdir = join(mkdtempSync(join(tmpdir(), "examples-")), "cdktf.out");
const env = { ...process.env, CDKTF_OUTDIR: outdir, ACCESS_SPEC: `${DEV},${PROD}`, AWS_ACCESS_KEY_ID: "", AWS_PROFILE: "" };
const synth = spawnSync(process.execPath, [join(root, "scripts", "synth.mjs")], { cwd: root, env, encoding: "utf8" });
const stacksDir = join(outdir, "stacks");

describe("GIVEN the orders example specs", () => {
  test("THEN between them they use every authorization type of the spec, both Lambda authorizer kinds and both client kinds", () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as { definitions: Record<string, JsonSchema> };
    const allTypes = (schema.definitions.AuthorizationSpec?.oneOf as { properties: { type: { const: string } } }[]).map((v) => v.properties.type.const);
    const specs = [DEV, PROD].map((file) => {
      const read = parseDataText(readFileSync(join(root, file), "utf8"), file.endsWith(".json") ? "json" : "yaml");
      if (!read.ok) throw new Error(read.message);
      return read.data as {
        routes: { auth: { type: string; scopes?: string[] } }[];
        authorizers: { type: string }[];
        cognito: { clients: { kind: string }[] };
      };
    });
    const used = new Set(specs.flatMap((s) => s.routes.map((r) => r.auth.type)));
    expect([...allTypes].filter((t) => !used.has(t))).toEqual([]);
    const prod = specs[1];
    expect(new Set(prod?.routes.map((r) => r.auth.type))).toEqual(new Set(allTypes));
    const cognito = specs.flatMap((s) => s.routes.filter((r) => r.auth.type === "COGNITO"));
    expect(cognito.some((r) => r.auth.scopes !== undefined) && cognito.some((r) => r.auth.scopes === undefined)).toBe(true);
    for (const s of specs) {
      expect(s.authorizers.map((a) => a.type).sort()).toEqual(["REQUEST", "TOKEN"]);
      expect(s.cognito.clients.map((c) => c.kind).sort()).toEqual(["machine", "user"]);
    }
  });
});

describe("GIVEN the orders example specs WHEN synthesized with ACCESS_SPEC and checked with the example policy", () => {
  test("THEN synth writes one stack per spec file", () => {
    if (synth.status !== 0) throw new Error(synth.stderr);
    expect(readdirSync(stacksDir).sort()).toEqual(["orders-dev", "orders-prod"]);
  });

  test("THEN the check passes on every stack, with every route covered by the policy", () => {
    const run = runCheck([outdir]);
    expect([run.code, run.out]).toEqual([0, expect.any(String)]);
    const report = JSON.parse(run.out) as {
      findings: unknown[];
      coverage: { apis: { api: string; routes: number; covered: number }[]; notCovered: unknown[] };
    };
    expect(report.findings).toEqual([]);
    expect(report.coverage.apis.map((a) => [a.api, a.covered, a.routes]).sort()).toEqual([
      ["orders-dev", 10, 10],
      ["orders-prod", 10, 10],
    ]);
    expect(report.coverage.notCovered).toEqual([]);
  });
});

describe("GIVEN a copy of the real dev synth WHEN one route's authorization is changed and checked with the example policy", () => {
  const copy = (edit: (stack: Record<string, any>) => void): string => {
    const dir = join(mkdtempSync(join(tmpdir(), "examples-edit-")), "orders-dev");
    cpSync(join(stacksDir, "orders-dev"), dir, { recursive: true });
    const file = join(dir, "cdk.tf.json");
    const stack = JSON.parse(readFileSync(file, "utf8")) as Record<string, any>;
    edit(stack);
    writeFileSync(file, JSON.stringify(stack));
    return file;
  };
  const getOrders = (stack: Record<string, any>): Record<string, unknown> => {
    const methods = Object.values(stack.resource.aws_api_gateway_method as Record<string, Record<string, unknown>>);
    const found = methods.filter((m) => m.http_method === "GET" && JSON.stringify(m.authorization_scopes) === '["orders/read"]');
    if (found.length !== 1) throw new Error(`expected one GET /orders method, found ${found.length}`);
    return found[0] as Record<string, unknown>;
  };

  test("THEN opening GET /orders (authorization NONE) fails the check naming the route", () => {
    const file = copy((stack) => {
      const method = getOrders(stack);
      method.authorization = "NONE";
      delete method.authorizer_id;
      delete method.authorization_scopes;
    });
    const run = runCheck([file]);
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.out) as { findings: { route?: string }[] }).findings;
    expect(findings.map((f) => f.route)).toContain("GET /orders");
  });

  test("THEN a change beside the authorization (the REST API's description) still passes: the harmless twin", () => {
    const file = copy((stack) => {
      const apis = Object.values(stack.resource.aws_api_gateway_rest_api as Record<string, Record<string, unknown>>);
      if (apis.length !== 1) throw new Error(`expected one REST API, found ${apis.length}`);
      (apis[0] as Record<string, unknown>).description = "Orders API (renamed in a pull request)";
    });
    expect(runCheck([file]).code).toBe(0);
  });
});
