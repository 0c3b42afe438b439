// `npm run check -- <cdk.tf.json | plan.json | cdktf.out> [--policy <file|dir>] [--format table|json|junit|sarif|markdown]
//   [--output <file>] [--fail-on critical|high|medium|low|info]`
// Exit 0: no finding reaches --fail-on; 1: one does; 2: bad input or bad policy (one line per problem).
import { writeFileSync } from "node:fs";
import { failing, runRules } from "../guard/engine";
import { InputError, loadModel } from "../guard/load";
import { loadPolicies, loweredSeverities } from "../guard/policy/load";
import { PolicyError, SEVERITIES, type Severity } from "../guard/policy/types";
import { FORMATS, REPORTERS, type Format } from "../guard/report";

export interface CheckArgs {
  readonly input: string;
  readonly policy: string;
  readonly format: Format;
  readonly output?: string;
  readonly failOn: Severity;
}

export class UsageError extends Error {}

const USAGE =
  "usage: check <cdk.tf.json | plan.json | cdktf.out> [--policy <file|dir>] [--format " +
  `${FORMATS.join("|")}] [--output <file>] [--fail-on ${SEVERITIES.join("|")}]`;

export function parseArgs(argv: readonly string[]): CheckArgs {
  let input: string | undefined;
  let policy = "policies";
  let format: Format = "table";
  let output: string | undefined;
  let failOn: Severity = "low";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--policy":
        policy = value();
        break;
      case "--format": {
        const v = value();
        if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got "${v}")`);
        format = v as Format;
        break;
      }
      case "--output":
        output = value();
        break;
      case "--fail-on": {
        const v = value();
        if (!(SEVERITIES as readonly string[]).includes(v)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(", ")} (got "${v}")`);
        failOn = v as Severity;
        break;
      }
      default:
        if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
        if (input !== undefined) throw new UsageError(`one input only (got "${input}" and "${a}")`);
        input = a;
    }
  }
  if (input === undefined) throw new UsageError("missing input (cdk.tf.json, plan JSON or a cdktf.out directory)");
  return { input, policy, format, ...(output !== undefined ? { output } : {}), failOn };
}

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

const processIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** Runs the check; returns the exit code. */
export function main(argv: readonly string[], io: Io = processIo): number {
  try {
    const args = parseArgs(argv);
    const policies = loadPolicies(args.policy);
    const model = loadModel(args.input);
    for (const n of model.notes ?? []) io.err(`check: note: ${n}\n`);
    const result = runRules(model, policies);
    const report = { findings: result.findings, rules: result.rules, failOn: args.failOn, input: args.input, lowered: loweredSeverities(policies) };
    const text = REPORTERS[args.format](report);
    if (args.output !== undefined) {
      try {
        writeFileSync(args.output, text);
      } catch (e) {
        io.err(`check: cannot write ${args.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        return 2;
      }
      // Keep the terminal informed when the report goes to a file.
      if (args.format !== "table") io.out(REPORTERS.table(report));
    } else io.out(text);
    return failing(result.findings, args.failOn).length > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) io.err(`check: ${e.message}\n${USAGE}\n`);
    else if (e instanceof InputError) io.err(`check: ${e.message}\n`);
    else if (e instanceof PolicyError) for (const p of e.problems) io.err(`check: ${p.file}: ${p.path === "" ? "" : `${p.path}: `}${p.message} (got ${JSON.stringify(p.value)})\n`);
    else throw e;
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
