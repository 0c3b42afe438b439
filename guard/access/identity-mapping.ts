// Who the backend thinks the caller is: for every route, each value its integration hands the backend (headers,
// query string and path parameters, body fields written by a request template, the caller's body passed through),
// with where it comes from (guard/access/identity/sources.ts). REST integrations (request_parameters,
// request_templates, passthrough_behavior), HTTP APIs (`append:` / `overwrite:` / `remove:` parameter mappings) and
// WebSocket APIs. A proxy integration passes the caller's headers and query string through: a name it does not
// map is the caller's. Pure: Model in, one record per route out; linear in the routes and their mappings.
import { isUnknown, type Model, type ResourceInstance, type Route } from "../model";
import { integrationOf, integrationTarget } from "./doors/targets";
import { routeName } from "./doors/routes";
import type { Target } from "./doors/types";
import { httpApiSource, RANK, REMOVED, restSource, weakest, type Source } from "./identity/sources";
import { readTemplate } from "./identity/templates";
import { perModel } from "./per-model";

export interface BackendValue {
  /** `header X-User-Id`, `querystring user`, `path petId`, `body field userId`, `body`, `parameter MessageBody`. */
  readonly name: string;
  readonly source: Source;
}

/** A route whose integration calls a backend: cheap to list for every route; read in full only where it changed. */
export interface RouteIntegration {
  /** Pairs a route across versions: stack and `api VERB /path`. */
  readonly key: string;
  /** `petstore-dev GET /pets`. */
  readonly route: string;
  readonly integration: ResourceInstance;
  /** Canonical text of every mapping attribute: equal texts need no comparison. */
  readonly mappingText: string;
  readonly routeRef: Route;
}

export interface RouteIdentity extends RouteIntegration {
  /** The caller's unmapped headers and query string reach the backend (proxy integrations). */
  readonly passthrough: boolean;
  /** By lower-cased name. */
  readonly values: ReadonlyMap<string, BackendValue>;
  /** Parts of the mapping that cannot be read, each with its text (compared as is) and why. */
  readonly unreadable: ReadonlyMap<string, { readonly text: string; readonly why: string }>;
}

const PROXY = new Set(["AWS_PROXY", "HTTP_PROXY"]);
/** The attributes this model reads, per integration type. */
const MAPPING_ATTRIBUTES = ["request_parameters", "request_templates", "passthrough_behavior", "type", "integration_type", "integration_subtype"];

const display = (location: string, name: string): string => `${location} ${name}`;
const keyOf = (name: string): string => name.toLowerCase();

/** A REST or WebSocket parameter key: `integration.request.header.X-User-Id` -> `header X-User-Id`. */
function restTarget(key: string): string | undefined {
  const m = /^integration\.request\.(header|querystring|path|multivalueheader|multivaluequerystring)\.(.+)$/.exec(key);
  if (m === null) return undefined;
  const location = (m[1] as string).replace(/^multivalue/, "");
  return display(location, m[2] as string);
}

/** An HTTP API parameter key: `overwrite:header.x-user` -> [overwrite, `header x-user`]; a service parameter as is. */
function httpApiTarget(key: string): { op: "append" | "overwrite" | "remove"; name: string } | undefined {
  const m = /^(append|overwrite|remove):(header|querystring|path)(?:\.(.+))?$/.exec(key);
  if (m !== null) return { op: m[1] as "append" | "overwrite" | "remove", name: display(m[2] as string, m[3] ?? "") };
  if (key.includes(":")) return undefined;
  return { op: "overwrite", name: display("parameter", key) };
}

const entriesOf = (v: unknown): [string, unknown][] => (typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v) ? Object.entries(v) : []);

const canonical = (r: ResourceInstance): string => JSON.stringify(MAPPING_ATTRIBUTES.map((a) => r.values[a] ?? null));

