// The review of EDGE routes compares what the Lambda@Edge verifier requires per route (mode, scopes, clients), read
// from the edge-config.json in its zip, like CUSTOM routes' route tables. Fixtures: the frozen prod synth as a
// cdktf.out directory whose verifier package holds the given config (base and head differ only there), with the
// pets routes made NONE at the gateway as an EDGE route synthesizes (the frozen synth predates them).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { createZip } from "../../../constructs/private/bundle";
import { main } from "../../../cli/review";
import { method, only, synth, type Doc } from "./fixtures/pairs";

type EdgeRoute = { method: string; path: string; mode: "edge" | "gateway"; scopes: string[]; clients: string[] | null };

const ROUTES: EdgeRoute[] = [
  { method: "GET", path: "/health", mode: "gateway", scopes: [], clients: null },
  { method: "GET", path: "/pets", mode: "edge", scopes: ["petstore/read"], clients: ["web"] },
  { method: "POST", path: "/pets", mode: "edge", scopes: ["petstore/write"], clients: null },
  { method: "GET", path: "/pets/{petId}", mode: "edge", scopes: ["petstore/read", "petstore/admin"], clients: null },
];
const CONFIG = {
  parameterName: "/petstore/prod/edge-verifier/config",
  parameterRegion: "us-east-1",
  realm: "petstore-prod",
  routes: ROUTES,
  prefixes: [{ prefix: "/pets", scopes: ["petstore/read"] }],
  clients: null,
};
/** CONFIG with one route's entry changed. */
const edit = (route: string, over: Partial<EdgeRoute>, top: Record<string, unknown> = {}) => ({
  ...CONFIG,
  ...top,
  routes: ROUTES.map((r) => (`${r.method} ${r.path}` === route ? { ...r, ...over } : r)),
});

interface Report {
  routes: { route: string; status: string; after?: { type: string; summary: string } }[];
  changes: { severity: string; kind: string; subject: string; message: string }[];
}

