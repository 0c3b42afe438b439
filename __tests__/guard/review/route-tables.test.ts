import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { createZip } from "../../../constructs/private/bundle";
import { main } from "../../../cli/review";
import { zipEntry } from "../../../guard/load/zip";
import { requirementsFrom } from "../../../guard/review/route-tables";
import type { RouteTable } from "../../../kernel/contracts/route-table";
import { only, synth, type Doc } from "./fixtures/pairs";
import { deflatedZip } from "../../helpers/deflated-zip";

/** A one-entry DEFLATED zip (the project's own writer only STOREs; other tools deflate). */
const deflatedEntry = (name: string, text: string): Buffer => deflatedZip([{ name, data: Buffer.from(text) }]);

const TABLE: RouteTable = {
  authorizer: "jwt-token",
  routes: [
    { method: "GET", path: "/pets/{petId}", groups: [], scopes: ["petstore/read"], tokenUse: "access", clients: null },
    { method: "DELETE", path: "/pets/{petId}", groups: ["admins"], scopes: [], tokenUse: "id", clients: ["web"] },
  ],
  apiKeyFromAuthorizer: false,
};

describe("zipEntry (the loader's reader) / requirementsFrom", () => {
  it("GIVEN the project's STORED zip WHEN read THEN route-table.json comes back byte for byte", () => {
    const zip = createZip([
      { name: "index.js", data: Buffer.from("x") },
      { name: "route-table.json", data: Buffer.from(JSON.stringify(TABLE)) },
    ]);
    expect(JSON.parse(zipEntry(zip, "route-table.json")?.toString() ?? "null")).toEqual(TABLE);
    expect(zipEntry(zip, "missing.json")).toBeUndefined();
  });

  it("GIVEN a DEFLATED zip WHEN read THEN the entry is inflated", () => {
    expect(zipEntry(deflatedEntry("route-table.json", '{"routes":[]}'), "route-table.json")?.toString()).toBe('{"routes":[]}');
  });

  it("GIVEN bytes that are not a zip WHEN read THEN it says so (the loader turns that into a problem)", () => {
    expect(() => zipEntry(Buffer.from("not a zip at all, not even close"), "route-table.json")).toThrow(/not a zip archive/);
  });

  it("GIVEN a table WHEN keyed THEN requirements are keyed by route", () => {
    const t = requirementsFrom(TABLE.routes);
    expect([...t.keys()]).toEqual(["GET /pets/{petId}", "DELETE /pets/{petId}"]);
    expect(t.get("DELETE /pets/{petId}")).toEqual({ groups: ["admins"], scopes: [], tokenUse: "id", clients: ["web"] });
  });
});

