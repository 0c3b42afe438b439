// Entry point of the loader: detects the input (cdk.tf.json, `terraform show -json` output, or a cdktf.out
// directory) and builds one Model. In a cdktf.out directory a stack's plan.json wins over its cdk.tf.json:
// it is what Terraform will actually do (resolved values, change actions), the synthesized file is only intent;
// unless the plan is older than the synthesized file (stale), then cdk.tf.json is read and a note says so.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type {
  BundleDigest,
  EdgeConfigTable,
  EdgeFunctionConfig,
  LambdaBundle,
  Model,
  ResourceChange,
  ResourceInstance,
  SourceRef,
  UnresolvedRef,
} from "../model";
import { buildViews, type StackViews } from "./views";
import { readRouteTables } from "./bundles";
import { looksLikeCdktf, readCdktf } from "./cdktf";
import { parseDataText } from "../../kernel/io/data-file";
import { InputError } from "./errors";
import { isObject, type JsonObject } from "./json";
import { looksLikePlan, readPlan } from "./plan";
import type { RawStack } from "./raw";
import { isEmptyDocument, refuseEmpty, refuseModules } from "./refused-shapes";

export { InputError } from "./errors";

export interface LoadOptions {
  /** Which side of a plan to model: `after` (planned, default) or `before` (prior state). */
  readonly side?: "before" | "after";
  /**
   * In a cdktf.out directory, read each stack's `plan.json` (default, when newer than its cdk.tf.json) or always
   * its `cdk.tf.json` (`config`: to compare with a side that has no plan).
   */
  readonly prefer?: "plan" | "config";
}

function readJson(file: string): JsonObject {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // Terraform's own output: duplicate keys are not looked for (the scan would cost more than the check).
  const parsed = parseDataText(text, "json", { duplicateKeys: "allow" });
  // The data reader's own words ("bad JSON at line 3, column 7: ..."), as for specs and policies.
  if (!parsed.ok) throw new InputError(file, parsed.message);
  const doc = parsed.data;
  if (!isObject(doc)) throw new InputError(file, "not a JSON object (expected cdk.tf.json or terraform show -json output)");
  return doc;
}

/** Parse one document already in memory (tests and the mutation harness use this). */
export function readDocument(doc: unknown, source: SourceRef, side: "before" | "after" = "after"): { stack: RawStack; format: "cdktf" | "plan" } {
  if (!isObject(doc)) throw new InputError(source.file, "not a JSON object");
  if (looksLikePlan(doc)) return { stack: readPlan(doc, source, side), format: "plan" };
  refuseModules(doc, source.file);
  if (looksLikeCdktf(doc)) return { stack: readCdktf(doc, source), format: "cdktf" };
  throw new InputError(source.file, "neither cdk.tf.json (no `resource` block) nor terraform show -json output (no `format_version`)");
}

interface StackFile {
  readonly file: string;
  readonly stack: string;
  readonly note?: string;
}

function stackFiles(dir: string, prefer: "plan" | "config"): StackFile[] {
  const stacksDir = join(dir, "stacks");
  const pick = (d: string, stack: string): StackFile | undefined => {
    const plan = join(d, "plan.json");
    const tf = join(d, "cdk.tf.json");
    const hasPlan = existsSync(plan) && !(prefer === "config" && existsSync(tf));
    const hasTf = existsSync(tf);
    // A plan older than the synthesized file describes an earlier synth (`npm run synth` after `npm run plan`).
    if (hasPlan && hasTf && statSync(plan).mtimeMs < statSync(tf).mtimeMs) {
      return { file: tf, stack, note: `${plan} is older than ${tf}: checked the synthesized file (run npm run plan to check the plan)` };
    }
    if (hasPlan) return { file: plan, stack };
    if (hasTf) return { file: tf, stack };
    return undefined;
  };
  if (existsSync(stacksDir) && statSync(stacksDir).isDirectory()) {
    const out = readdirSync(stacksDir)
      .sort()
      .map((name) => pick(join(stacksDir, name), name))
      .filter((x): x is StackFile => x !== undefined);
    if (out.length === 0) throw new InputError(dir, "no stacks/*/cdk.tf.json or stacks/*/plan.json in this directory");
    return out;
  }
  const single = pick(dir, "");
  if (single === undefined) throw new InputError(dir, "directory holds neither stacks/ (cdktf.out) nor cdk.tf.json / plan.json");
  return [single];
}