describe("npm run review on the edge verifier's edge-config.json", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "review-edge-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A cdktf.out-shaped prod directory whose verifier zip holds `config` (a string as is; null: no zip). */
  function outDir(name: string, config: unknown, edit?: (doc: Doc) => void): string {
    const stackDir = join(dir, name, "stacks", "petstore-prod");
    mkdirSync(join(stackDir, "assets"), { recursive: true });
    const doc: Doc = synth("prod");
    for (const [verb, path] of [
      ["GET", "/pets"],
      ["POST", "/pets"],
      ["GET", "/pets/{petId}"],
    ]) {
      const m = method(doc, verb, path);
      Object.assign(m, { authorization: "NONE", api_key_required: false });
      delete m["authorizer_id"];
      delete m["authorization_scopes"];
    }
    only(doc, "aws_lambda_function", "edge-verifier")["filename"] = "assets/edge.zip";
    edit?.(doc);
    writeFileSync(join(stackDir, "cdk.tf.json"), JSON.stringify(doc));
    if (config !== null) {
      const text = typeof config === "string" ? config : JSON.stringify(config);
      writeFileSync(
        join(stackDir, "assets", "edge.zip"),
        createZip([
          { name: "index.js", data: Buffer.from("x") },
          { name: "edge-config.json", data: Buffer.from(text) },
        ]),
      );
    }
    return join(dir, name);
  }

  function review(name: string, head: unknown, base: unknown = CONFIG, editHead?: (doc: Doc) => void) {
    let out = "";
    const code = main(["--base", outDir(`${name}-base`, base), "--head", outDir(`${name}-head`, head, editHead), "--format", "json"], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
      writeFile: () => undefined,
    });
    const report = JSON.parse(out) as Report;
    const kinds = (severity: string) =>
      report.changes
        .filter((c) => c.severity === severity)
        .map((c) => `${c.kind} ${c.subject}`)
        .sort();
    return { code, report, blocking: kinds("blocking"), upgrades: kinds("upgrade"), info: kinds("info") };
  }

  it("GIVEN an unchanged config WHEN reviewed THEN nothing blocks and EDGE routes show the verifier's scopes and clients", () => {
    const r = review("same", CONFIG);
    expect(r.code).toBe(0);
    expect(r.blocking).toEqual([]);
    const summary = (route: string) => r.report.routes.find((x) => x.route === route)?.after?.summary;
    expect(summary("GET /pets")).toBe("EDGE (CloudFront only; scopes: petstore/read; clients: web)");
    expect(summary("GET /pets/{petId}")).toBe("EDGE (CloudFront only; scopes: petstore/admin, petstore/read)");
    // Passed on untouched by the verifier and NONE at the gateway: public, whatever the origin protection.
    expect(summary("GET /health")).toBe("NONE (public; the edge verifier passes it on)");
  });

  it.each([
    ["a scope added to the any-of list", edit("POST /pets", { scopes: ["petstore/write", "petstore/read"] }), "edge-scope-widened petstore-prod POST /pets"],
    [
      "every scope removed (no prefix covers it)",
      edit("POST /pets", { path: "/pets", scopes: [] }, { prefixes: [] }),
      "edge-scope-requirement-removed petstore-prod POST /pets",
    ],
    ["a client added", edit("GET /pets", { clients: ["web", "partner"] }), "edge-client-widened petstore-prod GET /pets"],
    ["the client restriction removed", edit("GET /pets", { clients: null }), "edge-client-restriction-removed petstore-prod GET /pets"],
    ["the route passed on to the gateway", edit("GET /pets", { mode: "gateway" }), "edge-pass-through petstore-prod GET /pets"],
    ["the config no longer JSON", "{ not json", "edge-config-unreadable petstore-prod GET /pets"],
    ["the route's entry gone", { ...CONFIG, routes: ROUTES.filter((r) => r.method !== "POST") }, "edge-config-unreadable petstore-prod POST /pets"],
  ])("GIVEN %s in the head WHEN reviewed THEN it blocks (exit 1)", (_n, head, expected) => {
    const r = review(`b-${expected.split(" ")[0]}-${_n.length}`, head);
    expect(r.code).toBe(1);
    expect(r.blocking).toContain(expected);
  });

  it("GIVEN the verifier's package missing from the head WHEN reviewed THEN every EDGE route blocks as unreadable (fails closed)", () => {
    const r = review("gone", null);
    expect(r.code).toBe(1);
    // GET /health too: the base knew the verifier passes it on; the head cannot say it no longer does.
    expect(r.blocking).toEqual(["GET /health", "GET /pets", "GET /pets/{petId}", "POST /pets"].map((route) => `edge-config-unreadable petstore-prod ${route}`));
  });

  /** The default behavior's Lambda@Edge associations of the prod distribution. */
  const associations = (doc: Doc): Record<string, unknown>[] =>
    (only(doc, "aws_cloudfront_distribution")["default_cache_behavior"] as Record<string, unknown>)["lambda_function_association"] as Record<string, unknown>[];

  it.each([
    ["another account's function version", "arn:aws:lambda:us-east-1:999999999999:function:allow-all:1"],
    ["a variable", "${var.edge_function_arn}"],
  ])(
    "GIVEN the viewer-request lambda_arn replaced by %s while the verifier's reference moves to an origin-response association WHEN reviewed THEN every EDGE route blocks as unreadable: the behavior's references are not the literal's",
    (_n, arn) => {
      const r = review(`swap-${_n.length}`, CONFIG, CONFIG, (doc) => {
        const list = associations(doc);
        const verifier = list[0]!["lambda_arn"];
        list[0]!["lambda_arn"] = arn;
        list.push({ event_type: "origin-response", include_body: false, lambda_arn: verifier });
      });
      expect(r.code).toBe(1);
      // Route by route, not only as the check's control-regressed on the distribution.
      expect(r.blocking.filter((b) => b.startsWith("edge-"))).toEqual(
        ["GET /health", "GET /pets", "GET /pets/{petId}", "POST /pets"].map((route) => `edge-config-unreadable petstore-prod ${route}`),
      );
    },
  );

  it("GIVEN the verifier's reference on viewer-request and a second, origin-response association to it (twin) WHEN reviewed THEN nothing blocks", () => {
    const r = review("swap-twin", CONFIG, CONFIG, (doc) => {
      const list = associations(doc);
      list.push({ event_type: "origin-response", include_body: false, lambda_arn: list[0]!["lambda_arn"] });
    });
    expect(r.blocking.filter((b) => b.startsWith("edge-"))).toEqual([]);
  });

  it("GIVEN a route's own scopes emptied while its path prefix requires the same scope WHEN reviewed THEN no change (the verifier falls back to the prefix)", () => {
    const r = review("prefix", edit("GET /pets", { scopes: [] }));
    expect(r.code).toBe(0);
    expect(r.report.changes.filter((c) => c.subject === "petstore-prod GET /pets")).toEqual([]);
  });

  it.each([
    [
      "a scope removed from the any-of list",
      edit("GET /pets/{petId}", { scopes: ["petstore/read"] }),
      CONFIG,
      "edge-scope-narrowed petstore-prod GET /pets/{petId}",
    ],
    ["a client restriction added", edit("POST /pets", { clients: ["web"] }), CONFIG, "edge-client-restricted petstore-prod POST /pets"],
    [
      "a client removed",
      edit("GET /pets", { clients: ["web"] }),
      edit("GET /pets", { clients: ["web", "partner"] }),
      "edge-client-narrowed petstore-prod GET /pets",
    ],
    ["a pass-through route now verified at the edge", CONFIG, edit("GET /pets", { mode: "gateway" }), "auth-strengthened petstore-prod GET /pets"],
    [
      "a scope required where none was",
      CONFIG,
      edit("POST /pets", { path: "/pets", scopes: [] }, { prefixes: [] }),
      "edge-scope-required petstore-prod POST /pets",
    ],
  ])("GIVEN %s WHEN reviewed THEN it is an upgrade, exit 0", (_n, head, base, expected) => {
    const r = review(`u-${_n.length}`, head, base);
    expect(r.code).toBe(0);
    expect(r.blocking).toEqual([]);
    expect(r.upgrades).toContain(expected);
  });

  it("GIVEN the base had no readable config and the head has one WHEN reviewed THEN info, except a route now known to be passed on, which blocks", () => {
    const r = review("now", CONFIG, null);
    expect(r.info).toContain("edge-config-now-readable petstore-prod GET /pets");
    expect(r.blocking).toEqual(["edge-pass-through petstore-prod GET /health"]);
  });
});
