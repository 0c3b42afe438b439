// The one place that says which Lambda runtime the stacks deploy (every function, the Lambda@Edge verifier too) and
// which esbuild target matches it: BundledFunction reads the runtime, the bundler the target, so the two cannot drift.
// A runtime belongs here only while the pinned provider (hashicorp/aws 5.100.0) and Lambda@Edge accept it and AWS
// still lets functions on it be created and updated; rule lambda-runtime-supported (guard/rules/private/runtimes.ts
// holds AWS's dates) reports a deployed one that comes within 90 days of a block.

/** Runtime identifier (as Lambda spells it) -> the esbuild `target` its bundles are built for. */
export const NODE_RUNTIMES = {
  // nodejs20.x: creates blocked by AWS since 2026-08-31, updates since 2026-09-30. nodejs24.x: the pinned provider
  // does not know it yet; add it here when the provider is raised.
  "nodejs22.x": { esbuildTarget: "node22" },
} as const satisfies Readonly<Record<string, { readonly esbuildTarget: string }>>;

export type NodeRuntime = keyof typeof NODE_RUNTIMES;

/** What every function runs on unless its props say otherwise. */
export const DEFAULT_NODE_RUNTIME: NodeRuntime = "nodejs22.x";

export const isNodeRuntime = (v: string): v is NodeRuntime => Object.prototype.hasOwnProperty.call(NODE_RUNTIMES, v);
