// Every method has exactly the authorization the intended policy gives its route, and every policy route exists.
import { authorizationType, type AuthorizationType } from "../../../kernel/authorization-types";
import type { Authorizer, Model, RestApi, Route } from "../../model";
import { expandAuthorizer, globMatch } from "../../policy/match";
import type { IntendedRoute, PolicySet } from "../../policy/types";
import {
  apiKind,
  authorizerFits,
  connectionNote,
  gatewayTypeFor,
  isIntendedPreflight,
  known,
  lookupPolicy,
  plain,
  routeFinding,
  show,
} from "../../access/lookups";
import { iamAccess } from "../../access/iam";
import { edgeRequirementOf } from "../../access/edge-config";
import { edgeProtectionGap } from "../../access/origin";
import { unreadRoutes } from "../../access/unread-routes";
import { compareRoutePrecedence, normalizeRouteKey, parseRouteKey, routeCovers, type RouteShape } from "../../../kernel/match/route";
import type { Rule, RuleFinding } from "../types";
import { policyMatchSubjects } from "../private/subjects";

/** One difference from the policy: `detail` names it by what differs and the value found (never the wording). */
interface Problem {
  readonly detail: string;
  readonly text: string;
}
const problem = (detail: string, text: string): Problem => ({ detail, text });
const sorted = (xs: readonly string[]): string => JSON.stringify([...xs].sort());

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/**
 * Who can invoke an AWS_IAM route: Cognito group names and other role names, from the one effective-access model
 * (guard/access/iam.ts: inline, attached and managed policies, NotResource and unknown resources counted, roles an
 * explicit Deny refuses left out), and the policies that could not be read (`unverifiable`): a role only they grant
 * is not named, the route is "not verified" instead. Exported for the policy draft (guard/draft-policies.ts), which
 * must describe a route exactly as this rule will compare it.
 */
export function invokers(model: Model, r: Route): { groups: string[]; roles: string[]; unverifiable: string[] } {
  const groups: string[] = [];
  const roles: string[] = [];
  const unverifiable: string[] = [];
  for (const { role, via, unreadable } of iamAccess(model).routes.find((x) => x.route === r)?.roles ?? []) {
    unverifiable.push(...unreadable);
    if (via.length === unreadable.length) continue;
    if (role.groups.length > 0) groups.push(...role.groups);
    else roles.push(role.name);
  }
  return { groups, roles, unverifiable: [...new Set(unverifiable)] };
}

/**
 * CUSTOM routes: groups and scopes live in the authorizer's bundled route table, not in Terraform. Compared when
 * the package is on disk (cdktf.out); otherwise reported by the caller as not verifiable.
 */
function compareRouteTable(r: Route, want: IntendedRoute): Problem[] {
  const table = r.authorizer?.routeTable;
  if (table === undefined) return [];
  if ("problem" in table) return [problem("route-table unreadable", `the authorizer's route table cannot be read (${table.problem})`)];
  const entry = table.routes.find((e) => e.method === r.httpMethod && e.path === r.path);
  if (entry === undefined) return [problem("route-table no-entry", `the authorizer's route table (${table.file}) has no entry for this route`)];
  const out: Problem[] = [];
  if (!sameSet(entry.groups, want.groups))
    out.push(
      problem(
        `route-table groups=${sorted(entry.groups)}`,
        `the authorizer enforces groups ${JSON.stringify(entry.groups)}, policy says ${JSON.stringify(want.groups)}`,
      ),
    );
  if (!sameSet(entry.scopes, want.scopes))
    out.push(
      problem(
        `route-table scopes=${sorted(entry.scopes)}`,
        `the authorizer enforces scopes ${JSON.stringify(entry.scopes)}, policy says ${JSON.stringify(want.scopes)}`,
      ),
    );
  return out;
}

/**
 * EDGE routes: what the edge verifier enforces lives in its bundled `edge-config.json`, not in Terraform. Compared
 * when the package is on disk; `unverified` says why not otherwise (reported as info by the caller).
 */
