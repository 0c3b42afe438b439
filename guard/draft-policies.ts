// Drafts intended-authorization policies from what a configuration does today, so a team can adopt the check on
// an existing API (`check <input> --init-policy DIR`). Pure: a Model in, file names and YAML text out.
// A draft approves nothing by itself: every open or key-only route gets `reason: TODO`, which the policy parser
// refuses (kernel/io/words.ts: a reason has at least 10 characters), so the check fails until a person writes why.
import type { Model, RestApi, Route } from "./model";
import { invokers } from "./rules/access/method-matches-policy";
import { edgeRequirementOf } from "./access/edge-config";
import { edgeProtectionGap } from "./access/origin";
import { apiKind, known, show } from "./access/lookups";
import { callersOf, callersText } from "./access/resource-policy";
import type { IntendedRoute } from "./policy/types";
import { typeAtGateway, type GatewayClosedType } from "../kernel/authorization-types";
import { parseAnyRouteKey } from "../kernel/match/route";
import { draftDoors } from "./draft-policies-doors";
import { draftDeciders } from "./draft-policies-deciders";
import { unreadRoutes } from "./access/unread-routes";

/** What a person must replace: refused as a reason (too short), so a draft never passes as it is. */
const TODO_REASON = "TODO";

/** One route in policy form, before it is written: the policy's own route entry, with what is written beside it. */
interface DraftEntry extends IntendedRoute {
  /** Comment lines written above the entry (why something is missing or not verified). */
  readonly notes: readonly string[];
  /** CUSTOM: the groups and scopes are the authorizer's and could not be read. */
  readonly unread?: true;
}

interface PolicyDraft {
  /** The API name the draft's `api` pattern names exactly. */
  readonly api: string;
  /** REST API, HTTP API or WebSocket API, as every message names it. */
  readonly kind: string;
  /** File name to write it under (the API name, made safe for a file system), ending in `.yaml`. */
  readonly fileName: string;
  readonly text: string;
  /** Route keys drafted (CORS preflights are listed by path, not here). */
  readonly routes: readonly string[];
  /** Route keys drafted with `reason: TODO`. */
  readonly todo: readonly string[];
  /** CUSTOM route keys whose groups and scopes could not be read (the authorizer's route table is not here). */
  readonly authorizerDecides: readonly string[];
  /** Methods left out, each with why (the check reports them as not covered). */
  readonly notDrafted: readonly string[];
}

export interface DraftResult {
  readonly drafts: readonly PolicyDraft[];
  /** APIs no draft was written for (name known only after apply, routes unknown: an unread OpenAPI body), each with why. */
  readonly notDrafted: readonly string[];
  /** Why no draft could be written at all for an API (two APIs of one name disagree on a route): exit 2. */
  readonly problems: readonly string[];
}

/** `petstore-dev-cognito` on API `petstore-dev` is written `${api}-cognito`, so one policy fits every stage. */
function authorizerPattern(name: string, apiName: string): string {
  return name.startsWith(`${apiName}-`) ? `\${api}${name.slice(apiName.length)}` : name;
}

const openToAnyone = (r: Route): boolean => typeof r.authorization === "string" && r.authorization.toUpperCase() === "NONE";

/** The policy entry describing `r` as it is, or why it cannot be described. */
function entryFor(model: Model, r: Route, api: RestApi, apiName: string): DraftEntry | { readonly skip: string } {
  if (!known(r.authorization)) return { skip: `authorization ${show(r.authorization)}` };
  if (!known(r.apiKeyRequired)) return { skip: `api_key_required ${show(r.apiKeyRequired)}` };
  const base = { scopes: [], groups: [], roles: [], apiKey: r.apiKeyRequired, notes: [] };
  const method = r.httpMethod as string;
  const path = r.path as string;
  if (openToAnyone(r)) {
    if (r.apiKeyRequired)
      return {
        ...base,
        type: "API_KEY",
        reason: TODO_REASON,
        notes: ["protected by an API key only: an API key meters, it does not authenticate. Why is that enough?"],
      };
    // Open at the gateway but authenticated at the edge, with the edge the only way in: that is EDGE, stated
    // with the scopes the verifier's baked configuration requires. Anything less is open.
    if (edgeProtectionGap(model, api) === undefined) {
      const edge = edgeRequirementOf(model, api, method, path);
      if ("requirement" in edge && edge.requirement.mode === "edge") {
        const clients = edge.requirement.clients;
        return { ...base, type: "EDGE", scopes: edge.requirement.scopes, ...(clients !== null ? { clients } : {}) };
      }
    }
    return { ...base, type: "NONE", reason: TODO_REASON, notes: [`open to ${callersText(callersOf(model, r))}. Why?`] };
  }
  const type = typeof r.authorization === "string" ? typeAtGateway(r.authorization) : undefined;
  if (type === undefined) return { skip: `authorization ${JSON.stringify(r.authorization)} is none API Gateway knows` };
  return CLOSED_DRAFTS[type]({ model, r, apiName, method, path, base });
}