function readMappings(route: Route, integration: ResourceInstance): Pick<RouteIdentity, "passthrough" | "values" | "unreadable"> {
  const values = new Map<string, BackendValue>();
  const unreadable = new Map<string, { text: string; why: string }>();
  // Two mappings onto one name (header names differ only in case): the weaker one is what the backend may read.
  const set = (name: string, source: Source) => {
    const old = values.get(keyOf(name));
    values.set(keyOf(name), old === undefined || RANK[source.class] < RANK[old.source.class] ? { name, source } : old);
  };
  const v2 = integration.type === "aws_apigatewayv2_integration";
  const httpApi = v2 && route.api?.protocol === "HTTP";
  const rawType = integration.values[v2 ? "integration_type" : "type"];
  const type = typeof rawType === "string" ? rawType : undefined;
  // A type known only after apply passes the caller's request through, as far as the review knows.
  const passthrough = type === undefined || PROXY.has(type);
  const params = integration.values["request_parameters"];
  if (isUnknown(params))
    unreadable.set("request_parameters", { text: params.expression ?? "(known after apply)", why: "the parameter mappings are known only after apply" });
  if (httpApi) {
    // Operations per name, in API Gateway's order: remove, then overwrite, then append.
    const ops = new Map<string, { name: string; remove?: boolean; overwrite?: Source; append: Source[] }>();
    for (const [k, raw] of entriesOf(params)) {
      const t = httpApiTarget(k);
      if (t === undefined) {
        unreadable.set(`request_parameters ${k}`, { text: JSON.stringify(raw), why: `the mapping key ${k} is not one the review reads` });
        continue;
      }
      const entry = ops.get(keyOf(t.name)) ?? { name: t.name, append: [] };
      if (t.op === "remove") entry.remove = true;
      else if (t.op === "overwrite") entry.overwrite = httpApiSource(raw);
      else entry.append.push(httpApiSource(raw));
      ops.set(keyOf(t.name), entry);
    }
    for (const e of ops.values()) {
      const base: Source | undefined =
        e.overwrite ??
        (e.remove === true ? { class: "static", text: `${REMOVED}remove:${e.name.replace(" ", ".")}` } : passthrough ? PASSED_THROUGH : undefined);
      const all = [...(base !== undefined ? [base] : []), ...e.append];
      const w = weakest(all);
      if (w !== undefined) set(e.name, w);
    }
  } else {
    for (const [k, raw] of entriesOf(params)) {
      const name = restTarget(k);
      if (name === undefined) {
        unreadable.set(`request_parameters ${k}`, { text: JSON.stringify(raw), why: `the mapping key ${k} is not one the review reads` });
        continue;
      }
      set(name, restSource(raw));
    }
  }
  // Templates write the body of non-proxy integrations (REST, WebSocket); proxy integrations ignore them.
  if (!passthrough && !httpApi) readBody(integration, set, unreadable);
  else set("body", { class: "caller", text: "the caller's body, passed through by the proxy integration" });
  return { passthrough, values, unreadable };
}

const PASSED_THROUGH: Source = { class: "caller", text: "the caller's own, passed through by the proxy integration" };

function readBody(integration: ResourceInstance, set: (name: string, s: Source) => void, unreadable: Map<string, { text: string; why: string }>): void {
  const templates = integration.values["request_templates"];
  if (isUnknown(templates)) {
    unreadable.set("request_templates", { text: templates.expression ?? "(known after apply)", why: "the request templates are known only after apply" });
    return;
  }
  const list = entriesOf(templates);
  const fields = new Map<string, { name: string; sources: Source[] }>();
  for (const [contentType, text] of list) {
    const reading = readTemplate(text);
    if (reading.kind === "unreadable") {
      unreadable.set(`request template ${contentType}`, { text: typeof text === "string" ? text : JSON.stringify(text), why: reading.why });
      continue;
    }
    for (const f of reading.fields) {
      const name = f.key === "(body)" ? "body" : `body field ${f.key}`;
      const entry = fields.get(keyOf(name)) ?? { name, sources: [] };
      entry.sources.push(f.source);
      fields.set(keyOf(name), entry);
    }
  }
  // The caller picks the content type: a field is as weak as its weakest template.
  for (const f of fields.values()) {
    const w = weakest(f.sources);
    if (w !== undefined) set(f.name, w);
  }
  const behavior = integration.values["passthrough_behavior"] ?? "WHEN_NO_MATCH";
  if (typeof behavior !== "string") {
    set("body", { class: "unknown", text: "passthrough_behavior known only after apply" });
    return;
  }
  const passes = behavior === "WHEN_NO_MATCH" || (behavior === "WHEN_NO_TEMPLATES" && list.length === 0);
  if (passes && !fields.has("body"))
    set("body", { class: "caller", text: `the caller's body, passed through where no template matches (passthrough_behavior ${behavior})` });
}

