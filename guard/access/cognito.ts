// Cognito as the review and the check see it: which user pool each Cognito authorizer trusts (by resource
// identity, never by name), the app clients, Lambda triggers, users and group memberships of those pools, and
// whether a group grants anything. Pure facts functions over the Model; the routes each of them lets callers into,
// and the review's comparer, are in guard/review/compare/cognito.ts.
import { isUnknown, type Authorizer, type Model, type ResourceInstance, type UserPoolClient } from "../model";
import { asArray, asObject, firstBlock } from "../load/json";
import { jwtIssuerTarget } from "./jwt-issuer";
import { referencedResource, targetOf, valueOf, type TargetRef, type ValueRef } from "./reference-identity";

/** The user pool resource type. */
export const POOL = "aws_cognito_user_pool";

// ---- the pools an authorizer trusts ----

/** The user pools a Cognito authorizer's `provider_arns` name, as identities (a literal ARN stays literal). */
export function trustedPools(model: Model, a: Authorizer): TargetRef[] {
  const stack = a.resource.source.stack;
  // A JWT authorizer (HTTP API) trusts whoever its issuer is (guard/access/jwt-issuer.ts).
  if (a.type === "JWT") return [jwtIssuerTarget(model, a)];
  const list = isUnknown(a.providerArns) ? [a.providerArns] : a.providerArns;
  return list.map((arn) => {
    const v = valueOf(model, stack, arn);
    const pool = v.refs.find((r) => r.type === POOL);
    if (pool !== undefined && v.refs.length === 1) return pool;
    // A plan resolves the reference to the ARN: the pool of the configuration that has it.
    const byArn = typeof arn === "string" ? model.userPools.find((p) => p.resource.source.stack === stack && p.resource.values["arn"] === arn) : undefined;
    return byArn !== undefined ? targetOf(model, byArn.resource) : { label: v.display, literal: v.display, ambiguous: false };
  });
}

// ---- app clients ----

export interface ClientAccess {
  readonly client: TargetRef;
  readonly pool?: TargetRef;
  readonly address: string;
  /** OAuth flows (`code`, `implicit`, `client_credentials`) when OAuth is enabled on the client. */
  readonly oauthFlows: readonly string[];
  /** Explicit auth flows without the `ALLOW_` prefix; Cognito's defaults when unset. */
  readonly authFlows: readonly string[];
  readonly scopes: readonly string[];
  readonly callbackUrls: readonly string[];
}

// Cognito's explicit auth flows when the attribute is unset.
const DEFAULT_AUTH_FLOWS = ["CUSTOM_AUTH", "REFRESH_TOKEN_AUTH", "USER_SRP_AUTH"];
const strings = (v: unknown): string[] => asArray(v).map((x) => (typeof x === "string" ? x : JSON.stringify(x)));

export function clientAccess(model: Model): ClientAccess[] {
  return model.userPoolClients.map((c) => {
    const v = c.resource.values;
    const oauth = v["allowed_oauth_flows_user_pool_client"] === true;
    const explicit = v["explicit_auth_flows"];
    const pool = referencedResource(model, c.resource, "user_pool_id", POOL);
    return {
      client: targetOf(model, c.resource),
      ...(pool !== undefined ? { pool: targetOf(model, pool) } : {}),
      address: c.address,
      oauthFlows: oauth ? [...new Set(strings(v["allowed_oauth_flows"]))].sort() : [],
      authFlows: explicit === undefined || explicit === null ? DEFAULT_AUTH_FLOWS : [...new Set(strings(explicit).map((f) => f.replace(/^ALLOW_/, "")))].sort(),
      scopes: oauth ? [...new Set(strings(v["allowed_oauth_scopes"]))].sort() : [],
      callbackUrls: [...new Set(strings(v["callback_urls"]))].sort(),
    };
  });
}

/** Explicit auth flows that hand Cognito the password itself instead of an SRP proof, as Terraform may write them. */
const PASSWORD_FLOWS = new Set(["USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"]);

