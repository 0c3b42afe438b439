// A JSON Schema (draft-07) validator for the keywords the official OSCAL schemas use, for tests that validate
// output against a vendored schema offline. A schema using a keyword this file does not implement is refused
// (thrown), so a validation is never silently partial.

type Schema = boolean | { readonly [k: string]: unknown };

const ANNOTATIONS = new Set(["$id", "$schema", "$comment", "title", "description", "definitions", "contentEncoding", "examples", "default"]);
const KEYWORDS = new Set([
  ...ANNOTATIONS,
  "$ref",
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "enum",
  "anyOf",
  "allOf",
  "oneOf",
  "pattern",
  "format",
  "minimum",
]);

const FORMATS: Readonly<Record<string, (s: string) => boolean>> = {
  "date-time": (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  uri: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(s),
  "uri-reference": (s) => !/\s/.test(s),
  email: (s) => /^[^@\s]+@[^@\s]+$/.test(s),
};

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

const typeMatches = (want: string, v: unknown): boolean => {
  const t = typeOf(v);
  return want === t || (want === "number" && t === "integer");
};

export class SchemaValidator {
  private readonly anchors = new Map<string, Schema>();

  constructor(private readonly root: { readonly [k: string]: unknown }) {
    for (const def of Object.values((root["definitions"] ?? {}) as Record<string, { $id?: string }>)) {
      if (typeof def.$id === "string") this.anchors.set(def.$id, def);
    }
  }

  private resolve(ref: string): Schema {
    if (ref.startsWith("#/definitions/")) {
      const s = (this.root["definitions"] as Record<string, Schema> | undefined)?.[ref.slice("#/definitions/".length)];
      if (s !== undefined) return s;
    }
    const s = this.anchors.get(ref);
    if (s === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return s;
  }

  /** Every violation, as `path: problem`; empty when the value is valid. */
  validate(value: unknown, schema: Schema = this.root, path = "$"): string[] {
    if (schema === true) return [];
    if (schema === false) return [`${path}: not allowed`];
    for (const k of Object.keys(schema)) if (!KEYWORDS.has(k)) throw new Error(`schema keyword "${k}" at ${path} is not implemented by this validator`);
    const out: string[] = [];
    const s = schema;
    if (typeof s["$ref"] === "string") out.push(...this.validate(value, this.resolve(s["$ref"]), path));
    if (s["type"] !== undefined) {
      const types = Array.isArray(s["type"]) ? (s["type"] as string[]) : [s["type"] as string];
      if (!types.some((t) => typeMatches(t, value))) return [...out, `${path}: expected ${types.join(" or ")}, got ${typeOf(value)}`];
    }
    if (Array.isArray(s["enum"]) && !(s["enum"] as unknown[]).some((e) => e === value))
      out.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s["enum"])}`);
    if (typeof value === "string") {
      if (typeof s["pattern"] === "string" && !new RegExp(s["pattern"], "u").test(value))
        out.push(`${path}: ${JSON.stringify(value)} does not match ${s["pattern"]}`);
      if (typeof s["format"] === "string") {
        const check = FORMATS[s["format"]];
        if (check === undefined) throw new Error(`format "${s["format"]}" is not implemented by this validator`);
        if (!check(value)) out.push(`${path}: ${JSON.stringify(value)} is not a valid ${s["format"]}`);
      }
    }
    if (typeof value === "number" && typeof s["minimum"] === "number" && value < s["minimum"]) out.push(`${path}: ${value} is below ${s["minimum"]}`);
    if (Array.isArray(value)) {
      if (typeof s["minItems"] === "number" && value.length < s["minItems"]) out.push(`${path}: fewer than ${s["minItems"]} item(s)`);
      if (s["items"] !== undefined) value.forEach((v, i) => out.push(...this.validate(v, s["items"] as Schema, `${path}[${i}]`)));
    }
    if (typeOf(value) === "object") {
      const obj = value as Record<string, unknown>;
      const props = (s["properties"] ?? {}) as Record<string, Schema>;
      for (const r of (s["required"] ?? []) as string[]) if (!(r in obj)) out.push(`${path}: missing required "${r}"`);
      for (const [k, v] of Object.entries(obj)) {
        if (k in props) out.push(...this.validate(v, props[k] as Schema, `${path}.${k}`));
        else if (s["additionalProperties"] === false) out.push(`${path}: property "${k}" is not allowed`);
        else if (typeof s["additionalProperties"] === "object") out.push(...this.validate(v, s["additionalProperties"] as Schema, `${path}.${k}`));
      }
    }
    if (Array.isArray(s["allOf"])) for (const sub of s["allOf"] as Schema[]) out.push(...this.validate(value, sub, path));
    if (Array.isArray(s["anyOf"]) && !(s["anyOf"] as Schema[]).some((sub) => this.validate(value, sub, path).length === 0)) {
      out.push(`${path}: matches none of anyOf`);
    }
    if (Array.isArray(s["oneOf"]) && (s["oneOf"] as Schema[]).filter((sub) => this.validate(value, sub, path).length === 0).length !== 1) {
      out.push(`${path}: does not match exactly one of oneOf`);
    }
    return out;
  }
}
