// Drift: the deployed account against the reviewed code (--plan), per route and per control, with the review's
// own facts, pairing and comparisons (guard/review): routes pair by API name and normalized template, controls
// by name, distributions by the APIs they front (drift-cloudfront.ts). Every difference is a finding naming both values ("GET /pets: deployed NONE, code COGNITO ..."):
// a deployed route weaker than the code is high (critical when anyone can call it), a stronger or different one
// medium, a route or API missing on either side medium or high. What the audit could not read is compared on
// neither side and said to be not verified. Pure: two Models and the unread list in, findings out.
import { reviewRow } from "../../../kernel/authorization-types";
import type { Model, ResourceInstance } from "../../../guard/model";
import type { Severity } from "../../../guard/policy/types";
import { compareRoute, diffFacts } from "../../../guard/review/diff";
import { modelFacts, type ModelFacts } from "../../../guard/review/facts";
import { summarize } from "../../../guard/review/facts/routes";
import { pairRoutes } from "../../../guard/review/route-pairing";
import type { Change, RouteAuth } from "../../../guard/review/types";
import type { Rule, RuleFinding } from "../../../guard/rules/types";
import type { DriftEntry } from "./drift-entry";
import { cloudfrontDriftEntries } from "./drift-cloudfront";
import type { Service, Unread } from "./snapshot";
import { perModel } from "../../../guard/access/per-model";

const DRIFT_RULE_ID = "deployed-matches-code";

/**
 * Facts compared on neither side: what a Lambda authorizer's or the edge verifier's bundled table requires (the
 * account serves code, not its source tables), origin protection when the WAF was not read, and IAM grants, trusts
 * and invokers. IAM is read, but the code names principals and resources by reference (known after apply) where
 * the account holds literals: comparing them would call every reference a change. The IAM rules judge the
 * account's grants and trusts against the policy; the drift leaves them out until it resolves the code's references.
 */
function neutral(f: ModelFacts, unread: ReadonlySet<Service>): ModelFacts {
  const waf = unread.has("wafv2");
  return {
    ...f,
    routes: f.routes.map((r): RouteAuth => {
      const { requirement: _r, edge: _e, edgeUnknown: _u, summary: _s, ...rest } = r;
      const kept = { ...rest, invokers: [] };
      return { ...kept, summary: summarize(kept) };
    }),
    grants: [],
    trusts: [],
    stages: f.stages.map((s) => (waf ? { ...s, originProtected: false } : s)),
  };
}

/** Live routes relabelled with the code's API identity where exactly one code API has their API's name. */
function onCodeApis(code: ModelFacts, live: ModelFacts): ModelFacts {
  const byName = new Map<string, RouteAuth[]>();
  for (const r of code.routes) {
    const name = r.apiRef?.name ?? r.api;
    const seen = byName.get(name) ?? [];
    if (!seen.some((s) => s.apiRef?.address === r.apiRef?.address && s.apiRef?.stack === r.apiRef?.stack)) seen.push(r);
    byName.set(name, seen);
  }
  return {
    ...live,
    routes: live.routes.map((r) => {
      const match = byName.get(r.apiRef?.name ?? r.api);
      const only = match?.length === 1 ? match[0] : undefined;
      return only === undefined ? r : { ...r, api: only.api, ...(only.apiRef !== undefined ? { apiRef: only.apiRef } : {}) };
    }),
  };
}

const SEVERITY_OF: Readonly<Record<Change["severity"], Severity>> = { blocking: "high", upgrade: "medium", info: "low" };

function routeEntry(code: RouteAuth, live: RouteAuth): DriftEntry | undefined {
  const changes = compareRoute(code, live);
  if (changes.length === 0 && code.summary === live.summary) return undefined;
  const blocking = changes.find((c) => c.severity === "blocking");
  const severity: Severity = live.type === "NONE" && code.type !== "NONE" ? "critical" : blocking !== undefined ? "high" : "medium";
  const why = changes.map((c) => c.message).join("; ");
  return {
    severity,
    kind: (blocking ?? changes[0])?.kind ?? "route-changed",
    api: code.api,
    route: code.route,
    subject: `${code.api} ${code.route}`,
    deployed: live.summary,
    code: code.summary,
    message: `${code.route}: deployed ${live.summary}, code ${code.summary}${why === "" ? "" : ` (${why})`}`,
    address: live.address,
  };
}

/** A function's name from its name or ARN (`arn:aws:lambda:r:a:function:NAME[:qualifier]`). */
const functionName = (v: unknown): string | undefined => (typeof v !== "string" ? undefined : v.startsWith("arn:") ? v.split(":")[6] : v);

/** The functions that have a function URL, by name, with its auth type; a code reference is followed to its function. */
function functionUrls(m: Model): Map<string, { auth: string; address: string }> {
  const byAddress = new Map<string, ResourceInstance>(m.resources.map((r) => [r.address, r]));
  const out = new Map<string, { auth: string; address: string }>();
  for (const r of m.resources.filter((x) => x.type === "aws_lambda_function_url")) {
    const target = (r.references["function_name"] ?? []).map((ref) => byAddress.get(ref.replace(/\.(function_name|arn|id)$/, ""))).find((x) => x !== undefined);
    const name = functionName(r.values["function_name"]) ?? functionName(target?.values["function_name"]);
    const auth = r.values["authorization_type"];
    if (name !== undefined) out.set(name, { auth: typeof auth === "string" ? auth : "unknown", address: r.address });
  }
  return out;
}

