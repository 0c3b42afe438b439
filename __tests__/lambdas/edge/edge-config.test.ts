// The baked edge configuration derived from the access spec at synth time.
import { bakedEdgeConfig, edgeParameterName } from "../../../constructs/edge/edge-config";
import { parseEdgeConfig } from "../../../kernel/contracts/edge-config";
import { petstoreDev, petstoreProd } from "../../../access-spec/samples/petstore";
import type { AccessSpec, RouteSpec } from "../../../access-spec/types";

const withRoutes = (routes: readonly RouteSpec[], edge = petstoreProd.edge): AccessSpec => ({ ...petstoreProd, routes, edge });

describe("bakedEdgeConfig", () => {
  const spec = withRoutes([
    { method: "GET", path: "/pets", cors: true, integration: { type: "MOCK" }, auth: { type: "EDGE", scopes: ["petstore/read"], clients: ["web"] } },
    { method: "GET", path: "/health", integration: { type: "MOCK" }, auth: { type: "NONE", reason: "probes" } },
  ]);
  const baked = bakedEdgeConfig(spec);

  test("GIVEN EDGE and other routes WHEN baked THEN EDGE is verified at the edge with its scopes and clients, the rest left to the gateway", () => {
    expect(baked.routes).toEqual([
      { method: "GET", path: "/pets", mode: "edge", scopes: ["petstore/read"], clients: ["web"] },
      { method: "GET", path: "/health", mode: "gateway", scopes: [], clients: null },
      { method: "OPTIONS", path: "/pets", mode: "gateway", scopes: [], clients: null },
    ]);
  });

  test("GIVEN the spec's prefixes WHEN baked THEN they and the parameter name are in the file, and it parses back", () => {
    expect(baked.prefixes).toEqual([
      { prefix: "/pets", scopes: ["petstore/read"] },
      { prefix: "/orders", scopes: ["petstore/orders"] },
    ]);
    expect(baked.parameterName).toBe(edgeParameterName(spec));
    expect(baked.parameterRegion).toBe("us-east-1");
    expect(parseEdgeConfig(JSON.parse(JSON.stringify(baked)))).toEqual(baked);
  });

  test("GIVEN an unknown or empty client list WHEN baked THEN it throws naming the place", () => {
    const unknown = withRoutes([{ method: "GET", path: "/x", integration: { type: "MOCK" }, auth: { type: "EDGE", clients: ["nobody"] } }]);
    expect(() => bakedEdgeConfig(unknown)).toThrow(/routes\[0\]\.auth\.clients: unknown client "nobody"/);
    const empty = withRoutes([{ method: "GET", path: "/x", integration: { type: "MOCK" }, auth: { type: "EDGE", clients: [] } }]);
    expect(() => bakedEdgeConfig(empty)).toThrow(/empty client list/);
  });

  test("GIVEN a spec without an edge section WHEN baked THEN it throws", () => {
    expect(() => bakedEdgeConfig(petstoreDev)).toThrow(/needs an "edge" section/);
  });
});

describe("parseEdgeConfig (the edge-config.json contract)", () => {
  test.each<[string, unknown, RegExp]>([
    ["not an object", [], /expected an object/],
    [
      "a bad mode",
      { ...bakedEdgeConfig(petstoreProd), routes: [{ method: "GET", path: "/", mode: "open", scopes: [], clients: null }] },
      /edge-config\.json\.routes\[0\]\.mode: expected one of edge, gateway, got "open"/,
    ],
    ["a relative prefix", { ...bakedEdgeConfig(petstoreProd), prefixes: [{ prefix: "pets", scopes: [] }] }, /must start with "\/"/],
  ])("GIVEN %s WHEN parsed THEN it throws", (_name, raw, message) => {
    expect(() => parseEdgeConfig(raw)).toThrow(message);
  });
});