function compareEdgeConfig(model: Model, r: Route, api: RestApi, want: IntendedRoute): { problems: Problem[]; unverified?: string } {
  if (!known(r.httpMethod) || !known(r.path))
    return {
      problems: [problem("edge-config route-unknown", `the route's method or path is known only after apply, so the edge verifier's entry cannot be found`)],
    };
  const got = edgeRequirementOf(model, api, r.httpMethod, r.path);
  if ("unknown" in got) return { problems: [], unverified: got.unknown };
  if ("problem" in got) return { problems: [problem("edge-config unreadable", got.problem)] };
  const req = got.requirement;
  if (req.mode !== "edge")
    return {
      problems: [
        problem(`edge-config mode=${req.mode}`, `the edge verifier passes this route on to the gateway (mode "${req.mode}"), so nothing authenticates it`),
      ],
    };
  const problems: Problem[] = [];
  if (!sameSet(req.scopes, want.scopes))
    problems.push(
      problem(
        `edge-config scopes=${sorted(req.scopes)}`,
        `the edge verifier requires scopes ${JSON.stringify(req.scopes)}, policy says ${JSON.stringify(want.scopes)}`,
      ),
    );
  // Clients are compared only when the policy names them: absent means the reviewer made no decision on clients.
  if (want.clients !== undefined) {
    if (req.clients === null)
      problems.push(problem("edge-config clients=any", `the edge verifier accepts every configured client, policy says ${JSON.stringify(want.clients)}`));
    else if (!sameSet(req.clients, want.clients))
      problems.push(
        problem(
          `edge-config clients=${sorted(req.clients)}`,
          `the edge verifier accepts clients ${JSON.stringify(req.clients)}, policy says ${JSON.stringify(want.clients)}`,
        ),
      );
  }
  return { problems };
}

/** JWT routes: the issuer and the audience the policy gives, compared with the authorizer's when it states them. */
function compareJwt(a: Authorizer, want: IntendedRoute): Problem[] {
  const out: Problem[] = [];
  if (want.issuer !== undefined) {
    if (!known(a.jwtIssuer))
      out.push(problem("jwt-issuer unknown", `the JWT issuer ${show(a.jwtIssuer)} cannot be compared with the policy's "${want.issuer}" before apply`));
    else if (a.jwtIssuer !== want.issuer) out.push(problem(`jwt-issuer=${a.jwtIssuer}`, `the JWT issuer is "${a.jwtIssuer}", policy says "${want.issuer}"`));
  }
  if (want.audience !== undefined) {
    const got = a.jwtAudience;
    if (got === undefined || !known(got) || !got.every(known))
      out.push(problem("jwt-audience unknown", `the JWT audience ${show(got)} cannot be compared with the policy's before apply`));
    else if (!sameSet(got as readonly string[], want.audience))
      out.push(
        problem(`jwt-audience=${sorted(got as readonly string[])}`, `the JWT audience is ${JSON.stringify(got)}, policy says ${JSON.stringify(want.audience)}`),
      );
  }
  return out;
}

/** An AWS_IAM route: the Cognito groups and roles that may invoke it are the policy's, and nobody else. */
function compareInvokers(model: Model, r: Route, want: IntendedRoute): Problem[] {
  if (r.authorization !== "AWS_IAM") return [];
  const problems: Problem[] = [];
  const who = invokers(model, r);
  if (who.unverifiable.length > 0)
    problems.push(
      problem(
        `invokers unverifiable=${sorted(who.unverifiable)}`,
        `cannot tell whether ${who.unverifiable.join(", ")} grant execute-api:Invoke (a policy known only after apply, or a managed policy not in the table)`,
      ),
    );
  const groups = [...new Set(who.groups)];
  if (!sameSet(groups, want.groups))
    problems.push(
      problem(
        `invokers groups=${sorted(groups)}`,
        `Cognito groups whose roles may invoke it are ${JSON.stringify(groups.sort())}, policy says ${JSON.stringify([...want.groups].sort())}`,
      ),
    );
  const extra = who.roles.filter((n) => !want.roles.some((p) => globMatch(p, n)));
  if (extra.length > 0)
    problems.push(problem(`invokers extra-roles=${sorted([...new Set(extra)])}`, `roles not in the policy may invoke it: ${extra.join(", ")}`));
  const missing = want.roles.filter((p) => !who.roles.some((n) => globMatch(p, n)));
  if (missing.length > 0) problems.push(problem(`invokers missing-roles=${sorted(missing)}`, `no role matching ${missing.join(", ")} may invoke it`));
  return problems;
}

