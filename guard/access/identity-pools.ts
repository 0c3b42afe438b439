// Cognito identity pools as the review and the check see them: which identities a pool admits (its user pool
// clients and other login providers, unauthenticated visitors when allowed), which IAM roles it hands to whom
// (the authenticated and unauthenticated roles, role-mapping rules, token role mapping to group roles), and so
// which AWS_IAM routes those callers reach, through the roles' invoke grants in iam.ts. Pure: a Model in, plain
// data out. A role that is not a role of this configuration is not verified: it counts as reaching every route.
import { isUnknown, unknownValue, type Model, type ResourceInstance, type Route } from "../model";
import { asArray, asObject, blocks } from "../load/json";
import { iamAccess } from "./iam";
import { resourceAt, targetOf, valueOf, type TargetRef } from "./reference-identity";

const IDENTITY_POOL = "aws_cognito_identity_pool";
const ATTACHMENT = "aws_cognito_identity_pool_roles_attachment";

/** Who a pool hands a role to. */
type Audience = "unauthenticated" | "authenticated";

/** One way a pool hands a role to some identities. */
interface HandedRole {
  readonly audience: Audience;
  /** Reviewer words: `unauthenticated identities of identity pool x (anyone)`. */
  readonly callers: string;
  /** The login provider these callers sign in with (authenticated only). */
  readonly provider?: string;
  /** The role's address in the configuration; undefined when the reference is not one of its roles. */
  readonly roleAddress?: string;
  /** The role's name, or the literal ARN / expression when not in the configuration. */
  readonly role: string;
}

export interface IdentityPoolAccess {
  readonly pool: TargetRef;
  readonly address: string;
  readonly stack: string;
  readonly name: string;
  /** `allow_unauthenticated_identities`; not known before apply counts as allowed (fails closed). */
  readonly unauthenticated: boolean;
  /** Login providers, in reviewer words: `client web of user pool petstore-dev-users`, `accounts.google.com`. */
  readonly providers: readonly string[];
  readonly handed: readonly HandedRole[];
}

/** One caller group that reaches an AWS_IAM route through an identity pool. */
export interface IdentityCaller extends HandedRole {
  readonly identityPool: string;
  readonly identityPoolAddress: string;
  /** Pairs a caller across versions: who, through which pool, with which role. */
  readonly key: string;
}

export interface RouteIdentityCallers {
  readonly route: Route;
  readonly callers: readonly IdentityCaller[];
}

const textOf = (v: unknown): string => (isUnknown(v) ? (v.expression ?? "(known after apply)") : typeof v === "string" ? v : JSON.stringify(v ?? null));

/** The resource of `type` a value references (`${aws_iam_role.r.arn}`), or a role whose known ARN it is. */
function resourceIn(model: Model, stack: string, v: unknown, type: string): ResourceInstance | undefined {
  const ref = valueOf(model, stack, v).refs.find((r) => r.type === type && r.key !== undefined);
  const byRef = ref?.key === undefined ? undefined : resourceAt(model, stack, ref.key.slice(ref.key.indexOf("::") + 2));
  if (byRef !== undefined) return byRef;
  if (typeof v !== "string" || v === "") return undefined;
  return model.resources.find((r) => r.type === type && r.source.stack === stack && (r.values["arn"] === v || r.values["id"] === v));
}

/** `client web of user pool petstore-dev-users`, from a `cognito_identity_providers` block or a mapping's key. */
function cognitoProvider(model: Model, stack: string, providerName: unknown, clientId: unknown): string {
  const client = resourceIn(model, stack, clientId, "aws_cognito_user_pool_client");
  const pool = resourceIn(model, stack, providerName, "aws_cognito_user_pool");
  const clientText = client !== undefined ? targetOf(model, client).label : valueOf(model, stack, clientId).display;
  const poolText = pool !== undefined ? targetOf(model, pool).label : valueOf(model, stack, providerName).display;
  return `client ${clientText} of user pool ${poolText}`;
}

/** A role mapping's `identity_provider` (`<user pool endpoint>:<client id>`, or a login provider name). */
function mappedProvider(model: Model, stack: string, v: unknown): string {
  const value = valueOf(model, stack, v);
  const client = value.refs.find((r) => r.type === "aws_cognito_user_pool_client");
  const pool = value.refs.find((r) => r.type === "aws_cognito_user_pool");
  if (client !== undefined && pool !== undefined) return `client ${client.label} of user pool ${pool.label}`;
  const literal = /^(cognito-idp\.[^/]+\/[^:]+):(.+)$/.exec(textOf(v));
  return literal === null ? value.display : `client ${literal[2]} of user pool ${literal[1]}`;
}

