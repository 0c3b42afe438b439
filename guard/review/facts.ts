// Reads from one Model the facts the authorization review compares: each route's effective authorization,
// and the controls around it (stage WAF / origin protection / logging, execute-api:Invoke grants, group-role
// trust, user pools, app clients). Pure: a Model in, plain data out, keyed so two versions can be paired.
import { isUnknown, type IamPolicy, type Model, type PolicyStatement, type ResourceInstance, type RestApi, type Route, type Val } from "../model";
import { asArray, asObject, firstBlock } from "../load/json";
import { trustedPools } from "../access/cognito";
import { resourceAt, valueOf } from "../access/targets";
import { edgeRequirementOf, type EdgeRequirement } from "../access/edge-config";
import { edgeProtectionGap, stageOriginGap } from "../access/origin";
import { deniedRoute, iamAccess } from "../access/iam";
import { coversArnGlob, matchesAction } from "../match/glob";
import { arnPath, arnVerb } from "../match/route";
import { tableKey, type LambdaRequirement, type RouteTables } from "./route-tables";
import type { AuthorizerFacts, EffectiveType, RouteAuth } from "./types";

/** A value for display and comparison: Unknown becomes `(known after apply: expr)`. */
export const show = (v: Val<unknown> | undefined): string => {
  if (v === undefined || v === null) return "";
  if (isUnknown(v)) return v.expression === undefined ? "(known after apply)" : `(known after apply: ${v.expression})`;
  return typeof v === "string" ? v : JSON.stringify(v);
};

const stackOf = (r: { readonly resource: ResourceInstance }): string => r.resource.source.stack;

/** API labels: the REST API's name; prefixed by the stack only when two stacks use the same name. */
/**
 * @param disambiguate add the address to APIs sharing a name; off for execute-api grant patterns, which AWS
 *   writes by API id: a same-named newcomer must not change the text of the first API's grants
 */
function apiLabeller(model: Model, disambiguate = true): (stack: string, apiAddress: string | undefined, name: Val<string>) => string {
  const stacksByName = new Map<string, Set<string>>();
  // API Gateway allows several APIs with one name: labelled by name alone, their routes would share keys and
  // one API's downgrade could hide behind the other's unchanged route. Such APIs also carry their address.
  const addressesByStackName = new Map<string, Set<string>>();
  for (const api of model.apis) {
    if (typeof api.name !== "string") continue;
    const set = stacksByName.get(api.name) ?? new Set<string>();
    set.add(stackOf(api));
    stacksByName.set(api.name, set);
    const k = `${stackOf(api)}\u0000${api.name}`;
    addressesByStackName.set(k, (addressesByStackName.get(k) ?? new Set<string>()).add(api.address));
  }
  return (stack, apiAddress, name) => {
    const base = typeof name === "string" ? name : `(API ${apiAddress ?? "unresolved"})`;
    const shared = disambiguate && typeof name === "string" && (addressesByStackName.get(`${stack}\u0000${name}`)?.size ?? 0) > 1;
    const own = shared ? `${base} (${apiAddress ?? "unresolved"})` : base;
    return (stacksByName.get(base)?.size ?? 0) > 1 && stack !== "" ? `${stack}/${own}` : own;
  };
}

// ---- Origin protection: one definition with the policy rules (guard/access/origin.ts) ----
// A stage is origin-protected when its regional web ACL blocks by default and allows only CloudFront's exact
// X-Origin-Verify header; a route is EDGE only when, in addition, the edge verifier fronts the API.

export interface StageFacts {
  readonly key: string;
  readonly label: string;
  readonly stack: string;
  readonly address: string;
  readonly wafAssociations: readonly string[];
  readonly originProtected: boolean;
  readonly accessLogging: boolean;
  /** Execution logging level of the `*\/*` method settings: OFF when unset. */
  readonly executionLogging: string;
}

