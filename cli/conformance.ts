// `npm run conformance -- --url <stage or CloudFront URL> [options]`: calls every route of the deployed API with each
// credential class it can obtain and compares each answer with what the access spec and the policy say.
// Exit 0: every answer matched; 1: an answer reached a caller they exclude, refused one they admit, or (by default)
// could not be judged for want of an answer (--fail-on); 2: bad input. docs/conformance.md says the rest.
import { planRoutes } from "../guard/conformance/call-plan";
import { failures } from "../guard/conformance/judge";
import { FAILING_VERDICTS, type ConformanceReport, type Entry, type FailingVerdict } from "../guard/conformance/types";
import { intendedEntry, lookupPolicy } from "../guard/access/lookups";
import { loadPolicySet } from "../guard/policy/load";
import { RULES } from "../guard/rules";
import { CONFORMANCE_REPORTERS } from "../guard/report/conformance";
import { CONFORMANCE_FORMATS, type ConformanceFormat } from "../guard/report/formats";
import { InputError } from "../guard/load/errors";
import { selectSpecs } from "../access-spec/select";
import type { AccessSpec } from "../access-spec/types";
import { exitCodeFor, oneOf, parseCommandLine, single, UsageError } from "./private/args";
import { runConformance, type MachineClient } from "./private/conformance/run";
import type { Obtained } from "./private/conformance/tokens";
import { writeReports } from "./private/write";

export const USAGE =
  "usage: conformance --url <stage or CloudFront URL> [--spec <file>] [--stack <name>] [--policy <file|dir>]...\n" +
  "         [--entry stage|cloudfront] [--include-unsafe] [--rate <requests/s>] [--concurrency <n>] [--timeout-ms <ms>]\n" +
  "         [--client-name <name>] [--client-id <id>] [--token-url <url>] [--role-arn <arn>]\n" +
  `         [--format ${CONFORMANCE_FORMATS.filter((f) => f !== "junit").join("|")}] [--output <file>] [--junit <file>] [--fail-on ${FAILING_VERDICTS.join("|")}]\n` +
  "  secrets come from the environment: CONFORMANCE_CLIENT_SECRET, CONFORMANCE_ID_TOKEN, CONFORMANCE_ACCESS_TOKEN,\n" +
  "  CONFORMANCE_API_KEY, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN; CONFORMANCE_CLIENT_ID and\n" +
  "  CONFORMANCE_CLIENT_IDS (JSON name -> app client id, `terraform output -json client_ids`) name the clients";

const OPTIONS = {
  url: { type: "string", multiple: true },
  spec: { type: "string", multiple: true },
  stack: { type: "string", multiple: true },
  policy: { type: "string", multiple: true },
  entry: { type: "string", multiple: true },
  "include-unsafe": { type: "boolean" },
  rate: { type: "string", multiple: true },
  concurrency: { type: "string", multiple: true },
  "timeout-ms": { type: "string", multiple: true },
  "client-name": { type: "string", multiple: true },
  "client-id": { type: "string", multiple: true },
  "token-url": { type: "string", multiple: true },
  "role-arn": { type: "string", multiple: true },
  format: { type: "string", multiple: true },
  output: { type: "string", multiple: true },
  junit: { type: "string", multiple: true },
  "fail-on": { type: "string", multiple: true },
} as const;

type Env = Readonly<Record<string, string | undefined>>;

