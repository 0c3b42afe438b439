// Hand-written structural parsers (no schema library): each checks one value's type and reports
// every problem with its path and value, never throwing. `object<T>` is typed against the spec's own
// interfaces, so a field added to access-spec/types.ts fails to compile here until the parser knows it.
import { closest } from "../../kernel/io/words";
import { joinPath, q, type ProblemList } from "./problems";

export const BAD: unique symbol = Symbol("bad");
type Parsed<T> = T | typeof BAD;
export type Parser<T> = (value: unknown, path: string, problems: ProblemList) => Parsed<T>;

export interface Optional<T> {
  readonly optional: Parser<T>;
}
/** Marks a field that may be absent (`undefined`); `null` is still a type error, as JSON/YAML have no undefined. */
export const optional = <T>(parser: Parser<T>): Optional<T> => ({ optional: parser });

type FieldParser<V> = undefined extends V ? Optional<Exclude<V, undefined>> : Parser<V>;
export type Fields<T> = { readonly [K in keyof T]-?: FieldParser<T[K]> };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export const str: Parser<string> = (value, path, problems) => {
  if (typeof value === "string") return value;
  problems.add(path, `expected a string`, value);
  return BAD;
};

export const num: Parser<number> = (value, path, problems) => {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  problems.add(path, `expected a finite number`, value);
  return BAD;
};

export const bool: Parser<boolean> = (value, path, problems) => {
  if (typeof value === "boolean") return value;
  problems.add(path, `expected true or false`, value);
  return BAD;
};

export function oneOf<const T extends readonly string[]>(...allowed: T): Parser<T[number]> {
  return (value, path, problems) => {
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T[number];
    problems.add(path, `must be one of ${allowed.map((a) => q(a)).join(", ")}`, value);
    return BAD;
  };
}

export function arrayOf<T>(item: Parser<T>): Parser<readonly T[]> {
  return (value, path, problems) => {
    if (!Array.isArray(value)) {
      problems.add(path, `expected a list`, value);
      return BAD;
    }
    const out: T[] = [];
    let ok = true;
    for (let i = 0; i < value.length; i++) {
      const parsed = item(value[i], joinPath(path, i), problems);
      if (parsed === BAD) ok = false;
      else out.push(parsed);
    }
    return ok ? out : BAD;
  };
}

export function recordOf<T>(item: Parser<T>): Parser<Readonly<Record<string, T>>> {
  return (value, path, problems) => {
    if (!isObject(value)) {
      problems.add(path, `expected an object (a map)`, value);
      return BAD;
    }
    const entries: [string, T][] = [];
    let ok = true;
    for (const key of Object.keys(value)) {
      const parsed = item(value[key], joinPath(path, key), problems);
      if (parsed === BAD) ok = false;
      else entries.push([key, parsed]);
    }
    // fromEntries defines own properties, so a `__proto__` key cannot change the result's prototype.
    return ok ? Object.fromEntries(entries) : BAD;
  };
}

export function object<T>(fields: Fields<T>): Parser<T> {
  const known = Object.keys(fields);
  return (value, path, problems) => {
    if (!isObject(value)) {
      problems.add(path, `expected an object`, value);
      return BAD;
    }
    const entries: [string, unknown][] = [];
    let ok = true;
    for (const key of known) {
      const field: Parser<unknown> | Optional<unknown> = (fields as Readonly<Record<string, Parser<unknown> | Optional<unknown>>>)[key] ?? str;
      const fieldPath = joinPath(path, key);
      const present = Object.prototype.hasOwnProperty.call(value, key) && value[key] !== undefined;
      if (!present) {
        if (typeof field === "function") {
          problems.add(fieldPath, `missing required field ${q(key)}`, undefined);
          ok = false;
        }
        continue;
      }
      const parsed = (typeof field === "function" ? field : field.optional)(value[key], fieldPath, problems);
      if (parsed === BAD) ok = false;
      else entries.push([key, parsed]);
    }
    // Unknown keys are typos until proven otherwise: silently ignoring `reasn` would drop a field.
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const hint = closest(key, known);
      problems.add(joinPath(path, key), `unknown field ${q(key)}${hint === undefined ? "" : ` (did you mean ${q(hint)}?)`}`, value[key]);
      ok = false;
    }
    // The checks above cover every field of T; this is the one place the parsed shape is asserted.
    return ok ? (Object.fromEntries(entries) as T) : BAD;
  };
}

/** A discriminated union (`type` / `kind`): the discriminant picks the variant's object parser. */
export function union<T, D extends keyof T & string>(
  discriminant: D,
  variants: { readonly [K in T[D] & string]: Parser<Extract<T, Readonly<Record<D, K>>>> },
): Parser<T> {
  const names = Object.keys(variants);
  return (value, path, problems) => {
    if (!isObject(value)) {
      problems.add(path, `expected an object`, value);
      return BAD;
    }
    const tag = value[discriminant];
    const variant = typeof tag === "string" && names.includes(tag) ? (variants as Readonly<Record<string, Parser<T>>>)[tag] : undefined;
    if (variant === undefined) {
      const message = tag === undefined ? `missing required field ${q(discriminant)}` : `must be one of ${names.map((n) => q(n)).join(", ")}`;
      problems.add(joinPath(path, discriminant), message, tag);
      return BAD;
    }
    return variant(value, path, problems);
  };
}
