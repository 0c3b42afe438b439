// The SSM parameter the Lambda@Edge verifier trusts is the project's own: no other resource creates or
// overwrites a parameter by that name.
import { edgeParameters, parameterDecoys } from "../../access/edge-parameter";
import { lambdaFunctionSubjects } from "../private/subjects";
import type { Rule, RuleFinding } from "../types";

export const EdgeConfigParameterOwned: Rule = {
  id: "edge-config-parameter-owned",
  title: "The edge verifier's SSM configuration has one owner",
  severity: "critical",
  rationale:
    "The Lambda@Edge verifier reads the user pool and client ids it accepts tokens for from an SSM parameter whose " +
    "name is baked into its package. Another aws_ssm_parameter with that name (in this or another stack), or one with " +
    "overwrite = true, replaces that configuration: the verifier then accepts tokens of a pool and clients the project " +
    "never reviewed, and the verifier's code and the reviewed configuration stay unchanged. A baked name that no " +
    "parameter of the verifier's own creates cannot be verified.",
  equivalents: {},
  // The verifiers: a decoy in another stack is a finding on the verifier it misleads.
  subjects: (model, policies) => {
    const verifiers = edgeParameters(model).map((e) => e.fn);
    return lambdaFunctionSubjects(model, policies).filter((s) => verifiers.some((f) => f.address === s.address && f.source.file === s.file));
  },
  check(model) {
    const out: RuleFinding[] = [];
    for (const d of parameterDecoys(model)) {
      out.push({
        address: d.fn.address,
        file: d.fn.source.file,
        detail: `${d.why} ${d.parameter.source.stack === d.fn.source.stack ? "" : `${d.parameter.source.stack}::`}${d.parameter.address}`,
        message:
          d.why === "overwrite"
            ? `SSM parameter ${JSON.stringify(d.name)} (${d.parameter.address}), the edge verifier's runtime configuration, is written with overwrite = true: whatever held the name before is replaced, and a later writer can replace it again`
            : `SSM parameter ${d.parameter.address}${d.parameter.source.stack === d.fn.source.stack ? "" : ` (stack ${d.parameter.source.stack})`} has the name ${JSON.stringify(d.name)} the edge verifier reads its runtime configuration from, but is not the parameter its role names: a decoy decides which tokens the verifier accepts`,
      });
    }
    for (const e of edgeParameters(model)) {
      if (e.names.length === 0 || e.owned.length > 0) continue;
      out.push({
        address: e.fn.address,
        file: e.fn.source.file,
        severity: "high",
        detail: `unowned ${JSON.stringify([...e.names].sort())}`,
        message: `edge verifier reads SSM parameter ${e.names.map((n) => JSON.stringify(n)).join(", ")}, which no parameter its role names creates: not verified what configuration it trusts`,
      });
    }
    return out;
  },
};
