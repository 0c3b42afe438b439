// A minimal JSON Schema (draft-07) validator for exactly the keywords scripts/gen-spec-schema.ts emits and
// schema/check-report.schema.json uses (also `null`, `integer` and a list of types), so the tests need no schema
// library. Any other keyword throws: the generator cannot start emitting a constraint that
// this validator would silently skip.
import type { JsonSchema } from "../../scripts/gen-spec-schema";

const ANNOTATIONS = new Set(["$schema", "$comment", "title", "description", "default", "definitions"]);
const ASSERTIONS = new Set(["$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "const", "oneOf"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function typeMatches(type: unknown, value: unknown): boolean {
  switch (type) {
    case "object":
      return isObject(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "null":
      return value === null;
    default:
      throw new Error(`json-schema: unsupported type ${JSON.stringify(type)}`);
  }
}

/** Every violation as `<path>: <what>`; empty when `value` is valid. */
export function validate(root: JsonSchema, value: unknown): string[] {
  const errors: string[] = [];
  check(root, root, value, "", errors);
  return errors;
}

function check(root: JsonSchema, schema: JsonSchema, value: unknown, path: string, errors: string[]): void {
  for (const keyword of Object.keys(schema)) {
    if (!ANNOTATIONS.has(keyword) && !ASSERTIONS.has(keyword)) throw new Error(`json-schema: unsupported keyword ${keyword} at ${path || "(root)"}`);
  }
  const at = path === "" ? "(root)" : path;
  if (schema.$ref !== undefined) {
    const ref = /^#\/definitions\/([A-Za-z0-9_]+)$/.exec(String(schema.$ref));
    const target = ref === null ? undefined : (root.definitions as Record<string, JsonSchema> | undefined)?.[ref[1] as string];
    if (target === undefined) throw new Error(`json-schema: unresolvable $ref ${String(schema.$ref)}`);
    check(root, target, value, path, errors);
  }
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (schema.type !== undefined && !types.some((t) => typeMatches(t, value))) {
    errors.push(`${at}: expected ${types.map(String).join(" or ")}`);
    return;
  }
  if (schema.const !== undefined && value !== schema.const) errors.push(`${at}: must be ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${at}: must be one of ${JSON.stringify(schema.enum)}`);
  if (Array.isArray(schema.oneOf)) {
    const results = (schema.oneOf as JsonSchema[]).map((variant) => {
      const found: string[] = [];
      check(root, variant, value, path, found);
      return found;
    });
    const matching = results.filter((r) => r.length === 0).length;
    if (matching !== 1) {
      // The closest variant's errors say more than "no match" (for a tagged union: the one whose tag matched).
      const closest = [...results].sort((a, b) => a.length - b.length)[0] ?? [];
      errors.push(`${at}: matches ${matching} of ${results.length} alternatives (exactly one expected)`, ...(matching === 0 ? closest : []));
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) => check(root, schema.items as JsonSchema, item, `${path}[${i}]`, errors));
  }
  if (isObject(value)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!Object.prototype.hasOwnProperty.call(value, name)) errors.push(`${at}: missing required ${name}`);
    }
    for (const [key, item] of Object.entries(value)) {
      const child = path === "" ? key : `${path}.${key}`;
      const known = Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
      if (known !== undefined) check(root, known, item, child, errors);
      else if (schema.additionalProperties === false) errors.push(`${child}: unknown property`);
      else if (isObject(schema.additionalProperties)) check(root, schema.additionalProperties, item, child, errors);
    }
  }
}
