// Severity overrides of a policy set against the rules' defaults: raising is free; lowering a rule below its
// default needs a written reason, and every lowered rule is listed in every report. Pure.
import { didYouMean } from "../../kernel/io/words";
import { severityRank } from "./rank";
import type { LoweredSeverity, PolicyProblem, PolicySet, Severity } from "./types";

export interface SeverityReview {
  readonly lowered: readonly LoweredSeverity[];
  readonly problems: readonly PolicyProblem[];
}

/** @param defaults rule id -> its default severity (the rule registry). */
export function reviewSeverities(set: PolicySet, defaults: ReadonlyMap<string, Severity>): SeverityReview {
  const lowered: LoweredSeverity[] = [];
  const problems: PolicyProblem[] = [];
  for (const policy of set.policies) {
    for (const [rule, override] of Object.entries(policy.severities)) {
      const path = `severities.${rule}`;
      const from = defaults.get(rule);
      if (from === undefined) {
        problems.push({ file: policy.file, path, message: `no rule has this id${didYouMean(rule, [...defaults.keys()])}`, value: rule });
        continue;
      }
      if (severityRank(override.severity) <= severityRank(from)) continue;
      const reason = override.reason;
      if (reason === undefined) {
        problems.push({
          file: policy.file,
          path,
          message: `lowers ${rule} from ${from} to ${override.severity}: write it as {severity: ${override.severity}, reason: "..."} so reviewers see why`,
          value: override.severity,
        });
        continue;
      }
      lowered.push({ rule, from, to: override.severity, reason, policyFile: policy.file });
    }
  }
  return { lowered, problems };
}
