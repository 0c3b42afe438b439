// The commands of a documentation shell block and what each promises: its trailing comment says the outcome
// ("PASS", "FAIL (exit 1)", "BLOCK: ... GET /orders"), and a test holds the command to it. A command a test cannot
// run (it would reinstall the shared node_modules, or run the suite that is running) must name the CI step that
// runs it instead; any other command is run.

interface Expectation {
  readonly exit: number;
  /** Strings the command's output (stdout and stderr) must contain. */
  readonly output: readonly string[];
}

export interface Command {
  /** The shell text without its comment. */
  readonly code: string;
  readonly comment: string;
  readonly expect: Expectation;
}

/** The line split at its first `#` that starts a comment (outside quotes, at the start or after a space). */
export function splitComment(line: string): { code: string; comment: string } {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\") i++;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1] ?? ""))) return { code: line.slice(0, i).trim(), comment: line.slice(i + 1).trim() };
  }
  return { code: line.trim(), comment: "" };
}

const ROUTE = /\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) \/[^\s,:;)]*/g;

/**
 * What a comment promises. `(exit N)` is the exit code; `PASS` is exit 0 with the check's PASS line, `FAIL` exit 1
 * with its FAIL line, `BLOCK` exit 1 with a blocking change in the review; every route named must be in the output.
 * Anything else promises success.
 */
export function expectationOf(comment: string): Expectation {
  const word = /^(PASS|FAIL|BLOCK)\b/.exec(comment)?.[1];
  const stated = /\(exit (\d+)\)/.exec(comment)?.[1];
  const exit = stated !== undefined ? Number(stated) : word === "FAIL" || word === "BLOCK" ? 1 : 0;
  const output = [...(word === "PASS" ? ["PASS:"] : word === "FAIL" ? ["FAIL:"] : word === "BLOCK" ? ["blocking"] : []), ...(comment.match(ROUTE) ?? [])];
  return { exit, output };
}

/** One command per line of a shell block; blank lines and comment-only lines are none, `\` continues a line. */
export function commandsOf(block: string): Command[] {
  const joined = block.replace(/\\\n/g, " ");
  return joined
    .split("\n")
    .map(splitComment)
    .filter((l) => l.code !== "")
    .map((l) => ({ ...l, expect: expectationOf(l.comment) }));
}

/** The parts of a command joined by `&&` at the top level (outside quotes), in order. */
export function andParts(code: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "&" && code[i + 1] === "&") {
      parts.push(code.slice(start, i).trim());
      start = i + 2;
      i++;
    }
  }
  parts.push(code.slice(start).trim());
  return parts.filter((p) => p !== "");
}

/** A command that no test runs, with the reason and the CI step that runs it. */
export interface CiStep {
  readonly why: string;
  /** Repository-relative file of the CI entry point. */
  readonly file: string;
  /** A line of that file that runs the command. */
  readonly step: RegExp;
}

type Disposition = { readonly run: true } | { readonly run: false; readonly ci: CiStep };

/**
 * Whether a test runs the command or a named CI step does. A command in `notRun` whose step is not in its CI file
 * is an error, not a pass: then nothing runs it.
 */
export function dispositionOf(command: string, notRun: Readonly<Record<string, CiStep>>, readCi: (file: string) => string): Disposition {
  const ci = notRun[command];
  if (ci === undefined) return { run: true };
  const text = readCi(ci.file);
  if (!text.split("\n").some((line) => ci.step.test(line.trim())))
    throw new Error(`"${command}" is not run by a test (${ci.why}) and ${ci.file} has no step matching ${String(ci.step)}: nothing runs it`);
  return { run: false, ci };
}
