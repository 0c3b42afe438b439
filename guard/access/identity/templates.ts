// What a request mapping template (VTL) puts into the backend's body, for templates without logic: literal text
// with references (`$context.authorizer.claims.sub`, `$input.params('X-User-Id')`, `$util.escapeJavaScript(...)`
// around one). Each value is keyed by the JSON field it fills (the nearest `"key":` before it). A directive (`#if`,
// `#set`, `#foreach`), a method call the reader does not know or a stray `$` make the template unreadable: its
// changes are "not verified", never a pass. Pure.
import { templateReferenceClass, type Source } from "./sources";

export interface TemplateField {
  /** The JSON field the value fills (`userId`); `(body)` when no key precedes it. */
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
/** The last JSON key before a value: `"userId": "` or `"userId":`. */
const LAST_KEY = /"([^"\\]+)"\s*:\s*"?\s*$/;
/** Literal JSON fields: `"role": "reader"`, `"admin": true`, `"level": 3`. */
const LITERAL_FIELD = /"([^"\\]+)"\s*:\s*("([^"$\\]*)"|true|false|null|-?\d+(?:\.\d+)?)/g;

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
  let literal = "";
  let i = 0;
  const literalFields = (text: string) => {
    for (const m of text.matchAll(LITERAL_FIELD)) fields.push({ key: m[1] as string, source: { class: "static", text: m[2] as string } });
  };
  while (i < template.length) {
    const at = template.indexOf("$", i);
    if (at < 0) {
      literal += template.slice(i);
      break;
    }
    literal += template.slice(i, at);
    const ref = referenceAt(template.slice(at));
    if (ref === undefined) return { kind: "unreadable", why: `the template uses ${template.slice(at, at + 40)}…, which the review does not read` };
    const key = LAST_KEY.exec(literal)?.[1] ?? "(body)";
    literalFields(literal.slice(0, literal.length - (LAST_KEY.exec(literal)?.[0].length ?? 0)));
    fields.push({ key, source: ref.source });
    literal = "";
    i = at + ref.length;
  }
  literalFields(literal);
  return { kind: "read", fields };
}