/** What a drafter of one type reads a route with. */
interface DraftContext {
  readonly model: Model;
  readonly r: Route;
  readonly apiName: string;
  readonly method: string;
  readonly path: string;
  readonly base: Omit<DraftEntry, "type">;
}

type Drafted = DraftEntry | { readonly skip: string };

/** The authorizer's name (as a pattern) and the route's gateway scopes, or why the route cannot be drafted. */
function authorizerAndScopes(r: Route, apiName: string): { authorizer: string; scopes: readonly string[] } | { skip: string } {
  const name = r.authorizer?.name;
  if (!known(name)) return { skip: `its authorizer ${r.authorizer === undefined ? "did not resolve" : `name is ${show(name)}`}` };
  if (!known(r.scopes)) return { skip: `authorization_scopes ${show(r.scopes)}` };
  return { authorizer: authorizerPattern(name, apiName), scopes: r.scopes };
}

/**
 * How a route of each type API Gateway tells by its own value is drafted (NONE, API_KEY and EDGE are all NONE at the
 * gateway: entryFor tells them apart). One entry per such row of the type table, so a new type says here how it is drafted.
 */
const CLOSED_DRAFTS: Readonly<Record<GatewayClosedType, (c: DraftContext) => Drafted>> = {
  AWS_IAM: ({ model, r, base }) => {
    const who = invokers(model, r);
    const notes =
      who.unverifiable.length > 0
        ? [
            `not verified: ${who.unverifiable.map((a) => JSON.stringify(a)).join(", ")} may grant execute-api:Invoke (known only after apply, or a managed policy not in the table)`,
          ]
        : [];
    return { ...base, type: "AWS_IAM", groups: [...new Set(who.groups)].sort(), roles: [...new Set(who.roles)].sort(), notes };
  },
  COGNITO: ({ r, apiName, base }) => {
    const got = authorizerAndScopes(r, apiName);
    return "skip" in got ? got : { ...base, type: "COGNITO", authorizer: got.authorizer, scopes: [...got.scopes].sort() };
  },
  // A Lambda authorizer decides groups and scopes in its own code: stated from its bundled route table when the
  // package is on disk, otherwise left for a person to write.
  CUSTOM: ({ r, apiName, method, path, base }) => {
    const got = authorizerAndScopes(r, apiName);
    if ("skip" in got) return got;
    const authorizer = got.authorizer;
    const table = r.authorizer?.routeTable;
    const row = table !== undefined && "routes" in table ? table.routes.find((e) => e.method === method && e.path === path) : undefined;
    if (row !== undefined) return { ...base, type: "CUSTOM", authorizer, groups: [...row.groups].sort(), scopes: [...row.scopes].sort() };
    return {
      ...base,
      type: "CUSTOM",
      authorizer,
      unread: true,
      notes: ["the groups and scopes this authorizer requires are in its code, not visible here: write them"],
    };
  },
  JWT: ({ r, apiName, base }) => jwtEntry(r, apiName, base),
};

/** A WebSocket route says where its authorization comes from: only $connect is authorized. */
function withConnectionNote(r: Route, e: DraftEntry | { readonly skip: string }): DraftEntry | { readonly skip: string } {
  if ("skip" in e) return e;
  const note =
    r.implicit === true
      ? "no $connect route: API Gateway accepts every connection (add one with an authorizer, or say why not)"
      : r.connection !== undefined
        ? "runs on the connection: its authorization is $connect's (an authorizer attaches to $connect only)"
        : undefined;
  return note === undefined ? e : { ...e, notes: [note, ...e.notes] };
}

