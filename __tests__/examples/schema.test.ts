// The spec's JSON Schema: generated from access-spec/types.ts, committed, current, and in agreement with the spec parser
// (every example and sample passes both; a typo, a missing field or a bad value fails both).
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseDataText } from "../../kernel/io/data-file";
import { generateSpecSchema, renderSpecSchema, SCHEMA_FILE, type JsonSchema } from "../../scripts/gen-spec-schema";
import { loadSpecFile } from "../../access-spec/load";
import { parseSpec } from "../../access-spec/parse";
import { sampleSpecs } from "../../access-spec/samples/petstore";
import { validate } from "./json-schema";

const root = resolve(__dirname, "..", "..");
const EXAMPLES = ["examples/orders/orders-dev.yaml", "examples/orders/orders-prod.json"];
const committed = readFileSync(SCHEMA_FILE, "utf8");
const schema = JSON.parse(committed) as JsonSchema;

function readData(file: string): Record<string, unknown> {
  const read = parseDataText(readFileSync(join(root, file), "utf8"), file.endsWith(".json") ? "json" : "yaml");
  if (!read.ok) throw new Error(`${file}: ${read.message}`);
  return read.data as Record<string, unknown>;
}

const definition = (name: string): JsonSchema => (schema.definitions as Record<string, JsonSchema>)[name] as JsonSchema;
const propertyOf = (s: JsonSchema, name: string): JsonSchema => (s.properties as Record<string, JsonSchema>)[name] as JsonSchema;

describe("GIVEN access-spec/types.ts WHEN the schema is regenerated", () => {
  test("THEN it is exactly the committed schema/access-spec.schema.json (else run `npm run schema` and commit)", () => {
    expect(renderSpecSchema()).toBe(committed);
  });

  test("THEN it is draft-07 and every object rejects unknown keys, as the spec parser does", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    const objects: JsonSchema[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === "object" && node !== null) {
        const s = node as JsonSchema;
        if (s.type === "object" && s.properties !== undefined) objects.push(s);
        Object.values(s).forEach(walk);
      }
    };
    walk(schema);
    expect(objects.length).toBeGreaterThan(20);
    for (const o of objects) expect(o.additionalProperties).toBe(false);
  });

  test("THEN descriptions, defaults, required fields and enums come from the TSDoc and the types", () => {
    const userPool = definition("UserPoolSpec");
    expect(propertyOf(userPool, "mfa")).toEqual({
      description: "ON requires MFA at every sign-in; OPTIONAL lets users enrol. TOTP is the only factor we enable.",
      type: "string",
      enum: ["ON", "OPTIONAL", "OFF"],
    });
    const route = definition("RouteSpec");
    expect(route.required).toEqual(["method", "path", "integration", "auth"]);
    expect(propertyOf(route, "cors")).toMatchObject({ default: false, type: "boolean" });
    expect(String(propertyOf(definition("StatementSpec"), "allowPrivilegedActions").description)).toContain("Default: such actions are refused by validation.");
    // Each variant of a tagged union keeps the comment written above it.
    const variants = definition("AuthorizationSpec").oneOf as JsonSchema[];
    expect(variants.map((v) => propertyOf(v, "type").const)).toEqual(["NONE", "API_KEY", "AWS_IAM", "COGNITO", "LAMBDA", "EDGE"]);
    expect(variants[0]?.description).toBe("Anyone may call. Needs a written reason.");
  });
});

describe("GIVEN a types source the generator cannot represent exactly WHEN generating THEN it refuses with the place", () => {
  const wrap = (field: string, extra = ""): string => `${extra}\nexport interface AccessSpec {\n  readonly name: string;\n  ${field}\n}\n`;
  test.each([
    ["an any", wrap("readonly x: any;"), 'access-spec/types.ts:4:15: unsupported type "any"'],
    ["a type from elsewhere", wrap("readonly x: Imported;"), "access-spec/types.ts:4:15: unknown type Imported"],
    ["a number literal", wrap("readonly x: 3;"), 'unsupported type "3"'],
    [
      "an interface that extends",
      wrap("readonly x: B;", "interface A { readonly a: string }\ninterface B extends A { readonly b: string }"),
      'interface B: "extends" is not supported',
    ],
    ["a Record keyed by numbers", wrap("readonly x: Record<number, string>;"), "Record keys must be string"],
  ])("%s", (_name, source, message) => {
    expect(() => generateSpecSchema(source)).toThrow(message);
  });
});