function stageFacts(model: Model, label: ReturnType<typeof apiLabeller>): StageFacts[] {
  return model.stages.map((s) => {
    const stack = stackOf(s);
    const api = label(stack, s.apiAddress, s.api?.name ?? unknownName);
    const all = s.methodSettings.find((m) => m.methodPath === "*/*");
    const level = all?.loggingLevel;
    return {
      key: `${api}/${show(s.name)}`,
      label: `${api}/${show(s.name)}`,
      stack,
      address: s.address,
      wafAssociations: s.wafAssociations,
      originProtected: stageOriginGap(model, s) === undefined,
      accessLogging: s.accessLog !== undefined && !(typeof s.accessLog.destinationArn === "string" && s.accessLog.destinationArn === ""),
      executionLogging: level === undefined ? "OFF" : show(level),
    };
  });
}

const unknownName: Val<string> = { unknown: true };

const NAME_ATTRS = ["name", "function_name", "stage_name", "identifier", "bucket"];

/**
 * References by what they point at, not by Terraform address: `${aws_iam_role.fn_D90E.arn}` becomes
 * `aws_iam_role[petstore-dev-group-role-role].arn`, so renaming a construct changes nothing in the review.
 */
function referenceNormalizer(model: Model): (stack: string, text: string) => string {
  const byResource = new Map(model.resources.map((r) => [`${r.source.stack}::${r.address}`, r]));
  const semantic = (stack: string, addr: string): string | undefined => {
    const r = byResource.get(`${stack}::${addr}`);
    if (r === undefined) return undefined;
    const name = NAME_ATTRS.map((a) => r.values[a]).find((v): v is string => typeof v === "string" && v !== "");
    return `${r.type}[${name ?? r.address}]`;
  };
  return (stack, text) =>
    text
      .replace(/\$\{([a-z0-9_]+\.[^.}\s]+)\.([a-z_]+)\}/g, (whole, addr: string, attr: string) => {
        const s = semantic(stack, addr);
        return s === undefined ? whole : `\${${s}.${attr}}`;
      })
      .replace(/^([a-z0-9_]+\.[^.\s]+)\.([a-z_]+)$/, (whole, addr: string, attr: string) => {
        const s = semantic(stack, addr);
        return s === undefined ? whole : `${s}.${attr}`;
      });
}

// ---- execute-api:Invoke grants ----

export interface Grant {
  /** Who holds it: `role petstore-dev-admins`, `resource policy principal AWS:*`. */
  readonly principal: string;
  /** Normalized resource patterns: `execute-api:<api label>/<stage>/<VERB>/<path>` (globs kept). */
  readonly patterns: readonly string[];
  /**
   * Policies known only after apply whose text cannot be read as a document (a plan's bare reference): they
   * may or may not grant Invoke. Compared by their normalized expression.
   */
  readonly unverifiable: readonly string[];
  readonly addresses: readonly string[];
}

const grantsInvoke = (s: PolicyStatement): boolean =>
  s.effect === "Allow" && s.actions.some((a) => typeof a === "string" && matchesAction(a, "execute-api:Invoke"));

function arnNormalizer(model: Model, label: ReturnType<typeof apiLabeller>): (stack: string, v: Val<string>) => string {
  const references = referenceNormalizer(model);
  const byId = new Map<string, string>();
  const byAddress = new Map<string, string>();
  for (const api of model.apis) {
    const l = label(stackOf(api), api.address, api.name);
    const id = api.resource.values["id"];
    if (typeof id === "string" && id !== "") byId.set(`${stackOf(api)}::${id}`, l);
    byAddress.set(`${stackOf(api)}::${api.address}`, l);
  }
  const byResource = new Map(model.resources.map((r) => [`${r.source.stack}::${r.address}`, r]));
  return (stack, v) => {
    let s = typeof v === "string" ? v : (v.expression ?? "(known after apply)");
    s = s.replace(/\$\{([^}]*?)\.([a-z_]+)\}/g, (whole, addr: string, attr: string) => {
      if (attr === "execution_arn" || attr === "id") {
        const l = byAddress.get(`${stack}::${addr}`);
        if (l !== undefined) return `arn:aws:execute-api:*:*:${l}`;
      }
      // `${aws_api_gateway_stage.x.stage_name}` and the like: the literal value when the configuration has it.
      const value = byResource.get(`${stack}::${addr}`)?.values[attr];
      return typeof value === "string" ? value : whole;
    });
    s = references(stack, s);
    const m = /^arn:aws[a-z-]*:execute-api:[^:]*:[^:]*:([^/]*)(.*)$/.exec(s);
    if (m === null) return s;
    return `execute-api:${byId.get(`${stack}::${m[1]}`) ?? m[1]}${m[2]}`;
  };
}

