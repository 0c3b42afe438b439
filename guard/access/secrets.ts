// Where the resources of a model hold secrets, and whether the configuration writes each one literally (read from
// the loader's per-resource record, model.ts WrittenAttributes). Names paths and header or variable names only:
// never a secret's value. Rule secret-literal judges these.
import { isUnknown, type LiteralSource, type Model, type ResourceInstance } from "../model";
import { asString, firstBlock, isObject, type JsonObject } from "../load/json";
import { REDACTED_EXPRESSION } from "../load/redacted";
import { ORIGIN_VERIFY } from "./cloudfront";

export interface SecretSpot {
  readonly resource: ResourceInstance;
  /** The attribute's path in the resource's values: `value`, `origin[0].custom_header[0].value`. */
  readonly path: string;
  /** What the secret is, as a person says it: `API key value`, `X-Origin-Verify header CloudFront sends the origin`. */
  readonly what: string;
  /** Whether whoever holds it is let in as a caller (an API key, a password, a client or origin secret). */
  readonly authenticates: boolean;
  /** Where the literal is; undefined when the value comes from outside the configuration. */
  readonly literal?: LiteralSource;
}

/** A spot as read from the values, before the configuration is asked where it is written. */
interface Spot {
  readonly path: string;
  readonly what: string;
  readonly authenticates: boolean;
  /** The value there, as the resource's values hold it (Unknown when a plan knows it only after apply). */
  readonly value: unknown;
}

/** The resource types that hold secrets, with what each holds. */
export const SECRET_TYPES: Readonly<Record<string, string>> = {
  aws_api_gateway_api_key: "API key",
  aws_cognito_user: "Cognito user",
  aws_cognito_identity_provider: "identity provider",
  aws_cloudfront_distribution: "CloudFront distribution",
  aws_wafv2_web_acl: "web ACL",
  aws_wafv2_rule_group: "WAF rule group",
  aws_ssm_parameter: "SSM parameter",
  aws_secretsmanager_secret_version: "secret version",
  aws_lambda_function: "Lambda function",
};

// A name that says it holds a credential (API_TOKEN, DB_PASSWORD, x-api-key, Authorization), not one that points
// at where a credential is kept (SECRET_ARN, TOKEN_TABLE, PASSWORD_PARAMETER_NAME).
const CREDENTIAL =
  /(^|[_-])(secret|password|passwd|pwd|passphrase|token|apikey|credentials?|authorization)($|[_-])|(^|[_-])(api|access|private|secret|signing|auth|encryption|client)[_-]?key($|[_-])/i;
const POINTER =
  /[_-](arn|name|id|path|param|parameter|url|uri|endpoint|table|bucket|region|ttl|expiry|expires|length|header|file|version|enabled|type|seconds|minutes|hours|days|location|alias|ssm|kms)$/i;

/** Whether an environment variable or header name says it holds a credential. */
const namesCredential = (name: string): boolean => name.toLowerCase() === ORIGIN_VERIFY || (CREDENTIAL.test(name) && !POINTER.test(name));

/** A header name's description, or undefined when it names no credential (an unknown name may name one). */
function headerSecret(name: unknown, role: string): string | undefined {
  if (typeof name !== "string") return isUnknown(name) ? `a header whose name is known only after apply, ${role}` : undefined;
  if (name.toLowerCase() === ORIGIN_VERIFY) return `the ${name} secret ${role}`;
  return namesCredential(name) ? `the ${name} header ${role}` : undefined;
}

/** Blocks of a value with their paths: plan JSON lists blocks (`origin[0]`), cdk.tf.json may write one as an object. */
function indexed(v: unknown, path: string): [JsonObject, string][] {
  if (Array.isArray(v)) return v.flatMap((b, i): [JsonObject, string][] => (isObject(b) && !isUnknown(b) ? [[b, `${path}[${i}]`]] : []));
  return isObject(v) && !isUnknown(v) ? [[v, path]] : [];
}

