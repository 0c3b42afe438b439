// schema/policy.schema.json describes the policy files as the parser reads them: every policy file in the repository
// is valid against it, its keys are exactly those the parser knows (read from the parser's own unknown-key message,
// so a key added to one and not the other fails here), its words are the type table's (aliases included), and a
// broken copy of a policy is refused by both while the unchanged copy passes both.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { AUTHORIZATION_TYPES, POLICY_ALIASES } from "../../kernel/authorization-types";
import { dataFormatOf, parseDataText } from "../../kernel/io/data-file";
import { parsePolicyDocument, POLICY_FILE_VERSION } from "../../guard/policy/parse";
import { INTENDED_TYPES, SEVERITIES } from "../../guard/policy/types";
import type { JsonSchema } from "../../scripts/gen-spec-schema";
import { POLICY_SCHEMA_FILE, withTypeParts } from "../../scripts/gen-policy-schema";
import { validate } from "./json-schema";

const ROOT = resolve(__dirname, "..", "..");
const committed = readFileSync(POLICY_SCHEMA_FILE, "utf8");
const schema = JSON.parse(committed) as JsonSchema;
const definition = (name: string): JsonSchema => (schema.definitions as Record<string, JsonSchema>)[name] as JsonSchema;
const keysOf = (s: JsonSchema): string[] => Object.keys(s.properties as Record<string, JsonSchema>).sort();
const propertyOf = (s: JsonSchema, name: string): JsonSchema => (s.properties as Record<string, JsonSchema>)[name] as JsonSchema;
const itemsOf = (s: JsonSchema): JsonSchema => s.items as JsonSchema;

function read(file: string): Record<string, unknown> {
  const format = dataFormatOf(file);
  const parsed = format === undefined ? undefined : parseDataText(readFileSync(file, "utf8"), format);
  if (parsed === undefined || !parsed.ok) throw new Error(`${file}: not a data file`);
  return parsed.data as Record<string, unknown>;
}

/** Data files under `dir` (recursively), skipping fetched sources and installed packages. */
function dataFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) return [];
    if (statSync(path).isDirectory()) return dataFiles(path);
    return dataFormatOf(name) !== undefined && !name.endsWith(".tf.json") && !name.endsWith("plan.json") ? [path] : [];
  });
}

/** Every policy file in the repository: the shipped ones, the examples', the fixtures' and the corpus's reviewed ones. */
const POLICY_FILES = [
  ...dataFiles(join(ROOT, "policies")),
  ...readdirSync(join(ROOT, "examples")).flatMap((e) => {
    const dir = join(ROOT, "examples", e, "policies");
    return statSync(join(ROOT, "examples", e)).isDirectory() && readdirSync(join(ROOT, "examples", e)).includes("policies") ? dataFiles(dir) : [];
  }),
  ...dataFiles(join(ROOT, "__tests__")).filter((f) => /[.]policy[.](ya?ml|json)$/.test(f) || /\/policy\/[^/]+[.](ya?ml|json)$/.test(f)),
].sort();

/** The keys the parser lists when it meets an unknown one at `path` of `doc`. */
function parserKeys(doc: Record<string, unknown>, path: string): string[] {
  const problems = parsePolicyDocument(doc, "probe.yaml").problems.filter((p) => p.path === (path === "" ? "zzUnknown" : `${path}.zzUnknown`));
  const listed = /expected (?:one of )?([^)]*)\)/.exec(problems[0]?.message ?? "")?.[1];
  if (listed === undefined) throw new Error(`no unknown-key message at ${path || "(root)"}: ${JSON.stringify(problems)}`);
  return listed.split(", ").sort();
}

const ROUTE = { type: "NONE", reason: "load balancer probes, no data" };
const base = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ api: "a", routes: { "GET /": { ...ROUTE } }, ...extra });

