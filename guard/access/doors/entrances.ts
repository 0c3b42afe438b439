// Entrances to an API other than its routes themselves: CloudFront distributions whose origin is the API (by
// reference to the API or a stage, or a literal `*.execute-api.*` domain, which could be any API of the stack),
// custom domains with base path or API mappings, and the default execute-api endpoint. Each reaches every target
// the API's routes reach; a distribution without the edge verifier lets anyone past routes that rely on it.
import { isUnknown, type Model, type ResourceInstance, type RestApi } from "../../model";
import { blocks } from "../../load/json";
import { hasEdgeAuth, resolveRefs } from "../cloudfront";
import { distributionValueLinks } from "../edge-links";
import { known } from "../lookups";
import { managed, referenced, refsIn, textOf } from "./refs";
import { perModel } from "../per-model";
import { appendTo } from "../group";

export interface Entrance {
  readonly kind: "distribution" | "custom-domain" | "execute-api-endpoint";
  readonly id: string;
  readonly label: string;
  /** Distributions: runs a viewer-request function (the edge verifier) on some behavior. */
  readonly verifier?: boolean;
  readonly notVerified?: string;
  readonly addresses: readonly string[];
}

const API_TYPES = ["aws_api_gateway_rest_api", "aws_apigatewayv2_api"];
const STAGE_TYPES = ["aws_api_gateway_stage", "aws_apigatewayv2_stage", "aws_api_gateway_deployment"];

const apiName = (api: RestApi): string => (known(api.name) ? api.name : api.address);

// Per model and holder: every API's entrances read the same distributions and mappings.
const namedApis = new WeakMap<Model, WeakMap<ResourceInstance, Map<string, ResourceInstance[]>>>();

/** A per-model memo of what `read` answers for one resource and attribute. */
function memo(model: Model, holder: ResourceInstance, attr: string, read: () => ResourceInstance[]): ResourceInstance[] {
  let ofModel = namedApis.get(model);
  if (ofModel === undefined) {
    ofModel = new WeakMap();
    namedApis.set(model, ofModel);
  }
  let ofHolder = ofModel.get(holder);
  if (ofHolder === undefined) {
    ofHolder = new Map();
    ofModel.set(holder, ofHolder);
  }
  let v = ofHolder.get(attr);
  if (v === undefined) {
    v = read();
    ofHolder.set(attr, v);
  }
  return v;
}

/** The APIs a resource's attribute names, directly or through a stage or deployment. */
function apisNamedBy(model: Model, holder: ResourceInstance, attr: string): ResourceInstance[] {
  return memo(model, holder, `${attr}\u0000via-stage`, () => readApisNamedBy(model, holder, attr));
}

function readApisNamedBy(model: Model, holder: ResourceInstance, attr: string): ResourceInstance[] {
  const direct = referenced(model, holder, attr, API_TYPES);
  const viaStage = referenced(model, holder, attr, STAGE_TYPES).flatMap((s) =>
    referenced(model, s, s.type === "aws_apigatewayv2_stage" ? "api_id" : "rest_api_id", API_TYPES),
  );
  return [...new Set([...direct, ...viaStage])];
}

const distributionLabel = (d: ResourceInstance): string => {
  const comment = textOf(d.values["comment"]);
  return comment !== undefined && comment !== "" ? `${comment} (${d.address})` : d.address;
};

/** The distributions of the model, with the APIs their origins name and whether an origin is a literal execute-api domain. */
interface Fronting {
  readonly d: ResourceInstance;
  readonly named: readonly ResourceInstance[];
  readonly literal: boolean;
}

// Per model: each distribution read once, then found by the API it names (or, naming none with a literal
// execute-api origin, by its stack) instead of every API reading every distribution.
const frontingOf = perModel(
  (model): { readonly all: readonly Fronting[]; readonly byApi: Map<string, number[]>; readonly literalByStack: Map<string, number[]> } => {
    const all = managed(model, "aws_cloudfront_distribution").map((d): Fronting => {
      const origins = blocks(d.values["origin"]);
      // By reference (the configuration), and by value (a state document; edge-links.ts): an origin host that
      // names no API, or several, is the literal case below.
      const byValue = distributionValueLinks(model, d);
      const named = [...new Set([...apisNamedBy(model, d, "origin"), ...byValue.apis])];
      const literal =
        byValue.unresolved.length > 0 ||
        origins.some((o) => {
          const domain = o["domain_name"];
          return isUnknown(domain) && (domain.expression ?? "").includes("execute-api");
        });
      return { d, named, literal };
    });
    const byApi = new Map<string, number[]>();
    const literalByStack = new Map<string, number[]>();
    const add = (m: Map<string, number[]>, k: string, i: number) => appendTo(m, k, i);
    all.forEach((x, i) => {
      const stack = x.d.source.stack;
      for (const a of new Set(x.named.map((n) => n.address))) add(byApi, `${stack}\u0000${a}`, i);
      // Naming one API by an origin does not name what its other, unnamed origin reaches: still every API's door.
      if (x.literal) add(literalByStack, stack, i);
    });
    return { all, byApi, literalByStack };
  },
);

/**
 * The APIs a distribution fronts, by reference and by value, as the doors graph reads them; undefined when which
 * API some origin reaches is not known: a host known by value that is unresolved (edge-links.ts), or one known only
 * after apply whose expression names no API or stage (`${aws_api_gateway_rest_api.api.id}.execute-api...` names one).
 */
