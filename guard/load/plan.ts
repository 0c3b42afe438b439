// Reads `terraform show -json` output (a plan, or state): values from planned_values (after) or prior_state
// (before), unknown-until-apply attributes from resource_changes' after_unknown, references from the
// `configuration` expressions, and every resource change with its actions for the authorization diff.
import { unredact } from "./redacted";
import { unknownValue, type ChangeAction, type ResourceChange, type ResourceInstance, type SourceRef } from "../model";
import { configAddressOf, parseAddress } from "./address";
import { asArray, asObject, asString, isObject, type JsonObject } from "./json";
import type { RawStack } from "./raw";

interface ConfigResource {
  readonly expressions: JsonObject;
  readonly dependsOn: readonly string[];
}

/** Collect `references` from an expression tree (nested blocks are arrays of expression objects). */
function collectRefs(expr: unknown, out: string[]): void {
  if (Array.isArray(expr)) {
    for (const x of expr) collectRefs(x, out);
    return;
  }
  if (!isObject(expr)) return;
  const refs = expr["references"];
  if (Array.isArray(refs)) {
    for (const r of refs) if (typeof r === "string") out.push(r);
  }
  for (const [k, v] of Object.entries(expr)) {
    if (k !== "references" && k !== "constant_value" && (isObject(v) || Array.isArray(v))) collectRefs(v, out);
  }
}

/** Walk configuration modules: config address -> expressions; module path -> var -> references. */
function readConfiguration(
  mod: JsonObject,
  path: string,
  resources: Map<string, ConfigResource>,
  moduleVars: Map<string, Record<string, readonly string[]>>,
): void {
  for (const r of asArray(mod["resources"]).filter(isObject)) {
    const mode = r["mode"] === "data" ? "data" : "managed";
    const type = asString(r["type"]);
    const name = asString(r["name"]);
    if (type === undefined || name === undefined) continue;
    resources.set(configAddressOf(path, mode, type, name), {
      expressions: asObject(r["expressions"]),
      dependsOn: asArray(r["depends_on"]).filter((d): d is string => typeof d === "string"),
    });
  }
  for (const [callName, call] of Object.entries(asObject(mod["module_calls"]))) {
    const childPath = path === "" ? `module.${callName}` : `${path}.module.${callName}`;
    const vars: Record<string, readonly string[]> = {};
    for (const [v, expr] of Object.entries(asObject(asObject(call)["expressions"]))) {
      const refs: string[] = [];
      collectRefs(expr, refs);
      vars[v] = refs;
    }
    moduleVars.set(childPath, vars);
    readConfiguration(asObject(asObject(call)["module"]), childPath, resources, moduleVars);
  }
}

interface StateResource {
  readonly address: string;
  readonly values: JsonObject;
}

function walkModule(mod: JsonObject, out: StateResource[]): void {
  for (const r of asArray(mod["resources"]).filter(isObject)) {
    const address = asString(r["address"]);
    if (address !== undefined) out.push({ address, values: asObject(r["values"]) });
  }
  for (const child of asArray(mod["child_modules"]).filter(isObject)) walkModule(child, out);
}

/** Overlay after_unknown markers: `true` leaves become Unknown (with the configured expression when known). */
function markUnknown(value: unknown, unknownMask: unknown, expr: unknown): unknown {
  if (unknownMask === true) {
    const constant = isObject(expr) ? expr["constant_value"] : undefined;
    const refs = isObject(expr) ? asArray(expr["references"]) : [];
    const expression = typeof constant === "string" ? constant : typeof refs[0] === "string" ? refs[0] : undefined;
    return unknownValue(expression);
  }
  if (Array.isArray(unknownMask)) {
    const arr = Array.isArray(value) ? [...value] : [];
    const exprArr = Array.isArray(expr) ? expr : [];
    unknownMask.forEach((m, i) => {
      arr[i] = markUnknown(arr[i], m, exprArr[i] ?? exprArr[0]);
    });
    return arr;
  }
  if (isObject(unknownMask)) {
    const obj: Record<string, unknown> = isObject(value) ? { ...value } : {};
    const exprObj = isObject(expr) ? expr : {};
    for (const [k, m] of Object.entries(unknownMask)) obj[k] = markUnknown(obj[k], m, exprObj[k]);
    return obj;
  }
  return value;
}