const isSet = (v: unknown): boolean => v !== undefined && v !== null && v !== "";

function attributes(r: ResourceInstance, names: readonly string[], what: (name: string) => string, authenticates: boolean): Spot[] {
  return names.filter((n) => isSet(r.values[n])).map((n) => ({ path: n, what: what(n), authenticates, value: r.values[n] }));
}

/** Byte matches on a credential header anywhere under a WAF statement (and/or/not nest them). */
function byteMatches(v: unknown, path: string, out: Spot[]): void {
  for (const [block, p] of indexed(v, path)) {
    for (const [key, child] of Object.entries(block)) {
      if (key === "byte_match_statement") {
        for (const [bm, bp] of indexed(child, `${p}.${key}`)) {
          const header = firstBlock(firstBlock(bm["field_to_match"])?.["single_header"])?.["name"];
          const what = headerSecret(header, "the web ACL admits");
          if (what !== undefined && isSet(bm["search_string"]))
            out.push({ path: `${bp}.search_string`, what, authenticates: true, value: bm["search_string"] });
        }
      } else if (Array.isArray(child) || (isObject(child) && !isUnknown(child))) byteMatches(child, `${p}.${key}`, out);
    }
  }
}

/** Keys of a map attribute that name credentials; the whole map when it is known only after apply (redacted). */
function mapKeys(map: unknown, path: string, what: (key: string) => string, authenticates: boolean, whole: string): Spot[] {
  if (isUnknown(map)) return [{ path, what: whole, authenticates, value: map }];
  if (!isObject(map)) return [];
  return Object.keys(map)
    .filter((k) => namesCredential(k) && isSet(map[k]))
    .map((k) => ({ path: `${path}.${k}`, what: what(k), authenticates, value: map[k] }));
}

function spotsOf(r: ResourceInstance): Spot[] {
  const v = r.values;
  switch (r.type) {
    case "aws_api_gateway_api_key":
      return attributes(r, ["value"], () => "the API key", true);
    case "aws_cognito_user":
      return attributes(r, ["password", "temporary_password"], (n) => (n === "password" ? "the user's password" : "the user's temporary password"), true);
    case "aws_cognito_identity_provider":
      return mapKeys(
        v["provider_details"],
        "provider_details",
        (k) => `the federated identity provider's ${k}`,
        true,
        "the federated identity provider's details, with its client secret",
      );
    case "aws_cloudfront_distribution":
      return indexed(v["origin"], "origin").flatMap(([o, op]) =>
        indexed(o["custom_header"], `${op}.custom_header`).flatMap(([h, hp]): Spot[] => {
          const what = headerSecret(h["name"], "CloudFront sends the origin");
          return what !== undefined && isSet(h["value"]) ? [{ path: `${hp}.value`, what, authenticates: true, value: h["value"] }] : [];
        }),
      );
    case "aws_wafv2_web_acl":
    case "aws_wafv2_rule_group": {
      const out: Spot[] = [];
      for (const [rule, rp] of indexed(v["rule"], "rule")) byteMatches(rule["statement"], `${rp}.statement`, out);
      return out;
    }
    case "aws_ssm_parameter": {
      // A String parameter is declared public; an unknown type may be SecureString.
      const type = v["type"];
      if (typeof type === "string" && type !== "SecureString") return [];
      return attributes(r, ["value", "value_wo"], () => "a SecureString parameter's value", false);
    }
    case "aws_secretsmanager_secret_version":
      return attributes(r, ["secret_string", "secret_binary", "secret_string_wo"], () => "the secret's value", false);
    case "aws_lambda_function":
      return indexed(v["environment"], "environment").flatMap(([e, ep]) =>
        mapKeys(e["variables"], `${ep}.variables`, (k) => `the environment variable ${k}`, false, "the environment variables"),
      );
    default:
      return [];
  }
}

