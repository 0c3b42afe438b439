// The authorization diff: pairs two versions' facts (routes by API and route key, controls by name) and
// classifies every change as blocking (a downgrade), upgrade or info. Pure: Models in, a ReviewReport out.
// Anything the head leaves undeterminable is blocking: a review that cannot see must not wave a change through.
import { reviewRow, type ReviewWord } from "../../kernel/authorization-types";
import { summarizeChanges, type Model, type ResourceChange } from "../model";
import { modelFacts, type ClientFacts, type Grant, type ModelFacts, type PoolFacts, type StageFacts, type TrustFacts } from "./facts";
import { coversArnGlob } from "../../kernel/match/glob";
import { parseAnyRouteKey } from "../../kernel/match/route";
import type { RouteTables } from "./route-tables";
import { blockingDigest } from "./acknowledge";
import { change } from "./change";
import { compareBodies } from "./bodies";
import { changesGate } from "./gate-paths";
import type { LoweredSeverity, Severity } from "../policy/types";
import { markNewFindings, regressedControls } from "./regressed";
import { accessChanges } from "./compare";
import { targetReach } from "./compare/doors";
import { pairRoutes } from "./route-pairing";
import { newPools } from "./compare/cognito";
import { attributeChanges } from "./attributes";
import type { Change, ChangeKind, EffectiveType, PlanSummary, ReviewFinding, ReviewReport, RouteAuth, RouteDiff, RouteStatus } from "./types";

export interface DiffOptions {
  /** `diff`: two versions; `plan`: the before and after sides of one plan. @default "diff" */
  readonly mode?: "diff" | "plan";
  /** Labels for the report header (file names). */
  readonly baseLabel?: string;
  readonly headLabel?: string;
  /**
   * Digests of acknowledged blocking-change sets (the PR label `authz-ack:<digest>`): when one equals this
   * report's digest, its blocking changes are still reported, marked acknowledged, and exit 0. @default none
   */
  readonly acknowledge?: readonly string[];
  /** The pull request's changed paths, to label those that change the gate itself. @default - not known */
  readonly changedFiles?: readonly string[];
  /** Rules the policies lower below their default severity (loweredSeverities). @default none */
  readonly loweredSeverities?: readonly LoweredSeverity[];
  /**
   * Whether the intended-authorization policy allows a NEW route to be public (NONE or API key only).
   * @default - no policy: every new public route blocks
   */
  readonly publicRouteAllowed?: (api: string, route: string, type: ReviewWord) => boolean;
  /**
   * Whether the intended policy names `principal` (`role <name>`) as an invoker of every one of `routes` (AWS_IAM
   * routes it can invoke in the head): then a new grant to it is intended, not a widening. @default - never
   */
  readonly grantIntended?: (principal: string, routes: readonly RouteAuth[]) => boolean;
  /**
   * Function name patterns the policy's `deciders` section names: backend handlers that decide access themselves,
   * judged like authorizers whatever the head declares. @default - only the base's access-decider tags
   */
  readonly deciders?: readonly string[];
  /** The policy check's findings on the head. @default - no check ran */
  readonly findings?: readonly ReviewFinding[];
  /**
   * The same check's findings on the base, with the same policies: a head finding at or above `failOn` that the base
   * does not have blocks as `control-regressed`. @default - the base was not checked: nothing regresses
   */
  readonly baseFindings?: readonly ReviewFinding[];
  /** The review's threshold for regressed check findings. @default "high" */
  readonly failOn?: Severity;
  /** Lambda authorizers' route tables of each side (loadRouteTables). @default - none: CUSTOM routes without groups/scopes */
  readonly routeTables?: { readonly base?: RouteTables; readonly head?: RouteTables };
}

/** Strength of an effective type, from the type table; equal ranks are not comparable with each other. */
const rank = (t: EffectiveType): number => (t === "UNKNOWN" ? -1 : reviewRow(t).rank);

const subjectOf = (r: { api: string; route: string }): string => `${r.api} ${r.route}`;

const minus = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x));

/** Reports one change of the subject at hand; its severity is the kind's. */
type Emit = (kind: ChangeKind, message: string) => void;

