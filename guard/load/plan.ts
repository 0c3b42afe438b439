// Reads `terraform show -json` output (a plan, or state): values from planned_values (after) or prior_state
// (before), unknown-until-apply attributes from resource_changes' after_unknown, references from the
// `configuration` expressions (made absolute through module calls), and every resource change with its actions for the authorization diff.
import { unredact } from "./redacted";
import { providerComputed, unknownValue, type ChangeAction, type ResourceChange, type ResourceInstance, type SourceRef } from "../model";
import { configAddressOf, isModuleCall, parseAddress } from "./address";
import { collectRefs, referencedTargets, ReferenceExpander } from "./expressions";
import { asArray, asObject, asString, isObject, type JsonObject } from "./json";
import { planLiterals } from "./literals-plan";
import type { RawStack } from "./raw";

interface ConfigResource {
  readonly expressions: JsonObject;
  readonly dependsOn: readonly string[];
  /** The for_each expression, which `each.value` in the expressions reads. */
  readonly forEach: unknown;
}

/** Walk configuration modules: config address -> expressions. */
function readConfiguration(mod: JsonObject, path: string, resources: Map<string, ConfigResource>): void {
  for (const r of asArray(mod["resources"]).filter(isObject)) {
    const mode = r["mode"] === "data" ? "data" : "managed";
    const type = asString(r["type"]);
    const name = asString(r["name"]);
    if (type === undefined || name === undefined) continue;
    resources.set(configAddressOf(path, mode, type, name), {
      expressions: asObject(r["expressions"]),
      dependsOn: asArray(r["depends_on"]).filter((d): d is string => typeof d === "string"),
      forEach: r["for_each_expression"],
    });
  }
  for (const [callName, call] of Object.entries(asObject(mod["module_calls"]))) {
    const childPath = path === "" ? `module.${callName}` : `${path}.module.${callName}`;
    readConfiguration(asObject(asObject(call)["module"]), childPath, resources);
  }
}

/**
 * What an Unknown value shows as its expression: the one resource its references designate, or, when they
 * designate several (try(), a conditional, coalesce), all of them: never the first one as if it were the choice.
 */
function expressionText(refs: readonly string[]): string | undefined {
  const targets = referencedTargets(refs);
  if (targets.length === 1) return targets[0];
  if (targets.length > 1) return `one of ${targets.join(", ")}`;
  return refs[0];
}

/**
 * A depends_on entry as an absolute address: plan JSON writes it relative to the resource's module (inside
 * module.api, `aws_api_gateway_method.get` is module.api's, never the root's). A module call (`module.routes`)
 * stays a module path under the resource's module; a resource is expanded as references are.
 */