function grantFacts(model: Model, label: ReturnType<typeof apiLabeller>): Grant[] {
  const normalize = arnNormalizer(model, label);
  const roleName = (stack: string, address: string): string => {
    const role = model.iamRoles.find((r) => r.address === address && stackOf(r) === stack);
    return role === undefined ? address : show(role.name);
  };
  const byPrincipal = new Map<string, { patterns: Set<string>; unverifiable: Set<string>; addresses: Set<string> }>();
  const entry = (principal: string, address: string) => {
    const g = byPrincipal.get(principal) ?? { patterns: new Set<string>(), unverifiable: new Set<string>(), addresses: new Set<string>() };
    g.addresses.add(address);
    byPrincipal.set(principal, g);
    return g;
  };
  for (const p of model.iamPolicies) {
    if (p.kind === "role-trust") continue;
    const stack = stackOf(p);
    if (isUnknown(p.document)) {
      const expression = p.document.expression;
      const text = normalize(stack, expression ?? "(known after apply)");
      const holders = holdersOf(p.kind, p.roleAddresses, stack, roleName, undefined);
      if (expression !== undefined && expression.includes("Statement")) {
        // A readable template (`${jsonencode({...})}`): it grants Invoke only if it mentions execute-api or a
        // bare "*" action; then it is compared as one pattern, by its text.
        if (/execute-api|"\*"/.test(expression)) for (const h of holders) entry(h, p.address).patterns.add(`(policy known after apply: ${text})`);
      } else for (const h of holders) entry(h, p.address).unverifiable.add(text);
      continue;
    }
    // A resource policy's `execute-api:/stage/VERB/path` shorthand names the API it is attached to.
    const own = p.kind === "api-resource-policy" ? resourcePolicyApi(model, p) : undefined;
    const expand = (r: Val<string>): Val<string> =>
      own !== undefined && typeof r === "string" && r.startsWith("execute-api:/") ? `\${${own}.execution_arn}/${r.slice("execute-api:/".length)}` : r;
    for (const s of p.document.statements.filter(grantsInvoke)) {
      const resources = s.resources.length > 0 ? s.resources : s.notResources.length > 0 ? ["*"] : [];
      for (const holder of holdersOf(p.kind, p.roleAddresses, stack, roleName, s)) {
        for (const r of resources) entry(holder, p.address).patterns.add(normalize(stack, expand(r)));
      }
    }
  }
  return [...byPrincipal.entries()]
    .map(([principal, g]) => ({ principal, patterns: [...g.patterns].sort(), unverifiable: [...g.unverifiable].sort(), addresses: [...g.addresses].sort() }))
    .filter((g) => g.patterns.length > 0 || g.unverifiable.length > 0)
    .sort((a, b) => a.principal.localeCompare(b.principal));
}

/** The API a resource policy is attached to: its own `policy` / body, or an aws_api_gateway_rest_api_policy's rest_api_id. */
function resourcePolicyApi(model: Model, p: IamPolicy): string | undefined {
  if (p.resource.type === "aws_api_gateway_rest_api") return p.resource.address;
  const refs = p.resource.references["rest_api_id"] ?? [];
  return model.apis.find((a) => stackOf(a) === stackOf(p) && refs.includes(`${a.address}.id`))?.address;
}

function holdersOf(
  kind: string,
  roles: readonly string[],
  stack: string,
  roleName: (stack: string, address: string) => string,
  s: PolicyStatement | undefined,
): string[] {
  if (kind === "api-resource-policy") {
    const principals = s?.principals ?? [];
    if (principals.length === 0) return ["resource policy (no principal)"];
    return principals.flatMap((p) => p.ids.map((id) => `resource policy principal ${p.type}:${show(id)}`));
  }
  return roles.length === 0 ? ["(policy attached to no known role)"] : roles.map((r) => `role ${roleName(stack, r)}`);
}