function providersOf(model: Model, pool: ResourceInstance): string[] {
  const v = pool.values;
  const stack = pool.source.stack;
  const out = blocks(v["cognito_identity_providers"]).map((p) => cognitoProvider(model, stack, p["provider_name"], p["client_id"]));
  for (const [name, app] of Object.entries(asObject(v["supported_login_providers"]))) out.push(`${name} (app ${textOf(app)})`);
  for (const arn of asArray(v["openid_connect_provider_arns"])) out.push(`OpenID Connect provider ${valueOf(model, stack, arn).display}`);
  for (const arn of asArray(v["saml_provider_arns"])) out.push(`SAML provider ${valueOf(model, stack, arn).display}`);
  const developer = v["developer_provider_name"];
  if (developer !== undefined && developer !== null && developer !== "") out.push(`developer provider ${textOf(developer)}`);
  return [...new Set(out)].sort();
}

/** The roles attachments of one identity pool. */
const attachmentsOf = (model: Model, pool: ResourceInstance): ResourceInstance[] =>
  model.resources.filter(
    (r) =>
      r.type === ATTACHMENT &&
      r.mode === "managed" &&
      r.source.stack === pool.source.stack &&
      resourceIn(model, r.source.stack, r.values["identity_pool_id"], IDENTITY_POOL) === pool,
  );

const COGNITO_IDENTITY = "cognito-identity.amazonaws.com";

/**
 * Whether a role's trust policy lets this pool's identities of `audience` assume it (Cognito calls
 * AssumeRoleWithWebIdentity for them). Only a trust that plainly excludes them (no cognito-identity principal,
 * an `aud` naming another pool, an `amr` naming the other audience) says no; a trust not known before apply says yes.
 */
function trustAdmits(model: Model, role: ResourceInstance, pool: ResourceInstance, audience: Audience): boolean {
  const r = model.iamRoles.find((x) => x.address === role.address && x.resource.source.stack === role.source.stack);
  if (r === undefined || isUnknown(r.trustPolicy)) return true;
  const stack = role.source.stack;
  const poolId = pool.values["id"];
  const namesPool = (v: unknown): boolean =>
    isUnknown(v) ||
    /[*?]/.test(textOf(v)) ||
    (typeof poolId === "string" && v === poolId) ||
    valueOf(model, stack, v).refs.some((t) => t.key === `${stack}::${pool.address}`);
  return r.trustPolicy.statements.some((s) => {
    if (s.effect !== "Allow") return false;
    const federated = s.principals.some(
      (p) => p.type === "*" || p.ids.some((id) => id === "*" || isUnknown(id) || (p.type === "Federated" && id === COGNITO_IDENTITY)),
    );
    if (!federated) return false;
    const positive = (key: string) =>
      s.conditions.filter((c) => c.key.toLowerCase() === key && c.operator.toLowerCase().includes("string") && !c.operator.toLowerCase().includes("not"));
    if (positive(`${COGNITO_IDENTITY}:aud`).some((c) => !c.values.some(namesPool))) return false;
    return !positive(`${COGNITO_IDENTITY}:amr`).some((c) => !c.values.some((v) => isUnknown(v) || /[*?]/.test(textOf(v)) || v === audience));
  });
}

function roleOf(model: Model, pool: ResourceInstance, v: unknown, audience: Audience): { roleAddress?: string; role: string } | undefined {
  const stack = pool.source.stack;
  const r = resourceIn(model, stack, v, "aws_iam_role");
  if (r === undefined) return { role: `${valueOf(model, stack, v).display} (not a role of this configuration: not verified)` };
  if (!trustAdmits(model, r, pool, audience)) return undefined;
  const name = r.values["name"];
  return { roleAddress: r.address, role: typeof name === "string" ? name : r.address };
}

/** Group roles a user pool's groups hand out through the token (`cognito:preferred_role`, `cognito:roles`). */
function groupRoles(model: Model, stack: string, providerKey: unknown): { group: string; value: unknown }[] {
  const pool = valueOf(model, stack, providerKey).refs.find((r) => r.type === "aws_cognito_user_pool");
  return model.userGroups
    .filter((g) => g.resource.source.stack === stack && (pool === undefined || `${stack}::${g.userPoolAddress ?? ""}` === pool.key))
    .filter((g) => g.resource.values["role_arn"] !== undefined && g.resource.values["role_arn"] !== null && g.resource.values["role_arn"] !== "")
    .map((g) => ({ group: typeof g.name === "string" ? g.name : g.address, value: g.resource.values["role_arn"] }));
}

