// The review's comparer of what each stage serves (guard/access/stage-serving.ts): a stage or a canary now serving
// a deployment whose routes the plan does not show, a canary serving the base's routes where they are weaker than
// the head's (a share of the callers get the weaker API), and a stage variable that an integration or authorizer
// reads changed for the stage or its canary (its calls reach another backend or authorizer). Quiet when the
// canary goes, its share shrinks, or the deployment it serves redeploys with the API.
import { gatewayType, routeName } from "../../access/doors/routes";
import { doorRank } from "./doors";
import { stageServing, stageVariableReaders, type CanaryServing, type DeploymentServing, type StageServing } from "../../access/stage-serving";
import type { Model } from "../../model";
import { change } from "../change";
import type { Change } from "../types";
import type { ChangeKind } from "../kinds";
import type { ComparedVersions } from "./comparer";

/** Blocking kinds of this comparer (ids kept as literals, easy to move into a catalogue). */
export const SERVING_KINDS = {
  deploymentNotVerified: "stage-deployment-not-verified",
  canaryNotVerified: "canary-not-verified",
  canaryWeaker: "canary-serves-weaker-routes",
  variableRedirects: "stage-variable-redirects",
} as const satisfies Record<string, ChangeKind>;

const percentText = (c: CanaryServing): string =>
  c.percent === undefined ? "0%" : c.percent === "unknown" ? "a share known only after apply" : `${c.percent}%`;

/** Whether the canary reaches more callers, or other routes, than the base's did. */
function canaryGrew(before: CanaryServing | undefined, after: CanaryServing): boolean {
  if (before === undefined) return true;
  if (before.deployment.fingerprint() !== after.deployment.fingerprint() || before.deployment.address !== after.deployment.address) return true;
  if (before.deployment.serves !== after.deployment.serves) return true;
  const p = (c: CanaryServing) => (c.percent === "unknown" ? Infinity : (c.percent ?? 0));
  if (p(after) > p(before)) return true;
  return after.useStageCache !== false && before.useStageCache === false;
}

/** Route key -> its gateway strength, for the routes of one API. */
function strengths(model: Model, stack: string, apiAddress: string | undefined): Map<string, { rank: number; label: string }> {
  const out = new Map<string, { rank: number; label: string }>();
  for (const r of model.routes) {
    if (r.apiAddress !== apiAddress || r.resource.source.stack !== stack) continue;
    const type = gatewayType(model, r);
    out.set(r.routeKey ?? r.address, { rank: doorRank(type), label: `${routeName(r)} (${type})` });
  }
  return out;
}

/**
 * A canary serving a deployment the base had unchanged, that no longer redeploys with the API: it serves what it
 * served in the base. The routes it serves weaker than the head's main deployment (or that the head removed).
 */
function weakerInBase(versions: ComparedVersions, s: StageServing): string[] {
  const before = strengths(versions.base, s.stack, s.apiAddress);
  const after = strengths(versions.head, s.stack, s.apiAddress);
  const out: string[] = [];
  for (const [key, b] of before) {
    const a = after.get(key);
    if (a === undefined) out.push(`${b.label}, removed from the main deployment`);
    else if (b.rank < a.rank) out.push(`${b.label}, ${a.label.slice(a.label.lastIndexOf("(") + 1, -1)} in the main deployment`);
  }
  return out;
}

/** The base's deployment at the same address with the same values, redeploying with the API there. */
function servedInBase(base: readonly StageServing[], d: DeploymentServing): boolean {
  return base.some((s) => s.main.address === d.address && s.main.fingerprint() === d.fingerprint() && s.main.serves === "current");
}

function judgeCanary(versions: ComparedVersions, s: StageServing, before: StageServing | undefined, base: readonly StageServing[]): Change[] {
  const c = s.canary;
  if (c === undefined || !canaryGrew(before?.canary, c)) return [];
  const d = c.deployment;
  const addresses = [s.address, ...(d.address !== undefined ? [d.address] : [])];
  const lead = `canary (${percentText(c)} of calls${c.useStageCache === false ? "" : ", sharing the stage cache"}) serves ${d.label}`;
  if (d.serves === "current") return [];
  if (d.address !== undefined && servedInBase(base, d)) {
    const weaker = weakerInBase(versions, s);
    if (weaker.length === 0) return [];
    return [change(SERVING_KINDS.canaryWeaker, s.label, `${lead}, which still serves the base's routes: ${weaker.join("; ")}`, addresses)];
  }
  return [change(SERVING_KINDS.canaryNotVerified, s.label, `${lead}: ${d.why ?? "what it serves is not known"}`, addresses)];
}

