// Validates an untrusted policy document into ApiPolicy, collecting every problem (file, path, value)
// rather than stopping at the first, so a reviewer fixes a file in one pass.
import { authorizationType, POLICY_ALIASES, policyWordType, typesWith } from "../../kernel/authorization-types";
import { didYouMean, MIN_REASON_LENGTH, reasonProblem } from "../../kernel/io/words";
import { isObject } from "../load/json";
import { isPolicyRouteKey } from "../../kernel/match/route";
import { parseDeciders } from "./deciders";
import { parseDoors } from "./doors";
import {
  INTENDED_TYPES,
  SEVERITIES,
  type ApiPolicy,
  type IntendedRoute,
  type IntendedType,
  type NamedIdentityProvider,
  type PolicyOverride,
  type PolicyProblem,
  type Severity,
  type SeverityOverride,
  type Waiver,
} from "./types";

// `$default` (an HTTP API's catch-all) and `$connect` (a WebSocket API's connection) are route keys of their own.
const TOP_KEYS = [
  "version",
  "api",
  "apis",
  "description",
  "routes",
  "corsPreflight",
  "overrides",
  "allowWholeApiInvoke",
  "identityProviders",
  "doors",
  "deciders",
  "tokenValidity",
  "waivers",
  "severities",
];
const ROUTE_KEYS = ["type", "authorizer", "scopes", "groups", "roles", "clients", "issuer", "audience", "apiKey", "reason"];
/**
 * The policy file format this tool reads (schema/policy.schema.json). A file may say which format it is written for
 * (`version: 1`); a later version is refused rather than read as this one, since a new word it uses may mean more.
 */
export const POLICY_FILE_VERSION = 1;

/** A reason must say something; "ok" or "n/a" is not a reason. */
/** One rule for specs and policies (kernel/io/words.ts). */
const MIN_REASON = MIN_REASON_LENGTH;

class Collector {
  readonly problems: PolicyProblem[] = [];
  constructor(readonly file: string) {}
  add(path: string, message: string, value: unknown): void {
    this.problems.push({ file: this.file, path, message, value });
  }
  strings(v: unknown, path: string): string[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.add(path, "must be a list of strings", v);
      return [];
    }
    const out: string[] = [];
    v.forEach((x, i) => {
      if (typeof x === "string" && x.trim() !== "") out.push(x);
      else this.add(`${path}[${i}]`, "must be a non-empty string", x);
    });
    return out;
  }
  unknownKeys(o: Readonly<Record<string, unknown>>, allowed: readonly string[], path: string): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) this.add(path === "" ? k : `${path}.${k}`, `unknown key${didYouMean(k, allowed)} (expected one of ${allowed.join(", ")})`, k);
    }
  }
}