function handedRoles(model: Model, pool: ResourceInstance, name: string, unauthenticated: boolean, providers: readonly string[]): HandedRole[] {
  const stack = pool.source.stack;
  const out: HandedRole[] = [];
  const through = `through identity pool ${name}`;
  // A role whose trust does not admit these identities is handed to nobody.
  const hand = (h: Omit<HandedRole, "role" | "roleAddress">, role: unknown): void => {
    const r = roleOf(model, pool, role, h.audience);
    if (r !== undefined) out.push({ ...h, ...r });
  };
  for (const a of attachmentsOf(model, pool)) {
    // A roles map known only after apply (a plan of new roles) hides which role is which: each role it references
    // may be either, so each is handed to both audiences (fail closed; the trust policy still decides).
    const unknownRoles = isUnknown(a.values["roles"]) ? (a.references["roles"] ?? []).filter((ref) => /(^|\.)aws_iam_role\.[\w-]+\.arn$/.test(ref)) : [];
    const roles = unknownRoles.length > 0 ? {} : asObject(a.values["roles"]);
    for (const ref of unknownRoles) {
      const role = unknownValue(ref);
      if (unauthenticated) hand({ audience: "unauthenticated", callers: `unauthenticated identities of identity pool ${name} (anyone who asks)` }, role);
      for (const provider of providers) hand({ audience: "authenticated", provider, callers: `users signed in with ${provider} ${through}` }, role);
    }
    const mappings = blocks(a.values["role_mapping"]);
    if (unauthenticated && roles["unauthenticated"] !== undefined) {
      hand({ audience: "unauthenticated", callers: `unauthenticated identities of identity pool ${name} (anyone who asks)` }, roles["unauthenticated"]);
    }
    // A provider with a role mapping gets the authenticated role only when the mapping falls back to it.
    const mapped = new Map(mappings.map((m) => [mappedProvider(model, stack, m["identity_provider"]), m]));
    for (const provider of providers) {
      const m = mapped.get(provider);
      if (roles["authenticated"] === undefined || (m !== undefined && m["ambiguous_role_resolution"] === "Deny")) continue;
      hand({ audience: "authenticated", provider, callers: `users signed in with ${provider} ${through}` }, roles["authenticated"]);
    }
    for (const [provider, m] of mapped) {
      if (m["type"] === "Token") {
        for (const g of groupRoles(model, stack, m["identity_provider"])) {
          hand(
            { audience: "authenticated", provider, callers: `members of Cognito group ${g.group} signed in with ${provider} ${through} (token role mapping)` },
            g.value,
          );
        }
        continue;
      }
      for (const rule of blocks(m["mapping_rule"])) {
        const words = `claim ${textOf(rule["claim"])} ${textOf(rule["match_type"])} ${JSON.stringify(textOf(rule["value"]))}`;
        hand({ audience: "authenticated", provider, callers: `users signed in with ${provider} whose ${words} ${through}` }, rule["role_arn"]);
      }
    }
  }
  return out;
}

export function identityPools(model: Model): IdentityPoolAccess[] {
  return model.resources
    .filter((r) => r.type === IDENTITY_POOL && r.mode === "managed")
    .map((r) => {
      const pool = targetOf(model, r);
      const allow = r.values["allow_unauthenticated_identities"];
      const unauthenticated = allow === true || isUnknown(allow);
      const providers = providersOf(model, r);
      return {
        pool,
        address: r.address,
        stack: r.source.stack,
        name: pool.label,
        unauthenticated,
        providers,
        handed: handedRoles(model, r, pool.label, unauthenticated, providers),
      };
    });
}

/**
 * The roles identity pools hand to users of `userPool`: every identity pool whose `cognito_identity_providers` name it
 * (by reference, or its known id or endpoint), with the roles its authenticated users of that pool get.
 */
export function rolesForUsersOf(model: Model, userPool: ResourceInstance): { identityPool: string; roles: string[] }[] {
  const stack = userPool.source.stack;
  const names = (v: unknown): boolean =>
    resourceIn(model, stack, v, "aws_cognito_user_pool") === userPool ||
    (typeof v === "string" && v !== "" && (v === userPool.values["endpoint"] || v.endsWith(`/${String(userPool.values["id"])}`)));
  return identityPools(model)
    .filter((a) => a.stack === stack)
    .flatMap((a) => {
      const r = model.resources.find((x) => x.address === a.address && x.source.stack === stack);
      const entries = r === undefined ? [] : blocks(r.values["cognito_identity_providers"]).filter((p) => names(p["provider_name"]));
      if (entries.length === 0) return [];
      const mine = new Set(entries.map((p) => cognitoProvider(model, stack, p["provider_name"], p["client_id"])));
      const roles = a.handed.filter((h) => h.audience === "authenticated" && h.provider !== undefined && mine.has(h.provider)).map((h) => h.role);
      return roles.length === 0 ? [] : [{ identityPool: a.name, roles: [...new Set(roles)].sort() }];
    });
}

/** Per AWS_IAM route, the identities that reach it through an identity pool (a role that invokes it, or one not verified). */
export function identityCallers(model: Model): RouteIdentityCallers[] {
  const pools = identityPools(model);
  if (pools.length === 0) return [];
  return iamAccess(model).routes.map(({ route, roles }) => {
    const invokers = new Set(roles.map((x) => x.role.address));
    const callers: IdentityCaller[] = [];
    for (const p of pools) {
      if (p.stack !== route.resource.source.stack) continue;
      for (const h of p.handed) {
        if (h.roleAddress !== undefined && !invokers.has(h.roleAddress)) continue;
        callers.push({ ...h, identityPool: p.name, identityPoolAddress: p.address, key: `${h.callers} → role ${h.role}` });
      }
    }
    return { route, callers };
  });
}

/** Reviewer words for a route's identity-pool callers. */
export function describeCallers(callers: readonly IdentityCaller[]): string {
  return callers.length === 0 ? "no identity-pool identity" : callers.map((c) => `${c.callers} (role ${c.role})`).join("; ");
}
