// A base/head pair for the effective-access harness: the frozen sample synth as the base, the same document
// with one deliberate edit as the head. Every widening pair has a harmless twin (blocking: [], check: []).
import type { ChangeKind } from "../../../../guard/review/kinds";
import type { Doc } from "../../review/fixtures/pairs";

export interface AccessPair {
  readonly env: "dev" | "prod";
  readonly description: string;
  readonly mutate: (head: Doc) => void;
  /** An edit made to both sides first (a resource the sample lacks, which the head then widens). @default - none */
  readonly both?: (doc: Doc) => void;
  /** Blocking change kinds the review must report (empty: nothing blocks: a harmless twin). */
  readonly blocking: readonly ChangeKind[];
  /** A route (`GET /pets`) or subject text the blocking change must name. @default - not asserted */
  readonly names?: string;
  /**
   * Rule ids that must report a finding (low or above) on the head that the base does not have.
   * Empty when the head alone cannot show the problem (it shows only as a change).
   */
  readonly check: readonly string[];
}