function absoluteDependency(entry: string, modulePath: string, expand: (refs: readonly string[]) => string[]): string[] {
  const here = modulePath === "" ? entry : `${modulePath}.${entry}`;
  if (isModuleCall(entry)) return [here];
  const expanded = expand([entry]);
  return expanded.length > 0 ? expanded : [here];
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

/** What an Unknown shows for a configured expression that names nothing: `max(60, var.x)` with no reference kept. */
const CONFIGURED_EXPRESSION = "an expression of the configuration";

const isScalar = (v: unknown): v is string | number | boolean => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/**
 * The configuration block a planned block comes from. Set-typed blocks (an IAM document's `condition`, CloudFront's
 * `origin`) come back in the provider's order, not the configuration's: the block whose constant attributes all
 * equal the planned block's (at least one compared) is it; otherwise the same position, as before.
 */
function blockExpression(value: unknown, exprs: readonly unknown[], i: number): unknown {
  if (isObject(value)) {
    const same = exprs.filter((e) => {
      if (!isObject(e)) return false;
      let compared = 0;
      for (const [k, x] of Object.entries(e)) {
        const c = isObject(x) ? x["constant_value"] : undefined;
        if (!isScalar(c) || !isScalar(value[k])) continue;
        if (c !== value[k]) return false;
        compared++;
      }
      return compared > 0;
    });
    if (same.length === 1) return same[0];
  }
  return exprs[i] ?? exprs[0];
}

/** A whole attribute's expression (`references`, `constant_value`), as opposed to a block's expressions by attribute. */
const isAttributeExpression = (expr: unknown): boolean => isObject(expr) && ("references" in expr || "constant_value" in expr);

/**
 * Overlay after_unknown markers: `true` leaves become Unknown (with the configured expression when known). `written`:
 * the enclosing resource or block is written in the configuration with its expressions by attribute, so an attribute
 * without one is not written (the provider computes it). Inside a `dynamic` block or a map nothing says so.
 */
function markUnknown(value: unknown, unknownMask: unknown, expr: unknown, expand: (refs: readonly string[]) => string[], written: boolean): unknown {
  if (unknownMask === true) {
    if (expr === undefined && written) return providerComputed();
    const constant = isObject(expr) ? expr["constant_value"] : undefined;
    const refs: string[] = [];
    collectRefs(expr, refs);
    // Set but neither a constant nor a reference (a function of literals): still set, never "not set" (isUnset).
    const expression = typeof constant === "string" ? constant : (expressionText(expand(refs)) ?? (expr !== undefined ? CONFIGURED_EXPRESSION : undefined));
    return unknownValue(expression);
  }
  if (Array.isArray(unknownMask)) {
    const arr = Array.isArray(value) ? [...value] : [];
    // Blocks have one expression object each; a list attribute has one expression for the whole list
    // (`values = [aws_cognito_identity_pool.ids.id]`), which is then what each unknown element comes from.
    const exprArr = Array.isArray(expr) ? expr : undefined;
    unknownMask.forEach((m, i) => {
      arr[i] = markUnknown(arr[i], m, exprArr === undefined ? expr : blockExpression(arr[i], exprArr, i), expand, written);
    });
    return arr;
  }
  if (isObject(unknownMask)) {
    const obj: Record<string, unknown> = isObject(value) ? { ...value } : {};
    const exprObj = isObject(expr) ? expr : {};
    const childrenWritten = written && isObject(expr) && !isAttributeExpression(expr);
    for (const [k, m] of Object.entries(unknownMask)) obj[k] = markUnknown(obj[k], m, exprObj[k], expand, childrenWritten);
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
  const rootModule = asObject(asObject(doc["configuration"])["root_module"]);
  readConfiguration(rootModule, "", config);
  const expander = new ReferenceExpander(rootModule);
  const writtenAt = planLiterals(rootModule, isObject(doc["variables"]) ? doc["variables"] : undefined);

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
    const expand = (refs: readonly string[]): string[] => expander.expand(refs, parsed.modulePath, cfg?.forEach);
    const mask = side === "after" ? unknownMasks.get(s.address) : undefined;
    const marked = mask === undefined ? s.values : markUnknown(s.values, mask, expressions, expand, cfg !== undefined);
    // Sensitive values redacted by `npm run plan` are unknown to the check, never the marker string.
    const values = unredact(isObject(marked) ? marked : s.values) as Readonly<Record<string, unknown>>;
    const references: Record<string, string[]> = {};
    for (const [attr, expr] of Object.entries(expressions)) {
      const refs: string[] = [];
      collectRefs(expr, refs);
      // Absolute, followed through module inputs, outputs and each.value (guard/load/expressions.ts).
      const expanded = expand(refs);
      if (expanded.length > 0) references[attr] = expanded;
    }
    const forEachRefs: string[] = [];
    collectRefs(cfg?.forEach, forEachRefs);
    const forEachReferences = expand(forEachRefs);
    const change = changeByAddress.get(s.address);
    const written = writtenAt(configAddress);
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
      ...(forEachReferences.length > 0 ? { forEachReferences } : {}),
      dependsOn: (cfg?.dependsOn ?? []).flatMap((entry) => absoluteDependency(entry, parsed.modulePath, expand)),
      ...(written !== undefined ? { written } : {}),
      ...(change !== undefined ? { change: change.action } : {}),
      source,
    });
  }
  return { resources, changes };
}

export const looksLikePlan = (doc: JsonObject): boolean =>
  typeof doc["format_version"] === "string" && (isObject(doc["planned_values"]) || Array.isArray(doc["resource_changes"]) || isObject(doc["values"]));
