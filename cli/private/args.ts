// CLI plumbing shared by every command: options parsed by node:util parseArgs, one usage error, one mapping of
// errors to messages and exit codes (2: bad usage or bad input, one line per problem; anything else is a bug).
import { statSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { errorText } from "../../kernel/io/data-file";
import { InputError } from "../../guard/load";
import { PolicyError } from "../../guard/policy/types";

/** A command-line problem: exit 2 with this one-line reason and the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** `--help` was asked for: print the usage, exit 0. */
class HelpRequested extends Error {}

export type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Strict parsing (unknown options, missing values and stray positionals are usage errors); `--help`/`-h` is
 * always known. `--x=` (empty) counts as missing.
 */
export function parseCommandLine<O extends Options>(argv: readonly string[], options: O, allowPositionals = false) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
  const all = parsed.values as Record<string, unknown>;
  if (all["help"] === true) throw new HelpRequested();
  for (const [name, value] of Object.entries(all)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => v === "")) throw new UsageError(`--${name} needs a value`);
  }
  return parsed;
}

/**
 * The one value of a non-repeatable option declared `multiple: true` (node's parseArgs would otherwise keep the
 * last of two silently): undefined when absent, a usage error when given twice.
 */
export function single(name: string, value: unknown): string | undefined {
  const values = Array.isArray(value) ? (value as string[]) : typeof value === "string" ? [value] : [];
  if (values.length > 1) throw new UsageError(`--${name} given twice (${values.map((v) => `"${v}"`).join(", ")})`);
  return values[0];
}

/** One rendering of a run's report and the file it goes to (`--output`, or one `--report <format>=<file>`). */
export interface ReportTarget<F extends string> {
  readonly format: F;
  readonly file: string;
}

/**
 * Every file a run writes its report to: `--format`/`--output` (when `output` is given) plus each
 * `--report <format>=<file>`, so one run renders several formats of the same result (the gate's JSON and Markdown
 * can never disagree). A file named twice, a missing `=`, or an unknown format is a usage error.
 */
export function reportTargets<F extends string>(
  reports: readonly string[] | undefined,
  formats: readonly F[],
  primary: ReportTarget<F> | undefined,
): ReportTarget<F>[] {
  const targets: ReportTarget<F>[] = primary === undefined ? [] : [primary];
  for (const r of reports ?? []) {
    const eq = r.indexOf("=");
    if (eq <= 0 || eq === r.length - 1) throw new UsageError(`--report takes <format>=<file>, with format one of ${formats.join(", ")} (got "${r}")`);
    const format = oneOf("report", r.slice(0, eq), formats, formats[0] as F);
    targets.push({ format, file: r.slice(eq + 1) });
  }
  const files = targets.map((t) => t.file);
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice !== undefined) throw new UsageError(`"${twice}" is named by two reports`);
  return targets;
}

/**
 * The paths an option names that must exist (`--policy <file|dir>`): one that does not is bad input named by its
 * option, `--policy missing: no such file or folder` (exit 2), before anything is read.
 */
export function existingPaths(name: string, paths: readonly string[]): string[] {
  for (const p of paths) {
    try {
      statSync(p);
    } catch (e) {
      throw new InputError(`--${name} ${p}`, errorText(e));
    }
  }
  return [...paths];
}

/** One value from a fixed set, or a usage error naming the choices. */
export function oneOf<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${choices.join(", ")} (got "${value}")`);
  return value as T;
}

/**
 * Maps an error to the command's message and exit code: usage -> 2 with the usage, help -> 0 with the usage,
 * bad input or policy -> 2 with one line per problem, a file that cannot be written -> 2. Anything else is rethrown.
 */
export function exitCodeFor(command: string, usage: string, e: unknown, err: (s: string) => void, out: (s: string) => void): number {
  if (e instanceof HelpRequested) {
    out(`${usage}\n`);
    return 0;
  }
  if (e instanceof UsageError) {
    err(`${command}: ${e.message}\n${usage}\n`);
    return 2;
  }
  if (e instanceof InputError) {
    err(`${command}: ${e.message}\n`);
    return 2;
  }
  if (e instanceof PolicyError) {
    // A problem of the whole file (path "") names no value.
    for (const p of e.problems)
      err(
        `${command}: ${p.file}: ${p.path === "" ? "" : `${p.path}: `}${p.message}${p.path === "" && (p.value === null || p.value === undefined) ? "" : ` (got ${JSON.stringify(p.value)})`}\n`,
      );
    return 2;
  }
  const io = e as NodeJS.ErrnoException;
  if (typeof io.code === "string" && typeof io.path === "string") {
    err(`${command}: ${io.path}: cannot ${io.syscall === "open" && io.code !== "ENOENT" ? "write" : "read or write"}: ${io.code}\n`);
    return 2;
  }
  throw e;
}
