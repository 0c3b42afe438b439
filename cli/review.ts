// `npm run review`: the authorization review of a change, for people (Markdown, a PR comment) and machines (JSON).
//   npm run review -- --base <plan.json|cdk.tf.json|cdktf.out> --head <same kinds>
//   npm run review -- --plan <plan.json>            (before vs after of one plan)
//   [--policy <file|dir>]... [--format markdown|json|text] [--output <file>] [--report <format>=<file>]...
//   [--acknowledge <digest>]...
//   [--changed-files <file>]
// Exit codes: 0 no unacknowledged blocking change, 1 a blocking downgrade not acknowledged, 2 bad input.
import { readFileSync, statSync } from "node:fs";
import { runRules } from "../guard/engine";
import { dayOf } from "../kernel/io/day";
import { InputError, loadModel } from "../guard/load";
import type { Model } from "../guard/model";
import { loadPolicySet, loweredSeverities } from "../guard/policy/load";
import { RULES } from "../guard/rules";
import { deciderPatterns, grantIntendedBy, publicRouteAllowedBy } from "../guard/policy/intended";
import { SEVERITIES, type Severity } from "../guard/policy/types";
import { DIGEST_PATTERN } from "../guard/review/acknowledge";
import { DEFAULT_REVIEW_FAIL_ON } from "../guard/review/regressed";
import { diffModels } from "../guard/review/diff";
import { REVIEW_FORMATS, REVIEW_RENDERERS, type ReviewFormat } from "../guard/report/review";
import { loadRouteTables } from "../guard/review/route-tables";
import type { ReviewFinding } from "../guard/review/types";
import { exitCodeFor, oneOf, parseCommandLine, reportTargets, single, UsageError, type ReportTarget } from "./private/args";
import { invokedAs } from "./private/program";
import { writeFileAtomically, writeReports } from "./private/write";

export { UsageError } from "./private/args";

/** The usage line, naming the command as `program` (cli/private/program.ts). */
export const usage = (program: string): string =>
  `usage: ${program} (--base <plan.json|cdk.tf.json|cdktf.out> --head <same> | --plan <plan.json>) ` +
  "[--policy <file|dir>]... [--format markdown|json|text] [--output <file>] [--report <format>=<file>]... [--acknowledge <digest>]... [--changed-files <file>] [--fail-on critical|high|medium|low|info]";

export interface ReviewArgs {
  readonly base?: string;
  readonly head?: string;
  readonly plan?: string;
  /** Policy files or directories; several are merged into one set. */
  readonly policies: readonly string[];
  readonly format: ReviewFormat;
  /** Files to write the report to (`--output` in `format`, then each `--report`). */
  readonly reports: readonly ReportTarget<ReviewFormat>[];
  /** What stdout gets: `format`, or the terminal rendering when `--output` took `format` to a file. */
  readonly stdout: ReviewFormat;
  /** Digests of acknowledged blocking-change sets (the PR label `authz-ack:<digest>`). */
  readonly acknowledge: readonly string[];
  readonly changedFiles?: string;
  /** Check findings on the head at or above this severity that the base does not have block. @default "high" */
  readonly failOn: Severity;
}

const OPTIONS = {
  base: { type: "string", multiple: true },
  head: { type: "string", multiple: true },
  plan: { type: "string", multiple: true },
  policy: { type: "string", multiple: true },
  format: { type: "string", multiple: true },
  output: { type: "string", multiple: true },
  report: { type: "string", multiple: true },
  acknowledge: { type: "string", multiple: true },
  "changed-files": { type: "string", multiple: true },
  "fail-on": { type: "string", multiple: true },
} as const;

/** @param defaultFormat without --format: `text` for a terminal, `markdown` when piped (a PR comment). */
export function parseArgs(argv: readonly string[], defaultFormat: "markdown" | "text" = "markdown"): ReviewArgs {
  const { values } = parseCommandLine(argv, OPTIONS);
  const base = single("base", values.base);
  const head = single("head", values.head);
  const plan = single("plan", values.plan);
  const format = oneOf("format", single("format", values.format), REVIEW_FORMATS, defaultFormat);
  if (plan !== undefined && (base !== undefined || head !== undefined)) throw new UsageError("give either --plan, or --base and --head, not both");
  if (plan === undefined && (base === undefined || head === undefined)) {
    throw new UsageError(
      base === undefined && head === undefined ? "nothing to review: give --base and --head, or --plan" : `missing ${base === undefined ? "--base" : "--head"}`,
    );
  }
  const acknowledge = values.acknowledge ?? [];
  for (const d of acknowledge) {
    if (!DIGEST_PATTERN.test(d))
      throw new UsageError(`--acknowledge takes the digest of the blocking changes it accepts (16 hex characters, shown in the report), got "${d}"`);
  }
  const output = single("output", values.output);
  const changedFiles = single("changed-files", values["changed-files"]);
  const failOn = oneOf("fail-on", single("fail-on", values["fail-on"]), SEVERITIES, DEFAULT_REVIEW_FAIL_ON);
  return {
    ...(base !== undefined ? { base } : {}),
    ...(head !== undefined ? { head } : {}),
    ...(plan !== undefined ? { plan } : {}),
    policies: values.policy ?? [],
    format,
    reports: reportTargets(values.report, REVIEW_FORMATS, output === undefined ? undefined : { format, file: output }),
    stdout: output === undefined ? format : "text",
    acknowledge,
    ...(changedFiles !== undefined ? { changedFiles } : {}),
    failOn,
  };
}