/** The changes between two authorizations of the same route. */
export function compareRoute(before: RouteAuth, after: RouteAuth): Change[] {
  const s = subjectOf(after);
  const addresses = [after.address, before.address];
  const out: Change[] = [];
  const emit: Emit = (kind, message) => out.push(change(kind, s, message, addresses));

  if (after.type === "UNKNOWN") {
    if (before.type !== "UNKNOWN" || before.unknownReason !== after.unknownReason) {
      emit("auth-unknown", `authorization can no longer be determined (${after.unknownReason ?? "unknown"}); was ${before.summary}`);
    }
    return out;
  }
  if (before.type === "UNKNOWN") {
    emit("auth-now-known", `authorization is now ${after.summary} (was not determinable: ${before.unknownReason ?? "unknown"})`);
    return out;
  }
  if (before.type !== after.type) {
    const from = before.summary;
    if (after.type === "EDGE" && after.edge === undefined && before.edge !== undefined) {
      // The base's verifier config said what happens here; the head's cannot be read: that is not an upgrade.
      emit("edge-config-unreadable", `the edge verifier's requirement for this route can no longer be read (${after.edgeUnknown ?? "unknown"}); was ${from}`);
    } else if (before.type === "EDGE" && after.edge?.mode === "gateway" && (after.type === "NONE" || after.type === "API_KEY")) {
      emit(
        "edge-pass-through",
        `the edge verifier now passes this route on to the gateway, where it is ${after.type === "NONE" ? "NONE" : "API key only"}: ${from} → ${after.summary}`,
      );
    } else if (after.type === "NONE") emit("auth-removed", `authorization removed: ${from} → NONE (anyone can call)`);
    else if (after.type === "API_KEY" && rank(before.type) >= rank("EDGE")) emit("auth-api-key-only", `${from} → API key only (a key is not authentication)`);
    else if (rank(after.type) < rank(before.type)) emit("authorizer-weaker", `authorizer swapped for a weaker one: ${from} → ${after.summary}`);
    else if (rank(after.type) === rank(before.type)) {
      // COGNITO <-> AWS_IAM, EDGE <-> CUSTOM: different callers get in; nobody can rank them mechanically.
      emit("authorizer-swapped", `authorizer swapped: ${from} → ${after.summary} (not comparable: review who can call now)`);
    } else emit("auth-strengthened", `${from} → ${after.summary}`);
    if (before.apiKeyRequired === true && after.apiKeyRequired === false && before.type !== "API_KEY") {
      emit("api-key-removed", "API key requirement removed (usage plan throttling and quotas no longer apply)");
    }
    return out;
  }

  // Same type: compare what the type's own settings let through.
  SAME_TYPE[after.type](before, after, emit);
  if (before.apiKeyRequired === true && after.apiKeyRequired !== true) {
    emit("api-key-removed", "API key requirement removed (usage plan throttling and quotas no longer apply)");
  } else if (before.apiKeyRequired === false && after.apiKeyRequired === true) emit("api-key-required", "API key now required");
  return out;
}

/**
 * What each effective type's own settings let through, compared between two versions of a route of that type (the
 * API key is compared for every type after this). One entry per review word of the type table: a new word must say
 * here what of it can widen.
 */
const SAME_TYPE: Readonly<Record<Exclude<EffectiveType, "UNKNOWN">, (before: RouteAuth, after: RouteAuth, emit: Emit) => void>> = {
  NONE: () => undefined,
  API_KEY: () => undefined,
  EDGE: (before, after, emit) => compareEdge(before, after, emit),
  CUSTOM: (before, after, emit) => {
    const b = before.authorizer;
    const a = after.authorizer;
    if (b?.function !== a?.function || b?.type !== a?.type) {
      emit(
        "authorizer-swapped",
        `Lambda authorizer swapped: ${b?.name ?? "?"} (${b?.type ?? "?"} → ${b?.function ?? "?"}) → ${a?.name ?? "?"} (${a?.type ?? "?"} → ${a?.function ?? "?"})`,
      );
    } else {
      if (b !== undefined && a !== undefined && b.identitySource !== a.identitySource) {
        emit("authorizer-identity-source", `identity source ${b.identitySource} → ${a.identitySource}`);
      }
      compareRequirement(before, after, emit);
    }
  },
  COGNITO: (before, after, emit) => {
    // API Gateway accepts a token carrying ANY listed scope, and with no scopes any ID token of the pool.
    anyOf(before.scopes, after.scopes, "scope", "any ID token of the pool now passes", emit);
    const pools = newPools(before.authorizer, after.authorizer);
    if (pools.length > 0) {
      emit(
        "authorizer-pool-changed",
        `the Cognito authorizer now trusts user pool ${pools.join(", ")} (was ${before.authorizer?.userPools.join(", ") || "none"})`,
      );
    }
    // A JWT authorizer accepts tokens minted for any client of its audience: an added entry lets that client's callers in.
    const audience = minus(after.authorizer?.audience ?? [], before.authorizer?.audience ?? []);
    if (audience.length > 0) emit("jwt-audience-widened", `the JWT authorizer now also accepts tokens for audience ${audience.join(", ")}`);
  },
  AWS_IAM: (before, after, emit) => {
    const added = minus(after.invokers, before.invokers);
    const removed = minus(before.invokers, after.invokers);
    if (added.length > 0) emit("invoker-added", `now invokable by ${added.join(", ")}`);
    if (removed.length > 0) emit("invoker-removed", `no longer invokable by ${removed.join(", ")}`);
  },
};

