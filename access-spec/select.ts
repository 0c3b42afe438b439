// Which specs the app synthesizes: the files named in ACCESS_SPEC (comma-separated .ts/.json/.yaml paths) for one
// run, else the list in access-specs.json at the repository root (configured once, read by npm run synth, npm run
// plan and npx cdktf synth/diff/deploy alike), else the built-in samples. Every spec is validated here, before any
// construct exists.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { errorText, parseDataText } from "../kernel/io/data-file";
import { formatProblems, loadSpecFiles } from "./load";
import { sampleSpecs } from "./samples/petstore";
import type { AccessSpec, BackendSpec, SpecProblem } from "./types";
import { validateSpec } from "./validate";

interface SelectedStack {
  readonly stackName: string;
  readonly spec: AccessSpec;
  readonly backend?: BackendSpec;
}

/** Where the spec list came from, and the files in it (as written there). */
export interface SpecSource {
  /** `ACCESS_SPEC`, the config file's path, or `built-in samples`. */
  readonly from: string;
  readonly files: readonly string[];
}

export interface Selection {
  readonly stacks: readonly SelectedStack[];
  readonly source: SpecSource;
  /** One formatted line per problem. */
  readonly problems: readonly string[];
}

const SAMPLE_FILE = "access-spec/samples/petstore.ts";

/** The repository's spec list. */
export const SPEC_CONFIG = resolve(__dirname, "..", "access-specs.json");

/** The marker `main.ts` writes into the output directory (kernel/io/synth-marker.ts). */
export { SYNTH_MARKER } from "../kernel/io/synth-marker";

/**
 * The spec files to build: ACCESS_SPEC, else the config file's list (paths relative to it, returned relative to
 * the working directory), else none (the built-in samples).
 */
export function specSource(
  env: Readonly<Record<string, string | undefined>>,
  configFile: string = SPEC_CONFIG,
): { source: SpecSource; problems: SpecProblem[] } {
  const override = (env.ACCESS_SPEC ?? "")
    .split(",")
    .map((f) => f.trim())
    .filter((f) => f !== "");
  if (override.length > 0) return { source: { from: "ACCESS_SPEC", files: override }, problems: [] };
  if (!existsSync(configFile)) return { source: { from: "built-in samples", files: [] }, problems: [] };
  const from = relative(process.cwd(), configFile) || configFile;
  const problem = (path: string, message: string, value?: unknown): { source: SpecSource; problems: SpecProblem[] } => ({
    source: { from, files: [] },
    problems: [{ file: configFile, path, message, value }],
  });
  let text: string;
  try {
    text = readFileSync(configFile, "utf8");
  } catch (err) {
    return problem("", `cannot read file: ${errorText(err)}`);
  }
  const parsed = parseDataText(text, "json");
  if (!parsed.ok) return problem("", parsed.message);
  const doc = parsed.data;
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return problem("", "must be an object with a `specs` list");
  for (const key of Object.keys(doc)) if (key !== "specs" && key !== "$comment") return problem(key, 'unknown key (expected "specs", "$comment")', key);
  const list = (doc as { specs?: unknown }).specs;
  if (!Array.isArray(list) || list.length === 0 || !list.every((f): f is string => typeof f === "string" && f.trim() !== "")) {
    return problem("specs", "must be a non-empty list of spec file paths", list);
  }
  const base = dirname(configFile);
  return { source: { from, files: list.map((f) => relative(process.cwd(), join(base, f)) || f) }, problems: [] };
}

export function selectSpecs(env: Readonly<Record<string, string | undefined>>, configFile: string = SPEC_CONFIG): Selection {
  const { source, problems } = specSource(env, configFile);
  const specs: { file: string; spec: AccessSpec }[] = [];
  if (source.files.length === 0 && problems.length === 0) {
    for (const spec of Object.values(sampleSpecs)) specs.push({ file: SAMPLE_FILE, spec });
  } else {
    for (const file of source.files) {
      const loaded = loadSpecFiles(file);
      problems.push(...loaded.problems);
      for (const spec of loaded.specs) specs.push({ file, spec });
    }
  }
  const seen = new Map<string, string>();
  for (const { file, spec } of specs) {
    problems.push(...validateSpec(spec, file));
    const stackName = `${spec.name}-${spec.environment}`;
    const other = seen.get(stackName);
    if (other !== undefined) {
      problems.push({ file, path: "name", message: `stack "${stackName}" is also defined by ${other}`, value: spec.name });
    }
    seen.set(stackName, file);
  }
  const bucket = env.ACCESS_STATE_BUCKET;
  const stacks = specs.map(({ spec }) => {
    const stackName = `${spec.name}-${spec.environment}`;
    const backend: BackendSpec | undefined =
      bucket !== undefined && bucket !== ""
        ? { type: "s3", bucket, key: `${stackName}/terraform.tfstate`, region: env.ACCESS_STATE_REGION ?? spec.region }
        : undefined;
    return { stackName, spec, backend };
  });
  return {
    stacks,
    source,
    problems:
      problems.length > 0
        ? formatProblems(problems)
            .split("\n")
            .filter((l) => l !== "")
        : [],
  };
}