/** The method ARN targets of a route (one per stage of its API), normalized like grant patterns. */
function methodTargets(model: Model, route: Route, api: string): string[] {
  const verb = typeof route.httpMethod === "string" ? arnVerb(route.httpMethod) : show(route.httpMethod);
  // `$default` / `$connect` (path ""): their method ARN ends with the key.
  const path = typeof route.path === "string" ? (route.path === "" ? "" : arnPath(route.path)) : "*";
  const stages = model.stages.filter((s) => s.apiAddress === route.apiAddress && stackOf(s) === stackOf(route));
  const names = stages.length > 0 ? stages.map((s) => show(s.name)) : ["*"];
  return names.map((stage) => `execute-api:${api}/${stage}/${verb}${path}`);
}

// ---- routes ----

function authorizerFacts(model: Model, route: Route): AuthorizerFacts | undefined {
  const a = route.authorizer;
  if (a === undefined) return undefined;
  const stack = stackOf(route);
  // By resource identity: a decoy pool with the same name is another pool (labelled with its address).
  const pools = trustedPools(model, a);
  let fn: string | undefined;
  if (a.lambdaFunctionAddress !== undefined) {
    const f = resourceAt(model, stack, a.lambdaFunctionAddress);
    const name = f?.values["function_name"];
    fn = typeof name === "string" ? name : a.lambdaFunctionAddress;
  } else if (a.authorizerUri !== undefined && show(a.authorizerUri) !== "") fn = show(a.authorizerUri);
  return {
    name: show(a.name),
    type: typeof a.type === "string" && a.type !== "" ? a.type : isUnknown(a.type) ? show(a.type) : "TOKEN",
    identitySource: show(a.identitySource),
    ...(fn !== undefined ? { function: fn } : {}),
    userPools: [...new Set(pools.map((p) => p.label))].sort(),
    ...(pools.length > 0 ? { pools } : {}),
    ...(a.type === "JWT" ? { audience: jwtAudienceFacts(model, a) } : {}),
  };
}

/** A JWT authorizer's audience, references as what they point at (`orders-web.id`), sorted. */
function jwtAudienceFacts(model: Model, a: NonNullable<Route["authorizer"]>): string[] {
  const audience = a.jwtAudience;
  if (audience === undefined) return [];
  const list = isUnknown(audience) ? [audience] : audience;
  return [...new Set(list.map((x) => valueOf(model, a.resource.source.stack, x).display))].sort();
}

function effectiveType(route: Route, originProtected: boolean, edge: EdgeRequirement | undefined): { type: EffectiveType; reason?: string } {
  const auth = route.authorization;
  if (isUnknown(auth)) return { type: "UNKNOWN", reason: route.unverified ?? `authorization is ${show(auth)}` };
  const key = route.apiKeyRequired;
  switch (auth) {
    case "NONE":
      // Behind the edge, unless the verifier's own config passes this route on: then nothing authenticates it.
      if (originProtected && edge?.mode !== "gateway") return { type: "EDGE" };
      if (isUnknown(key)) return { type: "UNKNOWN", reason: `api_key_required is ${show(key)}` };
      return { type: key ? "API_KEY" : "NONE" };
    case "AWS_IAM":
      return { type: "AWS_IAM" };
    // An HTTP API's JWT authorizer: any token of its issuer for its audience (with scopes: any one of them).
    case "JWT":
    case "COGNITO_USER_POOLS":
      return route.authorizer === undefined ? { type: "UNKNOWN", reason: "its Cognito authorizer did not resolve" } : { type: "COGNITO" };
    case "CUSTOM":
      return route.authorizer === undefined ? { type: "UNKNOWN", reason: "its Lambda authorizer did not resolve" } : { type: "CUSTOM" };
    default:
      return { type: "UNKNOWN", reason: `authorization "${auth}" is not one API Gateway knows` };
  }
}

