// Reads a spec file (.json, .yaml/.yml, or a .ts module exporting `spec` or default) and parses its
// structure; prints problems one per line. Semantic validation (validateSpec) is the caller's next step.
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { AccessSpec, SpecProblem } from "./types";
import { parseSpec } from "./parse";

export interface LoadResult {
  /** Present only when the file was read and has the spec's shape; still to be passed to validateSpec. */
  readonly spec?: AccessSpec;
  readonly problems: SpecProblem[];
}

export function loadSpecFile(path: string): LoadResult {
  const read = readSpecData(path);
  if (!read.ok) return { problems: [{ file: path, path: "", message: read.message, value: undefined }] };
  return parseSpec(read.data, path);
}

type ReadResult = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly message: string };

function readSpecData(path: string): ReadResult {
  const ext = extname(path).toLowerCase();
  if (ext === ".ts") return requireModule(path);
  if (ext !== ".json" && ext !== ".yaml" && ext !== ".yml") {
    return { ok: false, message: `unsupported spec file type ${JSON.stringify(ext)} (use .json, .yaml, .yml or .ts)` };
  }
  let text: string;
  try {
    text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  } catch (err) {
    return { ok: false, message: `cannot read file: ${errorText(err)}` };
  }
  return ext === ".json" ? parseJson(text) : parseYaml(text);
}

function parseJson(text: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (err) {
    const message = errorText(err);
    const position = /at position (\d+)/.exec(message);
    const where = position?.[1] === undefined ? "" : ` at ${lineAndColumn(text, Number(position[1]))}`;
    const reason = message.replace(/\s*in JSON at position \d+.*$/, "").replace(/\s*\(line \d+ column \d+\)$/, "");
    return { ok: false, message: `bad JSON${where}: ${reason}` };
  }
  // JSON.parse keeps the last of two equal keys, so `"scopes": {"read": .., "read": ..}` would lose one
  // silently. JSON is YAML, and the YAML parser reports repeated keys with their line.
  const lineCounter = new LineCounter();
  const duplicate = parseDocument(text, { lineCounter, uniqueKeys: true }).errors.find((e) => e.code === "DUPLICATE_KEY");
  if (duplicate !== undefined) {
    const pos = lineCounter.linePos(duplicate.pos[0]);
    return { ok: false, message: `bad JSON at line ${pos.line}, column ${pos.col}: duplicate key (JSON would silently keep the last one)` };
  }
  return { ok: true, data };
}

function parseYaml(text: string): ReadResult {
  const lineCounter = new LineCounter();
  // uniqueKeys: a repeated key is an error, not a silent "last one wins".
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = lineCounter.linePos(first.pos[0]);
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : "";
    return { ok: false, message: `bad YAML at line ${pos.line}, column ${pos.col}: ${firstLine(first.message)}${more}` };
  }
  try {
    // Caps alias expansion so a "billion laughs" document cannot exhaust memory.
    return { ok: true, data: doc.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (err) {
    return { ok: false, message: `bad YAML: ${errorText(err)}` };
  }
}

/** `.ts` specs run as code (tsx is the runner); the module must export `spec` or a default. */
function requireModule(path: string): ReadResult {
  let mod: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(resolve(path)) as unknown;
  } catch (err) {
    const code = typeof err === "object" && err !== null && "code" in err ? (err as { code: unknown }).code : undefined;
    if (code === "MODULE_NOT_FOUND" && errorText(err).includes(resolve(path))) return { ok: false, message: "cannot read file: no such file" };
    // Compile errors put the useful part (file:line: ERROR ...) after the first line, so keep a few lines.
    const message = typeof err === "object" && err !== null && "message" in err ? String(err.message) : String(err);
    const detail = message.split("\n").map((l) => l.trim()).filter((l) => l !== "").slice(0, 3).join(" ");
    return { ok: false, message: `cannot load module: ${detail.length > 300 ? `${detail.slice(0, 297)}...` : detail}` };
  }
  if (typeof mod === "object" && mod !== null) {
    const exported = mod as { spec?: unknown; default?: unknown };
    const data = exported.spec ?? exported.default;
    if (data !== undefined) return { ok: true, data };
  }
  return { ok: false, message: 'module exports neither "spec" nor a default' };
}

/** One line per problem: `<file>: <path>: <message> (got <json value>)`; path and value left out when there is none. */
export function formatProblems(problems: readonly SpecProblem[]): string {
  return problems
    .map((pr) => {
      const where = pr.path === "" ? pr.file : `${pr.file}: ${pr.path}`;
      const got = pr.value === undefined ? "" : ` (got ${jsonValue(pr.value)})`;
      return `${where}: ${pr.message.replace(/\s*\n\s*/g, " ")}${got}`;
    })
    .join("\n");
}

function jsonValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}

const firstLine = (s: string): string => s.split("\n")[0] ?? s;

function errorText(err: unknown): string {
  // Duck-typed, not instanceof: errors from another realm (a test sandbox, a vm) are still errors.
  if (typeof err === "object" && err !== null && "message" in err && typeof err.message === "string") {
    const code = "code" in err ? err.code : undefined;
    if (code === "ENOENT") return "no such file";
    if (code === "EACCES") return "permission denied";
    if (code === "EISDIR") return "is a directory";
    return firstLine(err.message);
  }
  return String(err);
}
