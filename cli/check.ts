// `npm run check -- <cdk.tf.json | plan.json | cdktf.out> [--policy <file|dir>] [--format table|json|junit|sarif|markdown]
//   [--output <file>] [--report <format>=<file>]... [--fail-on critical|high|medium|low|info] [--as-of YYYY-MM-DD]`
// Exit 0: no finding reaches --fail-on; 1: one does; 2: bad input or bad policy (one line per problem).
import { loadBaseline } from "../guard/baseline/load";
import { coverageOf } from "../guard/coverage";
import { dayOf, isDay } from "../kernel/io/day";
import { failing, runRules } from "../guard/engine";
import { loadModel } from "../guard/load";
import { RULES } from "../guard/rules";
import { policyDigests } from "../guard/policy/digest";
import { loadPolicySet, loweredSeverities } from "../guard/policy/load";
import { SEVERITIES, type Severity } from "../guard/policy/types";
import { FORMATS, REPORTERS, type Format } from "../guard/report/check";
import { acceptBaseline, writeBaseline } from "./private/baseline";
import { invokedAs } from "./private/program";
import { sayWaiverNotes } from "./private/waiver-notes";
import { existingPaths, exitCodeFor, oneOf, parseCommandLine, reportTargets, single, UsageError, type ReportTarget } from "./private/args";
import { initPolicy } from "./private/write-policy-drafts";
import { besideRoutes, defaultPolicies, noPolicyNote, rulesWithoutPolicy, unlistedApis } from "./private/no-policy";
import { ownProjectRoot, sourceBuilds } from "./private/source-bundles";
import { VERSION } from "./private/version";
import { writeReports } from "./private/write";

export interface CheckArgs {
  readonly input: string;
  /**
   * Policy files or directories; several are merged into one set. @default ["policies"], or none when it holds no
   * policy file: the first run, which checks every control but not intent (cli/private/no-policy.ts)
   */
  readonly policies: readonly string[];
  readonly format: Format;
  /** Files to write the report to (`--output` in `format`, then each `--report`). */
  readonly reports: readonly ReportTarget<Format>[];
  /** What stdout gets: `format`, or the table when `--output` took `format` to a file. */
  readonly stdout: Format;
  readonly failOn: Severity;
  /** The day date-bound rules judge at (lambda-runtime-supported). @default - today (UTC) */
  readonly asOf?: string;
  /** Draft one policy file per API into this directory instead of checking (cli/private/write-policy-drafts.ts). */
  readonly initPolicy?: string;
  /** Findings accepted for now, each with reason, owner and expiry (guard/baseline). @default - none */
  readonly baseline?: string;
  /** Draft a baseline of the findings that fail this run into this file instead of reporting. */
  readonly writeBaseline?: string;
}

export { UsageError } from "./private/args";

/** The usage lines, naming the command as `program` (cli/private/program.ts). */
export const usage = (program: string): string =>
  `usage: ${program} <cdk.tf.json | plan.json | cdktf.out> [--policy <file|dir>]... [--format ` +
  `${FORMATS.join("|")}] [--output <file>] [--report <format>=<file>]... [--fail-on ${SEVERITIES.join("|")}] [--as-of YYYY-MM-DD]\n` +
  `         [--baseline <file>] [--write-baseline <file>]   (accepted findings: docs/use-in-your-repo.md)\n` +
  `       ${program} <cdk.tf.json | plan.json | cdktf.out> --init-policy <dir>   (draft one policy file per API)\n` +
  `       ${program} --version`;

const OPTIONS = {
  policy: { type: "string", multiple: true },
  format: { type: "string", multiple: true },
  output: { type: "string", multiple: true },
  report: { type: "string", multiple: true },
  "fail-on": { type: "string", multiple: true },
  "as-of": { type: "string", multiple: true },
  "init-policy": { type: "string", multiple: true },
  baseline: { type: "string", multiple: true },
  "write-baseline": { type: "string", multiple: true },
} as const;