function summarize(r: Omit<RouteAuth, "summary">): string {
  const key = r.apiKeyRequired === true ? " + API key" : r.apiKeyRequired === "unknown" ? " + API key (unknown)" : "";
  switch (r.type) {
    case "NONE":
      return r.edge?.mode === "gateway" ? "NONE (public; the edge verifier passes it on)" : "NONE (public)";
    case "API_KEY":
      return r.edge?.mode === "gateway" ? "API key only (the edge verifier passes it on)" : "API key only";
    case "EDGE": {
      const e = r.edge;
      const parts = e === undefined ? [] : [e.scopes.length > 0 ? `scopes: ${e.scopes.join(", ")}` : "any valid token", ...(e.clients !== null ? [`clients: ${e.clients.join(", ")}`] : [])];
      return `EDGE (CloudFront only${parts.length > 0 ? `; ${parts.join("; ")}` : ""})${key}`;
    }
    case "COGNITO": {
      const jwt = r.authorizer?.type === "JWT";
      const scopes = r.scopes.length > 0 ? `scopes: ${r.scopes.join(", ")}` : jwt ? "any token of the issuer for the audience, no scope" : "ID token, no scope";
      if (jwt) return `JWT (issuer ${r.authorizer?.userPools.join(", ") ?? "?"}; audience ${r.authorizer?.audience?.join(", ") ?? "?"}; ${scopes})${key}`;
      return `COGNITO (${scopes})${key}`;
    }
    case "CUSTOM": {
      const req = r.requirement;
      const parts = req === undefined ? [] : [
        ...(req.groups.length > 0 ? [`groups: ${req.groups.join(", ")}`] : []),
        ...(req.scopes.length > 0 ? [`scopes: ${req.scopes.join(", ")}`] : []),
        `token: ${req.tokenUse}`,
        ...(req.clients !== null ? [`clients: ${req.clients.join(", ")}`] : []),
      ];
      // Without the route table, the function at least says which authorizer code decides.
      const fn = r.authorizer?.function !== undefined ? ` → ${r.authorizer.function}` : "";
      return `CUSTOM (${r.authorizer?.name ?? "?"}${parts.length > 0 ? `; ${parts.join("; ")}` : fn})${key}`;
    }
    case "AWS_IAM":
      return `AWS_IAM (${r.invokers.length > 0 ? r.invokers.join(", ") : "no invoker"})${key}`;
    case "UNKNOWN":
      return `UNKNOWN (${r.unknownReason ?? "not determinable"})`;
  }
}

export interface ModelFacts {
  readonly routes: readonly RouteAuth[];
  readonly stages: readonly StageFacts[];
  readonly grants: readonly Grant[];
  readonly trusts: readonly TrustFacts[];
  readonly pools: readonly PoolFacts[];
  readonly clients: readonly ClientFacts[];
}

/** The requirement a Lambda authorizer's route table holds for this route (exact method first, then ANY). */
function requirementOf(tables: RouteTables, stack: string, fn: string | undefined, route: Route): LambdaRequirement | undefined {
  if (fn === undefined || typeof route.path !== "string") return undefined;
  const table = tables.get(tableKey(stack, fn));
  return table?.get(`${show(route.httpMethod)} ${route.path}`) ?? table?.get(`ANY ${route.path}`);
}

/** The edge verifier's requirement for a route behind the edge, or why it is not known. */
function edgeFactsOf(model: Model, route: Route): { edge?: EdgeRequirement; edgeUnknown?: string } {
  if (route.api === undefined || typeof route.httpMethod !== "string" || typeof route.path !== "string") {
    return { edgeUnknown: "the route's method or path is known only after apply" };
  }
  const got = edgeRequirementOf(model, route.api, route.httpMethod, route.path);
  if ("requirement" in got) return { edge: got.requirement };
  return { edgeUnknown: "problem" in got ? got.problem : `the edge verifier's edge-config.json is not available for ${got.unknown}` };
}