/** The top-level attribute or block a path starts in: `origin` for `origin[0].custom_header[1].value`. */
const topName = (path: string): string => path.split(/[.[]/)[0];

/**
 * Where the configuration writes a spot literally: its own entry, or the entry of a map or block above it (a plan
 * writes one expression per map). A block the values hold that the configuration does not write was a `dynamic`
 * block, whose expressions a plan does not show: possibly literal, not verified.
 */
function literalAt(r: ResourceInstance, path: string): LiteralSource | undefined {
  const written = r.written;
  if (written === undefined) return undefined;
  const entry = written.literals.find((l) => l.path === path || path.startsWith(`${l.path}.`) || path.startsWith(`${l.path}[`));
  if (entry !== undefined) return entry.source;
  const top = topName(path);
  if (path.startsWith(`${top}[`) && !written.names.includes(top)) {
    return { kind: "unverifiable", why: `block ${top} is written as a dynamic block, whose expressions a plan does not show` };
  }
  return undefined;
}

/** Resources of the secret-holding types whose configuration the input shows (a state has none to judge). */
export const secretHolders = (model: Model): ResourceInstance[] =>
  model.resources.filter((r) => r.mode === "managed" && r.type in SECRET_TYPES && r.written !== undefined);

/**
 * Where the configuration writes a spot but the plan does not show how (a local, a `dynamic` block), a value the
 * plan knows only after apply is not literal: a constant or a variable's default is known at plan time, so the value
 * combines something created at apply, which is not literal where the loader sees the expression either (model.ts
 * LiteralSource). Plans only: cdk.tf.json reads every `${...}` as Unknown; and a value redacted by `npm run plan` was
 * known at plan time.
 */
const knownOnlyAfterApply = (r: ResourceInstance, s: Spot): boolean =>
  r.change !== undefined && isUnknown(s.value) && s.value.expression !== REDACTED_EXPRESSION;

/** The stores a header or an environment variable may name instead of holding a secret: the secret is read there. */
const STORES: Readonly<Record<string, readonly string[]>> = {
  aws_secretsmanager_secret: ["name", "arn", "id"],
  aws_ssm_parameter: ["name", "arn"],
};

/** The types whose values may carry a store's name for code to read the secret by (an origin-request function, a handler). */
const POINTER_HOLDERS = new Set(["aws_cloudfront_distribution", "aws_lambda_function"]);

/**
 * The names and ARNs of the secret stores the model declares or reads, less any value a web ACL admits: a header
 * value that is also what the origin's web ACL matches is the secret itself, whatever else it names.
 */
function storeNames(model: Model, admitted: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const r of model.resources) {
    for (const key of STORES[r.type] ?? []) {
      const v = r.values[key];
      if (typeof v === "string" && v !== "" && !admitted.has(v)) names.add(v);
    }
  }
  return names;
}

/** Every secret the model's resources hold, with where the configuration writes it literally. */
export function secretSpots(model: Model): SecretSpot[] {
  const spots = secretHolders(model).flatMap((resource) => spotsOf(resource).map((s) => ({ resource, s })));
  const admitted = new Set(spots.flatMap(({ s }) => (s.path.endsWith(".search_string") && typeof s.value === "string" ? [s.value] : [])));
  const stores = storeNames(model, admitted);
  return spots.map(({ resource, s }) => {
    const { value, ...spot } = s;
    let literal = literalAt(resource, s.path);
    if (literal?.kind === "unverifiable" && knownOnlyAfterApply(resource, s)) literal = undefined;
    // The name or ARN of a secret store is where the secret is read, not the secret (knowing it gives nothing).
    if (POINTER_HOLDERS.has(resource.type) && typeof value === "string" && stores.has(value)) literal = undefined;
    return { ...spot, resource, ...(literal !== undefined ? { literal } : {}) };
  });
}

/** The resource's name as its type's `name`-like attribute gives it, for messages. */
export function holderName(r: ResourceInstance): string | undefined {
  for (const key of ["name", "username", "provider_name", "function_name", "comment"]) {
    const n = asString(r.values[key]);
    if (n !== undefined && n !== "") return n;
  }
  return undefined;
}
