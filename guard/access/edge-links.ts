// Links by VALUE between the edge and what it fronts: a distribution origin's domain to the API, custom domain or
// function URL it reaches, and an ARN-valued attribute (a stage association's web_acl_arn, an edge association's
// lambda_arn) to the resource holding that ARN. References in the configuration are followed elsewhere
// (cloudfront.ts resolveRefs); these links are what a state document (the live audit) or a plan's known values
// carry instead, and they are the one definition the check, the review and the audit share. A value matching
// nothing is an external origin; one matching several is ambiguous and never counts as verified. Pure.
import type { Model, ResourceInstance } from "../model";
import { asString, blocks, type JsonObject } from "../load/json";
import { perModel, perModelAnd } from "./per-model";

const API_TYPES = ["aws_api_gateway_rest_api", "aws_apigatewayv2_api"] as const;
const DOMAIN_TYPES = ["aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name"] as const;
const MAPPING_TYPES = ["aws_api_gateway_base_path_mapping", "aws_apigatewayv2_api_mapping"] as const;

/** What one origin's domain reaches, judged by its value alone. */
export type OriginLink =
  /** APIs of the same stack: by their execute-api host, or a custom domain (or its regional host) mapped to them. */
  | { readonly kind: "api"; readonly apis: readonly ResourceInstance[] }
  /** Function URLs of the same stack whose host the origin names. */
  | { readonly kind: "function-url"; readonly urls: readonly ResourceInstance[] }
  /** An execute-api or custom-domain host that names several things, or none of this stack's: not verified. */
  | { readonly kind: "unresolved"; readonly why: string }
  /** Anything else: an origin outside API Gateway and Lambda (S3, a load balancer, another site). */
  | { readonly kind: "external" }
  /** Not a known value (unknown until apply): references decide, not values. */
  | { readonly kind: "unknown" };

