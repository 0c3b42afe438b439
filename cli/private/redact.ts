// Removes every sensitive value from `terraform show -json` output before the plan is written anywhere a CI
// artifact could pick it up. Pure: a plan document in, a redacted copy out; the caller writes nothing when this
// throws. What counts as sensitive is Terraform's own marking, applied fail-closed:
// - values of root variables declared `sensitive` (configuration.root_module.variables.<name>.sensitive), and the
//   `default` of any declaration marked `sensitive: true`;
// - every path marked `true` in a `*_sensitive` mask (before/after of resource changes, drift and output changes)
//   or in `sensitive_values` (planned_values, prior_state), and outputs with `sensitive: true`;
// - as defence in depth, every occurrence of a known secret string anywhere (keys included): the values of
//   sensitive variables and of precisely marked string leaves.
// Terraform cannot mark inside a set, so a whole block set is marked when one leaf in it is sensitive (a web ACL's
// `rule`, a distribution's `origin`). Inside such a marked container only what the plan's own `configuration`
// section already shows in plain text stays: scalars equal to a configured constant and object keys the document
// names elsewhere or that read as schema names; any other scalar becomes the marker, and an object with another key
// (a map whose keys may be data) becomes the marker whole. So the check still sees `x-origin-verify` and `EXACTLY`, never the secret.

import { REDACTED } from "../../guard/load/redacted";

/** The one fixed text every sensitive value is replaced with: defined where the loader reads it back as unknown. */
export { REDACTED };

/** Shorter secrets are redacted where Terraform marks them, but not searched for as substrings (too common). */
export const MIN_SUBSTRING_SECRET_LENGTH = 8;

export class RedactionError extends Error {}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

interface Context {
  /** Scalars shown in plain text by the configuration section (constant values), as JSON text. */
  readonly publicScalars: ReadonlySet<string>;
  /** Object keys the document names outside any value (configuration expressions, unknown/sensitive masks). */
  readonly publicKeys: ReadonlySet<string>;
  /** Strings found at precisely marked leaves: searched for as substrings in the final pass. */
  readonly markedStrings: Set<string>;
}

/**
 * A copy of the plan with every sensitive value replaced by REDACTED. Throws RedactionError when the input is not
 * a JSON object (nothing could be said about what it holds).
 */
export function redactPlan(plan: unknown): unknown {
  if (!isObject(plan)) throw new RedactionError("terraform show -json did not return a JSON object; nothing was written");
  const doc = plan as JsonObject;
  const configuration = doc["configuration"];
  const ctx: Context = {
    publicScalars: collectConstants(configuration),
    publicKeys: collectPublicKeys(doc),
    markedStrings: new Set(),
  };
  const secrets = new Set<string>();
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key === "variables") out[key] = redactVariables(value, configuration, secrets);
    else out[key] = walk(value, ctx);
  }
  for (const s of ctx.markedStrings) secrets.add(s);
  const needles = [...secrets].filter((s) => s.length >= MIN_SUBSTRING_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  return needles.length === 0 ? out : replaceSecrets(out, needles);
}

/** Replace every occurrence of each secret in `text` (for terraform's messages printed to the terminal). */
export function redactText(text: string, secrets: readonly string[]): string {
  const needles = secrets.filter((s) => s.length >= MIN_SUBSTRING_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  return needles.reduce((t, s) => t.split(s).join(REDACTED), text);
}

/**
 * The values the environment gives the sensitive variables a synthesized stack (cdk.tf.json) declares, through
 * `TF_VAR_<name>`: what terraform's own messages could echo.
 */
export function sensitiveVariableValues(stackJson: unknown, env: Readonly<Record<string, string | undefined>>): string[] {
  const declared = isObject(stackJson) && isObject(stackJson["variable"]) ? stackJson["variable"] : {};
  return Object.entries(declared)
    .filter(([, decl]) => isObject(decl) && decl["sensitive"] === true)
    .map(([name]) => env[`TF_VAR_${name}`])
    .filter((v): v is string => v !== undefined && v !== "");
}

// Root variables: sensitive per the configuration; a plan without a readable declaration redacts the value.
function redactVariables(variables: Json, configuration: Json, secrets: Set<string>): Json {
  if (!isObject(variables)) return variables;
  const root = isObject(configuration) && isObject(configuration["root_module"]) ? configuration["root_module"] : undefined;
  const declared = root !== undefined && isObject(root["variables"]) ? root["variables"] : undefined;
  const out: JsonObject = {};
  for (const [name, entry] of Object.entries(variables)) {
    const decl = declared?.[name];
    // No readable declaration: nothing says the value is public.
    const sensitive = !isObject(decl) || decl["sensitive"] === true;
    if (!sensitive || !isObject(entry)) {
      out[name] = entry;
      continue;
    }
    collectStrings(entry["value"], secrets);
    out[name] = { ...entry, ...("value" in entry ? { value: REDACTED } : {}) };
  }
  return out;
}

function walk(value: Json, ctx: Context): Json {
  if (Array.isArray(value)) return value.map((v) => walk(v, ctx));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) out[key] = walk(child, ctx);
  // Masks sit beside the value they describe: before/before_sensitive, after/after_sensitive, values/sensitive_values.
  for (const key of Object.keys(value)) {
    if (key.endsWith("_sensitive") && key !== "_sensitive") {
      const target = key.slice(0, -"_sensitive".length);
      if (target in out) out[target] = applyMask(out[target] as Json, value[key] as Json, ctx);
    }
  }
  if ("sensitive_values" in value && "values" in out) out["values"] = applyMask(out["values"] as Json, value["sensitive_values"] as Json, ctx);
  // Outputs (planned_values, prior_state) and declarations (a sensitive variable's default).
  if (value["sensitive"] === true) {
    for (const key of ["value", "default"]) {
      if (key in out) out[key] = applyMask(out[key] as Json, true, ctx);
    }
  }
  return out;
}

