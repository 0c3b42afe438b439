// Paths of this repository that make up the gate itself: the code and policies that decide the review and the
// check, the CI that runs them, and the code that synthesizes what they read (a pull request that changes that
// code can change the reviewed output). A pull request touching any of them needs the code owners' review
// (.github/CODEOWNERS lists the same paths; a test keeps them in sync).
export const GATE_PATHS: readonly string[] = [
  ".github/",
  "policies/",
  "guard/",
  "cli/",
  "lambdas/",
  "scripts/",
  "constructs/",
  "stacks/",
  "access-spec/",
  "kernel/",
  "main.ts",
  "cdktf.json",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "access-specs.json",
  ".npmrc",
  "action.yml",
  ".ci/",
  "bench/",
  "jest.config.js",
  "jest.policy.config.js",
];

/** Whether a repository path (forward slashes, no leading `./`) is part of the gate. */
export const changesGate = (path: string): boolean => {
  const p = path.replace(/^\.\//, "");
  return GATE_PATHS.some((g) => (g.endsWith("/") ? p.startsWith(g) : p === g));
};