/**
 * Any-of lists (Cognito scopes, a Lambda authorizer's groups and scopes): a caller needs ONE of them.
 * Emptying the list drops the requirement; adding an entry lets more callers in; removing some narrows.
 */
function anyOf(before: readonly string[], after: readonly string[], noun: "scope" | "group", emptied: string, emit: Emit): void {
  if (before.length > 0 && after.length === 0) {
    emit(`${noun}-requirement-removed`, `${noun} requirement removed (was ${before.join(", ")}): ${emptied}`);
    return;
  }
  if (before.length === 0) {
    if (after.length > 0) emit(`${noun}-required`, `now requires ${noun} ${after.join(", ")}`);
    return;
  }
  const added = minus(after, before);
  const removed = minus(before, after);
  if (added.length > 0)
    emit(`${noun}-widened`, `now also accepts ${noun} ${added.join(", ")}${removed.length > 0 ? ` (${noun} ${removed.join(", ")} removed)` : ""}`);
  else if (removed.length > 0) emit(`${noun}-narrowed`, `${noun} ${removed.join(", ")} no longer accepted (now ${after.join(", ")})`);
}

/** A Lambda authorizer route's bundled requirement (route-table.json), before vs after. */
function compareRequirement(before: RouteAuth, after: RouteAuth, emit: Emit): void {
  const b = before.requirement;
  const a = after.requirement;
  if (a === undefined) {
    // The table is what enforces groups and scopes: not seeing it in the head is not seeing the route's rules.
    if (b !== undefined) emit("route-table-unreadable", "the authorizer's route table can no longer be read, so its groups and scopes cannot be checked");
    return;
  }
  if (b === undefined) {
    emit("route-table-now-readable", "the authorizer's route table is readable now");
    return;
  }
  anyOf(b.groups, a.groups, "group", "any signed-in user passes the group check", emit);
  anyOf(b.scopes, a.scopes, "scope", "tokens without any scope pass", emit);
  if (b.tokenUse !== a.tokenUse) {
    if (a.tokenUse === "any" || b.tokenUse !== "any") emit("token-use-widened", `accepted tokens: ${b.tokenUse} → ${a.tokenUse}`);
    else emit("token-use-narrowed", `accepted tokens: ${b.tokenUse} → ${a.tokenUse}`);
  }
  if (b.clients !== null && a.clients === null)
    emit("client-restriction-removed", `client restriction removed (was ${b.clients.join(", ")}): every client of the pool passes`);
  else if (b.clients !== null && a.clients !== null) {
    const added = minus(a.clients, b.clients);
    if (added.length > 0) emit("client-widened", `now also accepts client ${added.join(", ")}`);
    else if (minus(b.clients, a.clients).length > 0) emit("client-narrowed", `clients now ${a.clients.join(", ")}`);
  } else if (b.clients === null && a.clients !== null) emit("client-restricted", `only clients ${a.clients.join(", ")} now`);
}

/**
 * An EDGE route's requirement in the verifier's bundled edge-config.json, before vs after. Like a Lambda
 * authorizer's route table: the head not showing it when the base did blocks (fails closed).
 */