/**
 * What each type requires beyond what the type table lets this rule compare for every type (the gateway's value, the
 * API key, the authorizer, the gateway's scopes, a JWT authorizer's issuer and audience): where its groups, scopes
 * and invokers live. One entry per row of the table, so a new type says here what the check verifies for it.
 */
const TYPE_CHECKS: Readonly<Record<AuthorizationType, (model: Model, r: Route, api: RestApi, want: IntendedRoute) => Problem[]>> = {
  NONE: () => [],
  API_KEY: () => [],
  AWS_IAM: (model, r, _api, want) => compareInvokers(model, r, want),
  COGNITO: () => [],
  CUSTOM: (_model, r, _api, want) => (r.authorizer !== undefined ? compareRouteTable(r, want) : []),
  // An open method is what the policy asks for only while the edge really is the only way in.
  EDGE: (model, r, api) => {
    if (r.authorization !== "NONE" || r.apiKeyRequired !== false) return [];
    const gap = edgeProtectionGap(model, api);
    return gap === undefined ? [] : [problem("edge open-method", `policy says EDGE (authenticated at the edge), but the method is open: ${gap}`)];
  },
  JWT: () => [],
};

function compare(model: Model, r: Route, api: RestApi, apiName: string, want: IntendedRoute): Problem[] {
  const problems: Problem[] = [];
  const row = authorizationType(want.type);
  const wantType = gatewayTypeFor(r, want.type);
  // The gateway's word, with the policy's when they differ ("COGNITO_USER_POOLS (COGNITO)", never "CUSTOM (CUSTOM)").
  const says = wantType === want.type ? wantType : `${wantType} (${want.type})`;
  if (r.authorization !== wantType)
    problems.push(problem(`authorization=${plain(r.authorization)}`, `authorization is ${show(r.authorization)}, policy says ${says}`));
  if (r.apiKeyRequired !== want.apiKey)
    problems.push(problem(`api_key_required=${plain(r.apiKeyRequired)}`, `api_key_required is ${show(r.apiKeyRequired)}, policy says ${want.apiKey}`));
  if (row.needsAuthorizer) {
    const wantName = want.authorizer === undefined ? undefined : expandAuthorizer(want.authorizer, apiName);
    if (r.authorizer === undefined)
      problems.push(problem("authorizer=none", `no authorizer resolved${wantName === undefined ? "" : `, policy says "${wantName}"`}`));
    else {
      if (wantName !== undefined && r.authorizer.name !== wantName)
        problems.push(problem(`authorizer=${plain(r.authorizer.name)}`, `authorizer is ${show(r.authorizer.name)}, policy says "${wantName}"`));
      const t = r.authorizer.type;
      if (!authorizerFits(wantType, t)) problems.push(problem(`authorizer-type=${plain(t)}`, `authorizer type is ${show(t)}, which does not fit ${want.type}`));
      if (row.policy.jwt) problems.push(...compareJwt(r.authorizer, want));
    }
  }
  // Scopes are an API Gateway check only for the types the table says (Cognito and JWT); elsewhere they must not appear at all.
  const wantScopes = row.gatewayScopes ? want.scopes : [];
  if (!known(r.scopes)) problems.push(problem("authorization_scopes unknown", `authorization_scopes ${show(r.scopes)} cannot be compared before apply`));
  else if (!sameSet(r.scopes, wantScopes))
    problems.push(
      problem(`authorization_scopes=${sorted(r.scopes)}`, `authorization_scopes are ${JSON.stringify(r.scopes)}, policy says ${JSON.stringify(wantScopes)}`),
    );
  problems.push(...TYPE_CHECKS[want.type](model, r, api, want));
  return problems;
}