function routeFacts(
  model: Model,
  label: ReturnType<typeof apiLabeller>,
  targetLabel: ReturnType<typeof apiLabeller>,
  grants: readonly Grant[],
  tables: RouteTables,
): RouteAuth[] {
  const byApi = new Map<RestApi, boolean>();
  const edgeProtected = (route: Route): boolean => {
    const api = route.api;
    if (api === undefined) return false;
    let hit = byApi.get(api);
    if (hit === undefined) {
      hit = edgeProtectionGap(model, api) === undefined;
      byApi.set(api, hit);
    }
    return hit;
  };
  return model.routes.map((route) => {
    const stack = stackOf(route);
    const api = label(stack, route.apiAddress, route.apiName);
    // EDGE needs every stage of the API to admit only CloudFront (one open stage is a way around the edge) and
    // the verifier in front of it: the same test the policy rules apply to an intended EDGE route. What the
    // verifier then requires (mode, scopes, clients) is in its bundled edge-config.json.
    const behindEdge = route.authorization === "NONE" && edgeProtected(route);
    const edgeFacts = behindEdge ? edgeFactsOf(model, route) : {};
    const { type, reason } = effectiveType(route, behindEdge, edgeFacts.edge);
    const targets = methodTargets(model, route, targetLabel(stack, route.apiAddress, route.apiName));
    // A role an unconditional explicit Deny refuses the route (guard/access/iam.ts) is no invoker, whatever it is granted.
    const denied = (principal: string) => iamAccess(model).roles.some((r) => r.stack === stack && `role ${r.name}` === principal && deniedRoute(r, route));
    const invokers =
      type === "AWS_IAM" ? grants.filter((g) => g.patterns.some((p) => targets.some((t) => coversArnGlob(p, t))) && !denied(g.principal)).map((g) => g.principal) : [];
    const scopes = isUnknown(route.scopes) ? [show(route.scopes)] : [...route.scopes].sort();
    const authorizer = authorizerFacts(model, route);
    const requirement = type === "CUSTOM" ? requirementOf(tables, stack, authorizer?.function, route) : undefined;
    const base = {
      api,
      apiRef: { stack, address: route.apiAddress ?? `(unresolved API of ${route.address})`, name: typeof route.apiName === "string" ? route.apiName : "" },
      route: route.routeKey ?? route.address,
      address: route.address,
      type,
      scopes,
      apiKeyRequired: isUnknown(route.apiKeyRequired) ? ("unknown" as const) : route.apiKeyRequired,
      ...(authorizer !== undefined ? { authorizer } : {}),
      invokers,
      ...(requirement !== undefined ? { requirement } : {}),
      ...edgeFacts,
      ...(reason !== undefined ? { unknownReason: reason } : {}),
    };
    return { ...base, summary: summarize(base) };
  });
}

// ---- group-role trust ----

export interface TrustFacts {
  readonly key: string;
  readonly address: string;
  /** `Service:lambda.amazonaws.com`, `AWS:arn:...`, `*:*`. */
  readonly principals: readonly string[];
  /** `StringEquals cognito-identity.amazonaws.com:aud`. */
  readonly conditions: readonly string[];
  readonly unknown: boolean;
}

function trustFacts(model: Model): TrustFacts[] {
  const references = referenceNormalizer(model);
  // Roles Cognito groups hand out: their trust decides who can become a group member's role.
  return model.iamRoles
    .filter((r) => r.cognitoGroups.length > 0)
    .map((r) => {
      const doc = r.trustPolicy;
      if (isUnknown(doc)) return { key: show(r.name), address: r.address, principals: [], conditions: [], unknown: true };
      const allows = doc.statements.filter((s) => s.effect === "Allow");
      const ref = (v: Val<string>) => references(stackOf(r), show(v));
      const principals = allows.flatMap((s) => s.principals.flatMap((p) => p.ids.map((id) => `${p.type}:${ref(id)}`)));
      const conditions = allows.flatMap((s) => s.conditions.map((c) => `${c.operator} ${c.key} = ${c.values.map(ref).sort().join(",")}`));
      return { key: show(r.name), address: r.address, principals: [...new Set(principals)].sort(), conditions: [...new Set(conditions)].sort(), unknown: false };
    });
}

