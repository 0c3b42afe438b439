// The one reader of JSON and YAML data files (specs, policies, Terraform JSON inputs): bounded and never
// crashing. Every failure is a one-line message with line and column where there is one: syntax errors,
// duplicate keys (JSON.parse would silently keep the last), nesting deeper than MAX_DEPTH (recursive walkers
// further on would overflow the stack), and YAML alias expansion beyond MAX_ALIAS_COUNT ("billion laughs").
import { LineCounter, parseDocument } from "yaml";

/** Deeper nesting than any spec, policy or Terraform document needs; deeper input is refused before parsing. */
export const MAX_DEPTH = 512;
/** YAML alias resolutions allowed (yaml's measure): a policy reusing a block 150 times passes, exponential expansion does not. */
const MAX_ALIAS_COUNT = 1000;

export type DataResult = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly message: string };

export type DataFormat = "json" | "yaml";

/** `json` for `.json`, `yaml` for `.yaml`/`.yml`, undefined otherwise. */
export function dataFormatOf(file: string): DataFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return "yaml";
  return undefined;
}

export function parseDataText(text: string, format: DataFormat, opts: { readonly duplicateKeys?: "error" | "allow" } = {}): DataResult {
  const body = text.replace(/^\uFEFF/, "");
  const tooDeep = nestingBeyond(body, MAX_DEPTH);
  if (tooDeep !== undefined) return { ok: false, message: `nested deeper than ${MAX_DEPTH} levels at ${lineAndColumn(body, tooDeep)}` };
  try {
    return format === "json" ? parseJson(body, opts.duplicateKeys ?? "error") : parseYaml(body);
  } catch (err) {
    // A parser's own recursion or a resource guard: a clear refusal, never a stack trace.
    return { ok: false, message: `cannot read ${format === "json" ? "JSON" : "YAML"}: ${firstLine(errorText(err))}` };
  }
}

function parseJson(text: string, duplicateKeys: "error" | "allow"): DataResult {
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
  if (duplicateKeys === "error") {
    const duplicate = duplicateKeyOffset(text);
    if (duplicate !== undefined)
      return { ok: false, message: `bad JSON at ${lineAndColumn(text, duplicate)}: duplicate key (JSON would silently keep the last one)` };
  }
  return { ok: true, data };
}

/**
 * Offset of the first key repeated within one object of valid JSON (keys compared decoded: `"\u0061"` is `"a"`),
 * undefined when none. One linear pass: an OpenAPI body of thousands of operations is checked in milliseconds.
 */
function duplicateKeyOffset(text: string): number | undefined {
  const frames: { keys: Set<string> | undefined; expectKey: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === "\\") i++;
      const top = frames[frames.length - 1];
      if (top?.keys !== undefined && top.expectKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.keys.has(key)) return start;
        top.keys.add(key);
        top.expectKey = false;
      }
    } else if (c === "{") frames.push({ keys: new Set(), expectKey: true });
    else if (c === "[") frames.push({ keys: undefined, expectKey: false });
    else if (c === "}" || c === "]") frames.pop();
    else if (c === ",") {
      const top = frames[frames.length - 1];
      if (top?.keys !== undefined) top.expectKey = true;
    }
  }
  return undefined;
}

function parseYaml(text: string): DataResult {
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
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown };
  } catch (err) {
    const message = errorText(err);
    if (/alias/i.test(message)) return { ok: false, message: `bad YAML: aliases expand beyond ${MAX_ALIAS_COUNT} nodes (a resource-exhaustion pattern)` };
    return { ok: false, message: `bad YAML: ${firstLine(message)}` };
  }
}

/**
 * Offset of the first bracket that opens a level beyond `max` (`{`/`[` in JSON or YAML flow style, and YAML
 * block indentation counted as a level per indentation step), skipping quoted strings; undefined when within.
 * Linear in the text.
 */
function nestingBeyond(text: string, max: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"') quote = c;
    else if (c === "{" || c === "[") {
      if (++depth > max) return i;
    } else if (c === "}" || c === "]") depth = Math.max(0, depth - 1);
    else if (c === "\n") {
      // YAML block style nests by indentation: one level per leading space is an upper bound of the depth.
      let spaces = 0;
      while (text[i + 1 + spaces] === " ") spaces++;
      if (depth === 0 && spaces > max * 2) return i + 1;
    }
  }
  return undefined;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}

const firstLine = (s: string): string => s.split("\n")[0] ?? s;

/** A path that does not exist, in the words of every message that says so. */
export const NO_SUCH_FILE = "no such file or folder";

export function errorText(err: unknown): string {
  // Duck-typed, not instanceof: errors from another realm (a test sandbox, a vm) are still errors.
  if (typeof err === "object" && err !== null && "message" in err && typeof err.message === "string") {
    const code = "code" in err ? err.code : undefined;
    if (code === "ENOENT") return NO_SUCH_FILE;
    if (code === "EACCES") return "permission denied";
    if (code === "EISDIR") return "is a directory";
    return firstLine(err.message);
  }
  return String(err);
}