function parseRoute(c: Collector, v: unknown, path: string): IntendedRoute | undefined {
  if (!isObject(v)) {
    c.add(path, "must be a mapping with at least `type`", v);
    return undefined;
  }
  c.unknownKeys(v, ROUTE_KEYS, path);
  // Aliases from the type table: a LAMBDA route of the spec is a CUSTOM authorizer at the gateway.
  const type = typeof v["type"] === "string" ? policyWordType(v["type"]) : undefined;
  if (type === undefined) {
    const raw = v["type"];
    const hint = typeof raw === "string" ? didYouMean(raw, [...INTENDED_TYPES, ...POLICY_ALIASES.map((a) => a.word)]) : "";
    const aliases = POLICY_ALIASES.map((a) => `${a.word} = ${a.type}`).join(", ");
    c.add(`${path}.type`, `must be one of ${INTENDED_TYPES.join(", ")} (${aliases})${hint}`, raw);
    return undefined;
  }
  const t: IntendedType = type;
  // Which keys the type accepts and requires: the type table's row (kernel/authorization-types.ts).
  const fields = authorizationType(t).policy;
  const authorizer = v["authorizer"];
  if (fields.authorizer === "required") {
    if (typeof authorizer !== "string" || authorizer === "") c.add(`${path}.authorizer`, `required for ${t}`, authorizer);
  } else if (fields.authorizer === "optional") {
    if (authorizer !== undefined && (typeof authorizer !== "string" || authorizer === ""))
      c.add(`${path}.authorizer`, "must be a non-empty string", authorizer);
  } else if (authorizer !== undefined) c.add(`${path}.authorizer`, `not allowed for ${t}`, authorizer);
  const scopes = c.strings(v["scopes"], `${path}.scopes`);
  if (scopes.length > 0 && !fields.scopes) c.add(`${path}.scopes`, `scopes only apply to ${typesWith((f) => f.scopes)}`, v["scopes"]);
  const issuerRaw = v["issuer"];
  if (issuerRaw !== undefined && (typeof issuerRaw !== "string" || issuerRaw.trim() === ""))
    c.add(`${path}.issuer`, "must be a non-empty string (the issuer URL)", issuerRaw);
  if (issuerRaw !== undefined && !fields.jwt) c.add(`${path}.issuer`, `issuer only applies to ${typesWith((f) => f.jwt)}`, issuerRaw);
  const audienceRaw = v["audience"];
  const audience = audienceRaw === undefined ? undefined : c.strings(audienceRaw, `${path}.audience`);
  if (audience !== undefined && !fields.jwt) c.add(`${path}.audience`, `audience only applies to ${typesWith((f) => f.jwt)}`, audienceRaw);
  else if (audience !== undefined && audience.length === 0 && Array.isArray(audienceRaw))
    c.add(`${path}.audience`, "must name at least one audience; leave it out to not compare the audience", audienceRaw);
  const groups = c.strings(v["groups"], `${path}.groups`);
  if (groups.length > 0 && fields.groups !== true) c.add(`${path}.groups`, fields.groups.refused, v["groups"]);
  const roles = c.strings(v["roles"], `${path}.roles`);
  // Absent = clients not compared; present must name at least one (the verifier would accept no token at all).
  const clientsRaw = v["clients"];
  const clients = clientsRaw === undefined ? undefined : c.strings(clientsRaw, `${path}.clients`);
  if (clients !== undefined && !fields.clients)
    c.add(`${path}.clients`, `clients only apply to ${typesWith((f) => f.clients)} (the edge verifier's accepted app clients)`, clientsRaw);
  else if (clients !== undefined && clients.length === 0 && Array.isArray(clientsRaw))
    c.add(`${path}.clients`, "must name at least one client; leave it out to not compare clients", clientsRaw);
  if (roles.length > 0 && !fields.roles) c.add(`${path}.roles`, `roles only apply to ${typesWith((f) => f.roles)}`, v["roles"]);
  const apiKeyRaw = v["apiKey"];
  if (apiKeyRaw !== undefined && typeof apiKeyRaw !== "boolean") c.add(`${path}.apiKey`, "must be true or false", apiKeyRaw);
  const keyField = fields.apiKey;
  const implied = typeof keyField === "object" && "implied" in keyField;
  const apiKey = implied ? true : apiKeyRaw === true;
  if (implied && apiKeyRaw === false) c.add(`${path}.apiKey`, keyField.implied, apiKeyRaw);
  if (typeof keyField === "object" && "refused" in keyField && apiKeyRaw === true) c.add(`${path}.apiKey`, keyField.refused, apiKeyRaw);
  const reason = v["reason"];
  if (fields.reason !== "optional") {
    if (reasonProblem(reason) !== undefined)
      c.add(`${path}.reason`, `${t} needs a written reason (at least ${MIN_REASON} characters)${fields.reason.required}`, reason);
  } else if (reason !== undefined && typeof reason !== "string") c.add(`${path}.reason`, "must be a string", reason);
  return {
    type: t,
    ...(typeof authorizer === "string" && authorizer !== "" ? { authorizer } : {}),
    scopes,
    groups,
    roles,
    ...(clients !== undefined && fields.clients ? { clients } : {}),
    ...(typeof issuerRaw === "string" && fields.jwt ? { issuer: issuerRaw } : {}),
    ...(audience !== undefined && fields.jwt ? { audience } : {}),
    apiKey,
    ...(typeof reason === "string" ? { reason } : {}),
  };
}

function parseRoutes(c: Collector, v: unknown, path: string): Record<string, IntendedRoute> {
  const out: Record<string, IntendedRoute> = {};
  if (v === undefined) return out;
  if (!isObject(v)) {
    c.add(path, 'must be a mapping of route keys ("GET /pets") to intended authorization', v);
    return out;
  }
  for (const [key, entry] of Object.entries(v)) {
    const p = `${path}["${key}"]`;
    if (!isPolicyRouteKey(key)) {
      c.add(
        p,
        'route key must be "<METHOD> /path" (e.g. "GET /pets/{petId}"), "$default", or a WebSocket route key ("$connect", "$disconnect", or a custom key without spaces or "/")',
        key,
      );
      continue;
    }
    const r = parseRoute(c, entry, p);
    if (r !== undefined) out[key] = r;
  }
  return out;
}

function paths(c: Collector, v: unknown, path: string): string[] {
  const list = c.strings(v, path);
  list.forEach((p, i) => {
    if (!p.startsWith("/")) c.add(`${path}[${i}]`, "must be a resource path starting with /", p);
  });
  return list;
}