const anyMarked = (mask: Json): boolean =>
  mask === true ? true : Array.isArray(mask) ? mask.some(anyMarked) : isObject(mask) ? Object.values(mask).some(anyMarked) : false;

function applyMask(value: Json, mask: Json, ctx: Context): Json {
  if (mask === false || mask === null) return value;
  if (Array.isArray(mask) && Array.isArray(value)) {
    // A mask describing fewer elements than the value holds is not one Terraform wrote: mark the whole value.
    if (mask.length !== value.length && anyMarked(mask)) return redactAll(value, ctx);
    return value.map((v, i) => applyMask(v, mask[i] ?? false, ctx));
  }
  if (isObject(mask) && isObject(value)) {
    const out: JsonObject = { ...value };
    for (const [k, m] of Object.entries(mask)) if (k in out) out[k] = applyMask(out[k] as Json, m, ctx);
    return out;
  }
  if (Array.isArray(mask) || isObject(mask)) {
    // Shape differs from the value: fail closed when anything in the mask is marked.
    return anyMarked(mask) ? redactAll(value, ctx) : value;
  }
  // `true`, or a mask of a type Terraform never writes: sensitive.
  return redactAll(value, ctx);
}

/**
 * How provider schemas name attributes and blocks. Keys of a marked container that look like this are kept even when
 * the document names them nowhere else (computed attributes such as `connection_attempts`); other keys may be data.
 */
const SCHEMA_NAME = /^[a-z][a-z0-9_]*$/;

/** A marked value: a scalar leaf is gone; a container keeps only what the configuration already shows. */
function redactAll(value: Json, ctx: Context): Json {
  if (value === null) return null;
  if (typeof value === "string") {
    ctx.markedStrings.add(value);
    return REDACTED;
  }
  if (typeof value !== "object") return REDACTED;
  return redactContainer(value, ctx);
}

function redactContainer(value: Json, ctx: Context): Json {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v) => redactContainer(v, ctx));
  if (isObject(value)) {
    if (!Object.keys(value).every((k) => ctx.publicKeys.has(k) || SCHEMA_NAME.test(k))) return REDACTED;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactContainer(v, ctx);
    return out;
  }
  return ctx.publicScalars.has(JSON.stringify(value)) ? value : REDACTED;
}

/** Every scalar inside a `constant_value` of the configuration section (modules and providers included). */
function collectConstants(configuration: Json | undefined): Set<string> {
  const out = new Set<string>();
  const scalars = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(scalars);
    else if (isObject(v)) Object.values(v).forEach(scalars);
    else if (v !== null) out.add(JSON.stringify(v));
  };
  const visit = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      for (const [k, child] of Object.entries(v)) {
        // A declaration's default is not a constant of a resource: a sensitive variable's default is a secret.
        if (k === "constant_value") scalars(child);
        else if (k !== "default") visit(child);
      }
    }
  };
  if (configuration !== undefined) visit(configuration);
  return out;
}

/**
 * Keys the document names as structure: every key of the configuration section and of the unknown/sensitive
 * masks (which mirror the attribute and block names of the values they describe, never their data).
 */
function collectPublicKeys(doc: JsonObject): Set<string> {
  const out = new Set<string>();
  const keys = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(keys);
    else if (isObject(v)) {
      for (const [k, child] of Object.entries(v)) {
        out.add(k);
        keys(child);
      }
    }
  };
  const masks = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(masks);
    else if (isObject(v)) {
      for (const [k, child] of Object.entries(v)) {
        if (k === "after_unknown" || k.endsWith("_sensitive") || k === "sensitive_values") keys(child);
        else masks(child);
      }
    }
  };
  const configuration = doc["configuration"];
  if (configuration !== undefined) keys(configuration);
  for (const [k, v] of Object.entries(doc)) if (k !== "configuration") masks(v);
  return out;
}

function collectStrings(v: Json | undefined, out: Set<string>): void {
  if (typeof v === "string") out.add(v);
  else if (Array.isArray(v)) v.forEach((x) => collectStrings(x, out));
  else if (isObject(v)) Object.values(v).forEach((x) => collectStrings(x, out));
}

function replaceSecrets(value: Json, needles: readonly string[]): Json {
  const scrub = (s: string): string => {
    let t = s;
    for (const n of needles) if (t.includes(n)) t = t.split(n).join(REDACTED);
    return t;
  };
  if (typeof value === "string") return scrub(value);
  if (Array.isArray(value)) return value.map((v) => replaceSecrets(v, needles));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) out[scrub(k)] = replaceSecrets(v, needles);
  return out;
}