function compareEdge(before: RouteAuth, after: RouteAuth, emit: Emit): void {
  const b = before.edge;
  const a = after.edge;
  if (a === undefined) {
    if (b !== undefined)
      emit(
        "edge-config-unreadable",
        `the edge verifier's requirement for this route can no longer be read (${after.edgeUnknown ?? "unknown"}), so its scopes and clients cannot be checked`,
      );
    return;
  }
  if (b === undefined) {
    emit("edge-config-now-readable", "the edge verifier's edge-config.json is readable now");
    return;
  }
  // Scopes: any one of them is needed, none = any valid token of the configured clients.
  if (b.scopes.length > 0 && a.scopes.length === 0)
    emit("edge-scope-requirement-removed", `the edge verifier no longer requires a scope (was ${b.scopes.join(", ")}): any valid token passes`);
  else if (b.scopes.length === 0 && a.scopes.length > 0) emit("edge-scope-required", `the edge verifier now requires scope ${a.scopes.join(", ")}`);
  else {
    const added = minus(a.scopes, b.scopes);
    const removed = minus(b.scopes, a.scopes);
    if (added.length > 0)
      emit(
        "edge-scope-widened",
        `the edge verifier now also accepts scope ${added.join(", ")}${removed.length > 0 ? ` (scope ${removed.join(", ")} removed)` : ""}`,
      );
    else if (removed.length > 0) emit("edge-scope-narrowed", `the edge verifier no longer accepts scope ${removed.join(", ")} (now ${a.scopes.join(", ")})`);
  }
  if (b.clients !== null && a.clients === null)
    emit("edge-client-restriction-removed", `the edge verifier's client restriction removed (was ${b.clients.join(", ")}): every configured client passes`);
  else if (b.clients !== null && a.clients !== null) {
    const added = minus(a.clients, b.clients);
    if (added.length > 0) emit("edge-client-widened", `the edge verifier now also accepts client ${added.join(", ")}`);
    else if (minus(b.clients, a.clients).length > 0) emit("edge-client-narrowed", `the edge verifier's clients now ${a.clients.join(", ")}`);
  } else if (b.clients === null && a.clients !== null) emit("edge-client-restricted", `the edge verifier accepts only clients ${a.clients.join(", ")} now`);
}

/** A route only in the head: public ones block unless the intended policy says they may be public. */
function newRoute(after: RouteAuth, allowed: DiffOptions["publicRouteAllowed"]): Change[] {
  const s = subjectOf(after);
  // Open in the type table's words (NONE, API_KEY): anyone, or anyone with a key, can call it.
  if (after.type !== "UNKNOWN" && reviewRow(after.type).open) {
    const ok = allowed?.(after.api, after.route, after.type) ?? false;
    return ok
      ? [change("new-public-route-allowed", s, `new route, ${after.summary}: allowed by the intended policy`, [after.address])]
      : [change("new-public-route", s, `new route, ${after.summary}, and no intended policy allows it to be public`, [after.address])];
  }
  if (after.type === "UNKNOWN") {
    return [change("new-route-auth-unknown", s, `new route whose authorization cannot be determined (${after.unknownReason ?? "unknown"})`, [after.address])];
  }
  return [change("new-route", s, `new route: ${after.summary}`, [after.address])];
}

// ---- routes by coverage ----

/** A base route gone from the head whose requests another head route now receives: compared with that route. */
function coveredChanges(before: RouteAuth, by: RouteAuth): Change[] {
  const subject = `${before.route} (now served by ${by.route})`;
  const compared = compareRoute(before, { ...by, route: subject });
  const note = change(
    "route-now-covered",
    `${before.api} ${subject}`,
    `${before.route} is gone; its requests now reach ${by.route}: ${before.summary} → ${by.summary}`,
    [by.address, before.address],
  );
  return [...compared, note];
}

/**
 * A new head route that can receive requests of a protected base route (`/{proxy+}`, `ANY`, a literal beside a
 * `{param}`): which of the two API Gateway picks is a matter of route precedence, so a weaker authorization on
 * the new route is a downgrade of the protected one.
 */
function shadowChange(before: RouteAuth, by: RouteAuth): Change | undefined {
  const weaker = compareRoute(before, { ...by, api: before.api, route: before.route }).filter((c) => c.severity === "blocking");
  if (weaker.length === 0) return undefined;
  return change(
    "route-shadowed",
    subjectOf(before),
    `new route ${by.route} (${by.summary}) also matches requests of ${before.route} (${before.summary}): ${weaker.map((c) => c.message).join("; ")}`,
    [by.address, before.address],
  );
}

// ---- pairing ----

/**
 * Pair items of two versions: by key first, then by address (a renamed API or pool), then a single
 * leftover on each side. Anything else is added or removed.
 */
