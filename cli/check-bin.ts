// The installable command (`api-access-check check plan.json`): a subcommand in front of cli/check.ts, nothing
// else, so `npm run check` and the bundled command are the same check. Bundled by scripts/build-bin.mjs.
import { main as check, type Io } from "./check";
import { VERSION } from "./private/version";

export const BIN = "api-access-check";

export const BIN_USAGE = [
  `usage: ${BIN} check <cdk.tf.json | plan.json | cdktf.out> [--policy <file|dir>]... [--format table|json|junit|sarif|markdown]`,
  "         [--output <file>] [--report <format>=<file>]... [--fail-on critical|high|medium|low|info] [--as-of YYYY-MM-DD]",
  "         [--baseline <file>]   accepted findings, each with reason, owner and expiry",
  `       ${BIN} check <input> --init-policy <dir>   draft one policy file per API from the input`,
  `       ${BIN} check <input> [--policy ...] --write-baseline <file>   draft a baseline of the findings that fail`,
  `       ${BIN} --version`,
  "exit 0: no finding at or above --fail-on; 1: one is; 2: bad usage, input, policy or baseline",
].join("\n");

const processIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** Dispatches the subcommand; returns the exit code. */
export function binMain(argv: readonly string[], io: Io = processIo): number {
  const [command, ...rest] = argv;
  if (command === "check") return check(rest, io);
  if (command === "--help" || command === "-h" || command === "help") {
    io.out(`${BIN_USAGE}\n`);
    return 0;
  }
  if (command === "--version") {
    io.out(`${VERSION}\n`);
    return 0;
  }
  io.err(`${BIN}: ${command === undefined ? "missing subcommand" : `unknown subcommand "${command}"`} (the one subcommand is "check")\n${BIN_USAGE}\n`);
  return 2;
}

if (require.main === module) process.exitCode = binMain(process.argv.slice(2));
