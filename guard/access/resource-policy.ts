// Who can call a REST API method before any authorizer runs: its endpoint type and its resource policy. A PRIVATE API
// is reached only through interface VPC endpoints and, without a resource policy, refuses every call; a resource
// policy admits an anonymous caller only through an Allow to everyone, narrowed by its conditions (aws:SourceVpce,
// aws:SourceVpc, aws:SourceIp, aws:PrincipalOrgID, aws:PrincipalAccount) and by Denies that refuse everyone outside
// one such condition. What cannot be read never narrows: the answer is then "not verified". Statement semantics live
// in iam-statements.ts; this module only combines them. Pure: a Model and a route in, plain data out.
import { coversArnGlob } from "../../kernel/match/glob";
import { routeArnSuffix } from "../../kernel/match/route";
import { isUnknown, stackOf, type IamPolicy, type Model, type PolicyStatement, type RestApi, type Route } from "../model";
import { known } from "./lookups";
import { certificateHolders, mutualTlsOnly, mutualTlsVia } from "./mutual-tls";
import {
  allowedCallers,
  breadth,
  callersLeftByDeny,
  certainApiRest,
  coversRoute,
  deniesInvoke,
  grantsInvoke,
  splitExecuteApiArn,
  toEveryone,
  type CallerConstraint,
} from "./iam-statements";

/** Who can reach a route past its endpoint and resource policy (its authorization is judged elsewhere). */
export type Callers =
  /** Anyone on the internet: no resource policy, or one whose Allow to everyone has no condition. */
  | { readonly kind: "anyone" }
  /**
   * Only these classes of callers (`callers through VPC endpoint vpce-1`, `holders of a client certificate from
   * truststore s3://...`), for the reasons in `via` (`resource policy aws_api_gateway_rest_api_policy.p`, the mutual TLS).
   */
  | { readonly kind: "restricted"; readonly classes: readonly string[]; readonly via: string; readonly clientCertificate?: true }
  /** API Gateway refuses every call, for `why`. */
  | { readonly kind: "nobody"; readonly why: string }
  /** The endpoint or the resource policy cannot be read: counts as anyone wherever a decision is made. */
  | { readonly kind: "not-verified"; readonly why: string };

/** A body's x-amazon-apigateway-policy (`<api>#x-amazon-apigateway-policy`): a policy argument or resource replaces it. */
const fromBody = (p: IamPolicy): boolean => p.address.includes("#");

/** Resource policies attached to a REST API: its `policy` attribute, its body's, and aws_api_gateway_rest_api_policy resources. */
function resourcePoliciesOf(model: Model, api: RestApi): IamPolicy[] {
  return model.iamPolicies.filter((p) => {
    if (p.kind !== "api-resource-policy" || stackOf(p) !== stackOf(api)) return false;
    if (p.resource === api.resource) return true;
    const id = p.resource.values["rest_api_id"];
    const apiId = api.resource.values["id"];
    return (typeof id === "string" && typeof apiId === "string" && id === apiId) || (p.resource.references["rest_api_id"] ?? []).includes(`${api.address}.id`);
  });
}

/** The part after `<api>/` of a resource that certainly designates this API (certainApiRest), or undefined. */
function certainRest(resource: string, api: RestApi): string | undefined {
  // The resource-policy shorthand for the API the policy is attached to.
  if (resource.startsWith("execute-api:/")) return resource.slice("execute-api:/".length);
  return certainApiRest(resource, api.resource);
}

/** Does a resource certainly cover every request of the route, on every stage? (What a Deny needs.) */
const coversCertainly = (resource: unknown, api: RestApi, r: Route & { httpMethod: string; path: string }): boolean => {
  const rest = typeof resource === "string" ? certainRest(resource, api) : undefined;
  return rest !== undefined && coversArnGlob(rest, `*/${routeArnSuffix(r.httpMethod, r.path)}`);
};