function pair<T extends { key: string; address: string }>(before: readonly T[], after: readonly T[]): { pairs: [T, T][]; added: T[]; removed: T[] } {
  const left = [...before];
  const pairs: [T, T][] = [];
  const added: T[] = [];
  const take = (pred: (b: T) => boolean): T | undefined => {
    const i = left.findIndex(pred);
    return i < 0 ? undefined : left.splice(i, 1)[0];
  };
  const unpaired: T[] = [];
  for (const a of after) {
    const b = take((x) => x.key === a.key);
    if (b !== undefined) pairs.push([b, a]);
    else unpaired.push(a);
  }
  for (const a of unpaired) {
    const b = take((x) => x.address === a.address);
    if (b !== undefined) pairs.push([b, a]);
    else added.push(a);
  }
  if (added.length === 1 && left.length === 1) pairs.push([left.pop() as T, added.pop() as T]);
  return { pairs, added, removed: left };
}

// ---- controls around the routes ----

function compareStage(b: StageFacts, a: StageFacts): Change[] {
  const s = `stage ${a.label}`;
  const addresses = [a.address, b.address];
  const out: Change[] = [];
  if (b.wafAssociations.length > 0 && a.wafAssociations.length === 0) {
    out.push(change("waf-removed", s, `WAF web ACL association removed (${b.wafAssociations.join(", ")})`, [...addresses, ...b.wafAssociations]));
  } else if (b.wafAssociations.length === 0 && a.wafAssociations.length > 0) {
    out.push(change("waf-added", s, "WAF web ACL associated", addresses));
  }
  if (b.originProtected && !a.originProtected) {
    out.push(
      change(
        "origin-protection-removed",
        s,
        "origin protection removed: the stage no longer admits only CloudFront, so the edge authentication can be bypassed",
        addresses,
      ),
    );
  } else if (!b.originProtected && a.originProtected) out.push(change("origin-protection-added", s, "origin protection added", addresses));
  if (b.accessLogging && !a.accessLogging) out.push(change("access-logging-disabled", s, "access logging disabled", addresses));
  if (b.executionLogging !== "OFF" && a.executionLogging === "OFF") {
    out.push(change("execution-logging-disabled", s, `execution logging disabled (was ${b.executionLogging})`, addresses));
  }
  return out;
}

function compareGrants(before: readonly Grant[], after: readonly Grant[], headRoutes: readonly RouteAuth[], intended?: DiffOptions["grantIntended"]): Change[] {
  const out: Change[] = [];
  for (const a of after) {
    const b = before.find((x) => x.principal === a.principal);
    // A pattern is new when no old pattern covers it (old `.../GET/*` covers new `.../GET/pets`).
    const widened = a.patterns.filter((p) => !(b?.patterns ?? []).some((old) => coversArnGlob(old, p)));
    // The AWS_IAM routes this principal can invoke in the head: when the intended policy names it on every one
    // (a new stack's group roles, say), the new grant is what the policy asks for.
    const reached = headRoutes.filter((r) => r.type === "AWS_IAM" && r.invokers.includes(a.principal));
    if (widened.length > 0 && intended !== undefined && reached.length > 0 && intended(a.principal, reached)) {
      const routes = reached.map((r) => `${r.api} ${r.route}`).join(", ");
      out.push(
        change(
          "invoke-grant-intended",
          a.principal,
          `new execute-api:Invoke grant on ${widened.join(", ")}: the intended policy names this invoker on ${routes}`,
          a.addresses,
        ),
      );
    } else if (widened.length > 0) {
      out.push(
        change(
          "invoke-grant-widened",
          a.principal,
          `execute-api:Invoke grant widened: ${b === undefined ? "new grant on" : "now also"} ${widened.join(", ")}`,
          [...a.addresses, ...(b?.addresses ?? [])],
        ),
      );
    }
  }
  for (const b of before) {
    const gone = b.patterns.filter((p) => !after.some((a) => a.principal === b.principal && a.patterns.includes(p)));
    if (gone.length > 0 && gone.length === b.patterns.length && !after.some((a) => a.principal === b.principal && a.patterns.length > 0)) {
      out.push(change("invoke-grant-removed", b.principal, `execute-api:Invoke grant removed (${gone.join(", ")})`, b.addresses));
    }
  }
  // Policies a plan only knows after apply. On a principal that holds Invoke grants they may widen them: block.
  // Elsewhere they are almost always unrelated (logging, tracing): shown, not blocking.
  for (const a of after) {
    const b = before.find((x) => x.principal === a.principal);
    const fresh = a.unverifiable.filter((t) => !(b?.unverifiable ?? []).includes(t));
    if (fresh.length === 0) continue;
    const invoker = a.patterns.length > 0 || (b?.patterns.length ?? 0) > 0;
    const message = `policy known only after apply, so not checked for execute-api:Invoke: ${fresh.join(", ")}`;
    out.push(change(invoker ? "invoke-grant-unverifiable" : "policy-unverifiable", a.principal, message, a.addresses));
  }
  return out;
}