/** An HTTP API route with a JWT authorizer: its scopes, and its issuer and audience when the plan knows them. */
function jwtEntry(r: Route, apiName: string, base: Omit<DraftEntry, "type">): DraftEntry | { readonly skip: string } {
  const a = r.authorizer;
  if (a === undefined) return { skip: "its JWT authorizer did not resolve" };
  if (!known(r.scopes)) return { skip: `authorization_scopes ${show(r.scopes)}` };
  const notes: string[] = [];
  const issuer = known(a.jwtIssuer) && a.jwtIssuer !== "" ? a.jwtIssuer : undefined;
  if (issuer === undefined) notes.push(`issuer ${show(a.jwtIssuer)} is known only after apply: not written (rule jwt-authorizer-issuer-known judges it)`);
  const aud = a.jwtAudience;
  const audience = aud !== undefined && known(aud) && aud.length > 0 && aud.every(known) ? [...(aud as readonly string[])].sort() : undefined;
  if (audience === undefined) notes.push(`audience ${show(aud)} is known only after apply: not written`);
  return {
    ...base,
    type: "JWT",
    ...(known(a.name) && a.name !== "" ? { authorizer: authorizerPattern(a.name, apiName) } : {}),
    scopes: [...r.scopes].sort(),
    ...(issuer !== undefined ? { issuer } : {}),
    ...(audience !== undefined ? { audience } : {}),
    notes,
  };
}

const sameEntry = (a: DraftEntry, b: DraftEntry): boolean => JSON.stringify({ ...a, notes: [] }) === JSON.stringify({ ...b, notes: [] });

/** A comment line that cannot end the comment: names from the input are quoted, line breaks never survive. */
const comment = (text: string): string => `# ${text.replace(/[\r\n\u2028\u2029\u0085]/g, " ")}`;
const list = (xs: readonly string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(", ")}]`;

function entryText(key: string, e: DraftEntry): string[] {
  const out = e.notes.map((n) => `  ${comment(n)}`);
  out.push(`  ${JSON.stringify(key)}:`, `    type: ${e.type}`);
  if (e.authorizer !== undefined) out.push(`    authorizer: ${JSON.stringify(e.authorizer)}`);
  if (e.scopes.length > 0) out.push(`    scopes: ${list(e.scopes)}`);
  if (e.groups.length > 0) out.push(`    groups: ${list(e.groups)}`);
  if (e.roles.length > 0) out.push(`    roles: ${list(e.roles)}`);
  if (e.clients !== undefined) out.push(`    clients: ${list(e.clients)}`);
  if (e.issuer !== undefined) out.push(`    issuer: ${JSON.stringify(e.issuer)}`);
  if (e.audience !== undefined) out.push(`    audience: ${list(e.audience)}`);
  if (e.apiKey && e.type !== "API_KEY") out.push("    apiKey: true");
  if (e.reason !== undefined) out.push(`    reason: ${e.reason}`);
  return out;
}

/** `GET /a` before `POST /a` before `GET /a/b`: by path, then method. */
function byRoute(a: string, b: string): number {
  const [sa, sb] = [parseAnyRouteKey(a), parseAnyRouteKey(b)];
  return (sa?.path ?? a).localeCompare(sb?.path ?? b) || (sa?.method ?? a).localeCompare(sb?.method ?? b);
}

function fileNameFor(apiName: string, taken: Set<string>): string {
  const stem = apiName.replace(/[^A-Za-z0-9._-]/g, "-").replace(/^[.-]+/, "") || "api";
  let name = `${stem}.yaml`;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${stem}-${i}.yaml`;
  taken.add(name.toLowerCase());
  return name;
}

