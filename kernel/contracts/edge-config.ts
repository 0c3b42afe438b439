// The Lambda@Edge verifier's baked configuration, bundled as `edge-config.json`: what the spec knows (routes,
// scopes per path prefix, accepted client names, the SSM parameter with the rest). Derived at synth
// (constructs/edge/edge-config.ts), read by the verifier and by guard/. One contract: types, strict parser, writer.
import { ContractError, list, METHODS, nullableStrings, oneOf, parseJsonFile, record, str, strings, template } from "./fields";

export const EDGE_CONFIG_FILE = "edge-config.json";

/** What the edge does for one route of the spec. */
export interface EdgeRouteRule {
  /** HTTP method or ANY. */
  readonly method: (typeof METHODS)[number];
  /** Path template as declared, e.g. `/pets/{petId}` or `/files/{proxy+}`. */
  readonly path: string;
  /** `edge`: the token is verified here (the gateway method is NONE). `gateway`: API Gateway authenticates. */
  readonly mode: "edge" | "gateway";
  /** Any one of these scopes is required; empty = the path-prefix scopes apply. */
  readonly scopes: readonly string[];
  /** Client names accepted; null = the config-wide `clients`. */
  readonly clients: readonly string[] | null;
}

interface EdgePrefixRule {
  readonly prefix: string;
  /** Any one of these scopes is required under `prefix` (the longest matching prefix wins). */
  readonly scopes: readonly string[];
}

export interface EdgeBakedConfig {
  /** Name of the SSM parameter with the runtime configuration. */
  readonly parameterName: string;
  readonly parameterRegion: string;
  /** Used in `WWW-Authenticate: Bearer realm=...`. */
  readonly realm: string;
  readonly routes: readonly EdgeRouteRule[];
  readonly prefixes: readonly EdgePrefixRule[];
  /** Client names accepted by default; null = every client in the runtime `clientIds`. */
  readonly clients: readonly string[] | null;
}

function prefix(v: unknown, where: string): string {
  const p = str(v, where);
  if (!p.startsWith("/")) throw new ContractError(`${where}: must start with "/", got ${JSON.stringify(p)}`);
  return p;
}

/** Parses a baked config from unknown JSON; any deviation is a ContractError naming the field. */
export function parseEdgeConfig(value: unknown, file: string = EDGE_CONFIG_FILE): EdgeBakedConfig {
  const doc = record(value, file);
  return {
    parameterName: str(doc.parameterName, `${file}.parameterName`),
    parameterRegion: str(doc.parameterRegion, `${file}.parameterRegion`),
    realm: str(doc.realm, `${file}.realm`),
    clients: nullableStrings(doc.clients, `${file}.clients`),
    routes: list(doc.routes, `${file}.routes`).map((r, i): EdgeRouteRule => {
      const at = `${file}.routes[${i}]`;
      const o = record(r, at);
      return {
        method: oneOf(o.method, METHODS, `${at}.method`),
        path: template(o.path, `${at}.path`),
        mode: oneOf(o.mode, ["edge", "gateway"] as const, `${at}.mode`),
        scopes: strings(o.scopes, `${at}.scopes`),
        clients: nullableStrings(o.clients, `${at}.clients`),
      };
    }),
    prefixes: list(doc.prefixes, `${file}.prefixes`).map((p, i): EdgePrefixRule => {
      const at = `${file}.prefixes[${i}]`;
      const o = record(p, at);
      return { prefix: prefix(o.prefix, `${at}.prefix`), scopes: strings(o.scopes, `${at}.scopes`) };
    }),
  };
}

/** Parses the file's text (absent, empty or not JSON: a ContractError). */
export const readEdgeConfig = (text: string | undefined, file: string = EDGE_CONFIG_FILE): EdgeBakedConfig => parseEdgeConfig(parseJsonFile(file, text), file);

/** The file's text; refuses a config the parser would. */
export function edgeConfigJson(config: EdgeBakedConfig): string {
  const text = JSON.stringify(config);
  readEdgeConfig(text);
  return text;
}
