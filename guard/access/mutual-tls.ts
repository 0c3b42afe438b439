// Whether every way to an API requires a client certificate (mutual TLS): its default execute-api endpoint is
// disabled (known true), no CloudFront distribution fronts it, and it has custom domain mappings, each on a domain
// whose `mutual_tls_authentication` names a truststore. API Gateway then completes the TLS handshake only with a
// client that presents a certificate chaining to a CA in that truststore: it authenticates the certificate holder
// (no route-level authorization, no revocation check of its own), so a NONE route is open to every holder, not to
// anyone. Anything unread (an unknown endpoint flag, a mapping naming no API, a domain not resolved, an unknown
// mTLS block) is not mutual TLS. Pure: Model in, plain data out; memoized per model and API.
import { isUnknown, type Model, type RestApi } from "../model";
import { blocks } from "../load/json";
import { entrancesOf } from "./doors/entrances";
import { resourceAt } from "./doors/refs";
import { perModelAnd } from "./per-model";

export interface MutualTls {
  /** The truststores, as written (`s3://bucket/key`, or `(known after apply)`), one per domain, deduplicated. */
  readonly truststores: readonly string[];
  /** The custom domains, for messages. */
  readonly domains: readonly string[];
}

const DOMAIN_TYPES = new Set(["aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name"]);

/** The truststore a domain resource requires client certificates from, or undefined when it does not (or cannot be read). */
function truststoreOf(values: Readonly<Record<string, unknown>>): string | undefined {
  const raw = values["mutual_tls_authentication"];
  if (isUnknown(raw)) return undefined;
  const block = blocks(raw)[0];
  const uri = block?.["truststore_uri"];
  if (uri === undefined || uri === null || uri === "") return undefined;
  // A URI known only after apply still turns mutual TLS on (the block is there); the message says it is unknown.
  return typeof uri === "string" ? uri : isUnknown(uri) ? `(known after apply${uri.expression !== undefined ? `: ${uri.expression}` : ""})` : undefined;
}

function read(model: Model, api: RestApi): MutualTls | undefined {
  if (api.protocol === "WEBSOCKET" || api.disableExecuteApiEndpoint !== true) return undefined;
  const entrances = entrancesOf(model, api);
  const domains = entrances.filter((e) => e.kind === "custom-domain");
  if (domains.length === 0 || domains.length !== entrances.length) return undefined;
  const truststores: string[] = [];
  for (const e of domains) {
    if (e.notVerified !== undefined) return undefined;
    const domain = e.addresses.map((a) => resourceAt(model, api.resource.source.stack, a)).find((r) => r !== undefined && DOMAIN_TYPES.has(r.type));
    const store = domain === undefined ? undefined : truststoreOf(domain.values);
    if (store === undefined) return undefined;
    truststores.push(store);
  }
  const names = domains.map((e) => e.label.replace(/^custom domain /, "").replace(/ \(.*\)$/, ""));
  return { truststores: [...new Set(truststores)], domains: [...new Set(names)] };
}

/** The mutual TLS every caller of the API must pass, or undefined when some way in does not require it. */
export const mutualTlsOnly: (model: Model, api: RestApi) => MutualTls | undefined = perModelAnd(read);

/** The principal class in reviewer words. */
export const certificateHolders = (m: MutualTls): string => `holders of a client certificate from truststore ${m.truststores.join(" or ")}`;

/** Where the class comes from, for messages. */
export const mutualTlsVia = (m: MutualTls): string =>
  `mutual TLS on custom domain ${m.domains.join(", ")}, the only way in: the default execute-api endpoint is disabled`;
