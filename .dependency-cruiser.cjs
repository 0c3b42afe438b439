// The import boundaries (STYLE.md, "Layers, written down"), checked by `npm run lint:imports` (part of `npm run lint`).
// An import may only run down: kernel <- spec, lambdas <- constructs <- stacks on the side that builds the API,
// kernel <- model <- policy <- access <- judgements (rules, review) <- report <- cli <- bench, scripts on the side
// that checks it. A layer is a set of paths; where a file's job puts it in another layer than its folder, it is named
// below with the reason, so the exception is the layering itself and not a list of tolerated violations.

/** Path patterns (regular expressions over paths from the repository root) of each layer, lowest first. */
/**
 * Route and glob matching, data-file reading, the contracts of the bundled files, the authorization types, the
 * authorizer cache key: one definition for the spec, the constructs, the Lambdas and the checker.
 */
const KERNEL = ["^kernel/"];
const SPEC = ["^access-spec/"];
const LAMBDAS = ["^lambdas/"];
const CONSTRUCTS = ["^constructs/"];
const STACKS = ["^stacks/", "^main[.]ts$"];
/** The model and the adapters that build it from cdk.tf.json and plan JSON. */
const MODEL = ["^guard/model[.]ts$", "^guard/load/"];
/** The intended-authorization policy as typed data, its files' loader (given the rule catalogue) and its predicates. */
const POLICY = ["^guard/policy/"];
/** Queries over the model; it judges nothing. */
const ACCESS = ["^guard/access/"];
const RULES = ["^guard/rules/", "^guard/engine[.]ts$", "^guard/verdicts[.]ts$", "^guard/coverage[.]ts$", "^guard/baseline/", "^guard/draft-policies"];
const REVIEW = ["^guard/review/"];
/** What the deployed API must do, derived from the spec with the constructs' and the edge function's own code. */
const CONFORMANCE = ["^guard/conformance/"];
/** Every renderer of the check, the review, the audit and conformance (guard/report/), and the policy tests' matchers. */
const REPORT = ["^guard/report/", "^guard/testing/"];
const CLI = ["^cli/"];
const TOOLS = ["^bench/", "^scripts/"];

/** A rule: modules matching `from` import nothing matching `to`. */
const never = (name, comment, from, to, toNot, fromNot) => ({
  name,
  comment,
  severity: "error",
  from: fromNot === undefined ? { path: from } : { path: from, pathNot: fromNot },
  to: toNot === undefined ? { path: to } : { path: to, pathNot: toNot },
});

const GUARD = ["^guard/"];
/** Every module of the project (packages resolve under node_modules, wherever it is linked from). */
const PROJECT = ["^(kernel|access-spec|lambdas|constructs|stacks|guard|cli|bench|scripts)/", "^main[.]ts$"];
const BUILDS = [...SPEC, ...LAMBDAS, ...CONSTRUCTS, ...STACKS];
const LAYERED = [...KERNEL, ...BUILDS, ...MODEL, ...POLICY, ...ACCESS, ...RULES, ...REVIEW, ...CONFORMANCE, ...REPORT, ...CLI, ...TOOLS];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Modules that import each other in a loop: one of them belongs elsewhere, or their shared part in a file of its own.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    never(
      "every-module-in-a-layer",
      "A module outside every layer is held to no boundary: add its folder to a layer above.",
      PROJECT,
      PROJECT,
      undefined,
      LAYERED,
    ),
    never("kernel-imports-nothing", "The kernel is the ground floor: of the project it imports only the kernel.", KERNEL, PROJECT, KERNEL),
    never("spec-is-plain-data", "The spec imports only the kernel.", SPEC, [...LAMBDAS, ...CONSTRUCTS, ...STACKS, ...GUARD, ...CLI, ...TOOLS], KERNEL),
    never(
      "lambdas-stand-alone",
      "A Lambda is bundled alone: it imports Lambda code and the kernel only.",
      LAMBDAS,
      [...SPEC, ...CONSTRUCTS, ...STACKS, ...GUARD, ...CLI, ...TOOLS],
      KERNEL,
    ),
    never(
      "constructs-below-stacks",
      "Constructs map one AWS concern each; stacks and tools compose them.",
      CONSTRUCTS,
      [...STACKS, ...GUARD, ...CLI, ...TOOLS],
      KERNEL,
    ),
    never("stacks-build-only", "The stacks compose constructs; they never reach the checker or a command.", STACKS, [...GUARD, ...CLI, ...TOOLS], KERNEL),
    never(
      "checker-apart-from-builder",
      "The checker reads Terraform of any project: it does not import the spec, constructs or Lambdas (the kernel they share aside). " +
        "Conformance is the exception: it derives what the deployed API must do from the spec with the same code the API runs.",
      GUARD,
      BUILDS,
      KERNEL,
      [...KERNEL, ...CONFORMANCE],
    ),
    never("model-below-access", "The model and its loaders know nothing of the policy, the queries or the judgements.", MODEL, [
      ...POLICY,
      ...ACCESS,
      ...RULES,
      ...REVIEW,
      ...CONFORMANCE,
      ...REPORT,
      ...CLI,
      ...TOOLS,
    ]),
    never("policy-below-access", "The policy is typed data: it imports the kernel and the model's readers only.", POLICY, [
      ...ACCESS,
      ...RULES,
      ...REVIEW,
      ...CONFORMANCE,
      ...REPORT,
      ...CLI,
      ...TOOLS,
    ]),
    never("access-judges-nothing", "Access holds queries over the model; the rules and the review judge, above it.", ACCESS, [
      ...RULES,
      ...REVIEW,
      ...CONFORMANCE,
      ...REPORT,
      ...CLI,
      ...TOOLS,
    ]),
    never("rules-apart-from-review", "The policy check's rules and the review are siblings over access.", RULES, [
      ...REVIEW,
      ...CONFORMANCE,
      ...REPORT,
      ...CLI,
      ...TOOLS,
    ]),
    never("review-apart-from-rules", "The review compares two models; it does not run the rules.", REVIEW, [...RULES, ...REPORT, ...CLI, ...TOOLS]),
    never("conformance-below-report", "Conformance judges; rendering and commands sit above it.", CONFORMANCE, [...REPORT, ...CLI, ...TOOLS]),
    never("report-renders-only", "The report renders judgements; arguments, files and exit codes are the CLI's.", REPORT, [...CLI, ...TOOLS]),
    never("cli-below-tools", "Benchmarks and scripts drive the commands, not the other way round.", CLI, TOOLS),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|__tests__|cdktf[.]out|dist)/" },
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports count: a type pulled from above is the same design bug as a value.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs", ".json"] },
  },
};
