import fc from "fast-check";
import { parseSpec } from "../../access-spec/parse";
import { object, optional, str, num } from "../../access-spec/private/shape";
import { petstoreDev, petstoreProd } from "../../access-spec/samples/petstore";
import type { ThrottleSpec } from "../../access-spec/types";
import { asJsonData } from "./helpers";

const FILE = "specs/petstore.yaml";

/** The dev sample as JSON data with one change. */
function dataWith(change: (data: Record<string, any>) => void): Record<string, unknown> {
  const data = asJsonData(petstoreDev);
  change(data);
  return data;
}

describe("parseSpec", () => {
  test.each([
    ["petstoreDev", petstoreDev],
    ["petstoreProd", petstoreProd],
  ])("GIVEN the sample %s round-tripped through JSON WHEN parsed THEN there are no problems and nothing is lost", (_name, sample) => {
    const data = asJsonData(sample);
    const { spec, problems } = parseSpec(data, FILE);
    expect(problems).toEqual([]);
    expect(spec).toEqual(data);
  });

  test("GIVEN the typed sample object itself (optional fields set to undefined) WHEN parsed THEN it is accepted", () => {
    expect(parseSpec(petstoreDev, FILE).problems).toEqual([]);
  });

  const cases: readonly {
    name: string;
    change: (data: Record<string, any>) => void;
    path: string;
    value: unknown;
    message: string;
  }[] = [
    {
      name: "a missing required field",
      change: (d) => delete d.routes[0].auth.reason,
      path: "routes[0].auth.reason",
      value: undefined,
      message: 'missing required field "reason"',
    },
    {
      name: "a misspelt field (with a hint)",
      change: (d) => (d.stage.loggingLevl = "INFO"),
      path: "stage.loggingLevl",
      value: "INFO",
      message: 'unknown field "loggingLevl" (did you mean "loggingLevel"?)',
    },
    { name: "an unrelated unknown field", change: (d) => (d.owner = "team-a"), path: "owner", value: "team-a", message: 'unknown field "owner"' },
    {
      name: "a field of another auth type (NONE with a usage plan)",
      change: (d) => (d.routes[0].auth.usagePlan = "partners"),
      path: "routes[0].auth.usagePlan",
      value: "partners",
      message: 'unknown field "usagePlan"',
    },
    {
      name: "a number written as a string",
      change: (d) => (d.usagePlans[0].throttle.rateLimit = "50"),
      path: "usagePlans[0].throttle.rateLimit",
      value: "50",
      message: "expected a finite number",
    },
    { name: "a string written as a number", change: (d) => (d.stage.name = 1), path: "stage.name", value: 1, message: "expected a string" },
    {
      name: "a non-finite number",
      change: (d) => (d.waf.rateLimitPerFiveMinutes = Number.POSITIVE_INFINITY),
      path: "waf.rateLimitPerFiveMinutes",
      value: Number.POSITIVE_INFINITY,
      message: "expected a finite number",
    },
    {
      name: "a boolean written as a string",
      change: (d) => (d.stage.xrayTracing = "yes"),
      path: "stage.xrayTracing",
      value: "yes",
      message: "expected true or false",
    },
    {
      name: "a value outside an enum",
      change: (d) => (d.cognito.userPool.mfa = "REQUIRED"),
      path: "cognito.userPool.mfa",
      value: "REQUIRED",
      message: 'must be one of "ON", "OPTIONAL", "OFF"',
    },
    { name: "a lower-case HTTP method", change: (d) => (d.routes[1].method = "get"), path: "routes[1].method", value: "get", message: 'must be one of "GET"' },
    {
      name: "an unknown auth type",
      change: (d) => (d.routes[0].auth.type = "PUBLIC"),
      path: "routes[0].auth.type",
      value: "PUBLIC",
      message: 'must be one of "NONE", "API_KEY", "AWS_IAM", "COGNITO", "LAMBDA", "EDGE"',
    },
    {
      name: "a missing auth type",
      change: (d) => delete d.routes[0].auth.type,
      path: "routes[0].auth.type",
      value: undefined,
      message: 'missing required field "type"',
    },
    {
      name: "an unknown client kind",
      change: (d) => (d.cognito.clients[1].kind = "service"),
      path: "cognito.clients[1].kind",
      value: "service",
      message: 'must be one of "user", "machine"',
    },
    {
      name: "null for an optional field",
      change: (d) => (d.cognito.domainPrefix = null),
      path: "cognito.domainPrefix",
      value: null,
      message: "expected a string",
    },
    {
      name: "a single string instead of a list",
      change: (d) => (d.routes[2].auth.scopes = "petstore/read"),
      path: "routes[2].auth.scopes",
      value: "petstore/read",
      message: "expected a list",
    },
    {
      name: "a wrong type inside a list",
      change: (d) => (d.usagePlans[0].keys = ["partner-acme", 7]),
      path: "usagePlans[0].keys[1]",
      value: 7,
      message: "expected a string",
    },
    {
      name: "a wrong type inside a map",
      change: (d) => (d.cognito.resourceServers[0].scopes.read = true),
      path: "cognito.resourceServers[0].scopes.read",
      value: true,
      message: "expected a string",
    },
    {
      name: "a map key that is not an identifier",
      change: (d) => (d.usagePlans[0].methodThrottles["GET /catalog"].burstLimit = "40"),
      path: 'usagePlans[0].methodThrottles["GET /catalog"].burstLimit',
      value: "40",
      message: "expected a finite number",
    },
    { name: "a list where an object is expected", change: (d) => (d.stage = []), path: "stage", value: [], message: "expected an object" },
    {
      name: "an unknown backend type",
      change: (d) => (d.backend = { type: "gcs" }),
      path: "backend.type",
      value: "gcs",
      message: 'must be one of "local", "s3"',
    },
    {
      name: "an unknown integration function",
      change: (d) => (d.routes[2].integration.function = "orders"),
      path: "routes[2].integration.function",
      value: "orders",
      message: 'must be one of "backend", "groupRole", "adminOnly"',
    },
  ];

  test.each(cases.map((c) => [c.name, c] as const))(
    "GIVEN the sample JSON with %s WHEN parsed THEN exactly that problem is reported and no spec is returned",
    (_name, c) => {
      const { spec, problems } = parseSpec(dataWith(c.change), FILE);
      expect(spec).toBeUndefined();
      expect(problems).toEqual([{ file: FILE, path: c.path, value: c.value, message: expect.stringContaining(c.message) }]);
    },
  );

  test.each([
    ["null", null],
    ["a list", []],
    ["a string", "petstore"],
  ])("GIVEN %s instead of a spec WHEN parsed THEN one problem at the root", (_name, data) => {
    const { spec, problems } = parseSpec(data, FILE);
    expect(spec).toBeUndefined();
    expect(problems).toEqual([{ file: FILE, path: "", value: data, message: expect.stringContaining("expected an object") }]);
  });

  test("GIVEN several structural mistakes WHEN parsed THEN all of them are reported together", () => {
    const data = dataWith((d) => {
      d.stage.name = 1;
      delete d.waf;
      d.routes[3].auth.scopse = ["petstore/write"];
      d.cognito.clients[0].tokenValidity.idTokenMinutes = "60";
    });
    expect(
      parseSpec(data, FILE)
        .problems.map((p) => p.path)
        .sort(),
    ).toEqual(["cognito.clients[0].tokenValidity.idTokenMinutes", "routes[3].auth.scopse", "stage.name", "waf"].sort());
  });

  test("GIVEN a __proto__ key in a map WHEN parsed THEN it stays an ordinary key and pollutes nothing", () => {
    const data = asJsonData(petstoreDev);
    data.tags = JSON.parse('{"__proto__": {"polluted": "yes"}, "team": "a"}');
    const { problems } = parseSpec(data, FILE);
    // A tag value must be a string: the object under __proto__ is reported, not merged into a prototype.
    expect(problems).toEqual([{ file: FILE, path: "tags.__proto__", value: { polluted: "yes" }, message: expect.stringContaining("expected a string") }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("GIVEN a __proto__ tag with a string value WHEN parsed THEN it is an own key and the prototype is untouched", () => {
    const data = asJsonData(petstoreDev);
    data.tags = JSON.parse('{"__proto__": "x"}');
    const tags = parseSpec(data, FILE).spec?.tags;
    expect(tags !== undefined && Object.getOwnPropertyDescriptor(tags, "__proto__")?.value).toBe("x");
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
  });

  test("GIVEN any JSON-like value WHEN parsed THEN it never throws and returns a spec only without problems", () => {
    fc.assert(
      fc.property(fc.anything(), (data) => {
        const { spec, problems } = parseSpec(data, FILE);
        expect(spec === undefined ? problems.length > 0 : problems.length === 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("GIVEN the sample with one leaf replaced by an arbitrary value WHEN parsed THEN it never throws", () => {
    const leaves = collectLeafPaths(asJsonData(petstoreProd));
    fc.assert(
      fc.property(fc.constantFrom(...leaves), fc.jsonValue(), (path, value) => {
        const data = asJsonData(petstoreProd);
        setAt(data, path, value);
        const { spec, problems } = parseSpec(data, FILE);
        expect(spec === undefined ? problems.length > 0 : problems.length === 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("object parser typing", () => {
  test("GIVEN a parser missing a field of its type or naming an extra one THEN it does not compile", () => {
    // These lines are checked by `tsc --noEmit` (part of npm test): the parser cannot drift from access-spec/types.ts.
    // @ts-expect-error burstLimit is missing
    object<ThrottleSpec>({ rateLimit: num });
    // @ts-expect-error a required field cannot be optional
    object<ThrottleSpec>({ rateLimit: num, burstLimit: optional(num) });
    // @ts-expect-error a number field cannot take a string parser
    object<ThrottleSpec>({ rateLimit: num, burstLimit: str });
    // @ts-expect-error unknown field
    object<ThrottleSpec>({ rateLimit: num, burstLimit: num, extra: str });
    expect(true).toBe(true);
  });
});

function collectLeafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => collectLeafPaths(v, [...path, i]));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => collectLeafPaths(v, [...path, k]));
  return [path];
}

function setAt(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node: any = root;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]!] = value;
}