/** Function URLs in the account that the code does not have: a door to a backend that bypasses the API. */
function functionUrlEntries(code: Model, live: Model, unread: readonly Unread[]): DriftEntry[] {
  const codeUrls = functionUrls(code);
  const out: DriftEntry[] = [];
  for (const [name, url] of functionUrls(live)) {
    const c = codeUrls.get(name);
    if (c !== undefined && c.auth === url.auth) continue;
    out.push({
      severity: url.auth === "NONE" ? "critical" : "high",
      kind: "function-url-not-in-code",
      subject: `function ${name}`,
      deployed: `function URL, auth ${url.auth}`,
      code: c === undefined ? "no function URL" : `function URL, auth ${c.auth}`,
      message: `function ${name}: deployed a function URL with auth ${url.auth}, code ${c === undefined ? "has no function URL" : `auth ${c.auth}`} (callers reach the backend without the API's authorizers)`,
      address: url.address,
    });
  }
  const hidden = unread.filter((u) => u.scope === "function-urls");
  if (hidden.length > 0) {
    out.push({
      severity: "info",
      kind: "function-urls-not-verified",
      subject: "function URLs",
      deployed: "not read",
      code: `${codeUrls.size} function URL(s)`,
      message: `function URLs not verified: ${hidden.length} listing(s) failed, first ${hidden[0]?.what}: ${hidden[0]?.reason}`,
      address: "(audit)",
    });
  }
  return out;
}

/** Every difference between the reviewed code and the account. */
function driftEntries(code: Model, live: Model, unread: readonly Unread[]): DriftEntry[] {
  const services = new Set(unread.map((u) => u.service));
  const base = neutral(modelFacts(code), services);
  const head = onCodeApis(base, neutral(modelFacts(live), services));
  // A listing that failed in some region hides routes: what seems missing there is not verified.
  const partial = unread.some((u) => u.service === "apigateway" && u.region !== "all");
  const missing: Severity = partial ? "info" : "medium";
  const out: DriftEntry[] = [];
  const paired = pairRoutes(base.routes, head.routes);
  for (const [b, a] of paired.same) {
    const e = routeEntry(b, a);
    if (e !== undefined) out.push(e);
  }
  for (const { before, by } of paired.covered) {
    const e = routeEntry(before, by);
    out.push(
      e ?? {
        severity: "medium",
        kind: "route-now-covered",
        api: before.api,
        route: before.route,
        subject: `${before.api} ${before.route}`,
        deployed: `served by ${by.route}: ${by.summary}`,
        code: before.summary,
        message: `${before.route}: deployed as ${by.route} (${by.summary}), code ${before.summary}`,
        address: by.address,
      },
    );
  }
  for (const a of paired.added) {
    // Open in the type table (NONE, API_KEY), or not determinable: a deployed route nobody reviewed.
    const open = a.type === "UNKNOWN" || reviewRow(a.type).open;
    out.push({
      severity: a.type === "NONE" ? "critical" : open ? "high" : "medium",
      kind: "route-not-in-code",
      api: a.api,
      route: a.route,
      subject: `${a.api} ${a.route}`,
      deployed: a.summary,
      code: "no such route",
      message: `${a.route}: deployed ${a.summary}, code has no such route`,
      address: a.address,
    });
  }
  for (const b of [...paired.removed, ...paired.removedApis.flatMap((x) => x.routes)]) {
    out.push({
      severity: missing,
      kind: "route-not-deployed",
      api: b.api,
      route: b.route,
      subject: `${b.api} ${b.route}`,
      deployed: "no such route",
      code: b.summary,
      message: `${b.route}: not deployed, code ${b.summary}${partial ? " (not verified: some API Gateway reads failed)" : ""}`,
      address: b.address,
    });
  }
  // Controls: the review's comparisons of stages, pools and clients (grants and trusts are left out: see neutral()).
  const diff = diffFacts(base, head);
  const routeChanges = new Set(diff.routes.flatMap((r) => r.changes));
  for (const c of diff.changes) {
    if (routeChanges.has(c) || c.kind === "api-removed") continue;
    out.push({
      severity: SEVERITY_OF[c.severity],
      kind: c.kind,
      subject: c.subject,
      deployed: "see message",
      code: "see message",
      message: `${c.subject}: deployed differs from code: ${c.message}`,
      address: c.addresses[0] ?? c.subject,
    });
  }
  out.push(...functionUrlEntries(code, live, unread));
  out.push(...cloudfrontDriftEntries(code, live, unread));
  return out;
}

/** The drift as a rule beside the check's, so severities, waivers, --fail-on and every report format apply to it. */
export function driftRule(code: Model, unread: readonly Unread[]): { rule: Rule; entries: (live: Model) => DriftEntry[] } {
  const entries = perModel((live): DriftEntry[] => driftEntries(code, live, unread));
  const rule: Rule = {
    id: DRIFT_RULE_ID,
    title: "What is deployed is what the reviewed code says",
    severity: "high",
    rationale:
      "A method switched to NONE in the console, a client given the implicit flow, a web ACL detached: changes made " +
      "outside the reviewed code never reach a pull request. The account is compared with the reviewed code route by " +
      "route and control by control.",
    equivalents: {},
    check: (live) =>
      entries(live).map((e): RuleFinding => ({
        address: e.address,
        ...(e.api !== undefined ? { api: e.api } : {}),
        ...(e.route !== undefined ? { route: e.route } : {}),
        message: e.message,
        severity: e.severity,
      })),
  };
  return { rule, entries };
}