/** May a resource reach the route on some stage? (What an Allow needs; unsure is yes.) */
function mayCover(resource: unknown, api: RestApi, r: Route & { httpMethod: string; path: string }): boolean {
  if (typeof resource !== "string") return true;
  if (resource.startsWith("execute-api:/"))
    return coversRoute(`\${${api.address}.execution_arn}/${resource.slice("execute-api:/".length)}`, api.resource, r.httpMethod, r.path);
  if (breadth(resource) === "any-api") return true;
  // A form the check cannot place (not an execute-api ARN of a known shape) may be this API.
  if (splitExecuteApiArn(resource) === undefined) return true;
  return coversRoute(resource, api.resource, r.httpMethod, r.path);
}

/** Address of a resource policy that denies the route to everyone, unconditionally, or undefined when none certainly does. */
function deniedToEveryone(model: Model, r: Route): string | undefined {
  const api = r.api;
  if (api === undefined || (api.protocol ?? "REST") !== "REST" || !known(r.httpMethod) || !known(r.path)) return undefined;
  const route = r as Route & { httpMethod: string; path: string };
  for (const p of resourcePoliciesOf(model, api)) {
    // A body's policy may be replaced by a policy argument or resource: its denies are never certain.
    if (fromBody(p) || !known(p.document)) continue;
    for (const s of p.document.statements.filter((x) => deniesInvoke(x) && toEveryone(x))) {
      if (s.resources.some((res) => coversCertainly(res, api, route))) return p.address;
    }
  }
  return undefined;
}

const WHO: Readonly<Record<CallerConstraint["key"], (values: string) => string>> = {
  "aws:SourceVpce": (v) => `callers through VPC endpoint ${v}`,
  "aws:SourceVpc": (v) => `callers from VPC ${v}`,
  "aws:SourceIp": (v) => `callers from ${v}`,
  "aws:PrincipalOrgID": (v) => `principals of organisation ${v}`,
  "aws:PrincipalAccount": (v) => `principals of account ${v}`,
};

/**
 * One class as a reviewer reads it, or undefined when its constraints exclude everyone (two constraints on one
 * string key with no value in common). IP ranges are listed as they are, never intersected.
 */
function describeClass(constraints: readonly CallerConstraint[], isPrivate: boolean): string | undefined {
  const byKey = new Map<CallerConstraint["key"], string[]>();
  for (const c of constraints) {
    const before = byKey.get(c.key);
    if (before === undefined || c.key === "aws:SourceIp") byKey.set(c.key, [...(before ?? []), ...c.values]);
    else
      byKey.set(
        c.key,
        before.filter((v) => c.values.includes(v)),
      );
  }
  if ([...byKey.values()].some((vs) => vs.length === 0)) return undefined;
  if (byKey.size === 0) return isPrivate ? "callers through any VPC endpoint, of any AWS account" : undefined;
  return [...byKey.entries()].map(([k, vs]) => WHO[k]([...new Set(vs)].join(" or "))).join(" and ");
}

/**
 * Who can call route `r` past its API's endpoints and resource policy: the resource policy's classes (REST APIs),
 * narrowed to holders of a client certificate when mutual TLS is the only way in (REST and HTTP APIs).
 */
export function callersOf(model: Model, r: Route): Callers {
  const c = policyCallers(model, r);
  const mtls = r.api === undefined ? undefined : mutualTlsOnly(model, r.api);
  if (mtls === undefined || c.kind === "nobody" || c.kind === "not-verified") return c;
  const holders = certificateHolders(mtls);
  return c.kind === "anyone"
    ? { kind: "restricted", classes: [holders], via: mutualTlsVia(mtls), clientCertificate: true }
    : { kind: "restricted", classes: c.classes.map((x) => `${x}, ${holders}`), via: `${c.via}; ${mutualTlsVia(mtls)}`, clientCertificate: true };
}

