// What decides who gets through a CloudFront distribution and as whom, read the same way from the reviewed code
// (cdk.tf.json or a plan: references, values known after apply) and from the account (a state document: values),
// so the drift compares like with like: the web ACL by name, per behavior the path, target, viewer protocol,
// methods, edge functions (Lambda@Edge by name, version and code hash; CloudFront Functions by name and code
// digest), whether Authorization is in the cache key, the origin request policy and the signed-URL key groups;
// per origin the APIs its domain reaches (edge-links.ts), its path, protocol and the names (never the values) of its
// custom headers; the origin groups; the minimum TLS. A value that
// cannot be resolved is a Fact with `unknown` (why), never a guess. Pure.
import { createHash } from "node:crypto";
import { CACHING_DISABLED, behaviors, refsOf, resolveRefs } from "../../../guard/access/cloudfront";
import { originLink, linkedByValue } from "../../../guard/access/edge-links";
import { asString, blocks, firstBlock, type JsonObject } from "../../../guard/load/json";
import { isUnknown, type Model, type ResourceInstance } from "../../../guard/model";

/** A value as both sides can be compared: known (in words), or not known and why. */
export type Fact = { readonly known: string } | { readonly unknown: string };

const known = (v: string): Fact => ({ known: v });
const unknown = (why: string): Fact => ({ unknown: why });

export interface EdgeFunctionFacts {
  /** The function's name (Lambda@Edge) or the CloudFront Function's name. */
  readonly name: Fact;
  /** Lambda@Edge: the published version number. */
  readonly version?: Fact;
  /** Lambda@Edge: the version's code hash (base64 SHA-256 of the package); CloudFront Functions: hex SHA-256 of the code. */
  readonly codeHash: Fact;
}

export interface BehaviorFacts {
  /** `default` or the path pattern. */
  readonly name: string;
  readonly target: Fact;
  readonly viewerProtocol: Fact;
  readonly methods: Fact;
  /** By event type (`viewer-request`, ...). */
  readonly lambdas: ReadonlyMap<string, EdgeFunctionFacts>;
  readonly functions: ReadonlyMap<string, EdgeFunctionFacts>;
  readonly authorizationInCacheKey: Fact;
  /** The origin request policy's id: which viewer headers reach the origin (one may be trusted as an identity). */
  readonly originRequestPolicy: Fact;
  /** Signed URLs and cookies: the trusted key groups and signers, sorted. */
  readonly trustedSigners: Fact;
}

interface OriginFacts {
  readonly id: string;
  /** The APIs its domain reaches (`API petstore-prod`), a function URL, or the external host. */
  readonly reaches: Fact;
  readonly path: Fact;
  /** How CloudFront connects to it (`https-only`, `match-viewer`, `http-only`): over HTTP its custom headers travel in clear. */
  readonly protocol: Fact;
  /** Custom header names, lower case, sorted; never their values. */
  readonly headers: readonly string[];
}