const EXECUTE_API = /^([a-z0-9-]+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;
const FUNCTION_URL = /^[a-z0-9]+\.lambda-url\.[a-z0-9-]+\.on\.aws$/;

/** Managed resources per stack and type, built once per model. */
const byStackType = perModel((model): Map<string, ResourceInstance[]> => {
  const index = new Map<string, ResourceInstance[]>();
  for (const r of model.resources) {
    if (r.mode !== "managed") continue;
    const k = `${r.source.file}\u0000${r.source.stack}\u0000${r.type}`;
    const list = index.get(k);
    if (list === undefined) index.set(k, [r]);
    else list.push(r);
  }
  return index;
});

function ofType(model: Model, holder: ResourceInstance, type: string): readonly ResourceInstance[] {
  return byStackType(model).get(`${holder.source.file}\u0000${holder.source.stack}\u0000${type}`) ?? [];
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The host of a domain value: `https://x.example.com/path` and `X.example.com.` both give `x.example.com`. */
export function hostOf(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/[/:].*$/, "")
    .replace(/\.$/, "");
}

/**
 * The resources of `types` in the holder's stack with one of `attributes` equal to `value`, each once. Several are
 * an ambiguity the caller must not read as verified.
 */
export function linkedByValue(
  model: Model,
  holder: ResourceInstance,
  value: unknown,
  types: readonly string[],
  attributes: readonly string[] = ["arn", "id"],
): ResourceInstance[] {
  const v = text(value);
  if (v === undefined) return [];
  return types.flatMap((t) => ofType(model, holder, t).filter((r) => attributes.some((a) => r.values[a] === v)));
}

/** Whether a reference list names `r` (its address or configuration address, or an attribute of either). */
const refersTo = (refs: readonly string[], r: ResourceInstance): boolean =>
  refs.some((x) => [r.address, r.configAddress].some((a) => x === a || x.startsWith(`${a}.`) || x.startsWith(`${a}[`)));

/**
 * APIs mapped to a custom domain (by the mapping's values: its domain_name and api_id), and whether some mapping
 * may be this domain's yet names its API by a value not known here (a reference in the configuration), or may be
 * this domain's by a domain_name not known here (unless its references name another domain): then which API is
 * not verified.
 */
function mappedApis(model: Model, holder: ResourceInstance, domain: ResourceInstance, domainName: string): { apis: ResourceInstance[]; unnamed: boolean } {
  const all = MAPPING_TYPES.flatMap((t) => ofType(model, holder, t));
  const mappings = all.filter((m) => text(m.values["domain_name"])?.toLowerCase() === domainName);
  const ids = new Set(mappings.map((m) => text(m.values["api_id"])).filter((x): x is string => x !== undefined));
  const apis = API_TYPES.flatMap((t) => ofType(model, holder, t)).filter((a) => ids.has(text(a.values["id"]) ?? "\u0000"));
  const domains = DOMAIN_TYPES.flatMap((t) => ofType(model, holder, t));
  const maybeMine = all.filter((m) => {
    if (text(m.values["domain_name"]) !== undefined) return false;
    const refs = m.references["domain_name"] ?? [];
    return refersTo(refs, domain) || !domains.some((d) => refersTo(refs, d));
  });
  return { apis, unnamed: mappings.some((m) => text(m.values["api_id"]) === undefined) || maybeMine.length > 0 };
}

/** What an origin's domain_name reaches in the distribution's stack, by value. */
export function originLink(model: Model, distribution: ResourceInstance, origin: JsonObject): OriginLink {
  const raw = text(origin["domain_name"]);
  if (raw === undefined) return { kind: "unknown" };
  const host = hostOf(raw);
  const domains = DOMAIN_TYPES.flatMap((t) => ofType(model, distribution, t)).filter((d) =>
    ["domain_name", "regional_domain_name", "cloudfront_domain_name"].some((a) => text(d.values[a])?.toLowerCase() === host),
  );
  if (domains.length > 1) return { kind: "unresolved", why: `origin ${host} is the domain of ${domains.length} custom domains` };
  const domain = domains[0];
  if (domain !== undefined) {
    const name = text(domain.values["domain_name"])?.toLowerCase() ?? host;
    const { apis, unnamed } = mappedApis(model, distribution, domain, name);
    if (unnamed) return { kind: "unresolved", why: `origin ${host} is custom domain ${name}, mapped (or maybe mapped) to an API not named by value` };
    // A custom domain with no mapping serves no API: nothing behind it to reach.
    return apis.length > 0 ? { kind: "api", apis } : { kind: "external" };
  }
  const api = EXECUTE_API.exec(host);
  if (api !== null) {
    const [, id, region] = api;
    const sameId = API_TYPES.flatMap((t) => ofType(model, distribution, t)).filter((a) => a.values["id"] === id);
    // An API of the same id in another region is another API; one whose region is not known is not verified.
    const regionOf = (a: ResourceInstance) => /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+):/.exec(text(a.values["arn"]) ?? "")?.[1];
    const apis = sameId.filter((a) => regionOf(a) === region);
    const unplaced = sameId.filter((a) => regionOf(a) === undefined).length;
    if (apis.length === 1 && unplaced === 0) return { kind: "api", apis };
    return {
      kind: "unresolved",
      why:
        apis.length + unplaced === 0
          ? `origin ${host} is an execute-api endpoint of no API here`
          : unplaced > 0
            ? `origin ${host} names an API of id ${id} whose region is not known here`
            : `origin ${host} matches ${apis.length} APIs`,
    };
  }
  // Any other execute-api host (a VPC endpoint's `-vpce-` name, a form not parsed here) could be any API: not verified.
  if (host.includes(".execute-api.")) return { kind: "unresolved", why: `origin ${host} is an execute-api host whose API is not named` };
  if (FUNCTION_URL.test(host)) {
    const urls = ofType(model, distribution, "aws_lambda_function_url").filter((u) => {
      const url = text(u.values["function_url"]);
      return url !== undefined && hostOf(url) === host;
    });
    // A function URL of no function here is another account's or stack's: an external origin, as any other site.
    if (urls.length === 0) return { kind: "external" };
    return urls.length === 1 ? { kind: "function-url", urls } : { kind: "unresolved", why: `origin ${host} matches ${urls.length} function URLs here` };
  }
  return { kind: "external" };
}

/** What a distribution's origins reach by value, read once per model and distribution. */
export interface DistributionValueLinks {
  /** APIs (REST and HTTP) some origin reaches by value, each once. */
  readonly apis: readonly ResourceInstance[];
  /** Origins that reach an API or may (unresolved execute-api or custom-domain hosts). */
  readonly apiOrigins: readonly JsonObject[];
  /** Why some origin could be an API that cannot be named: which API it reaches is not verified. */
  readonly unresolved: readonly string[];
  readonly functionUrls: readonly ResourceInstance[];
}

export const distributionValueLinks = perModelAnd((model, distribution: ResourceInstance): DistributionValueLinks => {
  const apis = new Map<string, ResourceInstance>();
  const apiOrigins: JsonObject[] = [];
  const unresolved: string[] = [];
  const functionUrls: ResourceInstance[] = [];
  for (const o of blocks(distribution.values["origin"])) {
    const link = originLink(model, distribution, o);
    if (link.kind === "api") {
      apiOrigins.push(o);
      for (const a of link.apis) apis.set(a.address, a);
    } else if (link.kind === "unresolved") {
      apiOrigins.push(o);
      unresolved.push(`${asString(o["origin_id"]) ?? "?"}: ${link.why}`);
    } else if (link.kind === "function-url") functionUrls.push(...link.urls);
  }
  return { apis: [...apis.values()], apiOrigins, unresolved, functionUrls };
});