/** How a client may sign users in with the password itself (USER_PASSWORD_AUTH and the admin flows), and whether it has a secret. */
interface PasswordSignIn {
  /** The password flows it allows, as written (`ALLOW_USER_PASSWORD_AUTH`); "unknown" when its flows are known only after apply. */
  readonly flows: readonly string[] | "unknown";
  /** `generate_secret = true`: every call must carry the client secret's hash; "unknown" when known only after apply. */
  readonly secret: boolean | "unknown";
  /**
   * ALLOW_USER_AUTH (choice-based sign-in) on a pool whose sign-in policy lets PASSWORD be the first factor: the
   * caller may then answer the PASSWORD challenge with the password itself. "unknown" when the pool is not in the
   * configuration or its factors are known only after apply. @default - absent: no USER_AUTH, or no password first
   */
  readonly choice?: "password" | "unknown";
}

/**
 * The first factors a pool allows in choice-based sign-in (`sign_in_policy.allowed_first_auth_factors`): Cognito's
 * default, PASSWORD alone, when the block or the list is unset; "unknown" when known only after apply.
 */
function firstAuthFactors(pool: ResourceInstance): readonly string[] | "unknown" {
  const policy = pool.values["sign_in_policy"];
  if (isUnknown(policy)) return policy.expression === undefined ? ["PASSWORD"] : "unknown";
  const factors = asObject(firstBlock(policy))["allowed_first_auth_factors"];
  if (factors === undefined || factors === null || (isUnknown(factors) && factors.expression === undefined)) return ["PASSWORD"];
  if (isUnknown(factors) || !Array.isArray(factors) || factors.some((f) => typeof f !== "string")) return "unknown";
  return factors as string[];
}

/** The client's pool: by reference, else (a plan or a live account's state) the pool of the same stack with its id. */
function clientPool(model: Model, c: UserPoolClient): ResourceInstance | undefined {
  const byRef = referencedResource(model, c.resource, POOL_ID, POOL);
  if (byRef !== undefined) return byRef;
  const id = c.resource.values[POOL_ID];
  if (typeof id !== "string" || id === "") return undefined;
  const stack = c.resource.source.stack;
  return model.userPools.find((p) => p.resource.source.stack === stack && p.resource.values["id"] === id)?.resource;
}

const POOL_ID = "user_pool_id";

/** Whether a client allowing USER_AUTH lets the caller send the password itself (see PasswordSignIn.choice). */
function choiceSignIn(model: Model, c: UserPoolClient, flows: readonly string[]): PasswordSignIn["choice"] {
  if (!flows.some((f) => f.replace(/^ALLOW_/, "") === "USER_AUTH")) return undefined;
  const pool = clientPool(model, c);
  const factors = pool === undefined ? "unknown" : firstAuthFactors(pool);
  return factors === "unknown" ? "unknown" : factors.includes("PASSWORD") ? "password" : undefined;
}

/**
 * Unset flows are Cognito's defaults (SRP, custom auth, refresh), as is a plan's value the provider computes (known
 * after apply with no expression of the configuration); a configured expression known only after apply is unknown.
 */
export function passwordSignIn(model: Model, c: UserPoolClient): PasswordSignIn {
  const explicit = c.resource.values["explicit_auth_flows"];
  const secretValue = c.resource.values["generate_secret"];
  const secret = isUnknown(secretValue) ? ("unknown" as const) : secretValue === true;
  if (explicit === undefined || explicit === null || (isUnknown(explicit) && explicit.expression === undefined)) return { flows: [], secret };
  const list = asArray(explicit);
  if (isUnknown(explicit) || !Array.isArray(explicit) || list.some((f) => typeof f !== "string")) return { flows: "unknown", secret };
  const all = [...new Set(list as string[])];
  const flows = all.filter((f) => PASSWORD_FLOWS.has(f.replace(/^ALLOW_/, "")));
  const choice = choiceSignIn(model, c, all);
  return { flows, secret, ...(choice !== undefined ? { choice } : {}) };
}