describe("GIVEN schema/policy.schema.json", () => {
  test("THEN it is draft-07 and every object rejects unknown keys, as the parser does", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    const objects: JsonSchema[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === "object" && node !== null) {
        const s = node as JsonSchema;
        if (s.type === "object") objects.push(s);
        Object.values(s).forEach(walk);
      }
    };
    walk(schema);
    expect(objects.length).toBeGreaterThan(8);
    for (const o of objects) expect(o.additionalProperties === false || typeof o.additionalProperties === "object").toBe(true);
  });

  test("THEN its keys are the parser's, at every level", () => {
    const route = { ...ROUTE, zzUnknown: 1 };
    expect(keysOf(schema)).toEqual(parserKeys({ ...base(), zzUnknown: 1 }, ""));
    expect(keysOf(definition("Route"))).toEqual(parserKeys(base({ routes: { "GET /": route } }), 'routes["GET /"]'));
    expect(keysOf(itemsOf(propertyOf(schema, "overrides")))).toEqual(
      parserKeys(base({ overrides: [{ apis: ["a"], routes: {}, zzUnknown: 1 }] }), "overrides[0]"),
    );
    expect(keysOf(itemsOf(propertyOf(schema, "identityProviders")))).toEqual(
      parserKeys(base({ identityProviders: [{ zzUnknown: 1 }] }), "identityProviders[0]"),
    );
    expect(keysOf(itemsOf(propertyOf(schema, "waivers")))).toEqual(parserKeys(base({ waivers: [{ zzUnknown: 1 }] }), "waivers[0]"));
    expect(keysOf(propertyOf(schema, "tokenValidity"))).toEqual(parserKeys(base({ tokenValidity: { zzUnknown: 1 } }), "tokenValidity"));
    const door = propertyOf(schema, "doors").additionalProperties as JsonSchema;
    expect(keysOf(door)).toEqual(parserKeys(base({ doors: { f: { only: ["api:a"], zzUnknown: 1 } } }), "doors.f"));
    expect(keysOf(itemsOf(propertyOf(door, "exceptions")))).toEqual(
      parserKeys(base({ doors: { f: { only: ["api:a"], exceptions: [{ zzUnknown: 1 }] } } }), "doors.f.exceptions[0]"),
    );
  });

  test("THEN its type words and the route keys' type lists are what `npm run schema` renders from the type table", () => {
    expect(withTypeParts(committed)).toBe(committed);
  });

  test("THEN its words are the type table's (aliases included), the severities and this tool's format version", () => {
    expect([...(propertyOf(definition("Route"), "type").enum as string[])].sort()).toEqual([...INTENDED_TYPES, ...POLICY_ALIASES.map((a) => a.word)].sort());
    expect(definition("Severity").enum).toEqual([...SEVERITIES]);
    expect(propertyOf(schema, "version").enum).toEqual([POLICY_FILE_VERSION]);
  });
});

describe("GIVEN every policy file in the repository", () => {
  test("THEN there are the shipped, example, fixture and corpus ones", () => {
    const names = POLICY_FILES.map((f) => relative(ROOT, f));
    expect(names).toContain("policies/petstore.yaml");
    expect(names).toContain("examples/orders/policies/orders.yaml");
    expect(names).toContain("__tests__/guard/fixtures/shop.policy.yaml");
    expect(names.filter((n) => n.startsWith("__tests__/corpus/")).length).toBeGreaterThan(5);
  });

  // The corpus's drafts keep `reason: TODO` where a person must still write why, and an API whose routes the draft
  // could not read has none: the parser refuses both, the schema (shape only) cannot say either. Every other file the
  // parser reads without a problem.
  test.each(POLICY_FILES.map((f) => [relative(ROOT, f), f]))("THEN %s is valid against the schema and read by the parser", (name, file) => {
    const data = read(file);
    expect(validate(schema, data)).toEqual([]);
    const problems = parsePolicyDocument(data, file).problems;
    if (name.startsWith("__tests__/corpus/"))
      expect(problems.filter((p) => !(p.path.endsWith(".reason") && p.value === "TODO") && p.message !== "a policy must list at least one route")).toEqual([]);
    else expect(problems).toEqual([]);
  });
});

describe("GIVEN the shipped and the example policy", () => {
  test.each(["policies/petstore.yaml", "examples/orders/policies/orders.yaml"])("THEN %s names the schema for editors", (name) => {
    const named = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(join(ROOT, name), "utf8"))?.[1];
    expect(named).toBeDefined();
    expect(resolve(ROOT, name, "..", named as string)).toBe(join(ROOT, "schema", "policy.schema.json"));
  });
});

