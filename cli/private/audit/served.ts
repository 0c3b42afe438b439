// What each stage serves against the working copy of the API's resources. API Gateway serves a stage's deployment;
// editing a method in the console changes the working copy only, until someone redeploys. So a difference either
// way is reported: the stage may serve a weaker method than the working copy shows (or than the code says), or a
// change not yet deployed may be waiting to go out. Routes are compared by what authorizes them: type, authorizer,
// scopes, API key. Pure: the SDK's reads (GetResources with methods, GetAuthorizers, the stage's oas30 export with
// the API Gateway extensions) in, findings out.
import type { Severity } from "../../../guard/policy/types";
import type { Rule, RuleFinding } from "../../../guard/rules/types";
import type { AccountSnapshot, RestApiRead } from "./snapshot";
import { regionSource } from "./state";

export const SERVED_RULE_ID = "stage-serves-working-copy";

/** How one route is authorized, in one comparable line: `COGNITO_USER_POOLS shop-cognito [shop/read] + API key`. */
type AuthLine = string;

const line = (type: string, authorizer: string | undefined, scopes: readonly string[], apiKey: boolean): AuthLine =>
  `${type}${authorizer !== undefined ? ` ${authorizer}` : ""}${scopes.length > 0 ? ` [${[...scopes].sort().join(", ")}]` : ""}${apiKey ? " + API key" : ""}`;

/** The working copy: route key -> authorization, from GetResources (embed=methods) and GetAuthorizers. */
function workingCopy(read: RestApiRead): Map<string, AuthLine> {
  const names = new Map(read.authorizers.map((a) => [a.id ?? "", a.name ?? a.id ?? ""]));
  const out = new Map<string, AuthLine>();
  for (const r of read.resources) {
    for (const [verb, m] of Object.entries(r.resourceMethods ?? {})) {
      const type = m.authorizationType ?? "NONE";
      const authorizer = m.authorizerId === undefined ? undefined : (names.get(m.authorizerId) ?? m.authorizerId);
      out.set(
        `${m.httpMethod ?? verb} ${r.path ?? ""}`,
        line(type, type === "NONE" || type === "AWS_IAM" ? undefined : authorizer, m.authorizationScopes ?? [], m.apiKeyRequired === true),
      );
    }
  }
  return out;
}

type Json = Readonly<Record<string, unknown>>;
const obj = (v: unknown): Json => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {});

const HTTP_VERBS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method"]);
const AUTH_TYPES: Readonly<Record<string, string>> = { cognito_user_pools: "COGNITO_USER_POOLS", custom: "CUSTOM", awssigv4: "AWS_IAM" };

/**
 * What a stage serves: route key -> authorization, from its OpenAPI 3 export with the API Gateway extensions.
 * A security scheme this does not know makes the route's line say so (it then differs: never a silent match).
 */
function servedRoutes(document: unknown): Map<string, AuthLine> {
  const doc = obj(document);
  const schemes = obj(obj(doc["components"])["securitySchemes"]);
  const rootSecurity = doc["security"];
  const out = new Map<string, AuthLine>();
  for (const [path, item] of Object.entries(obj(doc["paths"]))) {
    for (const [verbKey, op] of Object.entries(obj(item))) {
      if (!HTTP_VERBS.has(verbKey)) continue;
      const verb = verbKey === "x-amazon-apigateway-any-method" ? "ANY" : verbKey.toUpperCase();
      const security = Array.isArray(obj(op)["security"]) ? (obj(op)["security"] as unknown[]) : Array.isArray(rootSecurity) ? rootSecurity : [];
      let type = "NONE";
      let authorizer: string | undefined;
      let scopes: readonly string[] = [];
      let apiKey = false;
      for (const [name, wanted] of Object.entries(obj(security[0]))) {
        const scheme = obj(schemes[name]);
        const authType = scheme["x-amazon-apigateway-authtype"];
        if (typeof authType === "string") {
          type = AUTH_TYPES[authType.toLowerCase()] ?? `unknown scheme type ${authType}`;
          authorizer = type === "AWS_IAM" ? undefined : name;
          scopes = Array.isArray(wanted) ? wanted.filter((s): s is string => typeof s === "string") : [];
        } else if (scheme["type"] === "apiKey" && String(scheme["name"]).toLowerCase() === "x-api-key") apiKey = true;
        else type = `unknown scheme ${name}`;
      }
      out.set(`${verb} ${path}`, line(type, authorizer, type === "AWS_IAM" ? [] : scopes, apiKey));
    }
  }
  return out;
}

interface ServedDifference {
  readonly api: string;
  readonly stage: string;
  readonly route: string;
  /** Where the stage is, as the adapter names the region's document (`aws:111122223333:eu-west-1`). */
  readonly source: string;
  readonly served: AuthLine | undefined;
  readonly workingCopy: AuthLine | undefined;
  readonly message: string;
  readonly severity: Severity;
}

/** Every route whose served authorization differs from the working copy's, per stage. */
function servedDifferences(snapshot: AccountSnapshot): ServedDifference[] {
  const out: ServedDifference[] = [];
  for (const region of snapshot.regions) {
    for (const read of region.restApis) {
      const api = read.api.name ?? read.api.id ?? "";
      const working = workingCopy(read);
      for (const { stage, document } of read.served) {
        const served = servedRoutes(document);
        for (const route of [...new Set([...working.keys(), ...served.keys()])].sort()) {
          const s = served.get(route);
          const w = working.get(route);
          if (s === w) continue;
          const weaker = s !== undefined && s.startsWith("NONE") && !(w ?? "NONE").startsWith("NONE");
          out.push({
            api,
            stage,
            source: regionSource(region.account ?? snapshot.account, region.region),
            route,
            served: s,
            workingCopy: w,
            severity: weaker ? "critical" : "high",
            message: `${route}: stage ${stage} serves ${s ?? "no such route"}, the working copy says ${w ?? "no such route"} (not redeployed: callers get what the stage serves)`,
          });
        }
      }
    }
  }
  return out;
}

/** The comparison as a rule of the audit, so severities, waivers and every report format apply. */
export function servedRule(snapshot: AccountSnapshot): Rule {
  return {
    id: SERVED_RULE_ID,
    title: "Every stage serves the API's working copy",
    severity: "high",
    rationale:
      "API Gateway serves a stage's deployment, not the methods as they stand: a method changed in the console and not " +
      "redeployed, or redeployed and changed back, leaves callers with something no one sees in the resources.",
    equivalents: {},
    check: (model) =>
      servedDifferences(snapshot).map((d): RuleFinding => {
        const m = model.routes.find((r) => r.apiName === d.api && r.routeKey === d.route && r.resource.source.file === d.source);
        return { address: m?.address ?? `${d.api} stage ${d.stage}`, api: d.api, route: d.route, message: d.message, severity: d.severity };
      }),
  };
}