export const MethodMatchesPolicy: Rule = {
  id: "method-matches-policy",
  title: "Every method has exactly its intended authorization",
  severity: "critical",
  rationale:
    "The intended-authorization policy is the reviewer's decision per route: authorization type, authorizer, " +
    "scopes, the groups and roles that may invoke it, and the API key. Any difference, a method the policy does " +
    "not know, or a policy route with no method means the deployed API is not the one that was reviewed. An EDGE " +
    "route (NONE at the gateway) matches only while every stage of its API admits CloudFront alone and a " +
    "viewer-request Lambda@Edge verifier fronts every distribution whose origin is the API.",
  equivalents: {},
  subjects: policyMatchSubjects,
  check(model: Model, policies: PolicySet): RuleFinding[] {
    const out: RuleFinding[] = [];
    for (const api of model.apis) {
      const file = api.resource.source.file;
      const lookup = lookupPolicy(policies, api.name);
      const apiLabel = known(api.name) ? api.name : undefined;
      const base = { address: api.address, file, ...(apiLabel !== undefined ? { api: apiLabel } : {}) };
      if (lookup.kind === "unknown-name") {
        out.push({
          ...base,
          detail: "api-name unknown",
          message: `${apiKind(api)} name is known only after apply (${show(api.name)}): no policy can be matched`,
        });
        continue;
      }
      if (lookup.kind === "none") {
        out.push({ ...base, detail: "policy none", message: `no intended-authorization policy matches ${apiKind(api)} "${apiLabel}"` });
        continue;
      }
      if (lookup.kind === "many") {
        out.push({ ...base, detail: "policy several", message: `${apiKind(api)} "${apiLabel}" is matched by several policies: ${lookup.files.join(", ")}` });
        continue;
      }
      const apiName = apiLabel ?? "";
      // An OpenAPI body's operations are routes of the model like methods; a body that cannot be read is
      // openapi-body-verified's finding (its routes are then unknown here, and the policy's routes say not verified).
      // Routes by coverage (kernel/match/route.ts): a policy route matches a method whose template differs only in
      // parameter names, and a policy route with no method of its own is served by the most specific method that
      // receives its requests (`ANY /pets` for `GET /pets`, `/{proxy+}`): that method must then fit it.
      const policyKeys = Object.keys(lookup.effective.routes);
      const byNormalized = new Map<string, string>();
      for (const k of policyKeys) {
        const s = parseRouteKey(k);
        byNormalized.set(s === undefined ? k : normalizeRouteKey(s.method, s.path), k);
      }
      const normalized = (key: string): string => {
        const s = parseRouteKey(key);
        return s === undefined ? key : normalizeRouteKey(s.method, s.path);
      };
      const mine = model.routes.filter((r) => r.api === api);
      const ownKeys = new Set(
        mine.map((r) => (r.routeKey === undefined ? "" : byNormalized.get(normalized(r.routeKey)))).filter((k): k is string => k !== undefined),
      );
      const servedBy = new Map<Route, string[]>();
      for (const k of policyKeys) {
        const want = parseRouteKey(k);
        if (ownKeys.has(k) || want === undefined) continue;
        const candidates = mine.filter(
          (r) => r.routeKey !== undefined && parseRouteKey(r.routeKey) !== undefined && routeCovers(parseRouteKey(r.routeKey) as RouteShape, want),
        );
        const by = candidates.sort((a, b) =>
          compareRoutePrecedence(parseRouteKey(a.routeKey as string) as RouteShape, parseRouteKey(b.routeKey as string) as RouteShape),
        )[0];
        if (by !== undefined) servedBy.set(by, [...(servedBy.get(by) ?? []), k]);
      }
      const seen = new Set<string>();
      const seenMethods = new Set<string>();
      for (const r of mine) {
        if (r.routeKey === undefined) {
          out.push(
            routeFinding(
              r,
              `method's route cannot be reconstructed (method ${show(r.httpMethod)}, path ${show(r.path)}), so it cannot be matched to the policy`,
              { detail: "route unknown" },
            ),
          );
          continue;
        }
        if (seenMethods.has(normalized(r.routeKey)))
          out.push(routeFinding(r, `route ${r.routeKey} is defined by more than one method`, { detail: "route defined-twice" }));
        seenMethods.add(normalized(r.routeKey));
        const policyKey = byNormalized.get(normalized(r.routeKey));
        const want = policyKey === undefined ? undefined : lookup.effective.routes[policyKey];
        if (want === undefined || policyKey === undefined) {
          const served = servedBy.get(r) ?? [];
          for (const k of served) {
            seen.add(k);
            for (const p of compare(model, r, api, apiName, lookup.effective.routes[k]))
              out.push(routeFinding(r, `${k} (served by ${r.routeKey}): ${p.text}`, { detail: `serves ${k}: ${p.detail}` }));
          }
          if (served.length === 0 && !isIntendedPreflight(policies, r))
            out.push(routeFinding(r, `method ${r.routeKey} is not in the policy ${lookup.effective.policy.file}`, { detail: "route not-in-policy" }));
          continue;
        }
        seen.add(policyKey);
        const problems = compare(model, r, api, apiName, want);
        for (const p of problems) out.push(routeFinding(r, `${r.routeKey}${connectionNote(r)}: ${p.text}`, { detail: p.detail }));
        if (want.type === "EDGE" && problems.length === 0) {
          const edge = compareEdgeConfig(model, r, api, want);
          for (const p of edge.problems) out.push(routeFinding(r, `${r.routeKey}: ${p.text}`, { detail: p.detail }));
          if (edge.unverified !== undefined) {
            out.push(
              routeFinding(
                r,
                `${r.routeKey}: the scopes, clients and mode the edge verifier enforces are in its bundled edge-config.json, not available for ${edge.unverified}; not verified`,
                { severity: "info", detail: "edge-config unavailable" },
              ),
            );
          }
        }
        if (
          want.type === "CUSTOM" &&
          r.authorizer !== undefined &&
          r.authorizer.routeTable === undefined &&
          (want.groups.length > 0 || want.scopes.length > 0)
        ) {
          out.push(
            routeFinding(
              r,
              `${r.routeKey}: groups/scopes are enforced inside authorizer ${show(r.authorizer.name)}, whose route table is not available here; not verified`,
              { severity: "info", detail: "route-table unavailable" },
            ),
          );
        }
      }
      // A body that cannot be read may declare the route: "no method" would be a claim nobody verified.
      const unread = unreadRoutes(api);
      for (const key of Object.keys(lookup.effective.routes)) {
        if (seen.has(key)) continue;
        out.push({
          ...base,
          route: key,
          detail: unread === undefined ? "policy-route no-method" : "policy-route unverified",
          message:
            unread === undefined
              ? `policy route ${key} has no ${api.protocol === undefined ? "method" : "route"} on ${apiKind(api)} "${apiName}"`
              : `policy route ${key} on ${apiKind(api)} "${apiName}" not verified: ${unread}, so the routes its OpenAPI body declares are unknown`,
        });
      }
      // An HTTP API with cors_configuration answers preflights without any OPTIONS route.
      for (const path of api.builtInCors === true ? [] : lookup.effective.corsPreflight) {
        if (!seenMethods.has(normalizeRouteKey("OPTIONS", path)))
          out.push({
            ...base,
            route: `OPTIONS ${path}`,
            detail: "preflight no-method",
            message: `policy expects a CORS preflight OPTIONS ${path}, which has no method`,
          });
      }
    }
    for (const r of model.routes) {
      if (r.api === undefined) out.push(routeFinding(r, "its API cannot be resolved, so it cannot be matched to a policy", { detail: "api unresolved" }));
    }
    // A policy that matches nothing is worth knowing (renamed API, wrong pattern) but is not by itself a risk.
    for (const p of policies.policies) {
      const names = model.apis.map((a) => a.name).filter(known);
      if (!names.some((n) => p.apis.some((pat) => globMatch(pat, n)))) {
        out.push({
          address: p.file,
          detail: "policy unmatched",
          message: `policy for ${p.apis.join(", ")} matches no API in this input`,
          file: p.file,
          severity: "info",
        });
      }
    }
    return out;
  },
};
