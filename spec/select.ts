// Which specs the app synthesizes: the built-in samples, or the files named in ACCESS_SPEC
// (comma-separated .ts/.json/.yaml paths). Every spec is validated here, before any construct exists.
import type { AccessSpec, BackendSpec, SpecProblem } from "./types";
import { sampleSpecs } from "./samples/petstore";
import { validateSpec } from "./validate";
import { formatProblems, loadSpecFile } from "./load";

export interface SelectedStack {
  readonly stackName: string;
  readonly spec: AccessSpec;
  readonly backend?: BackendSpec;
}

export interface Selection {
  readonly stacks: readonly SelectedStack[];
  /** One formatted line per problem. */
  readonly problems: readonly string[];
}

const SAMPLE_FILE = "spec/samples/petstore.ts";

export function selectSpecs(env: Readonly<Record<string, string | undefined>>): Selection {
  const problems: SpecProblem[] = [];
  const specs: { file: string; spec: AccessSpec }[] = [];
  const files = (env.ACCESS_SPEC ?? "").split(",").map((f) => f.trim()).filter((f) => f !== "");
  if (files.length === 0) {
    for (const spec of Object.values(sampleSpecs)) specs.push({ file: SAMPLE_FILE, spec });
  } else {
    for (const file of files) {
      const loaded = loadSpecFile(file);
      problems.push(...loaded.problems);
      if (loaded.spec !== undefined) specs.push({ file, spec: loaded.spec });
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
  return { stacks, problems: problems.length > 0 ? formatProblems(problems).split("\n").filter((l) => l !== "") : [] };
}
