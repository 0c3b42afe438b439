// Drafts a baseline from a run's findings (`--write-baseline`): one entry per finding that fails the run, naming it
// by rule, address, API, route, detail and stack and capping it at its severity, with the placeholder reason and owner a
// person must replace (parse.ts refuses them until then) and an expiry DRAFT_EXPIRY_DAYS out. The finding's message
// goes in a comment above its entry, for that person. A crashed rule's finding is never drafted (it cannot be accepted).
import { dayMs } from "../../kernel/io/day";
import { ENGINE_ADDRESS, type Finding } from "../rules/types";
import { entryKey, PLACEHOLDER } from "./parse";

const DRAFT_EXPIRY_DAYS = 90;

const q = (s: string): string => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar
const oneLine = (s: string): string => s.replace(/\s+/g, " ").trim();

/** The day `days` after `day` (`YYYY-MM-DD`, UTC). @throws when `day` is not a real day */
export function addDays(day: string, days: number): string {
  const ms = dayMs(day);
  if (ms === undefined) throw new Error(`not a YYYY-MM-DD day: "${day}"`);
  return new Date(ms + days * 86_400_000).toISOString().slice(0, 10);
}

/** The YAML text of a draft accepting `findings` (each once) as of `asOf`, and how many entries it has. */
export function draftBaseline(findings: readonly Finding[], input: string, asOf: string): { text: string; entries: number } {
  const expires = addDays(asOf, DRAFT_EXPIRY_DAYS);
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const f of findings) {
    if (f.address === ENGINE_ADDRESS) continue;
    const key = entryKey(f);
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(
      `  # ${f.severity}: ${oneLine(f.message)}`,
      `  - rule: ${q(f.rule)}`,
      `    address: ${q(f.address)}`,
      ...(f.api !== undefined ? [`    api: ${q(f.api)}`] : []),
      ...(f.route !== undefined ? [`    route: ${q(f.route)}`] : []),
      ...(f.detail !== undefined ? [`    detail: ${q(f.detail)}`] : []),
      ...(f.stack !== undefined ? [`    stack: ${q(f.stack)}`] : []),
      `    severity: ${q(f.severity)}`,
      `    reason: ${q(`${PLACEHOLDER}: why this finding is accepted for now`)}`,
      `    owner: ${q(PLACEHOLDER)}`,
      `    expires: ${q(expires)}`,
    );
  }
  const head = [
    `# Accepted findings (api-access-check --baseline), drafted by --write-baseline from ${oneLine(input)} on ${asOf}.`,
    `# For each entry write why it is accepted for now (reason) and who fixes it (owner), and keep or shorten the`,
    `# expiry: from that day on the finding counts again. The check refuses this file while a ${PLACEHOLDER} is left.`,
  ];
  return { text: `${[...head, seen.size === 0 ? "accepted: []" : "accepted:", ...lines].join("\n")}\n`, entries: seen.size };
}
