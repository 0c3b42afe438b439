// Reads an API Gateway OpenAPI `body` (OpenAPI 3.x or Swagger 2.0, JSON or YAML) into its operations and the
// authorization API Gateway gives each: the root `security` default, an operation's override, `[]` = open, the
// x-amazon-apigateway-* schemes (authorizers, IAM, API keys). Pure: text in, plain data out. Anything it cannot
// read with certainty is Unknown with a reason, never a guess: such an operation is "not verified", never passed.
import { parseDataText } from "../../kernel/io/data-file";
import { isUnknown, unknownValue, type Val } from "../model";
import { interpolations } from "./address";
import { asArray, isObject, type JsonObject } from "./json";

/** The API the body belongs to: a REST API (`aws_api_gateway_rest_api`) or an HTTP API (`aws_apigatewayv2_api`). */
export type BodyProtocol = "rest" | "http";

/** An authorizer declared by a security scheme (`x-amazon-apigateway-authorizer`); named after its scheme. */
export interface BodyAuthorizer {
  readonly name: string;
  /** TOKEN, REQUEST, COGNITO_USER_POOLS, JWT (API Gateway's spelling); Unknown when the body does not say. */
  readonly type: Val<string>;
  /** `identitySource`; for a TOKEN or Cognito authorizer without one, the header its apiKey scheme names. "" when unset. */
  readonly identitySource: Val<string>;
  /** `authorizerResultTtlInSeconds`. @default - API Gateway's default (300) */
  readonly resultTtlSeconds?: Val<number>;
  /** `providerARNs` (Cognito); a `${...}` entry is Unknown carrying the reference. */
  readonly providerArns: readonly Val<string>[];
  /** `authorizerUri` (Lambda). */
  readonly authorizerUri?: Val<string>;
  /** `jwtConfiguration` (HTTP API JWT authorizers). */
  readonly jwt?: { readonly issuer: Val<string>; readonly audience: readonly Val<string>[] };
}

/** One operation of the body: a route with the authorization the body gives it. */
export interface BodyOperation {
  /** `/pets/{petId}` as the body writes it; Unknown when the key embeds an expression. */
  readonly path: Val<string>;
  /** `GET`, `ANY` (x-amazon-apigateway-any-method). */
  readonly method: string;
  /** Where it is in the body: `paths["/pets"].get`. */
  readonly pointer: string;
  /** NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS, JWT; Unknown when undeterminable (`unverified` says why). */
  readonly authorization: Val<string>;
  readonly authorizer?: BodyAuthorizer;
  readonly scopes: Val<readonly string[]>;
  readonly apiKeyRequired: Val<boolean>;
  /** `x-amazon-apigateway-integration.type`, upper case (MOCK, AWS_PROXY, ...). */
  readonly integrationType?: Val<string>;
  /** Why the authorization could not be determined. @default - it could */
  readonly unverified?: string;
}

export type BodyRead =
  | {
      readonly kind: "operations";
      readonly format: "openapi3" | "swagger2";
      readonly operations: readonly BodyOperation[];
      /**
       * The document's base path (Swagger `basePath`, the path of OpenAPI 3's first server URL with its variables'
       * defaults), which a REST API's import `parameters.basepath` may prepend to every path. @default - none
       */
      readonly basePath?: Val<string>;
      /** `x-amazon-apigateway-policy`: a resource policy the import attaches to a REST API. @default - none */
      readonly policy?: JsonObject;
    }
  /** Known only after apply (a plan's computed body, or a `${...}` expression that is the whole document). */
  | { readonly kind: "unknown"; readonly reason: string }
  /** Text that is not a readable OpenAPI document. */
  | { readonly kind: "unreadable"; readonly reason: string };

const VERBS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const ANY_METHOD = "x-amazon-apigateway-any-method";

/**
 * Placeholders a body may keep inside a string value: references to an id or ARN attribute of a resource or data
 * source (`${aws_lambda_function.fn.invoke_arn}`, `${aws_cognito_user_pool.p.id}`), which cannot hold quotes.
 * Any other expression (`${var.x}`, a function call, `${data.aws_ssm_parameter.p.value}`) is pasted in as raw
 * text and could add keys to the document: the body is then not readable.
 */
