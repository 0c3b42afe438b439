// The first run: no --policy and no policy file in ./policies. The check then judges every control (what is open,
// how it is protected) but not intent, which only a policy states; it says so, names what anyone can call, and how
// to draft the policy. A ./policies that exists with files the check cannot read stays an error (exit 2).
import { readdirSync } from "node:fs";
import { dataFormatOf } from "../../kernel/io/data-file";
import type { Finding, Rule } from "../../guard/rules/types";
import { apiKind, known } from "../../guard/access/lookups";
import { unreadRoutes } from "../../guard/access/unread-routes";
import { doorsOf } from "../../guard/access/doors";
import type { Model } from "../../guard/model";

const DEFAULT_POLICY_DIR = "policies";

/** The rule that compares routes with the intended authorization: without a policy it has nothing to compare. */
const INTENT_RULES = new Set(["method-matches-policy"]);

/**
 * The policy paths when none is given: `policies` when it holds policy files or cannot be listed (the loader then
 * says why, exit 2), none when it does not exist or holds no .yaml, .yml or .json file.
 */
export function defaultPolicies(dir: string = DEFAULT_POLICY_DIR): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? [] : [dir];
  }
  return names.some((n) => dataFormatOf(n) !== undefined) ? [dir] : [];
}

/** The APIs of `model` whose OpenAPI body cannot be read, named as every message names them. */
export const unlistedApis = (model: Model): UnlistedApi[] =>
  model.apis.flatMap((a) => {
    const reason = unreadRoutes(a);
    return reason === undefined ? [] : [{ api: `${apiKind(a)} ${JSON.stringify(known(a.name) ? a.name : a.address)}`, reason }];
  });

export const rulesWithoutPolicy = (rules: readonly Rule[]): Rule[] => rules.filter((r) => !INTENT_RULES.has(r.id));

/** Kinds of door that let callers in without any API in front of them. */
const DIRECT = new Set(["function-url", "lambda-permission"]);

/** What the first run tells beside the routes: doors anyone (or any AWS account) gets through without an API. */
export interface BesideRoutes {
  /** `<function>: <door>` for each function URL or Lambda permission open to anyone or any AWS account. */
  readonly openDoors: readonly string[];
  /** Whether the model has an API a policy could be drafted for (--init-policy fails without one). */
  readonly hasApi: boolean;
}

export const besideRoutes = (model: Model): BesideRoutes => ({
  openDoors: doorsOf(model).flatMap((t) =>
    t.doors
      .filter((d) => DIRECT.has(d.kind) && d.principals.some((p) => p.kind === "anyone" || p.kind === "aws-any"))
      .map((d) => `${t.target.label}: ${d.label}`),
  ),
  hasApi: model.apis.length > 0,
});

/** An API whose routes could not be listed (an OpenAPI body known only after apply), with why. */
export interface UnlistedApi {
  readonly api: string;
  readonly reason: string;
}

/**
 * What the first run says beside its report: intent unchecked, what anyone can call, the APIs whose routes are
 * unknown (any of them may be open: never "no route"), how to draft a policy.
 */
export function noPolicyNote(
  input: string,
  findings: readonly Finding[],
  unlisted: readonly UnlistedApi[] = [],
  beside: BesideRoutes = { openDoors: [], hasApi: true },
): string {
  const name = (f: Finding): string => `${f.api ?? "(API unresolved)"} ${f.route ?? f.address}`;
  const opened = findings.filter((f) => f.rule === "no-open-method");
  // no-open-method is critical for anyone on the internet, high for callers a resource policy narrows to.
  const open = opened.filter((f) => f.severity === "critical").map(name);
  const narrowed = opened.filter((f) => f.severity === "high").map(name);
  return [
    `check: note: no policy (no --policy, and ./${DEFAULT_POLICY_DIR} holds no policy file): every control is checked, intent is not checked yet`,
    open.length === 0
      ? `check: note: open to anyone: no route${unlisted.length === 0 ? "" : " of those known"}`
      : `check: note: open to anyone: ${open.length} route(s): ${open.join(", ")}`,
    ...unlisted.map((u) => `check: note: not verified: ${u.api}: its routes are unknown: ${u.reason}; any of them may be open to anyone`),
    ...(narrowed.length === 0
      ? []
      : [`check: note: open without authentication to the callers a resource policy names: ${narrowed.length} route(s): ${narrowed.join(", ")}`]),
    ...(beside.openDoors.length === 0
      ? []
      : [`check: note: open without any API in front: ${beside.openDoors.length} door(s): ${beside.openDoors.join(", ")} (rule backend-doors-intended)`]),
    beside.hasApi
      ? `check: note: draft the intended authorization with: check ${input} --init-policy ${DEFAULT_POLICY_DIR} (review the drafts, then run again)`
      : `check: note: no API to draft a policy for: accept a door meant to stay open with an entry in a baseline (draft one with: check ${input} --write-baseline baseline.yaml)`,
    "",
  ].join("\n");
}
