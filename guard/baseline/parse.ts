// Parses a baseline file's data strictly. The drafted placeholders (`TODO` in reason or owner, written by
// `--write-baseline`) are problems, not values: a draft used as it was written would accept every finding with
// nobody having said why, so it is refused until a person fills it in.
import { isDay } from "../../kernel/io/day";
import { didYouMean, MIN_REASON_LENGTH, reasonProblem } from "../../kernel/io/words";
import { isObject } from "../load/json";
import { SEVERITIES, type PolicyProblem, type Severity } from "../policy/types";
import { ENGINE_ADDRESS } from "../rules/types";
import type { Baseline, BaselineEntry } from "./types";

/** How `--write-baseline` marks what a person must write; a value starting with the word (any case) is refused. */
export const PLACEHOLDER = "TODO";

const TOP_KEYS = ["accepted"] as const;
const ENTRY_KEYS = ["rule", "address", "api", "route", "detail", "stack", "severity", "reason", "owner", "expires"] as const;

const PLACEHOLDER_WORD = new RegExp(`^\\s*${PLACEHOLDER}\\b`, "i");
const isPlaceholder = (v: unknown): boolean => typeof v === "string" && PLACEHOLDER_WORD.test(v);

/** The key two entries may not share: one finding accepted twice would have two reasons, owners and expiries. */
export const entryKey = (e: { rule: string; address: string; api?: string; route?: string; detail?: string; stack?: string }): string =>
  JSON.stringify([e.rule, e.address, e.api ?? null, e.route ?? null, e.detail ?? null, e.stack ?? null]);

export function parseBaseline(data: unknown, file: string, ruleIds: readonly string[]): { baseline?: Baseline; problems: PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  const add = (path: string, message: string, value: unknown): void => void problems.push({ file, path, message, value });
  if (!isObject(data) || !Array.isArray(data["accepted"])) {
    add(isObject(data) ? "accepted" : "", "a baseline is a mapping with `accepted:`, a list of entries", isObject(data) ? data["accepted"] : data);
    return { problems };
  }
  for (const k of Object.keys(data)) if (!(TOP_KEYS as readonly string[]).includes(k)) add(k, `unknown key${didYouMean(k, TOP_KEYS)} (expected accepted)`, k);
  const entries: BaselineEntry[] = [];
  const seen = new Map<string, string>();
  data["accepted"].forEach((raw: unknown, i: number) => {
    const path = `accepted[${i}]`;
    if (!isObject(raw)) {
      add(path, "must be a mapping with rule, address, reason, owner and expires", raw);
      return;
    }
    const before = problems.length;
    for (const k of Object.keys(raw))
      if (!(ENTRY_KEYS as readonly string[]).includes(k))
        add(`${path}.${k}`, `unknown key${didYouMean(k, ENTRY_KEYS)} (expected one of ${ENTRY_KEYS.join(", ")})`, k);
    const { rule, address, api, route, detail, stack, severity, reason, owner, expires } = raw;
    if (typeof rule !== "string" || !ruleIds.includes(rule))
      add(`${path}.rule`, `must be a rule id${typeof rule === "string" ? didYouMean(rule, ruleIds) : ""}`, rule);
    if (typeof address !== "string" || address.trim() === "") add(`${path}.address`, "required: the finding's address, exactly", address);
    else if (address === ENGINE_ADDRESS) add(`${path}.address`, "a crashed rule judged nothing and cannot be accepted: report the crash", address);
    for (const [k, v] of [
      ["api", api],
      ["route", route],
      ["detail", detail],
      ["stack", stack],
    ] as const)
      if (v !== undefined && (typeof v !== "string" || v.trim() === ""))
        add(`${path}.${k}`, "must be a non-empty string (leave it out when the finding has none)", v);
    if (severity !== undefined && !(SEVERITIES as readonly unknown[]).includes(severity))
      add(`${path}.severity`, `must be one of ${SEVERITIES.join(", ")} (the finding's severity when the entry was drafted)`, severity);
    if (isPlaceholder(reason))
      add(`${path}.reason`, `is the drafted placeholder: write why this finding is accepted for now (at least ${MIN_REASON_LENGTH} characters)`, reason);
    else if (reasonProblem(reason) !== undefined) add(`${path}.reason`, `${reasonProblem(reason) as string}: why this finding is accepted for now`, reason);
    if (isPlaceholder(owner)) add(`${path}.owner`, "is the drafted placeholder: name who fixes it (a team or a person)", owner);
    else if (typeof owner !== "string" || owner.trim() === "") add(`${path}.owner`, "required: who fixes it (a team or a person)", owner);
    if (typeof expires !== "string" || !isDay(expires))
      add(`${path}.expires`, "must be a day as YYYY-MM-DD (quote it in YAML if your editor turns it into a date)", expires);
    if (problems.length > before) return;
    const entry: BaselineEntry = {
      rule: rule as string,
      address: address as string,
      ...(typeof api === "string" ? { api } : {}),
      ...(typeof route === "string" ? { route } : {}),
      ...(typeof detail === "string" ? { detail } : {}),
      ...(typeof stack === "string" ? { stack } : {}),
      ...(severity !== undefined ? { severity: severity as Severity } : {}),
      reason: reason as string,
      owner: owner as string,
      expires: expires as string,
      path,
    };
    const key = entryKey(entry);
    const twin = seen.get(key);
    if (twin !== undefined) add(path, `accepts the same finding as ${twin} (one reason, owner and expiry per finding)`, entry.address);
    else {
      seen.set(key, path);
      entries.push(entry);
    }
  });
  return problems.length > 0 ? { problems } : { baseline: { file, entries }, problems };
}
