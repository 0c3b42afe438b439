// Reads cdktf's cdk.tf.json: resources under `resource.<type>.<name>` (and `data.<type>.<name>`), references as
// `${aws_x.y.attr}` strings. Strings holding an interpolation become Unknown carrying the expression verbatim.
import { unknownValue, type ResourceInstance, type SourceRef } from "../model";
import { configAddressOf, formatIndex, referencesInString } from "./address";
import { asArray, asObject, isObject, type JsonObject } from "./json";
import { cdktfLiterals, cdktfScope } from "./literals-cdktf";
import type { RawStack } from "./raw";

/** Meta-arguments that are not resource attributes. `//` is cdktf's metadata block. */
const META = new Set(["count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection", "//"]);

/** Replace every `${...}`-bearing string by Unknown (its text kept as the expression). */
function convertValue(v: unknown): unknown {
  if (typeof v === "string") return v.includes("${") ? unknownValue(v) : v;
  if (Array.isArray(v)) return v.map(convertValue);
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = convertValue(x);
    return out;
  }
  return v;
}

function collectRefs(v: unknown, out: string[]): void {
  if (typeof v === "string") out.push(...referencesInString(v));
  else if (Array.isArray(v)) for (const x of v) collectRefs(x, out);
  else if (isObject(v)) for (const x of Object.values(v)) collectRefs(x, out);
}

/** Instances a `count`/`for_each` literal expands to; one un-indexed instance when it is an expression. */
function instanceKeys(body: JsonObject): (number | string | undefined)[] {
  const count = body["count"];
  if (typeof count === "number" && Number.isInteger(count) && count >= 0) return Array.from({ length: count }, (_, i) => i);
  const forEach = body["for_each"];
  if (isObject(forEach)) return Object.keys(forEach);
  if (Array.isArray(forEach) && forEach.every((k) => typeof k === "string")) return forEach as string[];
  return [undefined];
}

export function readCdktf(doc: JsonObject, source: SourceRef): RawStack {
  const resources: ResourceInstance[] = [];
  const scope = cdktfScope(doc);
  const modes: [string, "managed" | "data"][] = [
    ["resource", "managed"],
    ["data", "data"],
  ];
  for (const [section, mode] of modes) {
    for (const [type, byName] of Object.entries(asObject(doc[section]))) {
      for (const [name, rawBody] of Object.entries(asObject(byName))) {
        const body = asObject(rawBody);
        const values: Record<string, unknown> = {};
        const references: Record<string, string[]> = {};
        const attributes: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(body)) {
          if (META.has(k)) continue;
          attributes[k] = v;
          values[k] = convertValue(v);
          const refs: string[] = [];
          collectRefs(v, refs);
          if (refs.length > 0) references[k] = refs;
        }
        const dependsOn = asArray(body["depends_on"])
          .filter((d): d is string => typeof d === "string")
          .flatMap((d) => (d.includes("${") ? referencesInString(d) : [d]));
        const cbd = asObject(body["lifecycle"])["create_before_destroy"];
        const configAddress = configAddressOf("", mode, type, name);
        const written = cdktfLiterals(attributes, body["for_each"], scope);
        for (const index of instanceKeys(body)) {
          resources.push({
            address: configAddress + formatIndex(index),
            configAddress,
            modulePath: "",
            mode,
            type,
            name,
            ...(index !== undefined ? { index } : {}),
            values,
            references,
            dependsOn,
            ...(typeof cbd === "boolean" ? { createBeforeDestroy: cbd } : {}),
            written,
            source,
          });
        }
      }
    }
  }
  return { resources, changes: [] };
}

export const looksLikeCdktf = (doc: JsonObject): boolean =>
  !("format_version" in doc) && (isObject(doc["resource"]) || isObject(doc["terraform"]) || isObject(doc["data"]));