/** Assemble a Model from parsed stacks. */
export function modelFromStacks(stacks: readonly { stack: RawStack; format: "cdktf" | "plan"; file: string }[], side: "before" | "after"): Model {
  const views: StackViews[] = stacks.map((s) => buildViews(s.stack));
  const all = <K extends keyof StackViews>(k: K): StackViews[K] => {
    const out: unknown[] = [];
    for (const v of views) out.push(...v[k]);
    return out as StackViews[K];
  };
  const formats = new Set(stacks.map((s) => s.format));
  const resources: ResourceInstance[] = stacks.flatMap((s) => s.stack.resources);
  const changes: ResourceChange[] = stacks.flatMap((s) => s.stack.changes);
  const unresolved: UnresolvedRef[] = all("unresolved");
  const edgeConfigs: EdgeFunctionConfig[] = stacks.flatMap((s) =>
    [...(s.stack.edgeConfigs ?? new Map<string, EdgeConfigTable>())].flatMap(([functionAddress, table]) => {
      const fn = s.stack.resources.find((r) => r.address === functionAddress);
      return fn === undefined ? [] : [{ functionAddress, source: fn.source, table }];
    }),
  );
  const bundles: LambdaBundle[] = stacks.flatMap((s) =>
    [...(s.stack.bundleDigests ?? new Map<string, BundleDigest>())].flatMap(([functionAddress, bundle]) => {
      const fn = s.stack.resources.find((r) => r.address === functionAddress);
      return fn === undefined ? [] : [{ functionAddress, source: fn.source, bundle }];
    }),
  );
  return {
    sources: stacks.map((s) => s.file),
    format: formats.size > 1 ? "mixed" : formats.has("plan") ? "plan" : "cdktf",
    side,
    resources,
    apis: all("apis"),
    routes: all("routes"),
    authorizers: all("authorizers"),
    stages: all("stages"),
    httpStages: all("httpStages"),
    usagePlans: all("usagePlans"),
    apiKeys: all("apiKeys"),
    deployments: all("deployments"),
    iamPolicies: all("iamPolicies"),
    iamRoles: all("iamRoles"),
    userPools: all("userPools"),
    userPoolClients: all("userPoolClients"),
    resourceServers: all("resourceServers"),
    userGroups: all("userGroups"),
    lambdaPermissions: all("lambdaPermissions"),
    ...(edgeConfigs.length > 0 ? { edgeConfigs } : {}),
    ...(bundles.length > 0 ? { bundles } : {}),
    unresolved,
    changes,
  };
}

/** Build a model from a document in memory. */
export function modelFromDocument(doc: unknown, file = "<memory>", opts: LoadOptions = {}): Model {
  const side = opts.side ?? "after";
  const { stack, format } = readDocument(doc, { file, stack: "" }, side);
  return modelFromStacks([{ stack, format, file }], side);
}

/**
 * Load cdk.tf.json, plan JSON, or a cdktf.out directory into one Model.
 * @throws InputError with a one-line reason when the input is unreadable, not JSON, or neither format.
 */
export function loadModel(inputPath: string, opts: LoadOptions = {}): Model {
  const side = opts.side ?? "after";
  let isDir: boolean;
  try {
    isDir = statSync(inputPath).isDirectory();
  } catch (e) {
    throw new InputError(inputPath, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const files: StackFile[] = isDir ? stackFiles(inputPath, opts.prefer ?? "plan") : [{ file: inputPath, stack: "" }];
  const docs = files.map((f) => ({ f, doc: readJson(f.file) }));
  // A document of the right kind with no resources is as good as the wrong file: say so (exit 2), never "passed".
  if (docs.every(({ doc }) => isEmptyDocument(doc))) refuseEmpty(docs[0].doc, inputPath);
  const stacks = docs.map(({ f, doc }) => {
    const { stack, format } = readDocument(doc, { file: f.file, stack: f.stack }, side);
    return { stack: readRouteTables(stack, f.file), format, file: f.file };
  });
  const notes = files.map((f) => f.note).filter((n): n is string => n !== undefined);
  const model = modelFromStacks(stacks, side);
  return notes.length > 0 ? { ...model, notes } : model;
}
