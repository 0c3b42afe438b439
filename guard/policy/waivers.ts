// Which policy waiver accepts a finding, with the matching baselines use (./acceptance.ts). A waiver names a finding by
// rule, address pattern, route, and, when written, its `detail` exactly; its `severity` caps what it accepts. A waiver
// without `detail` for a finding that has one (a rule that tells its findings on one address apart: each door of a
// function and whom it admits) is coarse: written before waivers named details, it keeps accepting the one finding it
// was written for, but fails closed on what a Terraform-only change can turn it into: not while its rule reports a
// second finding on that address and route (another door of the same function), nor above its `severity`, nor,
// without one, a critical finding (the same door opened to anyone). Pure.
import { judge, type Acceptance, type FindingIdentity } from "./acceptance";
import type { ApiPolicy, Severity, Waiver } from "./types";

/** What a coarse waiver without `severity` accepts at most. */
const COARSE_CEILING: Severity = "high";

/** A waiver that named a finding but did not accept it, or accepted it only coarsely: said by the run. */
export interface WaiverNote {
  readonly policyFile: string;
  /** `waivers[2]` */
  readonly path: string;
  readonly rule: string;
  readonly address: string;
  readonly route?: string;
  /** The finding's detail (for a coarse waiver: what to write in it). */
  readonly detail?: string;
  /** The finding's severity. */
  readonly severity: Severity;
  /** The most severe finding the waiver accepts (a coarse one without `severity`: high). @default - no ceiling */
  readonly ceiling?: Severity;
  /**
   * `above`: the finding is above the waiver's `severity`, not accepted. `coarse-above`: a waiver without detail, a
   * finding above what it accepts (its severity, else high). `coarse-several`: a waiver without detail, and its rule
   * reports several findings on the address and route: none accepted. `coarse`: accepted, but the waiver should name
   * the detail.
   */
  readonly kind: "above" | "coarse-above" | "coarse-several" | "coarse";
}

/** The finding as the waiver's rule reported it, with how many findings its rule reported on its address, API, route and stack. */
export interface WaivedCandidate extends FindingIdentity {
  readonly siblings: number;
}

const ceilingOf = (w: Waiver, f: FindingIdentity): Severity | undefined =>
  w.detail === undefined && f.detail !== undefined ? (w.severity ?? COARSE_CEILING) : w.severity;

const acceptanceOf = (w: Waiver, f: FindingIdentity): Acceptance => {
  const ceiling = ceilingOf(w, f);
  return {
    rule: w.rule,
    // A finding of no API is seen by every policy file: waived only by its exact address.
    address: f.api === undefined ? { exactly: w.address } : w.address === undefined ? "any" : { pattern: w.address },
    // The policy file's `apis` scope its waivers; a stack is not a policy's word.
    api: "any",
    route: w.route === undefined ? "any" : { exactly: w.route },
    detail: w.detail === undefined ? "any" : { exactly: w.detail },
    stack: "any",
    ...(ceiling !== undefined ? { severity: ceiling } : {}),
  };
};

type Verdict = "accepts" | WaiverNote["kind"] | "none";

function verdict(w: Waiver, f: WaivedCandidate): Verdict {
  const judged = judge(acceptanceOf(w, f), f);
  if (judged === "none" || w.detail !== undefined || f.detail === undefined) return judged;
  // Coarse: no detail named, and the finding has one.
  if (judged === "above") return "coarse-above";
  return f.siblings > 1 ? "coarse-several" : "coarse";
}

/**
 * The first waiver (policies and waivers in file order) that accepts the finding, and the notes of the waivers that
 * named it without accepting it, or of the one that accepted it coarsely.
 */
export function waiverFor(
  policies: readonly ApiPolicy[],
  f: WaivedCandidate,
): { waived?: { reason: string; policyFile: string; coarse?: true }; notes: WaiverNote[] } {
  const judged = policies.flatMap((p) => p.waivers.map((w, i) => ({ p, w, i, v: verdict(w, f) })));
  const note = ({ p, w, i, v }: (typeof judged)[number]): WaiverNote => {
    const ceiling = ceilingOf(w, f);
    return {
      policyFile: p.file,
      path: `waivers[${i}]`,
      rule: f.rule,
      address: f.address,
      ...(f.route !== undefined ? { route: f.route } : {}),
      ...(f.detail !== undefined ? { detail: f.detail } : {}),
      severity: f.severity,
      ...(ceiling !== undefined ? { ceiling } : {}),
      kind: v as WaiverNote["kind"],
    };
  };
  const accepting = judged.find((j) => j.v === "accepts" || j.v === "coarse");
  // Once a waiver accepts the finding, the others' refusals are moot; a coarse acceptance is still said.
  if (accepting !== undefined)
    return {
      waived: { reason: accepting.w.reason, policyFile: accepting.p.file, ...(accepting.v === "coarse" ? { coarse: true as const } : {}) },
      notes: accepting.v === "coarse" ? [note(accepting)] : [],
    };
  return { notes: judged.filter((j) => j.v !== "none").map(note) };
}