const KIND: Readonly<Record<Model["format"], string>> = { cdktf: "configuration", plan: "plan", mixed: "plan and configuration" };

/**
 * Base and head of the same kind: a plan's values are resolved while a configuration's are references, so the two
 * kinds differ everywhere without any change. Two cdktf.out directories of different kinds (a head planned, a base
 * only synthesized) are both read through their cdk.tf.json; anything else of two kinds is refused.
 */
function loadComparable(basePath: string, headPath: string): { base: Model; head: Model; notes?: string[] } {
  const base = loadModel(basePath, { side: "after" });
  const head = loadModel(headPath, { side: "after" });
  if (base.format === head.format) return { base, head };
  const bothDirs = [basePath, headPath].every((p) => statSync(p).isDirectory());
  if (bothDirs) {
    const b = loadModel(basePath, { side: "after", prefer: "config" });
    const h = loadModel(headPath, { side: "after", prefer: "config" });
    if (b.format === h.format) return { base: b, head: h };
  }
  throw new InputError(
    headPath,
    `is a ${KIND[head.format]} but the base ${basePath} is a ${KIND[base.format]}: compare two of the same kind ` +
      "(two plans, two cdk.tf.json, or two cdktf.out directories, which are compared through their cdk.tf.json when only one side has plans)",
  );
}

/** The changed-files list: one repository path a line; blank lines ignored. */
function readChangedFiles(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(file, `cannot read the changed-files list: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly writeFile: (file: string, text: string) => void;
  /** stdout is a terminal: the default format is `text`. @default false */
  readonly isTTY?: boolean;
  /** The command as the user typed it, for the usage line. @default - the npm script, `npm run review --` */
  readonly program?: string;
}

const defaultIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  writeFile: (f, t) => writeFileAtomically(f, t),
  isTTY: process.stdout.isTTY === true,
};

/** Runs the review; returns the exit code (never throws for bad input). */
export function main(argv: readonly string[], io: Io = defaultIo): number {
  try {
    const args = parseArgs(argv, io.isTTY === true ? "text" : "markdown");
    let base: Model;
    let head: Model;
    if (args.plan !== undefined) {
      base = loadModel(args.plan, { side: "before" });
      head = loadModel(args.plan, { side: "after" });
      if (head.format !== "plan") throw new InputError(args.plan, "--plan needs `terraform show -json` plan output (this is a configuration)");
    } else {
      ({ base, head } = loadComparable(args.base as string, args.head as string));
    }
    const policies = args.policies.length === 0 ? undefined : loadPolicySet(args.policies, RULES);
    const changedFiles = args.changedFiles === undefined ? undefined : readChangedFiles(args.changedFiles);
    // The policy check on both sides with the same policies: the comment shows what the head still gets wrong, and a
    // finding the base did not have blocks (control-regressed). Date-bound rules (lambda-runtime-supported) judge
    // both at the day of the review, so a date alone never regresses anything.
    const asOf = dayOf(new Date());
    const check = (model: Model): ReviewFinding[] =>
      runRules({ ...model, asOf }, policies ?? { policies: [] }).findings.map((f) => ({
        ruleId: f.rule,
        severity: f.severity,
        message: f.message,
        address: f.address,
        ...(f.route !== undefined ? { route: f.route } : {}),
        ...(f.waived !== undefined ? { waived: f.waived.reason } : {}),
      }));
    const findings = check(head);
    const baseFindings = check(base);
    const report = diffModels(base, head, {
      mode: args.plan !== undefined ? "plan" : "diff",
      baseLabel: args.plan !== undefined ? `${args.plan} (plan, before)` : `${args.base as string} (${KIND[base.format]})`,
      headLabel: args.plan !== undefined ? `${args.plan} (plan, after)` : `${args.head as string} (${KIND[head.format]})`,
      acknowledge: args.acknowledge,
      findings,
      baseFindings,
      failOn: args.failOn,
      routeTables: { base: loadRouteTables(base), head: loadRouteTables(head) },
      ...(policies !== undefined
        ? {
            publicRouteAllowed: publicRouteAllowedBy(policies),
            grantIntended: grantIntendedBy(policies, head),
            loweredSeverities: loweredSeverities(policies, RULES),
            deciders: deciderPatterns(policies),
          }
        : {}),
      ...(changedFiles !== undefined ? { changedFiles } : {}),
    });
    const render = (format: ReviewFormat): string => REVIEW_RENDERERS[format](report);
    writeReports(args.reports, render, io.writeFile);
    io.stdout(render(args.stdout));
    return report.unacknowledgedBlocking > 0 ? 1 : 0;
  } catch (e) {
    return exitCodeFor("review", usage(io.program ?? invokedAs("review", false)), e, io.stderr, io.stdout);
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
