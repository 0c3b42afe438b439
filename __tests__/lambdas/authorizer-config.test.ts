import { parseConfig } from "../../lambdas/authorizer/config";
import { routeTableJson } from "../../kernel/contracts/route-table";
import { CLIENT_IDS, POOL_ID, TABLES } from "./helpers/tokens";

const ENV = { USER_POOL_ID: POOL_ID, CLIENT_IDS: JSON.stringify(CLIENT_IDS) };
const TABLE = routeTableJson(TABLES["jwt-token"]);

describe("authorizer configuration", () => {
  test("GIVEN the env and the generated route table WHEN parsed THEN they round-trip", () => {
    expect(parseConfig(ENV, TABLE)).toEqual({ userPoolId: POOL_ID, clientIds: CLIENT_IDS, routeTable: TABLES["jwt-token"], apiKeysByClient: undefined });
  });

  test.each<[string, Record<string, string | undefined>, string | undefined, string]>([
    ["a bad pool id", { ...ENV, USER_POOL_ID: "pool" }, TABLE, 'USER_POOL_ID: bad value "pool"'],
    ["no clients", { ...ENV, CLIENT_IDS: "{}" }, TABLE, "CLIENT_IDS: no entries"],
    ["a non-string client id", { ...ENV, CLIENT_IDS: '{"web":1}' }, TABLE, "CLIENT_IDS.web: expected a non-empty string, got 1"],
    ["no route table", ENV, undefined, "route-table.json: missing"],
    [
      "a route with a bad method",
      ENV,
      TABLE.replace('"GET"', '"FETCH"'),
      'route-table.json.routes[0].method: expected one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY, got "FETCH"',
    ],
    [
      "a route with a wildcard path",
      ENV,
      TABLE.replace('"/pets/{petId}"', '"/pets/*"'),
      'route-table.json.routes[0].path: expected a path template such as /pets/{petId}, got "/pets/*"',
    ],
    ["a bad tokenUse", ENV, TABLE.replace('"access"', '"refresh"'), 'route-table.json.routes[0].tokenUse: expected one of access, id, any, got "refresh"'],
    [
      "groups that are not strings",
      ENV,
      TABLE.replace('"groups": []', '"groups": [1]'),
      "route-table.json.routes[0].groups: expected an array of non-empty strings, got [1]",
    ],
    ["bad API keys JSON", { ...ENV, API_KEYS_BY_CLIENT: "[" }, TABLE, "API_KEYS_BY_CLIENT: not valid JSON"],
  ])("GIVEN %s WHEN parsed THEN one clear error", (_name, env, table, message) => {
    expect(() => parseConfig(env, table)).toThrow(message);
  });
});
