// Direct invocation as a door: IAM identities (users, groups, roles) whose identity policies grant
// lambda:InvokeFunction or lambda:InvokeFunctionUrl on the target function (by its ARN reference, a literal ARN
// glob, or "*"). An unreadable policy counts as granting.
import { isUnknown, type Model, type PolicyStatement, type ResourceInstance } from "../../model";
import { matchesAction, matchesArn } from "../../../kernel/match/glob";
import { identities, identityText, type Identity } from "./identities";
import type { Principal } from "./types";
import { perModel } from "../per-model";

const INVOKE_ACTIONS = ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"];

function grantsLambdaInvoke(s: PolicyStatement): boolean {
  if (s.effect !== "Allow") return false;
  if (s.notActions.length > 0) return INVOKE_ACTIONS.some((a) => !s.notActions.some((n) => typeof n === "string" && matchesAction(n, a)));
  return s.actions.some((a) => isUnknown(a) || INVOKE_ACTIONS.some((x) => matchesAction(a, x)));
}

function coversFunction(resource: unknown, fn: ResourceInstance): boolean {
  if (isUnknown(resource)) {
    const e = resource.expression ?? "";
    return e === "" || e.includes(`${fn.configAddress}.`) || e.includes(`${fn.address}.`);
  }
  if (typeof resource !== "string") return false;
  const name = fn.values["function_name"];
  const arn = `arn:aws:lambda:us-east-1:111111111111:function:${typeof name === "string" ? name : "unknown"}`;
  // Region and account are not known here: a pattern naming the function matches whatever they are.
  const loose = resource.replace(/^arn:aws[\w-]*:lambda:[^:]*:[^:]*:/, "arn:aws:lambda:*:*:");
  return matchesArn(loose, arn) || matchesArn(loose, `${arn}:qualifier`);
}

// Per model and stack, the identities that may grant invocation at all (unreadable, or an Allow of the actions),
// each with those Allows: every function's doors asked every identity and statement of the model.
interface Candidate {
  readonly identity: Identity;
  readonly grants: readonly PolicyStatement[];
  /** Its principal, built once: the same for every function it may invoke. */
  readonly principal: Principal;
}
const candidates = perModel((model): Map<string, Candidate[]> => {
  const byStack = new Map<string, Candidate[]>();
  for (const identity of identities(model)) {
    const grants = identity.statements.filter(grantsLambdaInvoke);
    if (identity.unreadable.length === 0 && grants.length === 0) continue;
    const i = identity;
    const principal: Principal = {
      kind: "iam" as const,
      text: identityText(i) + (i.unreadable.length > 0 ? ` (not verified: ${i.unreadable.join(", ")})` : ""),
    };
    const list = byStack.get(identity.stack);
    if (list === undefined) byStack.set(identity.stack, [{ identity, grants, principal }]);
    else list.push({ identity, grants, principal });
  }
  return byStack;
});

function mayInvoke(model: Model, stack: string): readonly Candidate[] {
  return candidates(model).get(stack) ?? [];
}

export function invokeIdentities(model: Model, fn: ResourceInstance): Principal[] {
  // What a resource grants on this function depends on its text (an Unknown's expression) alone: read once per text.
  const known = new Map<string, boolean>();
  const unknown = new Map<string, boolean>();
  const coversOnce = (r: unknown): boolean => {
    const [cache, key] = isUnknown(r) ? [unknown, r.expression ?? ""] : typeof r === "string" ? [known, r] : [undefined, ""];
    if (cache === undefined) return coversFunction(r, fn);
    let c = cache.get(key);
    if (c === undefined) {
      c = coversFunction(r, fn);
      cache.set(key, c);
    }
    return c;
  };
  return mayInvoke(model, fn.source.stack)
    .filter(({ identity, grants }) => identity.unreadable.length > 0 || grants.some((s) => s.notResources.length > 0 || s.resources.some(coversOnce)))
    .map(({ principal }) => principal);
}
