// One audit run, after the arguments: load the policies (a bad one is exit 2 before any request), read the account,
// build the deployed Model with the check's loader, run the check's rules (those the reads cannot support as "not
// verified"; with --plan, drift against the reviewed code too), and keep everything the reporters need.
import { createHash } from "node:crypto";
import { VERSION } from "../version";
import { intendedFor } from "../../../guard/access/lookups";
import { coverageOf } from "../../../guard/coverage";
import { failing, runRules } from "../../../guard/engine";
import { loadModel } from "../../../guard/load";
import { policyDigests } from "../../../guard/policy/digest";
import { loadPolicySet, loweredSeverities } from "../../../guard/policy/load";
import { expandAuthorizer } from "../../../guard/policy/match";
import type { Model } from "../../../guard/model";
import type { IntendedRoute, PolicySet, Severity } from "../../../guard/policy/types";
import { modelFacts } from "../../../guard/review/facts";
import { RULES } from "../../../guard/rules";
import { rulesWithoutPolicy } from "../no-policy";
import type { ClientFactory } from "./clients";
import { codeDoorIds } from "./door-ids";
import { driftRule } from "./drift";
import { readAccount } from "./read";
import { AUDIT_RENDERERS, type AuditFormat, type AuditReport, type MatrixRow } from "../../../guard/report/audit";
import type { AccountSnapshot, Unread } from "./snapshot";
import { servedRule } from "./served";
import { deployedModel } from "./state";
import { auditRule, auditRules, CODE_ONLY_RULES, whereOf } from "./verification";

export interface AuditArgs {
  readonly regions: readonly string[];
  /** Roles to assume, one per audited account (--assume-role-arn). @default - the default credentials' account */
  readonly assumeRoleArns?: readonly string[];
  readonly policies: readonly string[];
  /** The reviewed code to compare the account with (cdktf.out or a plan JSON). @default - no drift comparison */
  readonly plan?: string;
  readonly failOn: Severity;
  /** The day date-bound rules judge at. */
  readonly asOf: string;
  readonly concurrency: number;
}

/** Every region's listings failed: nothing is verified, and the run says so (exit 2), never "no findings". */
export class NothingRead extends Error {
  constructor(readonly reasons: readonly string[]) {
    super("nothing could be read");
    this.name = "NothingRead";
  }
}

/** The listings without which a region's APIs and pools are not known at all. */
const TOP_LISTINGS = ["GetRestApis", "GetApis", "ListUserPools"];

/** Nothing at all was read: no account could be entered, or every listing of every account and region failed. */
function nothingRead(snapshot: AccountSnapshot): boolean {
  return snapshot.regions.every((r) =>
    TOP_LISTINGS.every((what) => snapshot.unread.some((u) => u.region === r.region && (u.account === undefined || u.account === r.account) && u.what === what)),
  );
}

/** The policy's entry in words; `${api}` in an authorizer name is the route's API (`apiName`) when given. */
function intendedText(i: IntendedRoute | undefined, apiName?: string): string {
  if (i === undefined) return "no policy entry";
  const parts = [
    ...(i.authorizer !== undefined ? [`authorizer ${apiName === undefined ? i.authorizer : expandAuthorizer(i.authorizer, apiName)}`] : []),
    ...(i.scopes.length > 0 ? [`scopes: ${i.scopes.join(", ")}`] : []),
    ...(i.groups.length > 0 ? [`groups: ${i.groups.join(", ")}`] : []),
    ...(i.roles.length > 0 ? [`roles: ${i.roles.join(", ")}`] : []),
  ];
  return `${i.type}${parts.length > 0 ? ` (${parts.join("; ")})` : ""}${i.apiKey && i.type !== "API_KEY" ? " + API key" : ""}`;
}

function authorizationMatrix(model: Model, policies: PolicySet, unread: readonly Unread[] = []): MatrixRow[] {
  const byAddress = new Map(model.routes.map((r) => [r.address, r]));
  // Who holds execute-api:Invoke is IAM's to say: unread, an AWS_IAM route's callers are not known.
  const iamUnread = unread.some((u) => u.service === "iam");
  return modelFacts(model)
    .routes.map((f) => {
      const route = byAddress.get(f.address);
      const source = /^aws:([^:]+):(.+)$/.exec(route?.resource.source.file ?? "");
      return {
        where: source === null ? "?" : `${source[1]} ${source[2]}`,
        api: f.api,
        route: f.route,
        address: f.address,
        deployed: iamUnread && f.type === "AWS_IAM" ? "AWS_IAM (callers not verified: IAM was not read)" : f.summary,
        intended: intendedText(route === undefined ? undefined : intendedFor(policies, route), typeof route?.apiName === "string" ? route.apiName : undefined),
      };
    })
    .sort((x, y) => x.api.localeCompare(y.api) || x.where.localeCompare(y.where) || x.route.localeCompare(y.route));
}