function compareTrust(b: TrustFacts, a: TrustFacts): Change[] {
  const s = `group role ${a.key}`;
  const addresses = [a.address, b.address];
  if (a.unknown && !b.unknown) return [change("trust-unknown", s, "trust policy can no longer be determined (known only after apply)", addresses)];
  const principals = minus(a.principals, b.principals);
  const conditions = minus(b.conditions, a.conditions);
  const out: Change[] = [];
  if (principals.length > 0) out.push(change("trust-widened", s, `trust policy widened: ${principals.join(", ")} may now assume the role`, addresses));
  if (conditions.length > 0) out.push(change("trust-condition-removed", s, `trust policy condition removed: ${conditions.join("; ")}`, addresses));
  return out;
}

const MFA_RANK: Readonly<Record<string, number>> = { OFF: 0, OPTIONAL: 1, ON: 2 };
const ASM_RANK: Readonly<Record<string, number>> = { OFF: 0, AUDIT: 1, ENFORCED: 2 };

function comparePool(b: PoolFacts, a: PoolFacts): Change[] {
  const s = `user pool ${a.key}`;
  const addresses = [a.address, b.address];
  const out: Change[] = [];
  const emit: Emit = (kind, message) => out.push(change(kind, s, message, addresses));
  if ((MFA_RANK[a.mfa] ?? -1) < (MFA_RANK[b.mfa] ?? -1)) emit("mfa-weakened", `MFA weakened: ${b.mfa} → ${a.mfa}`);
  const weaker: string[] = [];
  const bp = b.password;
  const ap = a.password;
  // The enforced policy (defaults applied by the loader); a head value known only after apply counts as weakest.
  const shown = (v: number | boolean | undefined): string => (v === undefined ? "(known after apply)" : String(v));
  if (bp.minimumLength !== undefined && (ap.minimumLength ?? -1) < bp.minimumLength)
    weaker.push(`minimum length ${bp.minimumLength} → ${shown(ap.minimumLength)}`);
  for (const k of ["requireLowercase", "requireUppercase", "requireNumbers", "requireSymbols"] as const) {
    if (bp[k] === true && ap[k] !== true) weaker.push(`${k} true → ${shown(ap[k])}`);
  }
  if (bp.temporaryPasswordValidityDays !== undefined && (ap.temporaryPasswordValidityDays ?? Infinity) > bp.temporaryPasswordValidityDays) {
    weaker.push(`temporary password validity ${bp.temporaryPasswordValidityDays} → ${shown(ap.temporaryPasswordValidityDays)} days`);
  }
  if (weaker.length > 0) emit("password-policy-weakened", `password policy weakened: ${weaker.join(", ")}`);
  if ((ASM_RANK[a.advancedSecurity] ?? -1) < (ASM_RANK[b.advancedSecurity] ?? -1)) {
    emit("threat-protection-weakened", `threat protection weakened: ${b.advancedSecurity} → ${a.advancedSecurity}`);
  }
  if (b.adminCreateUserOnly && !a.adminCreateUserOnly) emit("self-signup-enabled", "self sign-up enabled: anyone can create a user and get ID tokens");
  if ((MFA_RANK[a.mfa] ?? -1) > (MFA_RANK[b.mfa] ?? -1)) out.push(change("mfa-strengthened", s, `MFA ${b.mfa} → ${a.mfa}`, addresses));
  return out;
}

function compareClient(b: ClientFacts, a: ClientFacts): Change[] {
  const s = `app client ${a.key}`;
  const addresses = [a.address, b.address];
  const out: Change[] = [];
  // Minutes with Terraform's defaults applied by the loader; a head lifetime known only after apply counts as raised.
  const lifetimes: [string, number | undefined, number | undefined][] = [
    ["ID token", b.idTokenMinutes, a.idTokenMinutes],
    ["access token", b.accessTokenMinutes, a.accessTokenMinutes],
    ["refresh token", b.refreshTokenMinutes, a.refreshTokenMinutes],
  ];
  const raised = lifetimes
    .filter(([, bm, am]) => bm !== undefined && (am ?? Infinity) > bm)
    .map(([n, bm, am]) => `${n} ${bm} → ${am === undefined ? "(known after apply)" : am} minutes`);
  if (raised.length > 0) out.push(change("token-validity-raised", s, `token validity raised: ${raised.join(", ")}`, addresses));
  // A scope more is judged with the routes that require it: client-scopes-added in guard/access/cognito.ts.
  return out;
}

