// `npm run review`: the authorization review of a change, for people (Markdown, a PR comment) and machines (JSON).
//   npm run review -- --base <plan.json|cdk.tf.json|cdktf.out> --head <same kinds>
//   npm run review -- --plan <plan.json>            (before vs after of one plan)
//   [--policy <file|dir>] [--format markdown|json] [--output <file>] [--acknowledge]
// Exit codes: 0 no unacknowledged blocking change, 1 a blocking downgrade not acknowledged, 2 bad input.
import { writeFileSync } from "node:fs";
import { runRules } from "../guard/engine";
import { InputError, loadModel } from "../guard/load";
import type { Model } from "../guard/model";
import { loadPolicies } from "../guard/policy/load";
import { effectivePolicy, policiesFor } from "../guard/policy/match";
import { PolicyError, type PolicySet } from "../guard/policy/types";
import { diffModels, type DiffOptions } from "../guard/review/diff";
import type { ReviewFinding } from "../guard/review/types";
import { renderJson, renderMarkdown } from "../guard/review/markdown";
import { loadRouteTables } from "../guard/review/route-tables";

export const USAGE =
  "usage: npm run review -- (--base <plan.json|cdk.tf.json|cdktf.out> --head <same> | --plan <plan.json>) " +
  "[--policy <file|dir>] [--format markdown|json] [--output <file>] [--acknowledge]";

export interface ReviewArgs {
  readonly base?: string;
  readonly head?: string;
  readonly plan?: string;
  readonly policy?: string;
  readonly format: "markdown" | "json";
  readonly output?: string;
  readonly acknowledge: boolean;
}

/** A command-line problem: exit 2 with this one-line reason. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function parseArgs(argv: readonly string[]): ReviewArgs {
  const values: Record<string, string> = {};
  let acknowledge = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name === "--acknowledge") {
      acknowledge = true;
      continue;
    }
    if (!["--base", "--head", "--plan", "--policy", "--format", "--output"].includes(name)) {
      throw new UsageError(`unknown argument "${arg}"`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) throw new UsageError(`${name} needs a value`);
    if (values[name] !== undefined) throw new UsageError(`${name} given twice ("${values[name]}", "${value}")`);
    values[name] = value;
  }
  const format = values["--format"] ?? "markdown";
  if (format !== "markdown" && format !== "json") throw new UsageError(`--format must be markdown or json, got "${format}"`);
  const base = values["--base"];
  const head = values["--head"];
  const plan = values["--plan"];
  if (plan !== undefined && (base !== undefined || head !== undefined)) throw new UsageError("give either --plan, or --base and --head, not both");
  if (plan === undefined && (base === undefined || head === undefined)) {
    throw new UsageError(base === undefined && head === undefined ? "nothing to review: give --base and --head, or --plan" : `missing ${base === undefined ? "--base" : "--head"}`);
  }
  return {
    ...(base !== undefined ? { base } : {}),
    ...(head !== undefined ? { head } : {}),
    ...(plan !== undefined ? { plan } : {}),
    ...(values["--policy"] !== undefined ? { policy: values["--policy"] } : {}),
    format,
    ...(values["--output"] !== undefined ? { output: values["--output"] } : {}),
    acknowledge,
  };
}

/**
 * New public routes pass only when a policy for the API names the route with exactly that public type (and
 * its written reason), or lists the path as an intended CORS preflight (OPTIONS).
 */
export function publicRouteAllowedBy(set: PolicySet): NonNullable<DiffOptions["publicRouteAllowed"]> {
  return (api, route, type) =>
    policiesFor(set, api).some((p) => {
      const effective = effectivePolicy(p, api);
      const intended = effective.routes[route];
      if (intended !== undefined) return intended.type === type && (intended.reason ?? "").trim() !== "";
      const [method, path] = route.split(" ");
      return method === "OPTIONS" && type === "NONE" && effective.corsPreflight.includes(path ?? "");
    });
}

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly writeFile: (file: string, text: string) => void;
}

const defaultIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  writeFile: (f, t) => writeFileSync(f, t),
};

/** Runs the review; returns the exit code (never throws for bad input). */
export function main(argv: readonly string[], io: Io = defaultIo): number {
  try {
    const args = parseArgs(argv);
    let base: Model;
    let head: Model;
    if (args.plan !== undefined) {
      base = loadModel(args.plan, { side: "before" });
      head = loadModel(args.plan, { side: "after" });
      if (head.format !== "plan") throw new InputError(args.plan, "--plan needs `terraform show -json` plan output (this is a configuration)");
    } else {
      base = loadModel(args.base as string, { side: "after" });
      head = loadModel(args.head as string, { side: "after" });
    }
    const policies = args.policy === undefined ? undefined : loadPolicies(args.policy);
    // The policy check on the head, so the comment shows what the head still gets wrong, not only what changed.
    const findings: ReviewFinding[] = runRules(head, policies ?? { policies: [] }).findings.map((f) => ({
      ruleId: f.rule,
      severity: f.severity,
      message: f.message,
      address: f.address,
      ...(f.route !== undefined ? { route: f.route } : {}),
      ...(f.waived !== undefined ? { waived: f.waived.reason } : {}),
    }));
    const report = diffModels(base, head, {
      mode: args.plan !== undefined ? "plan" : "diff",
      baseLabel: args.plan !== undefined ? `${args.plan} (before)` : (args.base as string),
      headLabel: args.plan !== undefined ? `${args.plan} (after)` : (args.head as string),
      acknowledge: args.acknowledge,
      findings,
      routeTables: { base: loadRouteTables(base), head: loadRouteTables(head) },
      ...(policies !== undefined ? { publicRouteAllowed: publicRouteAllowedBy(policies) } : {}),
    });
    const text = args.format === "json" ? renderJson(report) : renderMarkdown(report);
    if (args.output !== undefined) {
      io.writeFile(args.output, text);
      io.stderr(`review: ${report.blocking} blocking (${report.acknowledged ? "acknowledged" : `${report.unacknowledgedBlocking} unacknowledged`}), ${report.routes.length} routes; wrote ${args.output}\n`);
    } else io.stdout(text);
    return report.unacknowledgedBlocking > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`review: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      io.stderr(`review: ${e.message}\n`);
      return 2;
    }
    if (e instanceof PolicyError) {
      for (const p of e.problems) io.stderr(`review: ${p.file}: ${p.path === "" ? "" : `${p.path}: `}${p.message} (got ${JSON.stringify(p.value)})\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code === "string" && typeof err.path === "string") {
      io.stderr(`review: ${err.path}: cannot write: ${err.code}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