/** Who can call route `r` past its API's endpoint type and resource policy. Only REST APIs have either. */
function policyCallers(model: Model, r: Route): Callers {
  const api = r.api;
  if (api === undefined || (api.protocol ?? "REST") !== "REST") return { kind: "anyone" };
  if (!known(r.httpMethod) || !known(r.path)) return { kind: "not-verified", why: "the route's method or path is known only after apply" };
  const route = r as Route & { httpMethod: string; path: string };
  const types = api.endpointTypes;
  const isPrivate = types !== undefined && known(types) && types.includes("PRIVATE");
  const policies = resourcePoliciesOf(model, api);
  if (policies.length === 0)
    return isPrivate ? { kind: "nobody", why: "a PRIVATE API without a resource policy: API Gateway refuses every call" } : { kind: "anyone" };
  const readable: { p: IamPolicy; statements: readonly PolicyStatement[] }[] = [];
  for (const p of policies) {
    if (isUnknown(p.document)) {
      const expression = p.document.expression;
      return {
        kind: "not-verified",
        why: `resource policy ${p.address} ${p.parseError ?? `is known only after apply${expression !== undefined ? ` (${expression})` : ""}`}`,
      };
    }
    readable.push({ p, statements: p.document.statements });
  }
  const denied = deniedToEveryone(model, r);
  if (denied !== undefined) return { kind: "nobody", why: `resource policy ${denied} denies it to everyone` };
  // A body's policy is live unless a policy argument or resource replaces it: with no other, it may be none at all.
  const certain = readable.filter(({ p }) => !fromBody(p));
  if (certain.length === 0 && !isPrivate) return { kind: "anyone" };

  // Denies of certain policies that refuse everyone outside one condition: every caller left meets it.
  const left: CallerConstraint[] = [];
  for (const { statements } of certain)
    for (const s of statements) {
      const c = toEveryone(s) && s.resources.some((res) => coversCertainly(res, api, route)) ? callersLeftByDeny(s) : undefined;
      if (c !== undefined) left.push(c);
    }
  const classes: string[] = [];
  for (const { statements } of readable) {
    for (const s of statements.filter((x) => grantsInvoke(x) && (x.notResources.length > 0 || x.resources.some((res) => mayCover(res, api, route))))) {
      if (s.notPrincipals.length > 0) return { kind: "not-verified", why: "its resource policy allows with NotPrincipal" };
      const read = allowedCallers(s);
      if ("unread" in read) return { kind: "not-verified", why: `its resource policy's ${read.unread}` };
      const constraints = [...read.constraints, ...left];
      if (toEveryone(s) && constraints.length === 0 && !isPrivate) return { kind: "anyone" };
      const text = describeClass(constraints, isPrivate);
      // Named principals: a NONE method's caller is anonymous, but the class is stated rather than ruled out.
      const named = toEveryone(s)
        ? []
        : s.principals.flatMap((x) => x.ids.map((id) => `principal ${x.type}:${typeof id === "string" ? id : (id.expression ?? "(known after apply)")}`));
      if (named.length > 0) classes.push(`${named.join(" or ")}${text !== undefined && constraints.length > 0 ? `, as ${text}` : ""}`);
      else if (text !== undefined) classes.push(text);
    }
  }
  const unique = [...new Set(classes)].sort();
  if (unique.length === 0)
    return { kind: "nobody", why: `its resource policy allows no caller to invoke it (${readable.map(({ p }) => p.address).join(", ")})` };
  return { kind: "restricted", classes: unique, via: `resource policy ${(certain[0] ?? readable[0]).p.address}` };
}

/** How messages name who can call a NONE route: `anyone on the internet`, `callers through VPC endpoint vpce-1`, ... */
export function callersText(c: Callers): string {
  switch (c.kind) {
    case "anyone":
      return "anyone on the internet";
    case "restricted":
      return `${c.classes.join("; ")} (${c.via})`;
    case "nobody":
      return `nobody: ${c.why}`;
    case "not-verified":
      return `anyone, as far as the check can tell (not verified: ${c.why})`;
  }
}
