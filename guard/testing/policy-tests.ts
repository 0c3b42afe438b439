// The policy tests of a model, as plain data: one per stack, API and method (named by what the policy intends for
// it), one per API and policy file, and one per control rule and resource it judges, each passed, failed (with the
// findings, the route, the policy file, the input's value and the policy's) or skipped (with why: "not verified",
// waived, below --fail-on). __tests__/policy declares them as jest tests; being data, they are also tested as such.
import { intendedFor, isIntendedPreflight, lookupPolicy } from "../access/lookups";
import { runRules } from "../engine";
import type { Model, Route } from "../model";
import type { IntendedRoute, PolicySet, Severity } from "../policy/types";
import { verdictLabel, verdictsOf, type Verdict, type VerdictStatus } from "../verdicts";
import { describeAuthorization } from "./effective";

export interface PolicyTest {
  /** The stack it belongs to (`petstore-dev`), "" for a single-file input or a subject of no stack. */
  readonly stack: string;
  readonly rule: string;
  readonly name: string;
  readonly status: VerdictStatus;
  /** Failed: every failing finding, each naming its subject and policy file; skipped: the reason. */
  readonly message?: string;
  /** The route judged, for route tests (`GET /pets`). */
  readonly route?: string;
  readonly api?: string;
}

/** `COGNITO (scopes: petstore/read)`: what a policy entry intends, in the policy's words. */
export function describeIntent(want: IntendedRoute): string {
  return describeAuthorization({
    type: want.apiKey && want.type !== "API_KEY" ? `${want.type} + API key` : want.type,
    scopes: want.scopes,
    groups: want.groups,
    roles: want.roles,
  });
}

/** What the method test of route `r` asserts, as its name. */
function methodTestName(policies: PolicySet, r: Route, label: string, policyFile: string): string {
  const want = intendedFor(policies, r);
  if (want !== undefined) return `${label}: ${describeIntent(want)} as ${policyFile} intends`;
  if (isIntendedPreflight(policies, r)) return `${label}: CORS preflight as ${policyFile} intends`;
  return `${label}: served as ${policyFile} intends (no entry of its own)`;
}

function messageOf(v: Verdict): string | undefined {
  if (v.status === "passed") return undefined;
  if (v.status === "skipped") return v.reason;
  const file = v.subject?.policyFile;
  return v.findings
    .filter((f) => f.waived === undefined)
    .map((f) => `${verdictLabel(v)}: ${f.message}${file !== undefined ? ` (policy ${file})` : ""}`)
    .join("\n");
}

/** Every policy test of `model` under `policies`, in rule order. */
export function policyTests(model: Model, policies: PolicySet, failOn: Severity = "low"): PolicyTest[] {
  const result = runRules(model, policies);
  const verdicts = verdictsOf(result.rules, result.findings, result.subjects, failOn);
  const stackOfFile = new Map(model.resources.map((r) => [r.source.file, r.source.stack]));
  const routeByAddress = new Map(model.routes.map((r) => [`${r.resource.source.file}\u0000${r.address}`, r]));
  const out: PolicyTest[] = [];
  const test = (v: Verdict, name: string, extra: Partial<PolicyTest> = {}): void => {
    const message = messageOf(v);
    out.push({
      stack: v.subject?.file !== undefined ? (stackOfFile.get(v.subject.file) ?? "") : "",
      rule: v.rule.id,
      name,
      status: v.status,
      ...(message !== undefined ? { message } : {}),
      ...(v.subject?.api !== undefined ? { api: v.subject.api } : {}),
      ...(v.subject?.route !== undefined ? { route: v.subject.route } : {}),
      ...extra,
    });
  };
  for (const v of verdicts) {
    const s = v.subject;
    const r = s?.kind === "route" ? routeByAddress.get(`${s.file ?? ""}\u0000${s.address}`) : undefined;
    if (v.rule.id === "method-matches-policy" && s !== undefined && r !== undefined && s.policyFile !== undefined)
      test(v, methodTestName(policies, r, s.label, s.policyFile));
    else test(v, `${v.rule.id}: ${verdictLabel(v)}`);
  }
  // A route of an API no single policy speaks for has a method test too: its API's verdict, which fails.
  for (const r of model.routes) {
    if (r.api === undefined || lookupPolicy(policies, r.apiName).kind === "one") continue;
    const apiVerdict = verdicts.find(
      (v) =>
        v.rule.id === "method-matches-policy" &&
        v.subject?.kind === "api" &&
        v.subject.address === r.api?.address &&
        v.subject.file === r.api.resource.source.file,
    );
    if (apiVerdict !== undefined)
      test(apiVerdict, `${verdictLabel(apiVerdict)} ${r.routeKey ?? r.address}: a policy must speak for its API`, {
        ...(r.routeKey !== undefined ? { route: r.routeKey } : {}),
      });
  }
  return out;
}