// ---- plan summary ----

function planSummary(base: Model, head: Model, mode: "diff" | "plan"): PlanSummary {
  if (head.format === "plan" && (mode === "plan" || head.changes.length > 0)) {
    const real = head.changes.filter((c: ResourceChange) => c.action !== "no-op" && c.action !== "read");
    return { basis: "plan", ...summarizeChanges(real) };
  }
  // Two configurations: what differs by address and values (replacements are Terraform's call; not knowable here).
  const key = (r: { address: string; source: { stack: string } }) => `${r.source.stack}::${r.address}`;
  const b = new Map(base.resources.filter((r) => r.mode === "managed").map((r) => [key(r), r]));
  const h = new Map(head.resources.filter((r) => r.mode === "managed").map((r) => [key(r), r]));
  const label = (r: { address: string; source: { stack: string } }) => (r.source.stack === "" ? r.address : `${r.source.stack}: ${r.address}`);
  const creates = [...h.values()].filter((r) => !b.has(key(r))).map(label);
  const deletes = [...b.values()].filter((r) => !h.has(key(r))).map(label);
  const updates = [...h.values()]
    .filter((r) => {
      const old = b.get(key(r));
      return old !== undefined && JSON.stringify(old.values) !== JSON.stringify(r.values);
    })
    .map(label);
  return { basis: "derived", creates, updates, deletes, replacements: [] };
}

// ---- the whole report ----

const ORDER: Readonly<Record<Change["severity"], number>> = { blocking: 0, upgrade: 1, info: 2 };

function routeStatus(changes: readonly Change[]): RouteStatus {
  if (changes.some((c) => c.severity === "blocking")) return "downgraded";
  if (changes.some((c) => c.severity === "upgrade")) return "upgraded";
  return changes.length > 0 ? "changed" : "unchanged";
}

/** Compare two facts sets (exposed for tests that build facts by hand). */
export function diffFacts(base: ModelFacts, head: ModelFacts, opts: DiffOptions = {}): { routes: RouteDiff[]; changes: Change[] } {
  // Routes pair by what they match (route-pairing.ts): APIs by identity, templates with parameter names dropped.
  const paired = pairRoutes(base.routes, head.routes);
  const routes: RouteDiff[] = [];
  const shadowed = new Map<RouteAuth, Change[]>();
  for (const { before, by } of paired.overlaps) {
    const c = shadowChange(before, by);
    if (c !== undefined) shadowed.set(before, [...(shadowed.get(before) ?? []), c]);
  }
  for (const [before, after] of paired.same) {
    const changes = [...compareRoute(before, after), ...(shadowed.get(before) ?? [])];
    routes.push({ api: after.api, route: after.route, status: routeStatus(changes), before, after, changes });
  }
  for (const after of paired.added) {
    routes.push({ api: after.api, route: after.route, status: "added", after, changes: newRoute(after, opts.publicRouteAllowed) });
  }
  for (const { before, by } of paired.covered) {
    const changes = [...coveredChanges(before, by), ...(shadowed.get(before) ?? [])];
    routes.push({ api: before.api, route: before.route, status: routeStatus(changes), before, after: by, changes });
  }
  for (const before of paired.removed) {
    const changes = [change("route-removed", subjectOf(before), `route removed (was ${before.summary})`, [before.address])];
    routes.push({ api: before.api, route: before.route, status: "removed", before, changes });
  }
  const apisRemoved: Change[] = [];
  for (const { api, routes: gone } of paired.removedApis) {
    // Every route of the API at once: one decision for the reviewer, not a list of info lines.
    apisRemoved.push(
      change(
        "api-removed",
        `REST API ${api}`,
        `REST API ${api} is removed with all its ${gone.length} route(s) (${gone.map((r) => r.route).join(", ")}); its callers now reach whatever serves that name or address next`,
        gone.map((r) => r.address),
      ),
    );
    for (const before of gone) routes.push({ api: before.api, route: before.route, status: "removed", before, changes: [] });
  }
  routes.sort((x, y) => x.api.localeCompare(y.api) || pathOf(x.route).localeCompare(pathOf(y.route)) || x.route.localeCompare(y.route));

  const controls: Change[] = [...apisRemoved];
  const stages = pair(base.stages, head.stages);
  for (const [b, a] of stages.pairs) controls.push(...compareStage(b, a));
  controls.push(...compareGrants(base.grants, head.grants, head.routes, opts.grantIntended));
  for (const [b, a] of pair(base.trusts, head.trusts).pairs) controls.push(...compareTrust(b, a));
  const newTrusts = pair(base.trusts, head.trusts).added;
  for (const t of newTrusts) {
    if (t.principals.some((p) => p.startsWith("*:") || p.endsWith(":*")))
      controls.push(change("trust-widened", `group role ${t.key}`, "new group role trusted by anyone (*)", [t.address]));
  }
  for (const [b, a] of pair(base.pools, head.pools).pairs) controls.push(...comparePool(b, a));
  for (const [b, a] of pair(base.clients, head.clients).pairs) controls.push(...compareClient(b, a));

  const changes = [...routes.flatMap((r) => r.changes), ...controls].sort((x, y) => ORDER[x.severity] - ORDER[y.severity]);
  return { routes, changes };
}