export interface AuditRun {
  readonly report: AuditReport;
  readonly failing: number;
  readonly notes: readonly string[];
  readonly snapshot: AccountSnapshot;
  readonly render: (format: AuditFormat) => string;
}

const policyDigestOf = (files: readonly { file: string; sha256: string }[]): string =>
  createHash("sha256")
    .update(
      [...files]
        .sort((a, b) => a.file.localeCompare(b.file))
        .map((f) => `${f.sha256}  ${f.file}\n`)
        .join(""),
    )
    .digest("hex");

export async function runAudit(args: AuditArgs, clients: ClientFactory | undefined, now: Date): Promise<AuditRun> {
  const policies = loadPolicySet(args.policies, RULES);
  // The reviewed code is read before the account: a wrong --plan is exit 2 without a request.
  const code = args.plan === undefined ? undefined : loadModel(args.plan);
  const snapshot = await readAccount({
    regions: args.regions,
    concurrency: args.concurrency,
    ...(args.assumeRoleArns !== undefined ? { assumeRoleArns: args.assumeRoleArns } : {}),
    ...(clients !== undefined ? { clients } : {}),
  });
  if (nothingRead(snapshot))
    throw new NothingRead(
      snapshot.unread
        .filter((u) => u.region !== "all")
        .map((u) => `${u.account === undefined ? "" : `account ${u.account} `}${whereOf(u)}${u.what}: ${u.reason}`),
    );
  const { model: live, documents } = deployedModel(snapshot);
  // With the reviewed code, a live distribution matching exactly one of the code's is named by its door id there.
  const model = { ...live, asOf: args.asOf, ...(code !== undefined ? { doorIds: codeDoorIds(code, live) } : {}) };
  const noPolicy = args.policies.length === 0;
  const rules = auditRules(noPolicy ? rulesWithoutPolicy(RULES) : RULES, snapshot.unread);
  const drift = code === undefined ? undefined : driftRule(code, snapshot.unread);
  // The stage exports are what this rule needs beyond the API Gateway reads every rule needs.
  const served = auditRule(
    servedRule(snapshot),
    snapshot.unread.map(({ scope, ...u }) => (scope === "stage-exports" ? u : { ...u, ...(scope !== undefined ? { scope } : {}) })),
  );
  const result = runRules(model, policies, [...rules, served, ...(drift === undefined ? [] : [drift.rule])]);
  const files = policyDigests(policies);
  const named = snapshot.accounts.map((a) => a.account ?? "unknown-account");
  const input = `aws:${named.length > 0 ? named.join(",") : "unknown-account"} (${args.regions.join(", ")})`;
  const report: AuditReport = {
    findings: result.findings,
    rules: result.rules,
    failOn: args.failOn,
    input,
    lowered: loweredSeverities(policies, RULES),
    coverage: coverageOf(model, policies),
    subjects: result.subjects,
    policyFiles: files,
    audit: {
      ...(snapshot.account !== undefined ? { account: snapshot.account } : {}),
      accounts: snapshot.accounts,
      regions: args.regions,
      time: now.toISOString(),
      toolVersion: VERSION,
      policyDigest: policyDigestOf(files),
      ...(args.plan !== undefined ? { plan: args.plan } : {}),
      unread: snapshot.unread,
      codeOnlyRules: CODE_ONLY_RULES,
      drift: drift?.entries(model) ?? [],
      matrix: authorizationMatrix(model, policies, snapshot.unread),
      sdkCalls: snapshot.calls.length,
    },
  };
  const notes = [
    ...snapshot.unread.map((u) => `not read: ${u.account === undefined ? "" : `account ${u.account} `}${whereOf(u)}${u.what}: ${u.reason}`),
    ...documents.flatMap((d) => d.problems),
    ...(noPolicy ? ["no policy: every control is checked, intent is not (give --policy)"] : []),
  ];
  return {
    report,
    failing: failing(result.findings, args.failOn).length,
    notes,
    snapshot,
    render: (format) => AUDIT_RENDERERS[format](report),
  };
}