describe("GIVEN a broken copy of the shipped policy WHEN checked by the schema and by the parser", () => {
  type Data = Record<string, any>;
  const shipped = (): Data => read(join(ROOT, "policies", "petstore.yaml"));
  const cases: readonly [string, (d: Data) => void, string][] = [
    ["a misspelt key", (d) => (d.corsPreflite = d.corsPreflight), "corsPreflite: unknown property"],
    ["a misspelt route key", (d) => (d.routes["GET /pets"].scope = ["petstore/read"]), "routes.GET /pets.scope: unknown property"],
    ["an unknown authorization type", (d) => (d.routes["GET /health"].type = "OPEN"), "routes.GET /health.type: must be one of"],
    ["the gateway's word for COGNITO", (d) => (d.routes["GET /pets"].type = "COGNITO_USER_POOLS"), "routes.GET /pets.type: must be one of"],
    ["scopes written as one string", (d) => (d.routes["GET /pets"].scopes = "petstore/read"), "routes.GET /pets.scopes: expected array"],
    ["a later format", (d) => (d.version = 2), "version: must be one of [1]"],
    ["a severity outside the scale", (d) => (d.severities = { "stage-xray": "urgent" }), "severities.stage-xray: matches 0 of 2"],
    ["a lifetime written as text", (d) => (d.tokenValidity.maxRefreshDays = "30"), "tokenValidity.maxRefreshDays: expected integer"],
    ["no api", (d) => delete d.api, "(root): matches 0 of 2 alternatives"],
  ];

  test.each(cases)("%s: both reject it", (_name, change, error) => {
    const data = shipped();
    change(data);
    expect(validate(schema, data).join("\n")).toContain(error);
    expect(parsePolicyDocument(data, "petstore.yaml").problems).not.toEqual([]);
  });

  test("the unchanged copy, at version 1 and with LAMBDA for CUSTOM (the harmless twins): both accept it", () => {
    for (const change of [(): void => undefined, (d: Data) => (d.version = 1), (d: Data) => (d.routes["GET /pets/{petId}"].type = "LAMBDA")]) {
      const data = shipped();
      change(data);
      expect(validate(schema, data)).toEqual([]);
      expect(parsePolicyDocument(data, "petstore.yaml").problems).toEqual([]);
    }
  });
});

describe("GIVEN docs/migrations.md", () => {
  const page = readFileSync(join(ROOT, "docs", "migrations.md"), "utf8");
  test.each(POLICY_ALIASES.map((a) => [a.word, a.type]))("THEN the renamed word %s has a row naming %s as canonical", (word, type) => {
    expect(page.split("\n").some((l) => l.startsWith(`| \`${word}\` |`) && l.includes(`| \`${type}\` |`))).toBe(true);
  });
});

describe("GIVEN the policy schema's generator", () => {
  const route = (text: string): JsonSchema => (JSON.parse(text) as { definitions: { Route: JsonSchema } }).definitions.Route;

  test("WHEN the committed file lost a word and a type list THEN it writes them back and keeps the hand-written rest", () => {
    const stale = JSON.parse(committed) as { definitions: { Route: { properties: Record<string, JsonSchema> } } };
    stale.definitions.Route.properties["type"] = { ...stale.definitions.Route.properties["type"], enum: ["NONE"] };
    stale.definitions.Route.properties["scopes"] = { ...stale.definitions.Route.properties["scopes"], description: "OAuth scopes (COGNITO only)." };
    const rendered = withTypeParts(`${JSON.stringify(stale, null, 2)}\n`);
    expect(rendered).toBe(committed);
    // Each list names exactly the types whose row takes the key (scopes), or refuses it (groups, a list of exclusions).
    const scopes = propertyOf(route(rendered), "scopes").description as string;
    const groups = propertyOf(route(rendered), "groups").description as string;
    const names = (text: string, type: string): boolean => new RegExp(`\\b${type}\\b`).test(text);
    for (const row of AUTHORIZATION_TYPES) {
      expect({ type: row.type, scopes: names(scopes, row.type), groups: names(groups, row.type) }).toEqual({
        type: row.type,
        scopes: row.policy.scopes,
        groups: row.policy.groups !== true,
      });
    }
    expect(groups).toMatch(/^Cognito groups admitted \(not for [A-Z_, ]+ or [A-Z_]+\)\.$/);
  });

  test("WHEN the file's Route has no key the table speaks of THEN it is an error naming the key, not a silent gap", () => {
    const broken = JSON.parse(committed) as { definitions: { Route: { properties: Record<string, JsonSchema> } } };
    delete broken.definitions.Route.properties["clients"];
    expect(() => withTypeParts(JSON.stringify(broken))).toThrow("definitions.Route has no property clients");
  });
});
