// What every effective-access comparer reads (both versions: their Models and the review's route facts) and its
// shape; the comparers themselves are listed in index.ts.
import type { Model } from "../../model";
import type { ModelFacts } from "../facts";
import type { Change } from "../types";

export interface ComparedVersions {
  readonly base: Model;
  readonly head: Model;
  readonly baseFacts: ModelFacts;
  readonly headFacts: ModelFacts;
  /** The policy's `deciders` function name patterns (the base branch's policies in the gate). @default - none */
  readonly deciderPatterns?: readonly string[];
}

export type AccessComparer = (versions: ComparedVersions) => Change[];
