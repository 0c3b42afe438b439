// The SSM parameter the Lambda@Edge verifier reads its runtime configuration from (pool and client ids): the
// name baked in its package (edge-config.json's parameterName) and the parameter resources its role may read.
// Any other resource with that name, or one that overwrites it, decides which tokens the verifier accepts
// (door class 8). Pure: a Model in, plain data out.
import { isUnknown, type Model, type ResourceInstance } from "../model";
import { asString } from "../load/json";
import { apiDistributions, viewerRequestTargets } from "./cloudfront";
import { parametersReadBy } from "./deciders";

export interface EdgeParameter {
  /** The verifier function. */
  readonly fn: ResourceInstance;
  /** The names it reads at run time: the baked one when its package is on disk, else those its role may read. */
  readonly names: readonly string[];
  /** The parameter resources the verifier's own role names: the project's own configuration. */
  readonly owned: readonly ResourceInstance[];
}

/** Lambda@Edge verifiers: functions with a baked edge config, and viewer-request functions of any distribution. */
function edgeVerifierFunctions(model: Model): ResourceInstance[] {
  const out = new Map<string, ResourceInstance>();
  for (const c of model.edgeConfigs ?? []) {
    const fn = model.resources.find((r) => r.address === c.functionAddress && r.source.file === c.source.file && r.source.stack === c.source.stack);
    if (fn !== undefined) out.set(`${fn.source.stack}::${fn.address}`, fn);
  }
  for (const d of apiDistributions(model)) for (const fn of viewerRequestTargets(model, d.resource).functions) out.set(`${fn.source.stack}::${fn.address}`, fn);
  return [...out.values()];
}

export function edgeParameters(model: Model): EdgeParameter[] {
  return edgeVerifierFunctions(model).map((fn) => {
    const config = model.edgeConfigs?.find((c) => c.functionAddress === fn.address && c.source.stack === fn.source.stack && c.source.file === fn.source.file);
    const baked = config !== undefined && "routes" in config.table ? config.table.parameterName : undefined;
    const owned = parametersReadBy(model, fn);
    const names = baked !== undefined ? [baked] : owned.map((p) => asString(p.values["name"])).filter((n): n is string => n !== undefined);
    return { fn, names: [...new Set(names)], owned: owned.filter((p) => baked === undefined || p.values["name"] === baked) };
  });
}

export interface ParameterDecoy {
  readonly parameter: ResourceInstance;
  readonly fn: ResourceInstance;
  readonly name: string;
  readonly why: "not-owned" | "overwrite";
}

const overwrites = (p: ResourceInstance): boolean => p.values["overwrite"] === true || p.values["overwrite"] === "true" || isUnknown(p.values["overwrite"]);

/**
 * Parameter resources (any stack of the input) with a name a verifier reads that are not its own, and any
 * resource with such a name that overwrites an existing parameter (its own included: `overwrite` takes the name
 * from whoever created it first).
 */
export function parameterDecoys(model: Model): ParameterDecoy[] {
  const out: ParameterDecoy[] = [];
  const params = model.resources.filter((r) => r.type === "aws_ssm_parameter" && r.mode === "managed");
  for (const e of edgeParameters(model)) {
    for (const p of params) {
      const name = asString(p.values["name"]);
      if (name === undefined || !e.names.includes(name)) continue;
      const own = e.owned.includes(p);
      if (!own) out.push({ parameter: p, fn: e.fn, name, why: "not-owned" });
      else if (overwrites(p)) out.push({ parameter: p, fn: e.fn, name, why: "overwrite" });
    }
  }
  return out;
}