// Built once per model: the review asks for both versions once, the harness for many.
/**
 * Every route whose integration calls a backend (MOCK integrations have none). Linear in the routes; what reaches
 * the backend is read by `readRoute`, only for the routes a comparison needs.
 */
export const routeIntegrations = perModel((model): readonly RouteIntegration[] => {
  const out: RouteIntegration[] = [];
  for (const route of model.routes) {
    if (route.form === "openapi-operation") continue;
    const integration = integrationOf(model, route);
    if (integration === undefined) continue;
    const rawType = integration.values["type"] ?? integration.values["integration_type"];
    if (rawType === "MOCK") continue;
    const name = routeName(route);
    out.push({ key: `${route.resource.source.stack}\u0000${name}`, route: name, integration, mappingText: canonical(integration), routeRef: route });
  }
  return out;
});

/** What reaches one route's backend, and from where. */
export const readRoute = (r: RouteIntegration): RouteIdentity => ({ ...r, ...readMappings(r.routeRef, r.integration) });

/** The backend an integration calls (a Lambda function, an HTTP URL, an AWS service), for reports. */
export const backendOf = (model: Model, r: RouteIntegration): Target | undefined => integrationTarget(model, r.integration);

/** What the backend receives under a name, mapped or passed through; undefined: nothing under that name. */
export function valueOf(r: RouteIdentity, key: string): BackendValue | undefined {
  const own = r.values.get(key);
  if (own !== undefined) return own;
  if (r.passthrough && /^(header|querystring) /.test(key)) return { name: key, source: PASSED_THROUGH };
  return undefined;
}

/** Words that name who the caller is, or what they may do, in a header, parameter or field name. */
const IDENTITY_WORDS = new Set([
  "user",
  "userid",
  "username",
  "uid",
  "sub",
  "subject",
  "principal",
  "identity",
  "caller",
  "actor",
  "role",
  "roles",
  "group",
  "groups",
  "tenant",
  "account",
  "owner",
  "email",
  "claim",
  "claims",
  "scope",
  "scopes",
  "admin",
  "impersonate",
  "on-behalf-of",
]);

/** A name that looks like identity: `X-User-Id`, `tenantId`, `body field role` (split at `-`, `_`, `.` and case). */
export function looksLikeIdentity(name: string): boolean {
  const bare = name.replace(/^(header|querystring|path|parameter|body field|body) ?/, "");
  const words = bare
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[-_.:\s]+/)
    .map((w) => w.toLowerCase());
  return words.some((w) => IDENTITY_WORDS.has(w)) || /on-?behalf-?of|acting-?as/i.test(bare);
}

/** An HTTP API mapping that appends a verified identity to a value the caller also sends under that name. */
export interface AppendedIdentity {
  /** `header usuarioId`. */
  readonly name: string;
  /** The identity appended (`$context.authorizer.claims.username`). */
  readonly source: Source;
}

/**
 * The HTTP API mappings of one route's integration that `append:` a verified identity (a token's claim, the
 * authorizer's context) to a header or query string parameter no `overwrite:` or `remove:` of the same name
 * replaces: API Gateway keeps what the caller sent under that name and adds the identity after it, so the backend
 * receives the caller's own value first (`X-User: attacker,alice`). Pure.
 */
export function appendedIdentities(r: RouteIntegration): AppendedIdentity[] {
  if (r.integration.type !== "aws_apigatewayv2_integration" || r.routeRef.api?.protocol !== "HTTP") return [];
  const appended = new Map<string, AppendedIdentity>();
  const replaced = new Set<string>();
  for (const [k, raw] of entriesOf(r.integration.values["request_parameters"])) {
    const t = httpApiTarget(k);
    if (t === undefined || !/^(header|querystring) /.test(t.name)) continue;
    if (t.op !== "append") replaced.add(keyOf(t.name));
    else {
      const source = httpApiSource(raw);
      if (source.class === "identity") appended.set(keyOf(t.name), { name: t.name, source });
    }
  }
  return [...appended.entries()].filter(([k]) => !replaced.has(k)).map(([, v]) => v);
}
