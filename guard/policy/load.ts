// Reads policy files (YAML or JSON) from a file or a directory; any problem in any file is a PolicyError.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { dataFormatOf, errorText, parseDataText } from "../../kernel/io/data-file";
import { parsePolicyDocument } from "./parse";
import { reviewSeverities } from "./severities";
import { PolicyError, type ApiPolicy, type LoweredSeverity, type PolicyProblem, type PolicySet, type Severity } from "./types";

function readOne(file: string): { policy?: ApiPolicy; problems: PolicyProblem[] } {
  const format = dataFormatOf(file);
  if (format === undefined) return { problems: [{ file, path: "", message: "a policy file is .yaml, .yml or .json", value: file }] };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { problems: [{ file, path: "", message: `cannot read: ${errorText(e)}`, value: file }] };
  }
  const parsed = parseDataText(text, format);
  if (!parsed.ok) return { problems: [{ file, path: "", message: parsed.message, value: null }] };
  return parsePolicyDocument(parsed.data, file);
}

/** What loading checks a policy against: each rule's id (a policy's `severities` name rules by id) and default severity. */
export type RuleCatalogue = readonly { readonly id: string; readonly severity: Severity }[];

const defaultsOf = (rules: RuleCatalogue): ReadonlyMap<string, Severity> => new Map(rules.map((r) => [r.id, r.severity]));

/** @param rules the rule catalogue the policy is checked against (the registry, `RULES`). */
export function loadPolicies(pathOrDir: string, rules: RuleCatalogue): PolicySet {
  let files: string[];
  try {
    files = statSync(pathOrDir).isDirectory()
      ? readdirSync(pathOrDir)
          .filter((f) => dataFormatOf(f) !== undefined)
          .sort()
          .map((f) => join(pathOrDir, f))
      : [pathOrDir];
  } catch (e) {
    throw new PolicyError([{ file: pathOrDir, path: "", message: `cannot read: ${errorText(e)}`, value: null }]);
  }
  if (files.length === 0) throw new PolicyError([{ file: pathOrDir, path: "", message: "no .yaml, .yml or .json policy files here", value: pathOrDir }]);
  const problems: PolicyProblem[] = [];
  const policies: ApiPolicy[] = [];
  for (const f of files) {
    const r = readOne(f);
    problems.push(...r.problems);
    if (r.policy !== undefined) policies.push(r.policy);
  }
  if (problems.length > 0) throw new PolicyError(problems);
  const set = { policies };
  const severities = reviewSeverities(set, defaultsOf(rules));
  if (severities.problems.length > 0) throw new PolicyError(severities.problems);
  return set;
}

/** Every policy path given (files or directories), merged into one set; each file still applies to its own APIs. */
export function loadPolicySet(paths: readonly string[], rules: RuleCatalogue): PolicySet {
  return { policies: paths.flatMap((p) => loadPolicies(p, rules).policies) };
}

/** The rules a policy set reports below their default severity (each with its reason), for every report. */
export const loweredSeverities = (set: PolicySet, rules: RuleCatalogue): readonly LoweredSeverity[] => reviewSeverities(set, defaultsOf(rules)).lowered;