function judgeMain(s: StageServing, before: StageServing | undefined): Change[] {
  const d = s.main;
  if (d.serves === "current") return [];
  const b = before?.main;
  // The same deployment, unchanged: it keeps serving what it served in the base (a route it does not cover is not
  // deployed: rule deployment-redeploys-on-auth-change says so), which widens nothing.
  if (b !== undefined && b.address === d.address && b.fingerprint() === d.fingerprint()) return [];
  return [
    change(SERVING_KINDS.deploymentNotVerified, s.label, `now serves ${d.label}: ${d.why ?? "what it serves is not known"}`, [
      s.address,
      ...(d.address !== undefined ? [d.address] : []),
    ]),
  ];
}

const show = (v: unknown): string => (v === undefined ? "(unset)" : JSON.stringify(v));

/** Stage variables (or a canary's overrides) that changed and that an integration or authorizer reads. */
function judgeVariables(versions: ComparedVersions, s: StageServing, before: StageServing | undefined): Change[] {
  const readers = stageVariableReaders(versions.head, s.stack, s.apiAddress);
  if (readers.size === 0) return [];
  const out: Change[] = [];
  const compare = (what: string, b: StageServing["variables"] | undefined, a: StageServing["variables"] | undefined, texts: readonly [string, string]) => {
    if (a === undefined) return;
    if (a === "unknown" || b === "unknown") {
      // Known only after apply on a side: equal only when written the same way.
      if (texts[0] === texts[1]) return;
      out.push(
        change(
          SERVING_KINDS.variableRedirects,
          s.label,
          `${what} are known only after apply, and ${[...readers.keys()].join(", ")} are read by ${[...new Set([...readers.values()].flat())].join(", ")}: which backend or authorizer its calls reach is not verified`,
          [s.address],
        ),
      );
      return;
    }
    for (const [name, users] of readers) {
      const bv = b?.[name];
      const av = a[name];
      if (JSON.stringify(bv) === JSON.stringify(av)) continue;
      out.push(
        change(
          SERVING_KINDS.variableRedirects,
          s.label,
          `${what}: ${name} ${show(bv)} → ${show(av)}, read by ${users.join(", ")}: its calls may reach another backend or authorizer, or carry another value; not verified`,
          [s.address, ...users],
        ),
      );
    }
  };
  compare("stage variables", before?.variables, s.variables, [before?.variablesText ?? "null", s.variablesText]);
  // A canary's variables are the stage's with its overrides on top; only a canary that exists now is judged.
  if (s.canary !== undefined) {
    const merged = (st: StageServing | undefined): StageServing["variables"] | undefined => {
      if (st?.canary === undefined) return st?.variables;
      const o = st.canary.overrides;
      return st.variables === "unknown" || o === "unknown" ? "unknown" : { ...st.variables, ...o };
    };
    const canaryBefore = merged(before);
    const canaryAfter = merged(s);
    // Compared with what the base's canary (or, without one, the base's stage) gave the same calls.
    const known = out.length;
    const canaryText = (st: StageServing | undefined): string => `${st?.variablesText ?? "null"}|${st?.canary?.overridesText ?? "null"}`;
    compare("canary stage variable overrides", canaryBefore, canaryAfter, [canaryText(before), canaryText(s)]);
    // A change already said for the stage itself is not repeated for the canary.
    const said = new Set(out.slice(0, known).map((c) => c.message.split(":")[1]));
    return out.filter((c, i) => i < known || !said.has(c.message.split(":")[1]));
  }
  return out;
}

export function compareStageServing(versions: ComparedVersions): Change[] {
  const base = stageServing(versions.base);
  const byKey = new Map(base.map((s) => [s.key, s]));
  return stageServing(versions.head).flatMap((s) => {
    const before = byKey.get(s.key);
    return [...judgeMain(s, before), ...judgeCanary(versions, s, before, base), ...judgeVariables(versions, s, before)];
  });
}
