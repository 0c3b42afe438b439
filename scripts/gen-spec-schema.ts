// `npm run schema`: writes schema/access-spec.schema.json, the JSON Schema (draft-07, what editors' YAML and JSON
// support ships) of a spec file, generated from access-spec/types.ts so the TypeScript types stay the one source of truth.
// It reads the declarations' syntax with the TypeScript compiler and fails on any type form it does not know, so a
// new kind of field can never turn into a silently permissive schema. The schema checks shape only (types, enums,
// required and unknown keys, as access-spec/parse.ts does); references and AWS limits are validateSpec's job.
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import * as ts from "typescript";

export type JsonSchema = { [keyword: string]: unknown };

const ROOT_TYPE = "AccessSpec";
export const TYPES_FILE = resolve(__dirname, "..", "access-spec", "types.ts");
export const SCHEMA_FILE = resolve(__dirname, "..", "schema", "access-spec.schema.json");

type Declaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration;

class Generator {
  private readonly declarations = new Map<string, Declaration>();
  private readonly definitions = new Map<string, JsonSchema>();

  constructor(private readonly source: ts.SourceFile) {
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) this.declarations.set(statement.name.text, statement);
    }
  }

  root(): JsonSchema {
    const decl = this.declaration(ROOT_TYPE, this.source);
    if (!ts.isInterfaceDeclaration(decl)) throw this.error(decl, `${ROOT_TYPE} must be an interface`);
    const body = this.objectSchema(decl.members, decl);
    const properties = body.properties as Record<string, JsonSchema>;
    return {
      $schema: "http://json-schema.org/draft-07/schema#",
      $comment: "Generated from access-spec/types.ts by scripts/gen-spec-schema.ts (npm run schema); do not edit.",
      title: "Access spec",
      description:
        "Who may call one API in one environment (access-spec/types.ts). This schema checks the shape; `npm run synth` " +
        "also checks every reference (scopes, groups, authorizers, usage plans, clients, roles) and AWS limit.",
      type: "object",
      // A spec file names its schema for editors; access-spec/parse.ts accepts this one key beside the spec's own.
      properties: { $schema: { type: "string", description: "Path or URL of this JSON Schema, for editors; not part of the spec." }, ...properties },
      ...(body.required === undefined ? {} : { required: body.required }),
      additionalProperties: false,
      definitions: Object.fromEntries([...this.definitions.entries()].sort(([a], [b]) => a.localeCompare(b))),
    };
  }

  private declaration(name: string, at: ts.Node): Declaration {
    const decl = this.declarations.get(name);
    if (decl === undefined) throw this.error(at, `unknown type ${name} (only types declared in access-spec/types.ts can be turned into the schema)`);
    if (decl.typeParameters !== undefined) throw this.error(decl, `generic type ${name} is not supported`);
    return decl;
  }

  private reference(name: string, at: ts.Node): JsonSchema {
    if (!this.definitions.has(name)) {
      const decl = this.declaration(name, at);
      this.definitions.set(name, {}); // placeholder: a recursive reference finds the name taken
      let body: JsonSchema;
      if (ts.isInterfaceDeclaration(decl)) {
        if (decl.heritageClauses !== undefined) throw this.error(decl, `interface ${name}: "extends" is not supported`);
        body = this.objectSchema(decl.members, decl);
      } else body = this.typeSchema(decl.type);
      this.definitions.set(name, withDoc(body, docOf(decl)));
    }
    return { $ref: `#/definitions/${name}` };
  }

  private typeSchema(node: ts.TypeNode): JsonSchema {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: "string" };
      case ts.SyntaxKind.NumberKeyword:
        return { type: "number" };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: "boolean" };
      default:
        break; // every other kind: the structural cases below, or unsupported
    }
    if (ts.isParenthesizedTypeNode(node)) return this.typeSchema(node.type);
    if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) return this.typeSchema(node.type);
    if (ts.isArrayTypeNode(node)) return { type: "array", items: this.typeSchema(node.elementType) };
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { type: "string", const: node.literal.text };
    if (ts.isTypeLiteralNode(node)) return this.objectSchema(node.members, node);
    if (ts.isUnionTypeNode(node)) return this.unionSchema(node);
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      const name = node.typeName.text;
      const args = node.typeArguments ?? [];
      if (name === "Readonly" && args.length === 1) return this.typeSchema(args[0] as ts.TypeNode);
      if (name === "Record" && args.length === 2) {
        if (!this.isString(args[0] as ts.TypeNode)) throw this.error(node, "Record keys must be string (or an alias of string)");
        return { type: "object", additionalProperties: this.typeSchema(args[1] as ts.TypeNode) };
      }
      if (args.length > 0) throw this.error(node, `type arguments of ${name} are not supported`);
      return this.reference(name, node);
    }
    throw this.error(node, `unsupported type ${JSON.stringify(node.getText(this.source))}`);
  }

  /** String literals become one enum; object variants each keep the comment written above them. */
  private unionSchema(node: ts.UnionTypeNode): JsonSchema {
    const literals = node.types.map((t) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : undefined));
    if (literals.every((l) => l !== undefined)) return { type: "string", enum: literals };
    let from = node.pos;
    const variants = node.types.map((member) => {
      const doc = leadingDoc(this.source.text.slice(from, member.getStart(this.source)));
      from = member.end;
      return withDoc(this.typeSchema(member), { text: doc });
    });
    return { oneOf: variants };
  }

  private objectSchema(members: ts.NodeArray<ts.TypeElement>, at: ts.Node): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const member of members) {
      if (!ts.isPropertySignature(member) || member.type === undefined) throw this.error(member, "only plain properties are supported");
      const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
      if (name === undefined) throw this.error(member, "computed property names are not supported");
      properties[name] = withDoc(this.typeSchema(member.type), docOf(member));
      if (member.questionToken === undefined) required.push(name);
    }
    if (Object.keys(properties).length === 0) throw this.error(at, "an object type without properties is not supported");
    // Specs reject unknown keys (a typo would silently drop a field), and so does the schema.
    return { type: "object", properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
  }

  private isString(node: ts.TypeNode): boolean {
    if (node.kind === ts.SyntaxKind.StringKeyword) return true;
    if (!ts.isTypeReferenceNode(node) || !ts.isIdentifier(node.typeName)) return false;
    const decl = this.declarations.get(node.typeName.text);
    return decl !== undefined && ts.isTypeAliasDeclaration(decl) && this.isString(decl.type);
  }

  private error(node: ts.Node, message: string): Error {
    const { line, character } = this.source.getLineAndCharacterOfPosition(node.getStart(this.source));
    return new Error(`${this.source.fileName}:${line + 1}:${character + 1}: ${message}`);
  }
}

