// What a request mapping template (VTL) puts into the backend's body, for templates without logic: literal text
// with references (`$context.authorizer.claims.sub`, `$input.params('X-User-Id')`, `$util.escapeJavaScript(...)`
// around one). Each value is keyed by the JSON field it fills (the nearest `"key":` before it). A directive (`#if`,
// `#set`, `#foreach`), a method call the reader does not know or a stray `$` make the template unreadable: its
// changes are "not verified", never a pass. Pure.
import { templateReferenceClass, type Source } from "./sources";

interface TemplateField {
  /** The JSON field the value fills, by its path of keys (`Key.userId.S`); `(body)` outside any key. */
  readonly key: string;
  readonly source: Source;
}

export type TemplateReading = { readonly kind: "read"; readonly fields: readonly TemplateField[] } | { readonly kind: "unreadable"; readonly why: string };

/** `$util.x(` wrappers that transform one value without changing who chose it. */
const WRAPPERS = new Set(["escapeJavaScript", "urlEncode", "urlDecode", "base64Encode", "base64Decode", "parseJson"]);

/** `$input.*` calls: all of them read what the caller sent. */
const INPUT_CALL = /^\$!?\{?input\.(params|json|path)\((?:'[^']*'|"[^"]*")?\)(?:\.(?:header|querystring|path)\.get\((?:'[^']*'|"[^"]*")\))?\}?/;
const INPUT_BODY = /^\$!?\{?input\.body\}?/;
/** `$context.authorizer.claims.sub`, `${stageVariables.x}`, `$context.authorizer.claims['cognito:groups']`. */
const REFERENCE = /^\$!?(\{)?((?:context|stageVariables)(?:\.[A-Za-z_][\w-]*|\[(?:'[^']*'|"[^"]*")\])+)(\})?/;
const WRAPPER = /^\$!?\{?util\.([A-Za-z0-9]+)\(/;
/** JSON structure in the template's literal text: a key, a quote, brackets, a comma, a literal scalar. */
const TOKEN = /"((?:[^"\\]|\\.)*)"\s*:|"|[{}[\],]|true|false|null|-?\d+(?:\.\d+)?/g;

/**
 * Where the template's text stands in the JSON it writes, carried across references: the keys of the enclosing
 * objects, the key awaiting its value, and whether a string value is open (with its text and whether a reference
 * was in it).
 */
interface Shape {
  readonly stack: string[];
  pending?: string;
  string?: { text: string; referenced: boolean };
}

const pathOf = (st: Shape): string => [...st.stack, st.pending ?? ""].filter((k) => k !== "").join(".") || "(body)";

/** Advances `st` over literal text; literal values of keys become static fields. */
function scan(text: string, st: Shape, fields: TemplateField[]): void {
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const tok = m[0];
    if (st.string !== undefined) {
      // Inside a string value only its closing quote counts.
      if (tok !== '"' && !tok.startsWith('"')) continue;
      st.string.text += text.slice(last, m.index);
      if (!st.string.referenced && st.pending !== undefined)
        fields.push({ key: pathOf(st), source: { class: "static", text: JSON.stringify(st.string.text) } });
      st.string = undefined;
      last = m.index + 1;
      if (tok === '"') continue;
      // A key right after the closing quote (`"a"` then `"b":` never happens in JSON): treat the rest as a key.
    }
    last = m.index + tok.length;
    if (m[1] !== undefined) st.pending = m[1];
    else if (tok === '"') {
      st.string = { text: "", referenced: false };
      last = m.index + 1;
    } else if (tok === "{" || tok === "[") {
      st.stack.push(st.pending ?? "");
      st.pending = undefined;
    } else if (tok === "}" || tok === "]") {
      st.stack.pop();
      st.pending = undefined;
    } else if (tok === ",") st.pending = undefined;
    else if (st.pending !== undefined) fields.push({ key: pathOf(st), source: { class: "static", text: tok } });
  }
  if (st.string !== undefined) st.string.text += text.slice(last);
}

/** One reference at the start of `text`: its source and length; undefined when none is readable there. */
function referenceAt(text: string): { source: Source; length: number } | undefined {
  const input = INPUT_CALL.exec(text) ?? INPUT_BODY.exec(text);
  if (input !== null) return { source: { class: "caller", text: input[0] }, length: input[0].length };
  const ref = REFERENCE.exec(text);
  if (ref !== null) {
    if ((ref[1] === "{") !== (ref[3] === "}")) return undefined;
    return { source: { class: templateReferenceClass(ref[2] ?? ""), text: ref[0] }, length: ref[0].length };
  }
  const wrapper = WRAPPER.exec(text);
  if (wrapper !== null && WRAPPERS.has(wrapper[1] ?? "")) {
    const inner = text.slice(wrapper[0].length);
    const arg = inner.startsWith("$") ? referenceAt(inner) : undefined;
    if (arg === undefined) return undefined;
    const rest = inner.slice(arg.length);
    const close = /^\)\}?/.exec(rest);
    if (close === null) return undefined;
    const length = wrapper[0].length + arg.length + close[0].length;
    return { source: { ...arg.source, text: text.slice(0, length) }, length };
  }
  return undefined;
}

/** Reads one template; undefined input (no template) reads as no fields. */
export function readTemplate(template: unknown): TemplateReading {
  if (typeof template !== "string") return { kind: "unreadable", why: "the template is known only after apply" };
  if (/#/.test(template)) return { kind: "unreadable", why: "the template has VTL directives or comments (#...)" };
  const fields: TemplateField[] = [];
  const shape: Shape = { stack: [] };
  let i = 0;
  while (i < template.length) {
    const at = template.indexOf("$", i);
    scan(template.slice(i, at < 0 ? template.length : at), shape, fields);
    if (at < 0) break;
    const ref = referenceAt(template.slice(at));
    if (ref === undefined) return { kind: "unreadable", why: `the template uses ${template.slice(at, at + 40)}…, which the review does not read` };
    if (shape.string !== undefined) shape.string.referenced = true;
    fields.push({ key: pathOf(shape), source: ref.source });
    i = at + ref.length;
  }
  return { kind: "read", fields };
}
