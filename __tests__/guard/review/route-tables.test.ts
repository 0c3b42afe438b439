import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { createZip } from "../../../constructs/private/bundle";
import { main } from "../../../cli/review";
import { zipEntry } from "../../../guard/load/zip";
import { requirementsFrom } from "../../../guard/review/route-tables";
import type { RouteTable } from "../../../lambdas/shared/contracts/route-table";
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

  /** A cdktf.out-shaped directory whose jwt-token authorizer zip holds `table`. */
  function outDir(name: string, table: unknown): string {
    const stackDir = join(dir, name, "stacks", "petstore-dev");
    mkdirSync(join(stackDir, "assets"), { recursive: true });
    const doc: Doc = synth("dev");
    only(doc, "aws_lambda_function", "authz-jwt-token")["filename"] = "assets/authz.zip";
    writeFileSync(join(stackDir, "cdk.tf.json"), JSON.stringify(doc));
    writeFileSync(join(stackDir, "assets", "authz.zip"), createZip([{ name: "route-table.json", data: Buffer.from(JSON.stringify(table)) }]));
    return join(dir, name);
  }

  function review(name: string, head: unknown) {
    let out = "";
    const code = main(["--base", outDir(`${name}-base`, TABLE), "--head", outDir(`${name}-head`, head), "--format", "json"], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
      writeFile: () => undefined,
    });
    const report = JSON.parse(out) as {
      routes: { route: string; status: string; after?: { summary: string } }[];
      changes: { severity: string; kind: string; subject: string }[];
    };
    return { code, report, blocking: report.changes.filter((c) => c.severity === "blocking").map((c) => `${c.kind} ${c.subject}`) };
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
});