const SAFE_PLACEHOLDER = /^\$\{(data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.(id|arn|[a-z_]+_(id|arn))\}$/;

const short = (s: string): string => (s.length > 80 ? `${s.slice(0, 77)}...` : s);

/**
 * Read the value of a `body` attribute as the loader holds it: a string, or Unknown carrying cdk.tf.json's literal.
 * @param protocol HTTP APIs enforce no API keys and no Cognito authtype. @default "rest"
 */
export function readBody(body: unknown, protocol: BodyProtocol = "rest"): BodyRead {
  let text: string;
  if (typeof body === "string") text = body;
  else if (isUnknown(body)) {
    const e = body.expression;
    if (e === undefined || !e.includes("${"))
      return { kind: "unknown", reason: `the body is known only after apply${e !== undefined ? ` (${short(e)})` : ""}` };
    const whole = e.trim();
    const placeholders = interpolations(whole).map((x) => `\${${x}}`);
    const outside = placeholders.reduce((t, p) => t.replace(p, ""), whole).trim();
    if (outside === "") return { kind: "unknown", reason: `the body is an expression known only after apply (${short(whole)})` };
    const unsafe = placeholders.find((p) => !SAFE_PLACEHOLDER.test(p));
    if (unsafe !== undefined) return { kind: "unknown", reason: `the body embeds ${short(unsafe)}, which is pasted in as text and could change the document` };
    text = e;
  } else return { kind: "unreadable", reason: "the body is not a string" };
  const format = text.trimStart().startsWith("{") ? "json" : "yaml";
  const parsed = parseDataText(text, format);
  if (!parsed.ok) return { kind: "unreadable", reason: parsed.message };
  const doc = parsed.data;
  if (!isObject(doc)) return { kind: "unreadable", reason: "the body is not an OpenAPI document (not a mapping)" };
  // YAML 1.1 parsers (API Gateway's among them, maybe) merge `<<: *anchor` into the mapping; ours keeps it as a
  // key. An operation could then be open for API Gateway and protected here: refuse rather than guess.
  if (format === "yaml" && hasMergeKey(doc))
    return { kind: "unreadable", reason: "the body uses YAML merge keys (<<), which API Gateway's parser may expand differently" };
  const version = doc["openapi"] ?? doc["swagger"];
  const isOas3 = typeof doc["openapi"] === "string" && /^3\./.test(doc["openapi"]);
  const isSwagger2 = doc["swagger"] === "2.0";
  if (!isOas3 && !isSwagger2)
    return { kind: "unreadable", reason: `the body is neither OpenAPI 3.x nor Swagger 2.0 (version ${JSON.stringify(version ?? null)})` };
  const basePath = basePathOf(doc, isOas3);
  const policy = doc["x-amazon-apigateway-policy"];
  return {
    kind: "operations",
    format: isOas3 ? "openapi3" : "swagger2",
    operations: operationsOf(doc, isOas3, protocol),
    ...(basePath !== undefined ? { basePath } : {}),
    ...(protocol === "rest" && isObject(policy) ? { policy } : {}),
  };
}

function basePathOf(doc: JsonObject, oas3: boolean): Val<string> | undefined {
  if (!oas3) return doc["basePath"] === undefined ? undefined : (text(doc["basePath"]) ?? unknownValue(String(doc["basePath"])));
  const server = asArray(doc["servers"])[0];
  if (!isObject(server) || typeof server["url"] !== "string") return undefined;
  const vars = isObject(server["variables"]) ? server["variables"] : {};
  const url = server["url"].replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return isObject(v) && typeof v["default"] === "string" ? v["default"] : whole;
  });
  const path = url.replace(/^[a-z]+:\/\/[^/]*/i, "").replace(/\/{2,}/g, "/");
  return /[{}]|\$\{/.test(path) ? unknownValue(url) : path;
}

function hasMergeKey(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    // Pushed one by one: spreading a huge array into push() would overflow the call stack.
    if (Array.isArray(v)) for (const x of v as unknown[]) stack.push(x);
    else if (isObject(v)) {
      if ("<<" in v) return true;
      for (const x of Object.values(v)) stack.push(x);
    }
  }
  return false;
}

/** A string read from the body: a `${...}` inside it makes it Unknown (its value is decided at apply). */
function text(v: unknown): Val<string> | undefined {
  if (typeof v !== "string") return undefined;
  return v.includes("${") ? unknownValue(v) : v;
}

// ---- security ----

type Scheme =
  | { readonly kind: "api-key" }
  | { readonly kind: "iam" }
  | { readonly kind: "authorizer"; readonly authorization: Val<string>; readonly authorizer: BodyAuthorizer }
  | { readonly kind: "unenforced"; readonly why: string };