describe("npm run review on Lambda authorizer route tables", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "review-rt-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A zip package without route-table.json (the authorizer's code alone). */
  const NO_TABLE = Symbol("no route table");

  /** A cdktf.out-shaped directory whose jwt-token authorizer zip holds `table` (NO_TABLE: a zip without one). */
  function outDir(name: string, table: unknown): string {
    const stackDir = join(dir, name, "stacks", "petstore-dev");
    mkdirSync(join(stackDir, "assets"), { recursive: true });
    const doc: Doc = synth("dev");
    only(doc, "aws_lambda_function", "authz-jwt-token")["filename"] = "assets/authz.zip";
    writeFileSync(join(stackDir, "cdk.tf.json"), JSON.stringify(doc));
    const entry = table === NO_TABLE ? { name: "index.js", data: Buffer.from("") } : { name: "route-table.json", data: Buffer.from(JSON.stringify(table)) };
    writeFileSync(join(stackDir, "assets", "authz.zip"), createZip([entry]));
    return join(dir, name);
  }

  function review(name: string, head: unknown, base: unknown = TABLE) {
    let out = "";
    const code = main(["--base", outDir(`${name}-base`, base), "--head", outDir(`${name}-head`, head), "--format", "json"], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
      writeFile: () => undefined,
    });
    const report = JSON.parse(out) as {
      routes: { route: string; status: string; after?: { summary: string } }[];
      changes: { severity: string; kind: string; subject: string }[];
    };
    const of = (severity: string) => report.changes.filter((c) => c.severity === severity).map((c) => `${c.kind} ${c.subject}`);
    return { code, report, blocking: of("blocking"), upgrades: of("upgrade"), infos: of("info") };
  }

  const withDelete = (over: Record<string, unknown>) => ({ ...TABLE, routes: [TABLE.routes[0], { ...TABLE.routes[1], ...over }] });

  it("GIVEN the admins group requirement removed from DELETE /pets/{petId} WHEN reviewed THEN it blocks", () => {
    const r = review("group", withDelete({ groups: [] }));
    expect(r.code).toBe(1);
    expect(r.blocking).toEqual(["group-requirement-removed petstore-dev DELETE /pets/{petId}"]);
  });

  it("GIVEN the client restriction and token use relaxed WHEN reviewed THEN both block", () => {
    const r = review("clients", withDelete({ clients: null, tokenUse: "any" }));
    expect(r.blocking.sort()).toEqual(["client-restriction-removed petstore-dev DELETE /pets/{petId}", "token-use-widened petstore-dev DELETE /pets/{petId}"]);
  });

  it("GIVEN an unchanged table WHEN reviewed THEN the route shows its groups and nothing blocks", () => {
    const r = review("same", TABLE);
    expect(r.code).toBe(0);
    expect(r.report.routes.find((x) => x.route === "DELETE /pets/{petId}")?.after?.summary).toBe("CUSTOM (jwt-token; groups: admins; token: id; clients: web)");
  });

  it("GIVEN a scope added to a Lambda route WHEN reviewed THEN it blocks as widened", () => {
    const table = { ...TABLE, routes: [{ ...TABLE.routes[0], scopes: ["petstore/read", "petstore/write"] }, TABLE.routes[1]] };
    expect(review("scope", table).blocking).toEqual(["scope-widened petstore-dev GET /pets/{petId}"]);
  });

  it("GIVEN a second group accepted on DELETE /pets/{petId} WHEN reviewed THEN it blocks as widened (any one group passes)", () => {
    expect(review("group-more", withDelete({ groups: ["admins", "staff"] })).blocking).toEqual(["group-widened petstore-dev DELETE /pets/{petId}"]);
  });

  it("GIVEN one of two groups, or a first group, required WHEN reviewed THEN it is an upgrade and nothing blocks", () => {
    const narrowed = review("group-fewer", TABLE, withDelete({ groups: ["admins", "staff"] }));
    expect([narrowed.code, narrowed.upgrades]).toEqual([0, ["group-narrowed petstore-dev DELETE /pets/{petId}"]]);
    const required = review("group-first", TABLE, withDelete({ groups: [] }));
    expect([required.code, required.upgrades]).toEqual([0, ["group-required petstore-dev DELETE /pets/{petId}"]]);
  });

  it("GIVEN a second app client accepted on DELETE /pets/{petId} WHEN reviewed THEN it blocks as widened", () => {
    expect(review("client-more", withDelete({ clients: ["web", "partner-sync"] })).blocking).toEqual(["client-widened petstore-dev DELETE /pets/{petId}"]);
  });

  it("GIVEN one of two clients, or a first client restriction, WHEN reviewed THEN it is an upgrade", () => {
    const narrowed = review("client-fewer", TABLE, withDelete({ clients: ["web", "partner-sync"] }));
    expect([narrowed.code, narrowed.upgrades]).toEqual([0, ["client-narrowed petstore-dev DELETE /pets/{petId}"]]);
    const restricted = review("client-first", TABLE, withDelete({ clients: null }));
    expect([restricted.code, restricted.upgrades]).toEqual([0, ["client-restricted petstore-dev DELETE /pets/{petId}"]]);
  });

  it("GIVEN a route that accepted any token now accepting ID tokens only WHEN reviewed THEN it is an upgrade", () => {
    const r = review("token-narrowed", TABLE, withDelete({ tokenUse: "any" }));
    expect([r.code, r.upgrades]).toEqual([0, ["token-use-narrowed petstore-dev DELETE /pets/{petId}"]]);
  });

  it("GIVEN the head's authorizer package without its route table WHEN reviewed THEN every route it decides blocks: fails closed", () => {
    const r = review("table-gone", NO_TABLE);
    expect(r.code).toBe(1);
    // The package's files changed too: the code deciding those routes is another.
    expect(r.blocking.sort()).toEqual([
      "authorizer-code-changed function petstore-dev-authz-jwt-token",
      "route-table-unreadable petstore-dev DELETE /pets/{petId}",
      "route-table-unreadable petstore-dev GET /pets/{petId}",
    ]);
  });

  it("GIVEN a base without the route table and a head with it WHEN reviewed THEN it is said (info) beside the code change", () => {
    const r = review("table-back", TABLE, NO_TABLE);
    expect(r.blocking).toEqual(["authorizer-code-changed function petstore-dev-authz-jwt-token"]);
    expect(r.infos.filter((c) => c.startsWith("route-table-now-readable")).sort()).toEqual([
      "route-table-now-readable petstore-dev DELETE /pets/{petId}",
      "route-table-now-readable petstore-dev GET /pets/{petId}",
    ]);
  });
});