interface DistributionFacts {
  readonly webAcl: Fact;
  readonly minimumTls: Fact;
  readonly behaviors: readonly BehaviorFacts[];
  readonly origins: readonly OriginFacts[];
  /** Origin group id -> its member origin ids in words. */
  readonly originGroups: ReadonlyMap<string, string>;
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * The one resource of `type` a value names: a known value by one of `attributes` (a state document, a plan after
 * apply), an expression by its references (cdk.tf.json), an unknown plan value by the attribute's references when
 * they name exactly one. `none` when the value is empty.
 */
function target(
  model: Model,
  d: ResourceInstance,
  value: unknown,
  attribute: string,
  type: string,
  attributes: readonly string[],
): ResourceInstance | "none" | undefined {
  if (value === undefined || value === null || value === "") return "none";
  if (typeof value === "string") {
    const hits = linkedByValue(model, d, value, [type], attributes);
    return hits.length === 1 ? hits[0] : undefined;
  }
  if (!isUnknown(value)) return undefined;
  const refs = value.expression !== undefined ? refsOf(value) : [...new Set((d.references[attribute] ?? []).filter((r) => r.startsWith(`${type}.`)))];
  const hits = resolveRefs(model, d, refs, type);
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * A value with its `${resource.attribute}` interpolations replaced by the referenced resources' known values
 * (`/${aws_api_gateway_stage.stage.stage_name}` is `/v1`); undefined when one is not known or the expression is more.
 */
function interpolated(model: Model, holder: ResourceInstance, v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (!isUnknown(v) || v.expression === undefined) return undefined;
  let failed = false;
  const out = v.expression.replace(/\$\{([^}]*)\}/g, (_m, inner: string) => {
    const ref = /^((?:module\.[\w-]+\.)*aws_[a-z0-9_]+\.[\w-]+)\.([a-z_]+)$/.exec(inner.trim());
    const hits =
      ref === null ? [] : resolveRefs(model, holder, [ref[1] as string], (ref[1] as string).replace(/^(?:module\.[\w-]+\.)*/, "").split(".")[0] as string);
    const value = hits.length === 1 ? hits[0]?.values[ref?.[2] as string] : undefined;
    if (typeof value !== "string") failed = true;
    return typeof value === "string" ? value : "";
  });
  return failed ? undefined : out;
}

/** A web ACL's name from its WAFv2 ARN (`.../webacl/NAME/ID`), else the value itself (a WAF Classic id). */
const aclNameOfArn = (arn: string): string => /\/webacl\/([^/]+)\//.exec(arn)?.[1] ?? arn;

function webAcl(model: Model, d: ResourceInstance): Fact {
  const v = d.values["web_acl_id"];
  if (v === undefined || v === null || v === "") return known("none");
  if (typeof v === "string") return known(aclNameOfArn(v));
  const acl = target(model, d, v, "web_acl_id", "aws_wafv2_web_acl", ["arn"]);
  const name = acl === undefined || acl === "none" ? undefined : text(acl.values["name"]);
  return name !== undefined ? known(name) : unknown("the code's web ACL reference resolves to no web ACL of known name");
}

function minimumTls(d: ResourceInstance): Fact {
  const c = firstBlock(d.values["viewer_certificate"]);
  if (c?.["cloudfront_default_certificate"] === true) return known("TLSv1 (CloudFront's default certificate)");
  const v = c?.["minimum_protocol_version"];
  // The provider's default: CloudFront's own.
  if (v === undefined || v === null || v === "") return known("TLSv1");
  return typeof v === "string" ? known(v) : unknown("the minimum protocol version is known after apply");
}

const lambdaArnParts = (arn: string): { name: string; version?: string } => {
  const p = arn.split(":");
  return arn.startsWith("arn:") && p.length >= 7 ? { name: p[6] as string, ...(p[7] !== undefined ? { version: p[7] } : {}) } : { name: arn };
};

function lambdaFacts(model: Model, d: ResourceInstance, attribute: string, a: JsonObject): EdgeFunctionFacts {
  const arn = a["lambda_arn"];
  if (typeof arn === "string") {
    const { name, version } = lambdaArnParts(arn);
    const fn = linkedByValue(model, d, arn, ["aws_lambda_function"], ["qualified_arn"]);
    const hash = fn.length === 1 ? text(fn[0]?.values["source_code_hash"]) : undefined;
    return {
      name: known(name),
      version: version !== undefined ? known(version) : unknown("the association names no version"),
      codeHash: hash !== undefined ? known(hash) : unknown(`the code of ${name}:${version ?? "?"} was not read`),
    };
  }
  const fn = target(model, d, arn, attribute, "aws_lambda_function", ["qualified_arn"]);
  if (fn === undefined || fn === "none") {
    const why = "the code's association resolves to no single function";
    return { name: unknown(why), version: unknown(why), codeHash: unknown(why) };
  }
  const name = text(fn.values["function_name"]);
  const version = text(fn.values["version"]);
  // The package's base64 SHA-256 as configured, else as the provider computed it (`code_sha256`, a plan after apply):
  // the live version's CodeSha256 is the same hash of what it runs.
  const hash = text(fn.values["source_code_hash"]) ?? text(fn.values["code_sha256"]);
  return {
    name: name !== undefined ? known(name) : unknown(`the name of ${fn.address} is known after apply`),
    version: version !== undefined ? known(version) : unknown(`the version ${fn.address} publishes is known after apply`),
    codeHash: hash !== undefined ? known(hash) : unknown(`the code hash of ${fn.address} is not known`),
  };
}

/** A CloudFront Function's name from its ARN (`arn:aws:cloudfront::ACCOUNT:function/NAME`). */
export const cloudfrontFunctionName = (arn: string): string => arn.replace(/^arn:[^:]+:cloudfront::[^:]*:function\//, "");

/** The code's digest: the live state holds `code_sha256` (read-cloudfront.ts), the code the code itself. */
function functionCodeHash(fn: ResourceInstance): Fact {
  const digest = text(fn.values["code_sha256"]);
  if (digest !== undefined) return known(digest);
  const code = fn.values["code"];
  return typeof code === "string" ? known(createHash("sha256").update(code, "utf8").digest("hex")) : unknown(`the code of ${fn.address} is not known`);
}

function functionFacts(model: Model, d: ResourceInstance, attribute: string, a: JsonObject): EdgeFunctionFacts {
  const arn = a["function_arn"];
  if (typeof arn === "string") {
    const name = cloudfrontFunctionName(arn);
    const fn = linkedByValue(model, d, arn, ["aws_cloudfront_function"], ["arn"]);
    return { name: known(name), codeHash: fn.length === 1 ? functionCodeHash(fn[0] as ResourceInstance) : unknown(`the LIVE code of ${name} was not read`) };
  }
  const fn = target(model, d, arn, attribute, "aws_cloudfront_function", ["arn"]);
  if (fn === undefined || fn === "none") {
    const why = "the code's association resolves to no single CloudFront Function";
    return { name: unknown(why), codeHash: unknown(why) };
  }
  const name = text(fn.values["name"]);
  return { name: name !== undefined ? known(name) : unknown(`the name of ${fn.address} is known after apply`), codeHash: functionCodeHash(fn) };
}

const hasAuthorization = (headers: unknown): boolean =>
  Array.isArray(headers) && headers.some((h) => typeof h === "string" && (h.toLowerCase() === "authorization" || h === "*"));

function authorizationInCacheKey(model: Model, d: ResourceInstance, attribute: string, b: JsonObject): Fact {
  const id = b["cache_policy_id"];
  if (id === undefined || id === null || id === "") {
    // The legacy forwarded_values: headers forwarded are in the cache key.
    const fv = firstBlock(b["forwarded_values"]);
    return known(hasAuthorization(fv?.["headers"]) ? "in the cache key" : "not in the cache key");
  }
  if (id === CACHING_DISABLED) return known("not in the cache key (CachingDisabled)");
  const policy = target(model, d, id, attribute, "aws_cloudfront_cache_policy", ["id"]);
  if (policy === undefined || policy === "none")
    return unknown(typeof id === "string" ? `cache policy ${id} was not read` : "the code's cache policy reference resolves to no single policy");
  const headers = firstBlock(firstBlock(firstBlock(policy.values["parameters_in_cache_key_and_forwarded_to_origin"])?.["headers_config"])?.["headers"]);
  return known(hasAuthorization(headers?.["items"]) ? "in the cache key" : "not in the cache key");
}

const sortedList = (v: unknown): Fact =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? known([...(v as string[])].sort().join(", ")) : unknown("known after apply");

const stringFact = (v: unknown, what: string): Fact =>
  typeof v === "string" ? known(v) : v === undefined || v === null ? known("none") : unknown(`${what} is known after apply`);

function byEvent<T>(list: readonly JsonObject[], f: (a: JsonObject) => T): Map<string, T> {
  const out = new Map<string, T>();
  for (const a of list) out.set(asString(a["event_type"]) ?? "(unknown event)", f(a));
  return out;
}

/** The APIs (by name), function URL or host an origin's domain reaches. */
function reaches(model: Model, d: ResourceInstance, o: JsonObject, origins: number): Fact {
  const domain = o["domain_name"];
  const names = (apis: readonly ResourceInstance[]): Fact => {
    const n = apis.map((a) => text(a.values["name"]));
    return n.every((x): x is string => x !== undefined) && n.length > 0
      ? known(`API ${[...new Set(n)].sort().join(", ")}`)
      : unknown("an API's name is not known");
  };
  if (typeof domain === "string") {
    const link = originLink(model, d, o);
    if (link.kind === "api") return names(link.apis);
    if (link.kind === "function-url") return known(`function URL ${domain}`);
    if (link.kind === "unresolved") return unknown(link.why);
    return known(`host ${domain}`);
  }
  if (!isUnknown(domain)) return unknown("no domain");
  const refs = domain.expression !== undefined ? refsOf(domain) : origins === 1 ? [...(d.references["origin"] ?? [])] : [];
  const apis = ["aws_api_gateway_rest_api", "aws_apigatewayv2_api"].flatMap((t) => resolveRefs(model, d, refs, t));
  return apis.length > 0 ? names(apis) : unknown("the origin's domain is known after apply and names no API");
}

function originRequestPolicy(model: Model, d: ResourceInstance, attribute: string, b: JsonObject): Fact {
  const id = b["origin_request_policy_id"];
  if (id === undefined || id === null || id === "") return known("none");
  if (typeof id === "string") return known(id);
  const policy = target(model, d, id, attribute, "aws_cloudfront_origin_request_policy", ["id"]);
  const resolved = policy === undefined || policy === "none" ? undefined : text(policy.values["id"]);
  return resolved !== undefined ? known(resolved) : unknown("the code's origin request policy is created with it: its id is known after apply");
}

/**
 * A plan shows an attribute the configuration does not set, and the provider computes, as unknown with no
 * expression; one it sets from something known after apply keeps its references. The key groups can only come from
 * a key group resource or an input: with no such reference in the behavior, an unknown list is the unset default.
 */
const computedDefault = (d: ResourceInstance, attribute: string, v: unknown): boolean =>
  isUnknown(v) &&
  v.expression === undefined &&
  !(d.references[attribute] ?? []).some((r) => /^(aws_cloudfront_key_group\.|var\.|local\.|data\.|module\.)/.test(r));

function trustedSigners(d: ResourceInstance, attribute: string, b: JsonObject): Fact {
  const lists = ["trusted_key_groups", "trusted_signers"].map((k) => (computedDefault(d, attribute, b[k]) ? [] : b[k]));
  if (lists.some((l) => isUnknown(l) || (l !== undefined && l !== null && !Array.isArray(l)))) return unknown("the trusted key groups are known after apply");
  const all = lists.flatMap((l) => (Array.isArray(l) ? (l as unknown[]) : []));
  if (!all.every((x): x is string => typeof x === "string")) return unknown("the trusted key groups are known after apply");
  return known(all.length === 0 ? "none (anyone may fetch)" : [...all].sort().join(", "));
}

function originFacts(model: Model, d: ResourceInstance): OriginFacts[] {
  const origins = blocks(d.values["origin"]);
  return origins.map((o) => ({
    id: asString(o["origin_id"]) ?? "(unknown origin id)",
    reaches: reaches(model, d, o, origins.length),
    path: ((p) => (p !== undefined ? known(p === "" ? "none" : p) : unknown("the origin path is known after apply")))(
      o["origin_path"] === undefined || o["origin_path"] === null ? "" : interpolated(model, d, o["origin_path"]),
    ),
    protocol: ((c) => (c === undefined ? known("none (not a custom origin)") : stringFact(c["origin_protocol_policy"], "the origin protocol policy")))(
      firstBlock(o["custom_origin_config"]),
    ),
    headers: blocks(o["custom_header"])
      .map((h) => (asString(h["name"]) ?? "?").toLowerCase())
      .sort(),
  }));
}

export function distributionFacts(model: Model, d: ResourceInstance): DistributionFacts {
  return {
    webAcl: webAcl(model, d),
    minimumTls: minimumTls(d),
    behaviors: behaviors(d).map((b): BehaviorFacts => ({
      name: b.name,
      target: stringFact(b.block["target_origin_id"], "the target origin"),
      viewerProtocol: stringFact(b.block["viewer_protocol_policy"], "the viewer protocol policy"),
      methods: sortedList(b.block["allowed_methods"]),
      lambdas: byEvent(blocks(b.block["lambda_function_association"]), (a) => lambdaFacts(model, d, b.attribute, a)),
      functions: byEvent(blocks(b.block["function_association"]), (a) => functionFacts(model, d, b.attribute, a)),
      authorizationInCacheKey: authorizationInCacheKey(model, d, b.attribute, b.block),
      originRequestPolicy: originRequestPolicy(model, d, b.attribute, b.block),
      trustedSigners: trustedSigners(d, b.attribute, b.block),
    })),
    origins: originFacts(model, d),
    originGroups: new Map(
      blocks(d.values["origin_group"]).map((g) => [
        asString(g["origin_id"]) ?? "?",
        blocks(g["member"])
          .map((m) => asString(m["origin_id"]) ?? "?")
          .join(", "),
      ]),
    ),
  };
}