// ---- Cognito user pools and clients ----

export interface PoolFacts {
  readonly key: string;
  readonly address: string;
  /** ON, OPTIONAL, OFF. */
  readonly mfa: string;
  readonly password: {
    readonly minimumLength?: number;
    readonly requireLowercase?: boolean;
    readonly requireUppercase?: boolean;
    readonly requireNumbers?: boolean;
    readonly requireSymbols?: boolean;
    readonly temporaryPasswordValidityDays?: number;
  };
  /** OFF, AUDIT, ENFORCED. */
  readonly advancedSecurity: string;
  readonly adminCreateUserOnly: boolean;
}

const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);

function poolFacts(model: Model): PoolFacts[] {
  return model.userPools.map((p) => {
    const v = p.resource.values;
    const pw = asObject(firstBlock(v["password_policy"]));
    const mfa = v["mfa_configuration"];
    const addOns = asObject(firstBlock(v["user_pool_add_ons"]));
    const admin = asObject(firstBlock(v["admin_create_user_config"]));
    return {
      key: show(p.name),
      address: p.address,
      // Terraform's default is OFF.
      mfa: typeof mfa === "string" ? mfa : mfa === undefined || mfa === null ? "OFF" : show(mfa),
      password: {
        minimumLength: num(pw["minimum_length"]),
        requireLowercase: bool(pw["require_lowercase"]),
        requireUppercase: bool(pw["require_uppercase"]),
        requireNumbers: bool(pw["require_numbers"]),
        requireSymbols: bool(pw["require_symbols"]),
        temporaryPasswordValidityDays: num(pw["temporary_password_validity_days"]),
      },
      advancedSecurity: typeof addOns["advanced_security_mode"] === "string" ? (addOns["advanced_security_mode"] as string) : "OFF",
      adminCreateUserOnly: admin["allow_admin_create_user_only"] === true,
    };
  });
}

export interface ClientFacts {
  readonly key: string;
  readonly address: string;
  /** Token lifetimes in minutes; undefined when left to Cognito's default. */
  readonly idTokenMinutes?: number;
  readonly accessTokenMinutes?: number;
  readonly refreshTokenMinutes?: number;
  readonly scopes: readonly string[];
}

const UNIT_MINUTES: Readonly<Record<string, number>> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };

function clientFacts(model: Model): ClientFacts[] {
  return model.userPoolClients.map((c) => {
    const v = c.resource.values;
    const units = asObject(firstBlock(v["token_validity_units"]));
    // Terraform's defaults: id/access in hours, refresh in days.
    const minutes = (attr: string, unitAttr: string, defaultUnit: string): number | undefined => {
      const n = num(v[attr]);
      if (n === undefined) return undefined;
      const unit = typeof units[unitAttr] === "string" ? (units[unitAttr] as string) : defaultUnit;
      return n * (UNIT_MINUTES[unit] ?? 1);
    };
    const scopes = asArray(v["allowed_oauth_scopes"]).map((s) => show(s as Val<string>));
    return {
      key: show(c.name),
      address: c.address,
      idTokenMinutes: minutes("id_token_validity", "id_token", "hours"),
      accessTokenMinutes: minutes("access_token_validity", "access_token", "hours"),
      refreshTokenMinutes: minutes("refresh_token_validity", "refresh_token", "days"),
      scopes: [...new Set(scopes)].sort(),
    };
  });
}

/** @param tables the Lambda authorizers' route tables (see loadRouteTables); @default - none readable */
export function modelFacts(model: Model, tables: RouteTables = new Map()): ModelFacts {
  const label = apiLabeller(model);
  const stages = stageFacts(model, label);
  const grantLabel = apiLabeller(model, false);
  const grants = grantFacts(model, grantLabel);
  return {
    routes: routeFacts(model, label, grantLabel, grants, tables),
    stages,
    grants,
    trusts: trustFacts(model),
    pools: poolFacts(model),
    clients: clientFacts(model),
  };
}

