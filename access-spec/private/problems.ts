// Collects spec problems while a check walks the spec, so every problem is reported together
// instead of stopping at the first one. Shared by the parser and the validator.
import type { SpecProblem } from "../types";

export class ProblemList {
  private readonly items: SpecProblem[] = [];

  constructor(private readonly file: string) {}

  add(path: string, message: string, value: unknown): void {
    this.items.push({ file: this.file, path, message, value });
  }

  get count(): number {
    return this.items.length;
  }

  toArray(): SpecProblem[] {
    return [...this.items];
  }
}

/** Appends a field to a spec path: `routes[3]` + `auth` = `routes[3].auth`; odd keys are quoted. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) return base === "" ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/** `"x"` for messages; keeps quoting consistent with the house style (`unknown scope "petstore/raed"`). */
export const q = (s: unknown): string => JSON.stringify(s) ?? String(s);
