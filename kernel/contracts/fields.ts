// Strict readers for the files bundled beside a Lambda handler (route-table.json, edge-config.json): each checks
// one field and names it with the bad value (`route-table.json.routes[0].method: expected ..., got "FETCH"`).
// No dependencies: the Lambda bundles, the constructs and guard/ all parse through these.

/** A bundled file that does not keep its contract; the Lambda then refuses every request (fail closed). */
export class ContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContractError";
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const fail = (where: string, expected: string, got: unknown): never => {
  throw new ContractError(`${where}: expected ${expected}, got ${JSON.stringify(got) ?? String(got)}`);
};

export function record(v: unknown, where: string): Record<string, unknown> {
  return isRecord(v) ? v : fail(where, "an object", v);
}

export function list(v: unknown, where: string): readonly unknown[] {
  return Array.isArray(v) ? v : fail(where, "an array", v);
}

export function str(v: unknown, where: string): string {
  return typeof v === "string" && v !== "" ? v : fail(where, "a non-empty string", v);
}

export function bool(v: unknown, where: string): boolean {
  return typeof v === "boolean" ? v : fail(where, "true or false", v);
}

export function strings(v: unknown, where: string): string[] {
  return Array.isArray(v) && v.every((s): s is string => typeof s === "string" && s !== "") ? [...v] : fail(where, "an array of non-empty strings", v);
}

/** `null` stands for "every one" in both contracts (every client); never an empty list by omission. */
export function nullableStrings(v: unknown, where: string): string[] | null {
  return v === null ? null : strings(v, where);
}

export function oneOf<const T extends readonly string[]>(v: unknown, allowed: T, where: string): T[number] {
  return typeof v === "string" && (allowed as readonly string[]).includes(v) ? (v as T[number]) : fail(where, `one of ${allowed.join(", ")}`, v);
}

/** An HTTP method as API Gateway spells it, or ANY. */
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;

/** A route template: `/`, `/pets/{petId}`, `/files/{proxy+}`; never a wildcard or whitespace. */
export function template(v: unknown, where: string): string {
  return typeof v === "string" && /^\/([^/*?\s]+(\/[^/*?\s]+)*)?$/.test(v) ? v : fail(where, "a path template such as /pets/{petId}", v);
}

/** Parses the text of a bundled JSON file; an absent or empty file is a ContractError too. */
export function parseJsonFile(file: string, text: string | undefined): unknown {
  if (text === undefined || text === "") throw new ContractError(`${file}: missing`);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ContractError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}