function apiPatterns(c: Collector, v: unknown, path: string): string[] {
  if (typeof v === "string" && v !== "") return [v];
  const list = c.strings(v, path);
  if (list.length === 0) c.add(path, "required: the API name (REST, HTTP or WebSocket API) or name pattern (e.g. petstore-*) this policy applies to", v);
  return list;
}

export function parsePolicyDocument(raw: unknown, file: string): { policy?: ApiPolicy; problems: PolicyProblem[] } {
  const c = new Collector(file);
  if (!isObject(raw)) {
    c.add("", "a policy file must be a mapping", raw);
    return { problems: c.problems };
  }
  c.unknownKeys(raw, TOP_KEYS, "");
  const version = raw["version"];
  if (version !== undefined && version !== POLICY_FILE_VERSION) {
    const later = typeof version === "number" && Number.isInteger(version) && version > POLICY_FILE_VERSION;
    c.add(
      "version",
      later
        ? `this file is written for policy format ${version}; this tool reads format ${POLICY_FILE_VERSION}: upgrade the tool (docs/migrations.md)`
        : `must be ${POLICY_FILE_VERSION} (the policy file format), or left out`,
      version,
    );
    return { problems: c.problems };
  }
  const apis = apiPatterns(c, raw["apis"] ?? raw["api"], raw["apis"] !== undefined ? "apis" : "api");
  const routes = parseRoutes(c, raw["routes"], "routes");
  if (Object.keys(routes).length === 0 && c.problems.length === 0) c.add("routes", "a policy must list at least one route", raw["routes"]);
  const corsPreflight = paths(c, raw["corsPreflight"], "corsPreflight");

  const overrides: PolicyOverride[] = [];
  const ov = raw["overrides"];
  if (ov !== undefined && !Array.isArray(ov)) c.add("overrides", "must be a list", ov);
  (Array.isArray(ov) ? ov : []).forEach((o, i) => {
    const p = `overrides[${i}]`;
    if (!isObject(o)) {
      c.add(p, "must be a mapping with apis and routes", o);
      return;
    }
    c.unknownKeys(o, ["apis", "routes", "corsPreflight"], p);
    const cp = o["corsPreflight"] === undefined ? undefined : paths(c, o["corsPreflight"], `${p}.corsPreflight`);
    overrides.push({
      apis: apiPatterns(c, o["apis"], `${p}.apis`),
      routes: parseRoutes(c, o["routes"], `${p}.routes`),
      ...(cp !== undefined ? { corsPreflight: cp } : {}),
    });
  });

  const allowWholeApiInvoke = c.strings(raw["allowWholeApiInvoke"], "allowWholeApiInvoke");

  const identityProviders: NamedIdentityProvider[] = [];
  const ip = raw["identityProviders"];
  if (ip !== undefined && !Array.isArray(ip)) c.add("identityProviders", "must be a list of {name, reason}", ip);
  (Array.isArray(ip) ? ip : []).forEach((e, i) => {
    const p = `identityProviders[${i}]`;
    if (!isObject(e)) {
      c.add(p, "must be a mapping with name and reason", e);
      return;
    }
    c.unknownKeys(e, ["name", "reason"], p);
    const name = e["name"];
    const reason = e["reason"];
    if (typeof name !== "string" || name.trim() === "") c.add(`${p}.name`, "required: the identity provider's provider_name", name);
    else if (name === "COGNITO") c.add(`${p}.name`, "COGNITO is the pool's own users, always accepted: name federated providers only", name);
    if (reasonProblem(reason) !== undefined) c.add(`${p}.reason`, `a federated provider needs a written reason (at least ${MIN_REASON} characters)`, reason);
    if (typeof name === "string" && name.trim() !== "" && name !== "COGNITO" && typeof reason === "string") identityProviders.push({ name, reason });
  });

  const doors = parseDoors((path, message, value) => c.add(path, message, value), raw["doors"]);
  const deciders = parseDeciders((path, message, value) => c.add(path, message, value), raw["deciders"]);

  let tokenValidity = { maxIdAccessMinutes: 60, maxRefreshDays: 30 };
  const tv = raw["tokenValidity"];
  if (tv !== undefined) {
    if (!isObject(tv)) c.add("tokenValidity", "must be a mapping", tv);
    else {
      c.unknownKeys(tv, ["maxIdAccessMinutes", "maxRefreshDays"], "tokenValidity");
      const num = (k: string, min: number, max: number, dflt: number): number => {
        const x = tv[k];
        if (x === undefined) return dflt;
        if (typeof x !== "number" || !Number.isInteger(x) || x < min || x > max) {
          c.add(`tokenValidity.${k}`, `must be an integer from ${min} to ${max}`, x);
          return dflt;
        }
        return x;
      };
      tokenValidity = { maxIdAccessMinutes: num("maxIdAccessMinutes", 5, 1440, 60), maxRefreshDays: num("maxRefreshDays", 1, 3650, 30) };
    }
  }

  const waivers: Waiver[] = [];
  const wv = raw["waivers"];
  if (wv !== undefined && !Array.isArray(wv)) c.add("waivers", "must be a list", wv);
  (Array.isArray(wv) ? wv : []).forEach((w, i) => {
    const p = `waivers[${i}]`;
    if (!isObject(w)) {
      c.add(p, "must be a mapping with rule and reason", w);
      return;
    }
    c.unknownKeys(w, ["rule", "address", "route", "detail", "severity", "reason"], p);
    const rule = w["rule"];
    const reason = w["reason"];
    if (typeof rule !== "string" || rule === "") c.add(`${p}.rule`, "required: the rule id to waive", rule);
    if (reasonProblem(reason) !== undefined) c.add(`${p}.reason`, `a waiver needs a written reason (at least ${MIN_REASON} characters)`, reason);
    for (const k of ["address", "route"]) if (w[k] !== undefined && typeof w[k] !== "string") c.add(`${p}.${k}`, "must be a string", w[k]);
    const detail = w["detail"];
    if (detail !== undefined && (typeof detail !== "string" || detail.trim() === ""))
      c.add(`${p}.detail`, "must be a non-empty string: the finding's detail, exactly (the JSON output's findings[].detail)", detail);
    const severity = w["severity"];
    if (severity !== undefined && !(SEVERITIES as readonly unknown[]).includes(severity))
      c.add(`${p}.severity`, `must be one of ${SEVERITIES.join(", ")} (the most severe finding it accepts)`, severity);
    // A waiver is for one finding: without an address or route (or with an all-wildcard address) it would
    // also waive every finding of that rule added later, e.g. the next open method, without anyone reviewing it.
    const address = w["address"];
    if (address === undefined && w["route"] === undefined) c.add(p, "a waiver names what it waives: an address (pattern) and/or a route", w);
    else if (typeof address === "string" && !/[^*?]/.test(address)) c.add(`${p}.address`, "must name resources, not match every address", address);
    if (typeof rule === "string" && typeof reason === "string") {
      waivers.push({
        rule,
        reason,
        ...(typeof w["address"] === "string" ? { address: w["address"] } : {}),
        ...(typeof w["route"] === "string" ? { route: w["route"] } : {}),
        ...(typeof detail === "string" ? { detail } : {}),
        ...(typeof severity === "string" ? { severity: severity as Severity } : {}),
      });
    }
  });

  // `rule: high` raises; lowering needs `rule: {severity: info, reason: "..."}` (checked against the rules' defaults
  // when the set is loaded: guard/policy/severities.ts).
  const severities: Record<string, SeverityOverride> = {};
  const sv = raw["severities"];
  if (sv !== undefined && !isObject(sv)) c.add("severities", "must be a mapping of rule id to severity", sv);
  for (const [rule, entry] of Object.entries(isObject(sv) ? sv : {})) {
    const p = `severities.${rule}`;
    const value = isObject(entry) ? entry["severity"] : entry;
    const reason = isObject(entry) ? entry["reason"] : undefined;
    if (isObject(entry))
      for (const k of Object.keys(entry)) if (k !== "severity" && k !== "reason") c.add(`${p}.${k}`, "unknown key (expected severity, reason)", entry[k]);
    if (reason !== undefined && reasonProblem(reason) !== undefined) {
      c.add(`${p}.reason`, `a reason is written text (at least ${MIN_REASON} characters)`, reason);
    }
    if (typeof value !== "string" || !(SEVERITIES as readonly string[]).includes(value))
      c.add(isObject(entry) ? `${p}.severity` : p, `must be one of ${SEVERITIES.join(", ")}`, value);
    else severities[rule] = { severity: value as Severity, ...(typeof reason === "string" ? { reason } : {}) };
  }
  const description = typeof raw["description"] === "string" ? raw["description"] : undefined;

  if (c.problems.length > 0) return { problems: c.problems };
  return {
    policy: {
      file,
      apis,
      ...(description !== undefined ? { description } : {}),
      routes,
      corsPreflight,
      overrides,
      allowWholeApiInvoke,
      ...(identityProviders.length > 0 ? { identityProviders } : {}),
      ...(doors.length > 0 ? { doors } : {}),
      ...(deciders.length > 0 ? { deciders } : {}),
      tokenValidity,
      waivers,
      severities,
    },
    problems: [],
  };
}