export function frontedApis(model: Model, distribution: ResourceInstance): readonly ResourceInstance[] | undefined {
  const f = frontingOf(model).all.find((x) => x.d === distribution);
  if (f === undefined || distributionValueLinks(model, distribution).unresolved.length > 0) return undefined;
  const unnamed = blocks(distribution.values["origin"]).some((o) => {
    const domain = o["domain_name"];
    if (!isUnknown(domain)) return false;
    const refs = refsIn(domain.expression ?? "");
    const apis = resolvedApis(model, distribution, refs);
    return apis.length === 0;
  });
  return unnamed ? undefined : f.named;
}

/** The APIs references name, directly or through a stage or deployment. */
function resolvedApis(model: Model, holder: ResourceInstance, refs: readonly string[]): ResourceInstance[] {
  const direct = API_TYPES.flatMap((t) => resolveRefs(model, holder, refs, t));
  const viaStage = STAGE_TYPES.flatMap((t) => resolveRefs(model, holder, refs, t)).flatMap((s) =>
    referenced(model, s, s.type === "aws_apigatewayv2_stage" ? "api_id" : "rest_api_id", API_TYPES),
  );
  return [...direct, ...viaStage];
}

function distributions(model: Model, api: RestApi): Entrance[] {
  const out: Entrance[] = [];
  const { all, byApi, literalByStack } = frontingOf(model);
  const stack = api.resource.source.stack;
  const positions = [...new Set([...(byApi.get(`${stack}\u0000${api.address}`) ?? []), ...(literalByStack.get(stack) ?? [])])].sort((x, y) => x - y);
  for (const i of positions) {
    const { d, named } = all[i] as Fronting;
    const mine = named.some((a) => a.address === api.address);
    const verifier = hasEdgeAuth(d);
    out.push({
      kind: "distribution",
      // By address: the comment is documentation (neutral), and a door id must not move with it. A live
      // distribution the audit matched to the reviewed code's is named by the code's address (Model.doorIds); its
      // label and addresses keep the live one.
      id: `distribution:${model.doorIds?.get(d.address) ?? d.address}`,
      label: `CloudFront distribution ${distributionLabel(d)} (${verifier ? "runs a viewer-request function" : "no edge verifier"})`,
      verifier,
      ...(mine
        ? {}
        : { notVerified: "its origin is a literal execute-api domain: which API it reaches is not verified, so it counts for every API of the stack" }),
      addresses: [d.address],
    });
  }
  return out;
}

const MAPPINGS: readonly { readonly type: string; readonly api: string; readonly domain: string }[] = [
  { type: "aws_api_gateway_base_path_mapping", api: "api_id", domain: "domain_name" },
  { type: "aws_apigatewayv2_api_mapping", api: "api_id", domain: "domain_name" },
];

/**
 * The APIs a mapping's API attribute names: by reference (a configuration), else by value (a state document, the
 * live audit) when exactly one API of the mapping's stack has that id; none otherwise (a door to every API).
 */
function mappedApis(model: Model, mapping: ResourceInstance, attr: string): ResourceInstance[] {
  const byRef = referenced(model, mapping, attr, API_TYPES);
  const id = mapping.values[attr];
  if (byRef.length > 0 || typeof id !== "string" || id === "") return byRef;
  const byValue = API_TYPES.flatMap((t) => managed(model, t)).filter((a) => a.source.stack === mapping.source.stack && a.values["id"] === id);
  return byValue.length === 1 ? byValue : [];
}

function customDomains(model: Model, api: RestApi): Entrance[] {
  const out: Entrance[] = [];
  for (const m of MAPPINGS) {
    for (const r of managed(model, m.type)) {
      if (r.source.stack !== api.resource.source.stack) continue;
      const apis = memo(model, r, m.api, () => mappedApis(model, r, m.api));
      const unresolved = apis.length === 0;
      if (!unresolved && !apis.some((a) => a.address === api.address)) continue;
      const domainRes = referenced(model, r, m.domain, ["aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name"])[0];
      const domain = textOf(domainRes?.values["domain_name"]) ?? textOf(r.values[m.domain]) ?? r.address;
      const path = textOf(r.values["base_path"] ?? r.values["api_mapping_key"]) ?? "";
      out.push({
        kind: "custom-domain",
        id: `custom-domain:${domain}${path !== "" ? `/${path}` : ""}`,
        label: `custom domain ${domain}${path !== "" ? `/${path}` : ""} (${m.type})`,
        ...(unresolved
          ? {
              notVerified: `the mapping's ${m.api} (${textOf(r.values[m.api]) ?? "unset"}) names no API of the configuration: it counts for every API of the stack`,
            }
          : {}),
        addresses: [r.address, ...(domainRes !== undefined ? [domainRes.address] : [])],
      });
    }
  }
  return out;
}

function executeApiEndpoint(api: RestApi): Entrance[] {
  const disabled = api.disableExecuteApiEndpoint;
  if (disabled === true) return [];
  return [
    {
      kind: "execute-api-endpoint",
      id: `execute-api:${apiName(api)}`,
      label: `the default execute-api endpoint of ${apiName(api)}`,
      ...(isUnknown(disabled) ? { notVerified: "disable_execute_api_endpoint is known only after apply" } : {}),
      addresses: [api.address],
    },
  ];
}

/** Every entrance to one API. */
export function entrancesOf(model: Model, api: RestApi): Entrance[] {
  return [...executeApiEndpoint(api), ...customDomains(model, api), ...distributions(model, api)];
}