/** One draft per REST API name in the model (APIs of one name in several stacks share it). */
export function draftPolicies(model: Model, input: string): DraftResult {
  const byName = new Map<string, RestApi[]>();
  const notDraftedApis: string[] = [];
  for (const api of model.apis) {
    if (!known(api.name)) notDraftedApis.push(`${api.address}: ${apiKind(api)} name ${show(api.name)}, so no policy can name it`);
    else byName.set(api.name, [...(byName.get(api.name) ?? []), api]);
  }
  const drafts: PolicyDraft[] = [];
  const problems: string[] = [];
  const taken = new Set<string>();
  for (const [apiName, apis] of [...byName.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const routes = new Map<string, DraftEntry>();
    const cors = new Set<string>();
    const kinds = [...new Set(apis.map(apiKind))];
    const kind = kinds.length === 1 ? kinds[0] : "API";
    const skipped: string[] = [];
    for (const api of apis) {
      for (const r of model.routes.filter((x) => x.api === api)) {
        if (r.routeKey === undefined || !known(r.httpMethod) || !known(r.path)) {
          skipped.push(`${JSON.stringify(r.address)}: method ${show(r.httpMethod)} on path ${show(r.path)}`);
          continue;
        }
        // A CORS preflight is listed by path, as the check expects it (OPTIONS, NONE, no key, MOCK integration).
        if (r.httpMethod === "OPTIONS" && r.authorization === "NONE" && r.apiKeyRequired === false && r.integrationType === "MOCK") {
          cors.add(r.path);
          continue;
        }
        const e = withConnectionNote(r, entryFor(model, r, api, apiName));
        if ("skip" in e) {
          skipped.push(`${JSON.stringify(r.routeKey)} (${JSON.stringify(r.address)}): ${e.skip}`);
          continue;
        }
        const before = routes.get(r.routeKey);
        if (before !== undefined && !sameEntry(before, e)) {
          problems.push(
            `${kind} "${apiName}": route ${r.routeKey} has different authorization in two places (${JSON.stringify(before.type)} and ${JSON.stringify(e.type)}); one policy cannot describe both, draft from one input at a time`,
          );
          continue;
        }
        routes.set(r.routeKey, e);
      }
    }
    // An OpenAPI body that cannot be read hides routes: with none drafted beside it, any file would approve a guess.
    const unread = apis.flatMap((a) => {
      const reason = unreadRoutes(a);
      return reason === undefined ? [] : [{ address: a.address, reason }];
    });
    if (routes.size === 0 && cors.size === 0 && unread.length > 0) {
      notDraftedApis.push(
        `${kind} "${apiName}": no route could be drafted: ${unread.map((u) => u.reason).join("; ")}, so its routes are unknown; write its policy by hand, or plan with a body known at plan time and draft again`,
      );
      continue;
    }
    for (const u of unread) skipped.push(`the routes of the OpenAPI body of ${JSON.stringify(u.address)}: ${u.reason}`);
    const keys = [...routes.keys()].sort(byRoute);
    const todo = keys.filter((k) => routes.get(k)?.reason === TODO_REASON);
    const authorizerDecides = keys.filter((k) => routes.get(k)?.unread === true);
    const lines = [
      comment(`Drafted by \`api-access-check check --init-policy\` from ${JSON.stringify(input)}: every route of ${kind} ${JSON.stringify(apiName)}`),
      "# with the authorization it has today. Review every entry before relying on it: the check compares the API with",
      "# THIS file, so whatever it says is what gets approved. `reason: TODO` marks routes open to anyone (NONE) or",
      "# behind an API key only (API_KEY): the check refuses this file until a person writes why (10 characters or more).",
      `api: ${JSON.stringify(apiName)}`,
    ];
    if (keys.length > 0) {
      lines.push("routes:");
      for (const k of keys) lines.push(...entryText(k, routes.get(k) as DraftEntry));
    } else lines.push("routes: {}", "# No route could be drafted: the check refuses a policy without routes until one is written.");
    if (cors.size > 0)
      lines.push(
        "# CORS preflight OPTIONS (MOCK integration, NONE, no key) expected on these paths:",
        "corsPreflight:",
        ...[...cors].sort().map((p) => `  - ${JSON.stringify(p)}`),
      );
    lines.push(...draftDoors(model, apiName));
    lines.push(...draftDeciders(model, apiName, TODO_REASON));
    if (skipped.length > 0) {
      lines.push("# Not drafted (the check reports each of these until it can be verified or written by hand):");
      for (const s of skipped) lines.push(comment(`  ${s}`));
    }
    drafts.push({
      api: apiName,
      kind,
      fileName: fileNameFor(apiName, taken),
      text: `${lines.join("\n")}\n`,
      routes: keys,
      todo,
      authorizerDecides,
      notDrafted: skipped,
    });
  }
  return { drafts, notDrafted: notDraftedApis, problems };
}
