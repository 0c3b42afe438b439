// The `deciders` section of a drafted policy (--init-policy): the backend functions `apiName`'s routes reach that
// declare, by their access-decider tag, that they decide access themselves, with what the tag says they check. A
// person confirms it; from then on the review judges their code from the policy too, whatever a head's tags say.
import { doorsOf } from "./access/doors";
import { handlerDeciders } from "./access/handler-deciders";
import { reasonProblem } from "../kernel/io/words";
import type { Model } from "./model";

const yaml = (s: string): string => JSON.stringify(s);

/** YAML lines of the `deciders:` section for the functions `apiName`'s routes reach; [] when none declares itself. */
export function draftDeciders(model: Model, apiName: string, todo: string): string[] {
  const reached = new Set(
    doorsOf(model)
      .filter((t) => t.doors.some((d) => d.kind === "route" && d.api === apiName))
      .map((t) => t.target.key),
  );
  const mine = handlerDeciders(model).filter((d) => d.declared !== undefined && reached.has(d.target.key));
  if (mine.length === 0) return [];
  return [
    "# Backend functions that decide access themselves (their access-decider tag says what they check). Confirm each:",
    "# the review then blocks any change to their code (decider-code-changed), whatever a pull request's tags say.",
    "deciders:",
    ...mine.map((d) => `  ${yaml(d.target.label)}: ${yaml(reasonProblem(d.declared) === undefined ? (d.declared as string) : todo)}`),
  ];
}
