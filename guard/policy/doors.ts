// The policy's `doors` section: which doors each protected target (a backend function, by name pattern) may have.
// `only` lists door id patterns (`api:petstore-*`, `execute-api:petstore-*`, `distribution:petstore-prod API*`);
// each exception names one more door with a written reason. Door ids are guard/access/doors.ts's.
import { reasonProblem, MIN_REASON_LENGTH } from "../../kernel/io/words";
import { isObject } from "../load/json";
import type { IntendedDoors } from "./types";

type Add = (path: string, message: string, value: unknown) => void;

const DOOR_PREFIXES = ["api:", "execute-api:", "distribution:", "custom-domain:", "vpc-endpoint:", "function-url:", "lambda-permission:", "iam-invoke:"];
const knownPrefix = (id: string): boolean => DOOR_PREFIXES.some((p) => id.startsWith(p));

function pattern(add: Add, v: unknown, path: string): string | undefined {
  if (typeof v !== "string" || v.trim() === "") {
    add(path, "must be a door id pattern such as api:petstore-* or function-url:petstore-dev-backend", v);
    return undefined;
  }
  if (!knownPrefix(v)) {
    add(path, `must start with one of ${DOOR_PREFIXES.join(", ")}`, v);
    return undefined;
  }
  return v;
}

/** Parses `doors: { "<target pattern>": { only: [...], exceptions: [{door, reason}] } }`; problems through `add`. */
export function parseDoors(add: Add, v: unknown): IntendedDoors[] {
  if (v === undefined) return [];
  if (!isObject(v)) {
    add("doors", "must be a mapping of target name pattern to {only, exceptions}", v);
    return [];
  }
  const out: IntendedDoors[] = [];
  for (const [target, entry] of Object.entries(v)) {
    const p = `doors.${target}`;
    if (!isObject(entry)) {
      add(p, "must be a mapping with only (and exceptions)", entry);
      continue;
    }
    for (const k of Object.keys(entry)) if (k !== "only" && k !== "exceptions") add(`${p}.${k}`, "unknown key (expected only, exceptions)", entry[k]);
    const onlyRaw = entry["only"];
    if (!Array.isArray(onlyRaw) || onlyRaw.length === 0) {
      add(`${p}.only`, "required: a non-empty list of door id patterns", onlyRaw);
      continue;
    }
    const only = onlyRaw.map((x, i) => pattern(add, x, `${p}.only[${i}]`)).filter((x): x is string => x !== undefined);
    const exRaw = entry["exceptions"] ?? [];
    if (!Array.isArray(exRaw)) add(`${p}.exceptions`, "must be a list of {door, reason}", exRaw);
    const exceptions = (Array.isArray(exRaw) ? exRaw : []).flatMap((e, i) => {
      const ep = `${p}.exceptions[${i}]`;
      if (!isObject(e)) {
        add(ep, "must be a mapping with door and reason", e);
        return [];
      }
      for (const k of Object.keys(e)) if (k !== "door" && k !== "reason") add(`${ep}.${k}`, "unknown key (expected door, reason)", e[k]);
      const door = pattern(add, e["door"], `${ep}.door`);
      const reason = e["reason"];
      if (reasonProblem(reason) !== undefined) add(`${ep}.reason`, `an exception needs a written reason (at least ${MIN_REASON_LENGTH} characters)`, reason);
      return door !== undefined && typeof reason === "string" ? [{ door, reason }] : [];
    });
    out.push({ target, only, exceptions });
  }
  return out;
}