const pathOf = (route: string): string => parseAnyRouteKey(route)?.path ?? route;

/**
 * The authorization review of `head` against `base`. In single-plan mode pass the plan's `before` model as
 * base and its `after` model as head.
 */
export function diffModels(base: Model, head: Model, opts: DiffOptions = {}): ReviewReport {
  const mode = opts.mode ?? "diff";
  const baseFacts = modelFacts(base, opts.routeTables?.base);
  const headFacts = modelFacts(head, opts.routeTables?.head);
  const facts = diffFacts(baseFacts, headFacts, opts);
  const routes = facts.routes;
  const judged = [
    ...compareBodies(base, head),
    ...facts.changes,
    ...accessChanges({ base, head, baseFacts, headFacts, ...(opts.deciders !== undefined ? { deciderPatterns: opts.deciders } : {}) }),
  ];
  // The check on both sides: a finding the base did not have blocks, unless a comparer already blocks on its resource.
  const regressed =
    opts.baseFindings !== undefined && opts.findings !== undefined ? regressedControls(opts.baseFindings, opts.findings, judged, opts.failOn) : [];
  // Every other attribute of the in-scope resources, judged by its classification where no comparer (nor a regressed
  // check rule) spoke for the resource.
  const spoken = [...judged, ...regressed];
  const raw = [...spoken, ...attributeChanges(base, head, spoken, { mode })].sort((x, y) => ORDER[x.severity] - ORDER[y.severity]);
  const digest = blockingDigest(raw);
  const given = [...new Set(opts.acknowledge ?? [])];
  const acknowledged = digest !== "" && given.includes(digest);
  const mark = (c: Change): Change => (c.severity === "blocking" ? { ...c, acknowledged } : c);
  const changes = raw.map(mark);
  const marked = routes.map((r) => ({ ...r, changes: r.changes.map(mark) }));
  const blocking = changes.filter((c) => c.severity === "blocking").length;
  const notes: string[] = [];
  const unresolved = head.unresolved.length;
  if (unresolved > 0) notes.push(`${unresolved} reference(s) in the head could not be followed; affected routes show as UNKNOWN.`);
  if (head.routes.length === 0 && base.routes.length === 0) notes.push("Neither side has any API Gateway method.");
  return {
    version: 1,
    mode,
    base: opts.baseLabel ?? base.sources.join(", "),
    head: opts.headLabel ?? head.sources.join(", "),
    routes: marked,
    changes,
    blocking,
    unacknowledgedBlocking: acknowledged ? 0 : blocking,
    acknowledged,
    digest,
    staleAcknowledgements: given.filter((d) => d !== digest),
    ...(opts.changedFiles !== undefined ? { gateChanges: opts.changedFiles.filter(changesGate) } : {}),
    loweredSeverities: opts.loweredSeverities ?? [],
    plan: planSummary(base, head, mode),
    ...(opts.findings !== undefined ? { findings: opts.baseFindings !== undefined ? markNewFindings(opts.baseFindings, opts.findings) : opts.findings } : {}),
    targets: targetReach(base, head),
    notes,
  };
}