const AUTHTYPES: Readonly<Record<string, string>> = { cognito_user_pools: "COGNITO_USER_POOLS", custom: "CUSTOM", awssigv4: "AWS_IAM" };
const AUTHORIZER_TYPES: Readonly<Record<string, string>> = { token: "TOKEN", request: "REQUEST", cognito_user_pools: "COGNITO_USER_POOLS", jwt: "JWT" };
const AUTHORIZATION_OF: Readonly<Record<string, string>> = { TOKEN: "CUSTOM", REQUEST: "CUSTOM", COGNITO_USER_POOLS: "COGNITO_USER_POOLS", JWT: "JWT" };

function scheme(name: string, raw: unknown, protocol: BodyProtocol): Scheme {
  if (!isObject(raw)) return { kind: "unenforced", why: `security scheme "${name}" is not an object` };
  const authtypeRaw = raw["x-amazon-apigateway-authtype"];
  const authtype = typeof authtypeRaw === "string" ? authtypeRaw.toLowerCase() : undefined;
  const ext = raw["x-amazon-apigateway-authorizer"];
  if (authtype === "awssigv4") return { kind: "iam" };
  if (isObject(ext)) {
    const rawType = ext["type"];
    const type: Val<string> =
      typeof rawType === "string" && !rawType.includes("${")
        ? (AUTHORIZER_TYPES[rawType.toLowerCase()] ?? rawType)
        : unknownValue(typeof rawType === "string" ? rawType : undefined);
    const headerName = typeof raw["name"] === "string" && raw["in"] === "header" ? raw["name"] : undefined;
    const source =
      text(ext["identitySource"]) ??
      ((type === "TOKEN" || type === "COGNITO_USER_POOLS") && headerName !== undefined ? `method.request.header.${headerName}` : "");
    const ttl = ext["authorizerResultTtlInSeconds"];
    const jwt = isObject(ext["jwtConfiguration"]) ? ext["jwtConfiguration"] : undefined;
    const authorizer: BodyAuthorizer = {
      name,
      type,
      identitySource: source,
      ...(typeof ttl === "number" ? { resultTtlSeconds: ttl } : ttl !== undefined ? { resultTtlSeconds: unknownValue(String(ttl)) } : {}),
      providerArns: asArray(ext["providerARNs"]).map((a) => text(a) ?? unknownValue(String(a))),
      ...(ext["authorizerUri"] !== undefined ? { authorizerUri: text(ext["authorizerUri"]) ?? unknownValue(String(ext["authorizerUri"])) } : {}),
      ...(jwt !== undefined
        ? { jwt: { issuer: text(jwt["issuer"]) ?? "", audience: asArray(jwt["audience"]).map((a) => text(a) ?? unknownValue(String(a))) } }
        : {}),
    };
    // The authtype names the method's authorization when present; else the authorizer's type decides it.
    const fromType = typeof type === "string" ? AUTHORIZATION_OF[type] : undefined;
    const authorization: Val<string> =
      authtype !== undefined && AUTHTYPES[authtype] !== undefined && protocol === "rest"
        ? AUTHTYPES[authtype]
        : (fromType ?? unknownValue(`authorizer type ${JSON.stringify(rawType ?? null)}`));
    return { kind: "authorizer", authorization, authorizer };
  }
  if (authtype !== undefined)
    return {
      kind: "unenforced",
      why: `security scheme "${name}" has x-amazon-apigateway-authtype ${authtypeRaw as string} but no x-amazon-apigateway-authorizer`,
    };
  const isKey = raw["type"] === "apiKey" && raw["in"] === "header" && typeof raw["name"] === "string" && raw["name"].toLowerCase() === "x-api-key";
  if (isKey && protocol === "rest") return { kind: "api-key" };
  if (isKey) return { kind: "unenforced", why: `security scheme "${name}" is an API key, which HTTP APIs do not enforce` };
  return {
    kind: "unenforced",
    why: `security scheme "${name}" is neither an API key (x-api-key in header) nor an API Gateway authorizer, so API Gateway does not enforce it`,
  };
}

interface Auth {
  readonly authorization: Val<string>;
  readonly authorizer?: BodyAuthorizer;
  readonly scopes: Val<readonly string[]>;
  readonly apiKeyRequired: Val<boolean>;
  readonly unverified?: string;
}

const OPEN: Auth = { authorization: "NONE", scopes: [], apiKeyRequired: false };
const unverified = (why: string): Auth => ({ authorization: unknownValue(why), scopes: unknownValue(why), apiKeyRequired: unknownValue(why), unverified: why });

