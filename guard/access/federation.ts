// Federated identity providers of a user pool: who besides the pool's own users can hold its tokens. An
// aws_cognito_identity_provider on the pool, or a provider name an app client of the pool lists in
// supported_identity_providers, brings a new population of token holders (door class 7). Pure.
import { isUnknown, type Model, type ResourceInstance, type Route, type UserPool } from "../model";
import { asObject, asString, firstBlock } from "../load/json";
import { trustedPools } from "./cognito";
import { parametersReadBy } from "./deciders";
import { edgeVerifiers } from "./origin";
import { referencedResource, resourceAt, sameTarget, targetOf } from "./reference-identity";

export interface FederatedProvider {
  /** `provider_name` (`Google`, `AzureAD`); a client's listed name when no provider resource defines it. */
  readonly name: string;
  /** `Google`, `OIDC`, `SAML`, ...; undefined when only a client lists the name. */
  readonly type?: string;
  /** Who can hold an account there, when that is everyone with a public account. */
  readonly population?: string;
  /** Where it was found: the provider resource, or the client that lists it. */
  readonly where: string;
}

const PUBLIC_TYPES: Readonly<Record<string, string>> = {
  Google: "anyone with a Google account",
  Facebook: "anyone with a Facebook account",
  LoginWithAmazon: "anyone with an Amazon account",
  SignInWithApple: "anyone with an Apple ID",
};

/** Multi-tenant OIDC issuers: any account of the service signs in, not one organization's. */
const PUBLIC_ISSUERS: readonly (readonly [RegExp, string])[] = [
  [/^https:\/\/login\.microsoftonline\.com\/(common|consumers|organizations)(\/|$)/, "anyone with a Microsoft account"],
  [/^https:\/\/login\.microsoftonline\.com\/9188040d-6c67-4c5b-b112-36a304b66dad(\/|$)/, "anyone with a Microsoft account"],
  [/^https:\/\/accounts\.google\.com\/?$/, "anyone with a Google account"],
  [/^https:\/\/token\.actions\.githubusercontent\.com\/?$/, "any GitHub Actions workflow"],
];

function populationOf(type: string | undefined, details: Readonly<Record<string, unknown>>): string | undefined {
  if (type !== undefined && PUBLIC_TYPES[type] !== undefined) return PUBLIC_TYPES[type];
  const issuer = asString(details["oidc_issuer"]);
  if (type === "OIDC" && issuer !== undefined) return PUBLIC_ISSUERS.find(([re]) => re.test(issuer))?.[1];
  return undefined;
}

const inPool = (model: Model, r: ResourceInstance, pool: UserPool): boolean =>
  r.source.stack === pool.resource.source.stack && referencedResource(model, r, "user_pool_id", "aws_cognito_user_pool")?.address === pool.address;

/** The federated providers of a pool: its provider resources and the names its clients list besides COGNITO. */
export function federatedProviders(model: Model, pool: UserPool): FederatedProvider[] {
  const out = new Map<string, FederatedProvider>();
  for (const r of model.resources) {
    if (r.type !== "aws_cognito_identity_provider" || r.mode !== "managed" || !inPool(model, r, pool)) continue;
    const name = asString(r.values["provider_name"]) ?? `(${r.address}: name known only after apply)`;
    const type = asString(r.values["provider_type"]);
    const details = asObject(firstBlock(r.values["provider_details"]) ?? r.values["provider_details"]);
    const population = populationOf(type, details);
    out.set(name, { name, ...(type !== undefined ? { type } : {}), ...(population !== undefined ? { population } : {}), where: r.address });
  }
  for (const c of model.userPoolClients) {
    if (c.userPoolAddress !== pool.address || c.resource.source.stack !== pool.resource.source.stack) continue;
    const listed = c.resource.values["supported_identity_providers"];
    // Unset in the configuration, a plan shows the computed attribute as unknown: the client then supports no
    // provider (Cognito's default). Written but unknown (a variable, a reference) may name any: reported.
    const written = c.resource.written?.names;
    if (isUnknown(listed) && written !== undefined && !written.includes("supported_identity_providers")) continue;
    const names = isUnknown(listed)
      ? ["(supported_identity_providers known only after apply)"]
      : Array.isArray(listed)
        ? listed.map((n) => (typeof n === "string" ? n : "(known after apply)"))
        : [];
    for (const name of names) {
      if (name === "COGNITO" || out.has(name)) continue;
      out.set(name, { name, ...(PUBLIC_TYPES[name] !== undefined ? { type: name, population: PUBLIC_TYPES[name] } : {}), where: c.address });
    }
  }
  return [...out.values()];
}

const mentions = (r: ResourceInstance, attr: string, pool: UserPool): boolean =>
  (r.references[attr] ?? []).some((x) => x === pool.address || x.startsWith(`${pool.address}.`)) ||
  JSON.stringify(r.values[attr] ?? null).includes(`${pool.address}.`);

/**
 * Routes the pool's tokens pass: a Cognito or JWT authorizer trusting it, a Lambda authorizer configured with it
 * (its environment names the pool), or the edge verifier in front of the route's API reading it from SSM.
 */
export function routesTrustingPool(model: Model, pool: UserPool): Route[] {
  const out = new Set<Route>();
  const target = targetOf(model, pool.resource);
  for (const r of model.routes) {
    if (r.resource.source.stack !== pool.resource.source.stack) continue;
    const cognito = (r.authorization === "COGNITO_USER_POOLS" || r.authorization === "JWT") && r.authorizer !== undefined;
    if (cognito && r.authorizer !== undefined && trustedPools(model, r.authorizer).some((t) => sameTarget(t, target))) out.add(r);
    const fnAddress = r.authorization === "CUSTOM" ? r.authorizer?.lambdaFunctionAddress : undefined;
    const fn = fnAddress === undefined ? undefined : resourceAt(model, r.resource.source.stack, fnAddress);
    if (fn !== undefined && mentions(fn, "environment", pool)) out.add(r);
    if (r.api !== undefined && r.authorization === "NONE") {
      const verifiers = edgeVerifiers(model, r.api).functions;
      if (verifiers.some((v) => parametersReadBy(model, v).some((p) => mentions(p, "value", pool)))) out.add(r);
    }
  }
  return [...out];
}
