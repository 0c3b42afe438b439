// The installable command (`api-access-check check plan.json`, `api-access-check review ...`, `api-access-check
// audit ...`): a subcommand in front of cli/check.ts, cli/review.ts or cli/audit.ts, nothing else, so `npm run
// check`/`npm run review`/`npm run audit` and the installed command are the same. Bundled by scripts/build-bin.mjs: the check into check.js; the audit (with the AWS SDK) into audit.js, which
// the dynamic import below loads only when `audit` runs, so the check never pays for the SDK at start-up.
import { SEVERITIES } from "../guard/policy/types";
import { main as check, type Io } from "./check";
import { AUDIT_FORMATS } from "../guard/report/formats";
import { BIN, invokedAs } from "./private/program";
import { VERSION } from "./private/version";
import { writeFileAtomically } from "./private/write";

export { BIN } from "./private/program";

export const BIN_USAGE = [
  `usage: ${BIN} check <cdk.tf.json | plan.json | cdktf.out> [--policy <file|dir>]... [--format table|json|junit|sarif|markdown]`,
  "         [--output <file>] [--report <format>=<file>]... [--fail-on critical|high|medium|low|info] [--as-of YYYY-MM-DD]",
  "         [--baseline <file>]   accepted findings, each with reason, owner and expiry",
  `       ${BIN} check <input> --init-policy <dir>   draft one policy file per API from the input`,
  `       ${BIN} check <input> [--policy ...] --write-baseline <file>   draft a baseline of the findings that fail`,
  `       ${BIN} review --base <plan.json | cdk.tf.json | cdktf.out> --head <same> [--policy <file|dir>]... [--format markdown|json|text]`,
  "         [--output <file>] [--report <format>=<file>]... [--acknowledge <digest>]... [--changed-files <file>] [--fail-on critical|high|medium|low|info]",
  `       ${BIN} review --plan <plan.json> [...]   the authorization diff of one plan's before and after (see docs/review.md)`,
  `       ${BIN} audit --region <region>... [--assume-role-arn <arn>]... [--policy <file|dir>]... [--plan <cdktf.out | plan.json>]`,
  `         [--format ${AUDIT_FORMATS.join("|")}] [--output <file>] [--report <format>=<file>]... [--fail-on ${SEVERITIES.join("|")}]`,
  "         [--as-of YYYY-MM-DD] [--concurrency N]   read-only audit of a live account with the AWS SDK's credentials",
  `       ${BIN} audit --print-iam-policy [--assume-role-arn <arn>]...   the read-only IAM policy the audit needs`,
  `       ${BIN} --version`,
  "exit 0: no finding (review: no unacknowledged blocking change) at or above --fail-on; 1: one is; 2: bad usage, input, policy or baseline (audit: or nothing could be read)",
].join("\n");

const processIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** check.js copied without audit.js or review.js beside it: one line and exit 2, never a stack trace. */
function bundleMissing(what: "audit" | "review", e: unknown, io: Io): number {
  if ((e as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND") throw e;
  io.err(`${BIN}: the ${what}'s bundle (${what}.js, beside check.js) is missing: reinstall the ${BIN} package\n`);
  return 2;
}

/**
 * Dispatches the subcommand; returns the exit code (a promise of it for `audit`, which reads the account over the
 * network, and `review`). scripts/build-bin.mjs turns the imports of "./audit" and "./review" into ones of the
 * audit.js and review.js beside check.js: the check's start-up parses neither.
 */
export function binMain(argv: readonly string[], io: Io = processIo): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === "check") return check(rest, { ...io, program: invokedAs("check", true) });
  if (command === "review")
    return import("./review").then(
      (review) =>
        review.main(rest, {
          stdout: io.out,
          stderr: io.err,
          writeFile: writeFileAtomically,
          isTTY: io === processIo && process.stdout.isTTY === true,
          program: invokedAs("review", true),
        }),
      (e: unknown) => bundleMissing("review", e, io),
    );
  if (command === "audit")
    return import("./audit").then(
      (audit) => audit.main(rest, { ...io, program: invokedAs("audit", true) }),
      (e: unknown) => bundleMissing("audit", e, io),
    );
  if (command === "--help" || command === "-h" || command === "help") {
    io.out(`${BIN_USAGE}\n`);
    return 0;
  }
  if (command === "--version") {
    io.out(`${VERSION}\n`);
    return 0;
  }
  io.err(
    `${BIN}: ${command === undefined ? "missing subcommand" : `unknown subcommand "${command}"`} (the subcommands are "check", "review" and "audit")\n${BIN_USAGE}\n`,
  );
  return 2;
}

if (require.main === module) void Promise.resolve(binMain(process.argv.slice(2))).then((code) => (process.exitCode = code));