// ---- triggers, users, memberships ----

/**
 * A pool's Lambda triggers (`lambda_config`), attribute -> value with references as identities. A plan marks
 * attributes the configuration does not write as known after apply when the provider computes them
 * (`pre_token_generation` mirrors `pre_token_generation_config`, which is judged itself): no trigger is set there.
 */
export function poolTriggers(model: Model, pool: ResourceInstance): Map<string, ValueRef> {
  const config = asObject(firstBlock(pool.values["lambda_config"]));
  const out = new Map<string, ValueRef>();
  for (const [k, v] of Object.entries(config)) {
    if (v === null || v === undefined || (isUnknown(v) && v.computed === true) || v === "" || (Array.isArray(v) && v.length === 0)) continue;
    out.set(k, valueOf(model, pool.source.stack, isUnknown(v) || typeof v === "string" ? v : JSON.stringify(v)));
  }
  return out;
}

/** Triggers that are no function of this configuration (a literal ARN, another account's function). */
export function foreignTriggers(model: Model, pool: ResourceInstance): string[] {
  return [...poolTriggers(model, pool)]
    .filter(([k]) => k !== "kms_key_id")
    .filter(([, v]) => !v.refs.some((r) => r.type === "aws_lambda_function" || r.type === "aws_lambda_alias"))
    .map(([k, v]) => `${k} = ${v.display}`);
}

export interface Membership {
  readonly address: string;
  readonly pool?: TargetRef;
  readonly group: string;
  readonly username: string;
  /** The group's resource, when it is in the configuration. */
  readonly groupResource?: ResourceInstance;
  readonly userResource?: ResourceInstance;
}

/** A reference's attribute value (`${aws_cognito_user_group.g.name}` -> "admins"), or the literal text. */
function attrValue(model: Model, holder: ResourceInstance, attr: string, type: string, targetAttr: string): { text: string; resource?: ResourceInstance } {
  const r = referencedResource(model, holder, attr, type);
  const v = r?.values[targetAttr];
  if (r !== undefined) return { text: typeof v === "string" ? v : r.address, resource: r };
  const raw = holder.values[attr];
  return { text: typeof raw === "string" ? raw : isUnknown(raw) ? (raw.expression ?? "(known after apply)") : "" };
}

export function memberships(model: Model): Membership[] {
  return model.resources
    .filter((r) => r.type === "aws_cognito_user_in_group" && r.mode === "managed")
    .map((m) => {
      const pool = referencedResource(model, m, "user_pool_id", POOL);
      const group = attrValue(model, m, "group_name", "aws_cognito_user_group", "name");
      const user = attrValue(model, m, "username", "aws_cognito_user", "username");
      // A group of the configuration by name in the same pool, when group_name is a literal.
      const groupResource =
        group.resource ??
        model.userGroups.find(
          (g) => g.name === group.text && g.resource.source.stack === m.source.stack && (pool === undefined || g.userPoolAddress === pool.address),
        )?.resource;
      return {
        address: m.address,
        ...(pool !== undefined ? { pool: targetOf(model, pool) } : {}),
        group: group.text,
        username: user.text,
        ...(groupResource !== undefined ? { groupResource } : {}),
        ...(user.resource !== undefined ? { userResource: user.resource } : {}),
      };
    });
}

/** Does membership in this group grant access (a role handed to members, or a route requiring the group)? */
export function groupGrantsAccess(model: Model, m: Membership): boolean {
  if (m.groupResource !== undefined) {
    const role = m.groupResource.values["role_arn"];
    if (role !== undefined && role !== null && role !== "") return true;
  }
  return model.authorizers.some((a) => a.routeTable !== undefined && "routes" in a.routeTable && a.routeTable.routes.some((r) => r.groups.includes(m.group)));
}
