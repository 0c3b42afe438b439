// `npm run audit -- --region <region>... [--assume-role-arn <arn>]... [--policy <file|dir>]... [--plan <cdktf.out | plan.json>] [--format
//   table|json|junit|sarif|markdown|html|oscal] [--output <file>] [--report <format>=<file>]... [--fail-on <severity>]
//   [--as-of YYYY-MM-DD] [--concurrency N]` and `npm run audit -- --print-iam-policy`.
// Reads a live account read-only (cli/private/audit), judges it with the check's rules and policy files, compares
// it with the reviewed code when --plan is given (drift), and writes the evidence.
// Exit 0: no finding reaches --fail-on; 1: one does; 2: bad usage or input, or nothing could be read.
import { dayOf, isDay } from "../kernel/io/day";
import { SEVERITIES } from "../guard/policy/types";
import { exitCodeFor, oneOf, parseCommandLine, reportTargets, single, UsageError, type ReportTarget } from "./private/args";
import { AUDIT_FORMATS, type AuditFormat } from "../guard/report/formats";
import { auditIamPolicy } from "./private/audit/iam-policy";
import { accountOfRole } from "./private/audit/read";
import { NothingRead, runAudit, type AuditArgs } from "./private/audit/run";
import type { ClientFactory } from "./private/audit/clients";
import { defaultPolicies } from "./private/no-policy";
import { invokedAs } from "./private/program";
import { writeReports } from "./private/write";

/** The usage lines, naming the command as `program` (cli/private/program.ts). */
export const usage = (program: string): string =>
  `usage: ${program} --region <region>... [--assume-role-arn <arn>]... [--policy <file|dir>]... [--plan <cdktf.out | plan.json>] [--format ${AUDIT_FORMATS.join("|")}]\n` +
  `             [--output <file>] [--report <format>=<file>]... [--fail-on ${SEVERITIES.join("|")}] [--as-of YYYY-MM-DD] [--concurrency N]\n` +
  `       ${program} --print-iam-policy [--assume-role-arn <arn>]...   (the read-only IAM policy the audit needs)`;

const OPTIONS = {
  region: { type: "string", multiple: true },
  "assume-role-arn": { type: "string", multiple: true },
  policy: { type: "string", multiple: true },
  plan: { type: "string", multiple: true },
  format: { type: "string", multiple: true },
  output: { type: "string", multiple: true },
  report: { type: "string", multiple: true },
  "fail-on": { type: "string", multiple: true },
  "as-of": { type: "string", multiple: true },
  concurrency: { type: "string", multiple: true },
  "print-iam-policy": { type: "boolean" },
} as const;

export type ParsedAudit =
  | { readonly printIamPolicy: true; readonly assumeRoleArns: readonly string[] }
  | (AuditArgs & { readonly printIamPolicy: false; readonly reports: readonly ReportTarget<AuditFormat>[]; readonly stdout: AuditFormat });

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedAudit {
  const { values } = parseCommandLine(argv, OPTIONS);
  const assumeRoleArns = values["assume-role-arn"] ?? [];
  const badRole = assumeRoleArns.find((a) => accountOfRole(a) === undefined);
  if (badRole !== undefined) throw new UsageError(`--assume-role-arn takes an IAM role ARN such as arn:aws:iam::123456789012:role/audit (got "${badRole}")`);
  const twiceRole = assumeRoleArns.find((a, i) => assumeRoleArns.indexOf(a) !== i);
  if (twiceRole !== undefined) throw new UsageError(`--assume-role-arn "${twiceRole}" given twice`);
  if (values["print-iam-policy"] === true) {
    const other = Object.keys(values).filter((k) => k !== "print-iam-policy" && k !== "assume-role-arn");
    if (other.length > 0) throw new UsageError(`--print-iam-policy reads nothing: it takes no ${other.map((k) => `--${k}`).join(", ")}`);
    return { printIamPolicy: true, assumeRoleArns };
  }
  const fromEnv = env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"];
  const regions = values.region ?? (fromEnv !== undefined && fromEnv !== "" ? [fromEnv] : []);
  if (regions.length === 0) throw new UsageError("no region: give --region (repeatable) or set AWS_REGION");
  const bad = regions.find((r) => !/^[a-z]{2}(-[a-z]+)+-\d$/.test(r));
  if (bad !== undefined) throw new UsageError(`--region takes an AWS region name such as eu-west-1 (got "${bad}")`);
  const twice = regions.find((r, i) => regions.indexOf(r) !== i);
  if (twice !== undefined) throw new UsageError(`--region "${twice}" given twice`);
  const format = oneOf("format", single("format", values.format), AUDIT_FORMATS, "table");
  const output = single("output", values.output);
  const asOf = single("as-of", values["as-of"]);
  if (asOf !== undefined && !isDay(asOf)) throw new UsageError(`--as-of takes a day as YYYY-MM-DD (got "${asOf}")`);
  const concurrencyText = single("concurrency", values.concurrency);
  const concurrency = concurrencyText === undefined ? 8 : Number(concurrencyText);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError(`--concurrency takes a whole number from 1 to 64 (got "${concurrencyText}")`);
  const plan = single("plan", values.plan);
  return {
    printIamPolicy: false,
    regions,
    ...(assumeRoleArns.length > 0 ? { assumeRoleArns } : {}),
    policies: values.policy ?? defaultPolicies(),
    ...(plan !== undefined ? { plan } : {}),
    reports: reportTargets(values.report, AUDIT_FORMATS, output === undefined ? undefined : { format, file: output }),
    stdout: output === undefined ? format : "table",
    failOn: oneOf("fail-on", single("fail-on", values["fail-on"]), SEVERITIES, "low"),
    asOf: asOf ?? dayOf(new Date()),
    concurrency,
  };
}

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** The command as the user typed it, for the usage line. @default - the npm script, `npm run audit --` */
  readonly program?: string;
}

const processIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** Runs the audit; resolves to the exit code. `clients` replaces the SDK's clients (tests). */
export async function main(argv: readonly string[], io: Io = processIo, clients?: ClientFactory, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const args = parseArgs(argv, env);
    if (args.printIamPolicy) {
      io.out(`${JSON.stringify(auditIamPolicy(args.assumeRoleArns), null, 2)}\n`);
      return 0;
    }
    const run = await runAudit(args, clients, new Date());
    for (const n of run.notes) io.err(`audit: note: ${n}\n`);
    writeReports(args.reports, run.render);
    io.out(run.render(args.stdout));
    return run.failing > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof NothingRead) {
      io.err(`audit: nothing could be read, so nothing is verified:\n${e.reasons.map((r) => `  ${r}\n`).join("")}`);
      return 2;
    }
    return exitCodeFor("audit", usage(io.program ?? invokedAs("audit", false)), e, io.err, io.out);
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