interface Doc {
  readonly text?: string;
  /** `@default`: `- prose` (aws-cdk's convention) or a JSON value. */
  readonly default?: string;
}

function docOf(node: ts.Node): Doc {
  let text: string | undefined;
  let def: string | undefined;
  for (const doc of ts.getJSDocCommentsAndTags(node)) {
    if (!ts.isJSDoc(doc)) continue;
    text = ts.getTextOfJSDocComment(doc.comment) ?? text;
    for (const tag of doc.tags ?? []) {
      if (tag.tagName.text === "default") def = ts.getTextOfJSDocComment(tag.comment);
    }
  }
  return { text, default: def };
}

/** The last `/** ... *\/` comment in a stretch of source (union members carry no JSDoc node of their own). */
function leadingDoc(between: string): string | undefined {
  const comments = [...between.matchAll(/\/\*\*([\s\S]*?)\*\//g)];
  const last = comments[comments.length - 1]?.[1];
  if (last === undefined) return undefined;
  return last
    .split("\n")
    .map((l) => l.replace(/^\s*\*\s?/, "").trim())
    .filter((l) => l !== "")
    .join("\n");
}

/** Source comments are wrapped at 120 columns; editors wrap descriptions themselves, so only list lines stay apart. */
function unwrap(text: string): string {
  return text
    .trim()
    .split("\n")
    .map((l) => l.trim())
    .reduce((out, line) => (out === "" ? line : /^(- |`[^`]+`: )/.test(line) ? `${out}\n${line}` : `${out} ${line}`), "");
}

function withDoc(schema: JsonSchema, doc: Doc): JsonSchema {
  const parts: string[] = [];
  if (doc.text !== undefined && doc.text.trim() !== "") parts.push(unwrap(doc.text).replace(/[;,]$/, ""));
  let defaultValue: unknown;
  if (doc.default !== undefined) {
    const prose = /^-\s*(.*)$/s.exec(doc.default.trim());
    if (prose !== null) parts.push(`Default: ${unwrap(prose[1] ?? "").replace(/\.$/, "")}.`);
    else {
      try {
        defaultValue = JSON.parse(doc.default) as unknown;
      } catch {
        throw new Error(`@default ${JSON.stringify(doc.default)} is neither "- prose" nor a JSON value`);
      }
      parts.push(`Default: ${doc.default.trim()}.`);
    }
  }
  const description = parts.map((p) => (/[.!?:`)]$/.test(p) ? p : `${p}.`)).join(" ");
  return {
    ...(description !== "" ? { description } : {}),
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    ...schema,
  };
}

/** The schema of a spec, from the text of access-spec/types.ts. */
export function generateSpecSchema(typesSource: string, fileName = "access-spec/types.ts"): JsonSchema {
  const source = ts.createSourceFile(fileName, typesSource, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  return new Generator(source).root();
}

/** The committed file's exact text. */
export function renderSpecSchema(typesSource: string = readFileSync(TYPES_FILE, "utf8")): string {
  return `${JSON.stringify(generateSpecSchema(typesSource), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, renderSpecSchema());
  process.stdout.write(`wrote ${relative(process.cwd(), SCHEMA_FILE) || join("schema", "access-spec.schema.json")}\n`);
}
