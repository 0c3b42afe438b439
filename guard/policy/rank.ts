// Severity order, most severe first: one definition for the engine, the reports and the policy checks.
import { SEVERITIES, type Severity } from "./types";

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** `s` is at least as severe as `threshold`. */
export const atLeast = (s: Severity, threshold: Severity): boolean => severityRank(s) <= severityRank(threshold);
