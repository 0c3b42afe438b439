// The one wildcard matcher of guard/: IAM-style globs (`*` any run of characters, `/` included; `?` exactly one
// character; everything else literal), in time linear in pattern × input at worst and without backtracking blow-up
// (the greedy two-pointer algorithm: on a mismatch only the last `*` is retried, one character further).
// Case is always explicit: IAM action names compare case-insensitively, ARNs, paths and names case-sensitively
// (`GET/Pets` does not match `GET/pets`).

type CaseRule = "case-sensitive" | "case-insensitive";

export interface GlobOptions {
  readonly case: CaseRule;
  /**
   * The input is itself a glob (does pattern cover every string the input glob matches?). A `*` or `?` in the
   * input can then only be matched by a `*` in the pattern, or `?` by `?`: a sound inclusion test that may say
   * "not covered" for exotic equivalent pairs (fails closed: reported as a widening). @default false
   */
  readonly inputIsGlob?: boolean;
}

export interface GlobResult {
  readonly matched: boolean;
  /** Character comparisons made: bounded by (pattern + 1) × (input + 1). */
  readonly steps: number;
}

const fold = (c: string): string => c.toLowerCase();

/** Match `input` against glob `pattern`; see GlobOptions. Returns the work done as well (for tests and benchmarks). */
export function globMatchSteps(pattern: string, input: string, opts: GlobOptions): GlobResult {
  const ci = opts.case === "case-insensitive";
  const glob = opts.inputIsGlob === true;
  // Does one pattern character (not `*`) accept one input character?
  const accepts = (p: string, c: string): boolean => {
    if (glob && (c === "*" || c === "?")) return p === c && c === "?";
    if (p === "?") return true;
    return p === c || (ci && fold(p) === fold(c));
  };
  let p = 0;
  let i = 0;
  let star = -1; // pattern index of the last `*` seen
  let mark = 0; // input index that `*` is currently extended to
  let steps = 0;
  while (i < input.length) {
    steps++;
    if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      mark = i;
    } else if (p < pattern.length && accepts(pattern[p], input[i])) {
      p++;
      i++;
    } else if (star >= 0) {
      // Let the last `*` swallow one more input character and retry the rest of the pattern from there.
      p = star + 1;
      i = ++mark;
    } else return { matched: false, steps };
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return { matched: p === pattern.length, steps };
}

/** A pattern without `*` or `?` matches exactly its own text (a literal input glob included): no scan needed. */
const isLiteral = (pattern: string): boolean => !pattern.includes("*") && !pattern.includes("?");

const globMatch = (pattern: string, input: string, opts: GlobOptions): boolean => {
  if (isLiteral(pattern)) return opts.case === "case-insensitive" ? fold(pattern) === fold(input) : pattern === input;
  return globMatchSteps(pattern, input, opts).matched;
};

/** An ARN (or an ARN-shaped normalized string such as `execute-api:api/stage/GET/pets`): case-sensitive. */
export const matchesArn = (pattern: string, arn: string): boolean => globMatch(pattern, arn, { case: "case-sensitive" });

/** An IAM action (`execute-api:Invoke` vs `Execute-API:*`): case-insensitive, as IAM evaluates actions. */
export const matchesAction = (pattern: string, action: string): boolean => globMatch(pattern, action, { case: "case-insensitive" });

/** A resource name, Terraform address or API name pattern from a policy file: case-sensitive. */
export const matchesName = (pattern: string, name: string): boolean => globMatch(pattern, name, { case: "case-sensitive" });

/** Does ARN glob `pattern` cover every ARN the glob `narrower` matches (grant `.../GET/*` covers `.../GET/pets/*`)? */
export const coversArnGlob = (pattern: string, narrower: string): boolean => globMatch(pattern, narrower, { case: "case-sensitive", inputIsGlob: true });