export function parseArgs(argv: readonly string[]): CheckArgs {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, true);
  if (positionals.length === 0) throw new UsageError("missing input (cdk.tf.json, plan JSON or a cdktf.out directory)");
  if (positionals.length > 1) throw new UsageError(`one input only (got ${positionals.map((p) => `"${p}"`).join(" and ")})`);
  const output = single("output", values.output);
  const initPolicy = single("init-policy", values["init-policy"]);
  if (initPolicy !== undefined) {
    const other = (["policy", "format", "output", "report", "fail-on", "as-of", "baseline", "write-baseline"] as const).filter((k) => values[k] !== undefined);
    if (other.length > 0) throw new UsageError(`--init-policy drafts policies and checks nothing: it takes no ${other.map((k) => `--${k}`).join(", ")}`);
    return { input: positionals[0] as string, policies: [], format: "table", reports: [], stdout: "table", failOn: "low", initPolicy };
  }
  const format = oneOf("format", single("format", values.format), FORMATS, "table");
  const asOf = single("as-of", values["as-of"]);
  if (asOf !== undefined && !isDay(asOf)) throw new UsageError(`--as-of takes a day as YYYY-MM-DD (got "${asOf}")`);
  const baseline = single("baseline", values.baseline);
  const writeBaseline = single("write-baseline", values["write-baseline"]);
  if (writeBaseline !== undefined) {
    const other = (["format", "output", "report"] as const).filter((k) => values[k] !== undefined);
    if (other.length > 0) throw new UsageError(`--write-baseline drafts a baseline and reports nothing: it takes no ${other.map((k) => `--${k}`).join(", ")}`);
    if (writeBaseline === baseline) throw new UsageError(`--write-baseline would replace the --baseline it reads ("${baseline}"): draft into another file`);
  }
  return {
    input: positionals[0] as string,
    policies: values.policy === undefined ? defaultPolicies() : existingPaths("policy", values.policy),
    format,
    reports: reportTargets(values.report, FORMATS, output === undefined ? undefined : { format, file: output }),
    stdout: output === undefined ? format : "table",
    failOn: oneOf("fail-on", single("fail-on", values["fail-on"]), SEVERITIES, "low"),
    ...(asOf !== undefined ? { asOf } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    ...(writeBaseline !== undefined ? { writeBaseline } : {}),
  };
}

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** The command as the user typed it, for the usage line. @default - the npm script, `npm run check --` */
  readonly program?: string;
}

const processIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** Runs the check; returns the exit code. */
export function main(argv: readonly string[], io: Io = processIo): number {
  if (argv.length === 1 && argv[0] === "--version") {
    io.out(`${VERSION}\n`);
    return 0;
  }
  try {
    const args = parseArgs(argv);
    if (args.initPolicy !== undefined) return initPolicy(args.input, args.initPolicy, io);
    const policies = loadPolicySet(args.policies, RULES);
    const baseline =
      args.baseline === undefined
        ? undefined
        : loadBaseline(
            args.baseline,
            RULES.map((r) => r.id),
          );
    // Date-bound rules judge at one day, read from the clock here and nowhere else.
    const loaded = { ...loadModel(args.input), asOf: args.asOf ?? dayOf(new Date()) };
    // This project's own cdktf.out: its packages must be what its source builds (rule bundle-matches-source).
    const root = loaded.bundles !== undefined ? ownProjectRoot(args.input, process.cwd()) : undefined;
    const model = root === undefined ? loaded : { ...loaded, sourceBuilds: sourceBuilds(root) };
    for (const n of model.notes ?? []) io.err(`check: note: ${n}\n`);
    const noPolicy = args.policies.length === 0;
    const result = runRules(model, policies, noPolicy ? rulesWithoutPolicy(RULES) : RULES);
    if (noPolicy) io.err(noPolicyNote(args.input, result.findings, unlistedApis(model), besideRoutes(model)));
    sayWaiverNotes(result.waiverNotes, io.err);
    const accepted = baseline === undefined ? undefined : acceptBaseline(baseline, result.findings, loaded.asOf, io);
    const findings = accepted?.findings ?? result.findings;
    if (args.writeBaseline !== undefined) return writeBaseline(args.writeBaseline, failing(findings, args.failOn), args.input, loaded.asOf, io);
    const report = {
      findings,
      rules: result.rules,
      failOn: args.failOn,
      input: args.input,
      lowered: loweredSeverities(policies, RULES),
      coverage: coverageOf(model, policies),
      subjects: result.subjects,
      policyFiles: policyDigests(policies),
      ...(accepted !== undefined ? { baseline: accepted.outcome } : {}),
    };
    const render = (format: Format): string => REPORTERS[format](report);
    writeReports(args.reports, render);
    io.out(render(args.stdout));
    return failing(findings, args.failOn).length > 0 ? 1 : 0;
  } catch (e) {
    return exitCodeFor("check", usage(io.program ?? invokedAs("check", false)), e, io.err, io.out);
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