export interface ConformanceArgs {
  readonly url: URL;
  readonly spec?: string;
  readonly stack?: string;
  readonly policies: readonly string[];
  readonly entry?: Entry;
  readonly includeUnsafe: boolean;
  readonly rate: number;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly clientName?: string;
  readonly clientId?: string;
  readonly tokenUrl?: URL;
  readonly roleArn?: string;
  readonly format: Exclude<ConformanceFormat, "junit">;
  readonly output?: string;
  readonly junit?: string;
  readonly failOn: FailingVerdict;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** An https URL (http only on loopback: tokens and keys never go out in clear text). */
function urlOption(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--${name} is not a URL (got "${value}")`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) {
    throw new UsageError(`--${name} must be https (http only on a loopback address), got "${value}"`);
  }
  if (url.search !== "" || url.hash !== "") throw new UsageError(`--${name} takes no query or fragment (got "${value}")`);
  return url;
}

function numberOption(name: string, value: string | undefined, fallback: number, min: number, max: number, integer: boolean): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? "a whole number" : "a number"} from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

export function parseArgs(argv: readonly string[]): ConformanceArgs {
  const { values } = parseCommandLine(argv, OPTIONS);
  const url = single("url", values.url);
  if (url === undefined) throw new UsageError("missing --url (the stage's invoke URL or the CloudFront URL)");
  const tokenUrl = single("token-url", values["token-url"]);
  const entry = single("entry", values.entry);
  return {
    url: urlOption("url", url),
    spec: single("spec", values.spec),
    stack: single("stack", values.stack),
    policies: values.policy ?? ["policies"],
    entry: entry === undefined ? undefined : oneOf("entry", entry, ["stage", "cloudfront"] as const, "stage"),
    includeUnsafe: values["include-unsafe"] === true,
    rate: numberOption("rate", single("rate", values.rate), 5, 0.1, 100, false),
    concurrency: numberOption("concurrency", single("concurrency", values.concurrency), 4, 1, 32, true),
    timeoutMs: numberOption("timeout-ms", single("timeout-ms", values["timeout-ms"]), 10000, 100, 60000, true),
    clientName: single("client-name", values["client-name"]),
    clientId: single("client-id", values["client-id"]),
    tokenUrl: tokenUrl === undefined ? undefined : urlOption("token-url", tokenUrl),
    roleArn: single("role-arn", values["role-arn"]),
    format: oneOf("format", single("format", values.format), ["table", "json"] as const, "table"),
    output: single("output", values.output),
    junit: single("junit", values.junit),
    failOn: oneOf("fail-on", single("fail-on", values["fail-on"]), FAILING_VERDICTS, "inconclusive"),
  };
}

/** The one stack the URL serves: `--stack`, or the only one the spec list builds. */
function chooseSpec(args: ConformanceArgs, env: Env): AccessSpec {
  const selection = selectSpecs(args.spec === undefined ? env : { ...env, ACCESS_SPEC: args.spec });
  if (selection.problems.length > 0) throw new InputError(selection.source.from, selection.problems.join("\n"));
  const names = selection.stacks.map((s) => s.stackName);
  if (args.stack === undefined) {
    if (selection.stacks.length === 1) return selection.stacks[0].spec;
    throw new UsageError(`the specs build ${names.length} stacks (${names.join(", ")}): say which one the URL serves with --stack`);
  }
  const chosen = selection.stacks.find((s) => s.stackName === args.stack);
  if (chosen === undefined) throw new UsageError(`--stack "${args.stack}" is none of ${names.join(", ")}`);
  return chosen.spec;
}

/** `{"web": "id", ...}` from CONFORMANCE_CLIENT_IDS (as `terraform output -json client_ids` prints it). */
function clientIdsOf(env: Env): Record<string, string> {
  const text = env.CONFORMANCE_CLIENT_IDS;
  if (text === undefined || text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError("CONFORMANCE_CLIENT_IDS is not JSON (expected an object of client name -> app client id)");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === "string")) {
    throw new UsageError("CONFORMANCE_CLIENT_IDS must be a JSON object of client name -> app client id");
  }
  return parsed as Record<string, string>;
}

function machineClient(spec: AccessSpec, args: ConformanceArgs, env: Env, ids: Record<string, string>): Obtained<MachineClient> {
  const machines = spec.cognito.clients.filter((c) => c.kind === "machine");
  let chosen;
  if (args.clientName !== undefined) {
    chosen = machines.find((c) => c.name === args.clientName);
    if (chosen === undefined)
      throw new UsageError(`--client-name "${args.clientName}" is no machine client of the spec (${machines.map((c) => c.name).join(", ") || "it has none"})`);
  } else if (machines.length === 1) chosen = machines[0];
  else
    return {
      ok: false,
      why: machines.length === 0 ? "the spec has no machine client" : `the spec has ${machines.length} machine clients: say which with --client-name`,
    };
  const clientId = args.clientId ?? (env.CONFORMANCE_CLIENT_ID || undefined) ?? ids[chosen.name];
  if (clientId === undefined) return { ok: false, why: `no app client id for ${chosen.name} (--client-id, CONFORMANCE_CLIENT_ID or CONFORMANCE_CLIENT_IDS)` };
  const secret = env.CONFORMANCE_CLIENT_SECRET;
  if (secret === undefined || secret === "") return { ok: false, why: `no client secret for ${chosen.name} (CONFORMANCE_CLIENT_SECRET)` };
  const prefix = spec.cognito.domainPrefix;
  const tokenUrl = args.tokenUrl ?? (prefix === undefined ? undefined : new URL(`https://${prefix}.auth.${spec.region}.amazoncognito.com/oauth2/token`));
  if (tokenUrl === undefined) return { ok: false, why: "the pool has no domain in the spec and no --token-url was given" };
  return { ok: true, value: { spec: chosen, clientId, secret, tokenUrl } };
}

const fromEnv = (env: Env, name: string): Obtained<string> => {
  const v = env[name];
  return v !== undefined && v !== "" ? { ok: true, value: v } : { ok: false, why: `${name} is not set` };
};

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

const processIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export async function main(argv: readonly string[], io: Io = processIo, env: Env = process.env): Promise<number> {
  try {
    const args = parseArgs(argv);
    const spec = chooseSpec(args, env);
    const stack = `${spec.name}-${spec.environment}`;
    const entry: Entry = args.entry ?? (args.url.hostname.endsWith(".cloudfront.net") ? "cloudfront" : "stage");
    if (entry === "cloudfront" && spec.edge === undefined)
      throw new UsageError(`--entry cloudfront: stack ${stack} has no CloudFront (its spec has no edge section)`);
    const policies = loadPolicySet(args.policies, RULES);
    const lookup = lookupPolicy(policies, stack);
    if (lookup.kind === "many")
      throw new InputError(
        args.policies.join(", "),
        `${lookup.files.length} policies match API ${stack} (${lookup.files.join(", ")}): give the one that judges it with --policy`,
      );
    const notes: string[] = [];
    if (lookup.kind !== "one") notes.push(`no policy matches API ${stack} in ${args.policies.join(", ")}: the spec alone judges`);
    const ids = clientIdsOf(env);
    const machine = machineClient(spec, args, env, ids);
    const clientNames = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
    if (machine.ok) clientNames.set(machine.value.clientId, machine.value.spec.name);
    const { results, notes: runNotes } = await runConformance({
      spec,
      url: args.url,
      entry,
      routes: planRoutes(spec.routes, args.includeUnsafe),
      intended: lookup.kind === "one" ? (key, planned) => intendedEntry(lookup.effective, key, planned.route) : undefined,
      machine,
      clientNames,
      idToken: fromEnv(env, "CONFORMANCE_ID_TOKEN"),
      accessToken: fromEnv(env, "CONFORMANCE_ACCESS_TOKEN"),
      apiKey: fromEnv(env, "CONFORMANCE_API_KEY"),
      roleArn: args.roleArn,
      env,
      ratePerSecond: args.rate,
      concurrency: args.concurrency,
      timeoutMs: args.timeoutMs,
      nowSeconds: () => Math.floor(Date.now() / 1000),
    });
    const report: ConformanceReport = {
      url: args.url.href,
      stack,
      entry,
      judgedBy: lookup.kind === "one" ? `the spec and ${lookup.effective.policy.file}` : "the spec alone",
      results,
      failOn: args.failOn,
      notes: [...notes, ...runNotes],
    };
    const render = (format: ConformanceFormat): string => CONFORMANCE_REPORTERS[format](report);
    writeReports(
      [
        ...(args.output !== undefined ? [{ format: args.format, file: args.output }] : []),
        ...(args.junit !== undefined ? [{ format: "junit" as const, file: args.junit }] : []),
      ],
      render,
    );
    io.out(render(args.output === undefined ? args.format : "table"));
    return failures(results, args.failOn).length > 0 ? 1 : 0;
  } catch (e) {
    return exitCodeFor("conformance", USAGE, e, io.err, io.out);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
