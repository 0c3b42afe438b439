import { buildRouteTables } from "../../access-spec/route-table";
import { petstoreDev } from "../../access-spec/samples/petstore";
import type { AccessSpec } from "../../access-spec/types";

describe("buildRouteTables", () => {
  test("GIVEN the petstore spec WHEN built THEN each Lambda authorizer gets its routes with defaults applied", () => {
    const tables = buildRouteTables(petstoreDev);
    expect(Object.keys(tables).sort()).toEqual(["jwt-request", "jwt-token"]);
    expect(tables["jwt-token"].routes).toEqual([
      { method: "GET", path: "/pets/{petId}", groups: [], scopes: ["petstore/read"], tokenUse: "access", clients: null },
      { method: "DELETE", path: "/pets/{petId}", groups: ["admins"], scopes: [], tokenUse: "id", clients: ["web"] },
    ]);
    expect(tables["jwt-request"].routes).toEqual([
      { method: "PUT", path: "/pets/{petId}/photo", groups: ["admins", "staff"], scopes: [], tokenUse: "any", clients: null },
    ]);
    expect(tables["jwt-token"].apiKeyFromAuthorizer).toBe(false);
  });

  test("GIVEN a route naming an undeclared authorizer WHEN built THEN it fails naming the route and the authorizer", () => {
    const spec: AccessSpec = {
      ...petstoreDev,
      routes: [{ method: "GET", path: "/x", integration: { type: "MOCK" }, auth: { type: "LAMBDA", authorizer: "nope" } }],
    };
    expect(() => buildRouteTables(spec)).toThrow('routes[0] "GET /x": unknown authorizer "nope"');
  });
});