/** One security requirement object: its schemes all apply (AND); `{}` requires nothing. */
function requirement(req: unknown, schemes: JsonObject, protocol: BodyProtocol): Auth {
  if (!isObject(req)) return unverified("a security requirement is not an object");
  let key = false;
  let iam = false;
  const authorizers: { s: Extract<Scheme, { kind: "authorizer" }>; scopes: unknown }[] = [];
  for (const [name, scopes] of Object.entries(req)) {
    if (name.includes("${")) return unverified(`security requirement names ${name}, known only after apply`);
    if (!(name in schemes)) return unverified(`security scheme "${name}" is not defined in the body`);
    const s = scheme(name, schemes[name], protocol);
    if (s.kind === "unenforced") return unverified(s.why);
    if (s.kind === "api-key") key = true;
    else if (s.kind === "iam") iam = true;
    else authorizers.push({ s, scopes });
  }
  if (authorizers.length + (iam ? 1 : 0) > 1)
    return unverified(`one security requirement names several authorizers (${Object.keys(req).join(", ")}); API Gateway applies one`);
  const scopeList = (v: unknown): Val<readonly string[]> => {
    const list = asArray(v);
    if (list.some((x) => typeof x !== "string" || x.includes("${"))) return unknownValue(`scopes ${JSON.stringify(v)}`);
    return list as string[];
  };
  if (iam) return { authorization: "AWS_IAM", scopes: [], apiKeyRequired: key };
  const a = authorizers[0];
  if (a === undefined) return { authorization: "NONE", scopes: [], apiKeyRequired: key };
  return { authorization: a.s.authorization, authorizer: a.s.authorizer, scopes: scopeList(a.scopes), apiKeyRequired: key };
}

const sameAuth = (a: Auth, b: Auth): boolean =>
  JSON.stringify([a.authorization, a.authorizer?.name, a.scopes, a.apiKeyRequired]) ===
  JSON.stringify([b.authorization, b.authorizer?.name, b.scopes, b.apiKeyRequired]);

/** A `security` list: alternatives (OR). `[]` is open; alternatives that differ cannot be ranked: not verified. */
function security(list: unknown, schemes: JsonObject, protocol: BodyProtocol, where: string): Auth {
  if (!Array.isArray(list)) return unverified(`${where} security is not a list`);
  if (list.length === 0) return OPEN;
  const alternatives = list.map((r) => requirement(r, schemes, protocol));
  const first = alternatives[0];
  if (first.unverified !== undefined) return first;
  const other = alternatives.find((a) => a.unverified !== undefined || !sameAuth(a, first));
  if (other !== undefined)
    return other.unverified !== undefined
      ? other
      : unverified(`${where} security lists ${list.length} different alternatives; which one API Gateway applies is not verified`);
  return first;
}

// ---- operations ----

function operationsOf(doc: JsonObject, oas3: boolean, protocol: BodyProtocol): BodyOperation[] {
  const components = isObject(doc["components"]) ? doc["components"] : {};
  const schemes = (oas3 ? components["securitySchemes"] : doc["securityDefinitions"]) ?? {};
  const schemeMap = isObject(schemes) ? schemes : {};
  const hasRoot = "security" in doc;
  const rootAuth = hasRoot ? security(doc["security"], schemeMap, protocol, "the root") : OPEN;
  const out: BodyOperation[] = [];
  const paths = isObject(doc["paths"]) ? doc["paths"] : {};
  for (const [pathKey, item] of Object.entries(paths)) {
    const path: Val<string> = pathKey.includes("${") ? unknownValue(pathKey) : pathKey;
    const base = `paths[${JSON.stringify(pathKey)}]`;
    if (!isObject(item)) continue;
    if (typeof item["$ref"] === "string") {
      const why = `${base} is a $ref (${short(item["$ref"])}), which this check does not follow`;
      out.push({ path, method: "ANY", pointer: `${base}.$ref`, ...unverified(why) });
      continue;
    }
    for (const [key, op] of Object.entries(item)) {
      const lower = key.toLowerCase();
      const method = lower === ANY_METHOD ? "ANY" : (VERBS as readonly string[]).includes(lower) ? lower.toUpperCase() : undefined;
      if (method === undefined || !isObject(op)) continue;
      const auth = "security" in op ? security(op["security"], schemeMap, protocol, `${method} ${pathKey}`) : rootAuth;
      const integration = op["x-amazon-apigateway-integration"];
      const t = isObject(integration) ? integration["type"] : undefined;
      const integrationType = typeof t === "string" ? (t.includes("${") ? unknownValue(t) : t.toUpperCase()) : undefined;
      out.push({ path, method, pointer: `${base}.${key}`, ...auth, ...(integrationType !== undefined ? { integrationType } : {}) });
    }
  }
  return out;
}