describe("GIVEN the examples and the built-in samples WHEN validated against the committed schema", () => {
  test.each(EXAMPLES)("THEN %s is valid and names the schema for editors", (file) => {
    expect(validate(schema, readData(file))).toEqual([]);
    const text = readFileSync(join(root, file), "utf8");
    const named = file.endsWith(".json") ? (readData(file).$schema as string) : /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1];
    expect(named).toBe("../../schema/access-spec.schema.json");
    expect(resolve(root, "examples", "orders", named as string)).toBe(SCHEMA_FILE);
  });

  test.each(Object.keys(sampleSpecs))("THEN the sample %s (as JSON) is valid", (name) => {
    expect(validate(schema, JSON.parse(JSON.stringify(sampleSpecs[name])))).toEqual([]);
  });
});

describe("GIVEN a broken copy of the dev example WHEN checked by the schema and by the spec parser", () => {
  type Data = Record<string, any>;
  const cases: readonly [string, (d: Data) => void, string][] = [
    ["a misspelt field", (d) => (d.stage.loggingLevl = d.stage.loggingLevel), "stage.loggingLevl: unknown property"],
    ["a missing required field", (d) => delete d.routes[0].auth.reason, "missing required reason"],
    ["a value outside an enum", (d) => (d.cognito.userPool.mfa = "REQUIRED"), "cognito.userPool.mfa: must be one of"],
    ["a field of another auth type", (d) => (d.routes[0].auth.usagePlan = "partners"), "routes[0].auth: matches 0 of 6 alternatives"],
    ["an unknown auth type", (d) => (d.routes[0].auth.type = "OPEN"), "routes[0].auth: matches 0 of 6 alternatives"],
    ["a number written as a string", (d) => (d.waf.rateLimitPerFiveMinutes = "2000"), "waf.rateLimitPerFiveMinutes: expected number"],
    ["a scope list written as one string", (d) => (d.routes[2].auth.scopes = "orders/read"), "routes[2].auth.scopes: expected array"],
    ["a non-string $schema", (d) => (d.$schema = 7), "$schema: expected string"],
  ];

  test.each(cases)("%s: both reject it", (_name, change, error) => {
    const data = readData(EXAMPLES[0] as string);
    change(data);
    expect(validate(schema, data).join("\n")).toContain(error);
    expect(parseSpec(data, "orders-dev.yaml").problems).not.toEqual([]);
  });

  test("the unchanged copy (the harmless twin): both accept it", () => {
    const data = readData(EXAMPLES[0] as string);
    expect(validate(schema, data)).toEqual([]);
    expect(parseSpec(data, "orders-dev.yaml").problems).toEqual([]);
  });
});

describe("GIVEN a spec file with a top-level $schema WHEN loaded", () => {
  test("THEN the key is accepted and is not part of the spec", () => {
    const loaded = loadSpecFile(join(root, EXAMPLES[1] as string));
    expect(loaded.problems).toEqual([]);
    expect(loaded.spec?.name).toBe("orders");
    expect(Object.keys(loaded.spec ?? {})).not.toContain("$schema");
  });

  test("THEN a $schema that is not a string is one problem with path and value", () => {
    const data = { ...readData(EXAMPLES[1] as string), $schema: { url: "x" } };
    expect(parseSpec(data, "orders-prod.json").problems).toEqual([
      { file: "orders-prod.json", path: "$schema", message: "expected a string (the path or URL of the spec's JSON Schema)", value: { url: "x" } },
    ]);
  });

  test("THEN $schema is accepted at the top only: nested, it is still an unknown field", () => {
    const data = readData(EXAMPLES[1] as string) as Record<string, any>;
    data.stage.$schema = "../../schema/access-spec.schema.json";
    expect(parseSpec(data, "orders-prod.json").problems.map((p) => p.path)).toEqual(["stage.$schema"]);
  });
});