export function summarizeActions(actions: readonly string[]): ChangeAction {
  if (actions.includes("delete") && actions.includes("create")) return "replace";
  const a = actions[0];
  return a === "create" || a === "update" || a === "delete" || a === "read" ? a : "no-op";
}

export function readPlan(doc: JsonObject, source: SourceRef, side: "before" | "after"): RawStack {
  const config = new Map<string, ConfigResource>();
  const moduleVars = new Map<string, Record<string, readonly string[]>>();
  readConfiguration(asObject(asObject(doc["configuration"])["root_module"]), "", config, moduleVars);

  const changes: ResourceChange[] = [];
  const unknownMasks = new Map<string, unknown>();
  const beforeValues = new Map<string, JsonObject>();
  for (const rc of asArray(doc["resource_changes"]).filter(isObject)) {
    const address = asString(rc["address"]);
    if (address === undefined) continue;
    const change = asObject(rc["change"]);
    const actions = asArray(change["actions"]).filter((a): a is string => typeof a === "string");
    const action = summarizeActions(actions);
    changes.push({
      address,
      type: asString(rc["type"]) ?? "",
      actions: actions.map((a) => summarizeActions([a])),
      action,
      source,
    });
    unknownMasks.set(address, change["after_unknown"]);
    if (isObject(change["before"])) beforeValues.set(address, change["before"]);
  }

  const state: StateResource[] = [];
  if (side === "after") {
    // A plan has planned_values; `terraform show -json` of a state has values.
    walkModule(asObject(asObject(doc["planned_values"] ?? doc["values"])["root_module"]), state);
  } else {
    const prior = asObject(asObject(doc["prior_state"])["values"])["root_module"];
    if (isObject(prior)) walkModule(prior, state);
    else if (!isObject(doc["planned_values"])) walkModule(asObject(asObject(doc["values"])["root_module"]), state);
    else for (const [address, values] of beforeValues) state.push({ address, values });
  }

  const changeByAddress = new Map(changes.map((c) => [c.address, c]));
  const resources: ResourceInstance[] = [];
  for (const s of state) {
    const parsed = parseAddress(s.address);
    if (parsed === undefined) continue;
    const configAddress = configAddressOf(parsed.moduleConfigPath, parsed.mode, parsed.type, parsed.name);
    const cfg = config.get(configAddress);
    const expressions = cfg?.expressions ?? {};
    const mask = side === "after" ? unknownMasks.get(s.address) : undefined;
    const marked = mask === undefined ? s.values : markUnknown(s.values, mask, expressions);
    // Sensitive values redacted by `npm run plan` are unknown to the check, never the marker string.
    const values = unredact(isObject(marked) ? marked : s.values) as Readonly<Record<string, unknown>>;
    const references: Record<string, string[]> = {};
    for (const [attr, expr] of Object.entries(expressions)) {
      const refs: string[] = [];
      collectRefs(expr, refs);
      if (refs.length > 0) references[attr] = refs;
    }
    const change = changeByAddress.get(s.address);
    resources.push({
      address: s.address,
      configAddress,
      modulePath: parsed.modulePath,
      mode: parsed.mode,
      type: parsed.type,
      name: parsed.name,
      ...(parsed.index !== undefined ? { index: parsed.index } : {}),
      values,
      references,
      dependsOn: cfg?.dependsOn ?? [],
      ...(change !== undefined ? { change: change.action } : {}),
      source,
    });
  }
  return { resources, moduleVars, changes };
}

export const looksLikePlan = (doc: JsonObject): boolean =>
  typeof doc["format_version"] === "string" && (isObject(doc["planned_values"]) || Array.isArray(doc["resource_changes"]) || isObject(doc["values"]));
