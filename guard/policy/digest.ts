// The sha256 of each policy file a run read: evidence names the exact reviewed intent it was judged against.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { PolicySet } from "./types";

/** A policy file of the run and the sha256 of its bytes. */
export interface PolicyFileDigest {
  readonly file: string;
  readonly sha256: string;
}

export function policyDigests(set: PolicySet): PolicyFileDigest[] {
  return set.policies.map((p) => ({ file: p.file, sha256: createHash("sha256").update(readFileSync(p.file)).digest("hex") }));
}
