// The policy's `deciders` section: backend functions (by name pattern) that decide access themselves, each with what
// they check. The review judges their code like an authorizer's, from the base branch's policy, whatever the head
// declares; rule handler-decider-declared keeps the Terraform's access-decider tags and this list in step.
import { reasonProblem, MIN_REASON_LENGTH } from "../../kernel/io/words";
import { isObject } from "../load/json";
import type { IntendedDecider } from "./types";

type Add = (path: string, message: string, value: unknown) => void;

/** Parses `deciders: { "<function name pattern>": "<what it checks and why>" }`; problems through `add`. */
export function parseDeciders(add: Add, v: unknown): IntendedDecider[] {
  if (v === undefined) return [];
  if (!isObject(v)) {
    add("deciders", "must be a mapping of function name pattern to what the function checks", v);
    return [];
  }
  return Object.entries(v).flatMap(([pattern, reason]) => {
    if (pattern.trim() === "") add("deciders", "a function name pattern must not be empty", pattern);
    else if (reasonProblem(reason) !== undefined)
      add(`deciders.${pattern}`, `must say what the function checks itself (at least ${MIN_REASON_LENGTH} characters)`, reason);
    return pattern.trim() !== "" && reasonProblem(reason) === undefined ? [{ function: pattern, reason: reason as string }] : [];
  });
}
