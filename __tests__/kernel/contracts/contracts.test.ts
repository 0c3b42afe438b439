// The one contract of each file bundled beside a Lambda handler: what synth writes, the Lambda and guard/ read
// back through the same strict parser; anything else is refused by the writer, the Lambda (fail closed) and the
// loader (a problem, so the routes it decides are "not verified").
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createZip } from "../../../constructs/private/bundle";
import { bakedEdgeConfig } from "../../../constructs/edge/edge-config";
import { readRouteTables } from "../../../guard/load/bundles";
import type { RawStack } from "../../../guard/load/raw";
import { EDGE_CONFIG_FILE, edgeConfigJson, readEdgeConfig } from "../../../kernel/contracts/edge-config";
import { ContractError } from "../../../kernel/contracts/fields";
import { readRouteTable, ROUTE_TABLE_FILE, routeTableJson, type RouteTable } from "../../../kernel/contracts/route-table";
import { petstoreDev, petstoreProd } from "../../../access-spec/samples/petstore";
import { buildRouteTables } from "../../../access-spec/route-table";

const TABLE = buildRouteTables(petstoreDev)["jwt-token"];
const EDGE = bakedEdgeConfig(petstoreProd);

/** A stack whose one Lambda function's package (beside the stack file) holds `files`. */
function stackWith(files: Record<string, string>): { stack: RawStack; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "contracts-"));
  writeFileSync(join(dir, "fn.zip"), createZip(Object.entries(files).map(([name, text]) => ({ name, data: Buffer.from(text) }))));
  const fn = { address: "aws_lambda_function.fn", type: "aws_lambda_function", mode: "managed", values: { filename: "fn.zip" } };
  return { stack: { resources: [fn] } as unknown as RawStack, file: join(dir, "cdk.tf.json") };
}

describe("GIVEN route-table.json", () => {
  test("WHEN the generated table is written and read back THEN it round-trips", () => {
    expect(readRouteTable(routeTableJson(TABLE))).toEqual(TABLE);
  });

  test.each<[string, (t: Record<string, unknown>) => void, string]>([
    ["no apiKeyFromAuthorizer", (t) => delete t.apiKeyFromAuthorizer, "route-table.json.apiKeyFromAuthorizer: expected true or false, got undefined"],
    ["an empty authorizer name", (t) => (t.authorizer = ""), 'route-table.json.authorizer: expected a non-empty string, got ""'],
    [
      "a route without clients (null means every client; absence means nothing)",
      (t) => delete (t.routes as Record<string, unknown>[])[0].clients,
      "route-table.json.routes[0].clients: expected an array of non-empty strings, got undefined",
    ],
    [
      "a lower-case method",
      (t) => ((t.routes as Record<string, unknown>[])[0].method = "get"),
      'route-table.json.routes[0].method: expected one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY, got "get"',
    ],
  ])("WHEN it has %s THEN the writer, the Lambda and the loader all refuse it", (_name, change, message) => {
    const bad = structuredClone(TABLE) as unknown as Record<string, unknown>;
    change(bad);
    expect(() => routeTableJson(bad as unknown as RouteTable)).toThrow(new ContractError(message));
    expect(() => readRouteTable(JSON.stringify(bad))).toThrow(message);
    const { stack, file } = stackWith({ "index.js": "x", [ROUTE_TABLE_FILE]: JSON.stringify(bad) });
    expect(readRouteTables(stack, file).routeTables?.get("aws_lambda_function.fn")).toEqual({ file: join(file, "..", "fn.zip"), problem: message });
  });

  test("WHEN the file is absent or not JSON THEN it is one ContractError", () => {
    expect(() => readRouteTable(undefined)).toThrow(new ContractError("route-table.json: missing"));
    expect(() => readRouteTable("{")).toThrow(/^route-table\.json: not valid JSON/);
  });
});

describe("GIVEN edge-config.json", () => {
  test("WHEN the baked config is written and read back THEN it round-trips, and the loader reads the same", () => {
    expect(readEdgeConfig(edgeConfigJson(EDGE))).toEqual(EDGE);
    const { stack, file } = stackWith({ "index.js": "x", [EDGE_CONFIG_FILE]: edgeConfigJson(EDGE) });
    expect(readRouteTables(stack, file).edgeConfigs?.get("aws_lambda_function.fn")).toEqual({
      file: join(file, "..", "fn.zip"),
      routes: EDGE.routes,
      prefixes: EDGE.prefixes,
      clients: EDGE.clients,
      parameterName: EDGE.parameterName,
    });
  });

  test.each<[string, (c: Record<string, unknown>) => void, string]>([
    [
      "a route without a mode",
      (c) => delete (c.routes as Record<string, unknown>[])[0].mode,
      "edge-config.json.routes[0].mode: expected one of edge, gateway, got undefined",
    ],
    ["no prefixes list", (c) => delete c.prefixes, "edge-config.json.prefixes: expected an array, got undefined"],
    [
      "a wildcard path",
      (c) => ((c.routes as Record<string, unknown>[])[0].path = "/pets/*"),
      'edge-config.json.routes[0].path: expected a path template such as /pets/{petId}, got "/pets/*"',
    ],
  ])("WHEN it has %s THEN the writer, the Lambda and the loader all refuse it", (_name, change, message) => {
    const bad = structuredClone(EDGE) as unknown as Record<string, unknown>;
    change(bad);
    expect(() => edgeConfigJson(bad as unknown as typeof EDGE)).toThrow(new ContractError(message));
    const { stack, file } = stackWith({ "index.js": "x", [EDGE_CONFIG_FILE]: JSON.stringify(bad) });
    expect(readRouteTables(stack, file).edgeConfigs?.get("aws_lambda_function.fn")).toEqual({ file: join(file, "..", "fn.zip"), problem: message });
  });
});
