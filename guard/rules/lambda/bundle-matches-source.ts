// The Lambda packages in this project's own cdktf.out are what its source builds: a package swapped after synth
// (an authorizer that allows everyone, a verifier that forwards everything) would otherwise pass every rule,
// since the Terraform around it is unchanged.
import type { Rule, RuleFinding } from "../types";

export const BundleMatchesSource: Rule = {
  id: "bundle-matches-source",
  title: "Lambda packages match the handlers built from the repository's source",
  severity: "high",
  rationale:
    "Authorizers and the edge verifier decide who gets through, in code Terraform does not show. When the input is this " +
    "project's own cdktf.out, the check rebuilds every handler from source and requires each package's code digest " +
    "to be one of them; a package that matches none is not the reviewed code.",
  equivalents: {},
  check(model) {
    const built = model.sourceBuilds;
    if (built === undefined) return [];
    const out: RuleFinding[] = [];
    for (const b of model.bundles ?? []) {
      if ("problem" in b.bundle) {
        out.push({
          address: b.functionAddress,
          message: `package ${b.bundle.file} cannot be read (${b.bundle.problem}): its code is not verified`,
          file: b.source.file,
        });
      } else if (!built.has(b.bundle.digest)) {
        out.push({
          address: b.functionAddress,
          message: `package ${b.bundle.file} matches no handler built from this repository's source (${[...new Set(built.values())].join(", ")}): the code it deploys is not the reviewed code`,
          file: b.source.file,
        });
      }
    }
    return out;
  },
};
