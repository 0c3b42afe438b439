// Reads a spec file (.json, .yaml/.yml, or a .ts module exporting `spec` or default) and parses its
// structure; prints problems one per line. Semantic validation (validateSpec) is the caller's next step.
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { dataFormatOf, errorText, NO_SUCH_FILE, parseDataText } from "../kernel/io/data-file";
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

/**
 * Every spec of one file: a `.ts` module may export `specs` (a list, or a record by name) for several
 * environments; any other file holds one spec. A module is loaded (run) once.
 */
export function loadSpecFiles(path: string): { readonly specs: readonly AccessSpec[]; readonly problems: SpecProblem[] } {
  if (extname(path).toLowerCase() !== ".ts") {
    const one = loadSpecFile(path);
    return { specs: one.spec === undefined ? [] : [one.spec], problems: one.problems };
  }
  const loaded = loadModule(path);
  const read = loaded.ok ? oneSpecOf(loaded.mod) : loaded;
  const many = loaded.ok ? exportedSpecs(loaded.mod) : undefined;
  if (many === undefined) {
    if (!read.ok) return { specs: [], problems: [{ file: path, path: "", message: read.message, value: undefined }] };
    const one = parseSpec(read.data, path);
    return { specs: one.spec === undefined ? [] : [one.spec], problems: one.problems };
  }
  const problems: SpecProblem[] = [];
  const specs: AccessSpec[] = [];
  for (const [key, data] of many) {
    const r = parseSpec(data, `${path}#specs.${key}`);
    problems.push(...r.problems);
    if (r.spec !== undefined) specs.push(r.spec);
  }
  return { specs, problems };
}

/** The entries of a module's `specs` export, or undefined when it has none (then it is a one-spec module). */
function exportedSpecs(mod: unknown): [string, unknown][] | undefined {
  const specs = typeof mod === "object" && mod !== null ? (mod as { specs?: unknown }).specs : undefined;
  if (Array.isArray(specs)) return specs.map((s, i) => [String(i), s]);
  if (typeof specs === "object" && specs !== null) return Object.entries(specs);
  return undefined;
}

type ReadResult = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly message: string };

function readSpecData(path: string): ReadResult {
  const ext = extname(path).toLowerCase();
  if (ext === ".ts") {
    const loaded = loadModule(path);
    return loaded.ok ? oneSpecOf(loaded.mod) : loaded;
  }
  const format = dataFormatOf(path);
  if (format === undefined) return { ok: false, message: `unsupported spec file type ${JSON.stringify(ext)} (use .json, .yaml, .yml or .ts)` };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    return { ok: false, message: `cannot read file: ${errorText(err)}` };
  }
  return parseDataText(text, format);
}

type ModuleResult = { readonly ok: true; readonly mod: unknown } | { readonly ok: false; readonly message: string };

/** `.ts` specs run as code (tsx is the runner): the module, or why it cannot be loaded. */
function loadModule(path: string): ModuleResult {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { ok: true, mod: require(resolve(path)) as unknown };
  } catch (err) {
    const code = typeof err === "object" && err !== null && "code" in err ? (err as { code: unknown }).code : undefined;
    if (code === "MODULE_NOT_FOUND" && errorText(err).includes(resolve(path))) return { ok: false, message: `cannot read file: ${NO_SUCH_FILE}` };
    // Compile errors put the useful part (file:line: ERROR ...) after the first line, so keep a few lines.
    const message = typeof err === "object" && err !== null && "message" in err ? String(err.message) : String(err);
    const detail = message
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "")
      .slice(0, 3)
      .join(" ");
    return { ok: false, message: `cannot load module: ${detail.length > 300 ? `${detail.slice(0, 297)}...` : detail}` };
  }
}

/** A one-spec module exports `spec` or a default. */
function oneSpecOf(mod: unknown): ReadResult {
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
