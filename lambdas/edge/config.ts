// Configuration of the Lambda@Edge verifier. Lambda@Edge has no environment variables, so it comes in two parts:
// - baked (`edge-config.json` in the bundle, written at synth): what the spec knows — routes, scopes per path
//   prefix, accepted client names, and the name of the SSM parameter holding the rest;
// - runtime (that SSM parameter in us-east-1, read once per container): what only Terraform knows — the user
//   pool id and the client ids. Shared by the synth side and the bundle: types and parsers only.

/** What the edge does for one route of the spec. */
export interface EdgeRouteRule {
  /** HTTP method or ANY. */
  readonly method: string;
  /** Path template as declared, e.g. `/pets/{petId}` or `/files/{proxy+}`. */
  readonly path: string;
  /** `edge`: the token is verified here (the gateway method is NONE). `gateway`: API Gateway authenticates. */
  readonly mode: "edge" | "gateway";
  /** Any one of these scopes is required; empty = the path-prefix scopes apply. */
  readonly scopes: readonly string[];
  /** Client names accepted; null = the config-wide `clients`. */
  readonly clients: readonly string[] | null;
}

export interface EdgePrefixRule {
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

export interface EdgeRuntimeConfig {
  readonly userPoolId: string;
  /** Client name -> app client id. */
  readonly clientIds: Readonly<Record<string, string>>;
}

/** A configuration that cannot be trusted: the verifier then refuses every request. */
export class EdgeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EdgeConfigError";
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown, where: string): string {
  if (typeof v !== "string" || v === "") throw new EdgeConfigError(`${where}: expected a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

function strings(v: unknown, where: string): string[] {
  if (!Array.isArray(v)) throw new EdgeConfigError(`${where}: expected an array of strings, got ${JSON.stringify(v)}`);
  return v.map((s, i) => str(s, `${where}[${i}]`));
}

function nullableStrings(v: unknown, where: string): string[] | null {
  return v === null ? null : strings(v, where);
}

export function parseBakedConfig(raw: unknown): EdgeBakedConfig {
  if (!isRecord(raw)) throw new EdgeConfigError(`edge-config.json: expected an object, got ${JSON.stringify(raw)}`);
  const routes = raw.routes;
  const prefixes = raw.prefixes;
  if (!Array.isArray(routes)) throw new EdgeConfigError("edge-config.json: routes must be an array");
  if (!Array.isArray(prefixes)) throw new EdgeConfigError("edge-config.json: prefixes must be an array");
  return {
    parameterName: str(raw.parameterName, "edge-config.json: parameterName"),
    parameterRegion: str(raw.parameterRegion, "edge-config.json: parameterRegion"),
    realm: str(raw.realm, "edge-config.json: realm"),
    clients: nullableStrings(raw.clients, "edge-config.json: clients"),
    routes: routes.map((r: unknown, i): EdgeRouteRule => {
      const where = `edge-config.json: routes[${i}]`;
      if (!isRecord(r)) throw new EdgeConfigError(`${where}: expected an object`);
      if (r.mode !== "edge" && r.mode !== "gateway") throw new EdgeConfigError(`${where}.mode: expected "edge" or "gateway", got ${JSON.stringify(r.mode)}`);
      const path = str(r.path, `${where}.path`);
      if (!path.startsWith("/")) throw new EdgeConfigError(`${where}.path: must start with "/", got "${path}"`);
      return {
        method: str(r.method, `${where}.method`).toUpperCase(),
        path,
        mode: r.mode,
        scopes: strings(r.scopes, `${where}.scopes`),
        clients: nullableStrings(r.clients, `${where}.clients`),
      };
    }),
    prefixes: prefixes.map((p: unknown, i): EdgePrefixRule => {
      const where = `edge-config.json: prefixes[${i}]`;
      if (!isRecord(p)) throw new EdgeConfigError(`${where}: expected an object`);
      const prefix = str(p.prefix, `${where}.prefix`);
      if (!prefix.startsWith("/")) throw new EdgeConfigError(`${where}.prefix: must start with "/", got "${prefix}"`);
      return { prefix, scopes: strings(p.scopes, `${where}.scopes`) };
    }),
  };
}

/** Parses the SSM parameter and checks every client name the baked config names has an id. */
export function parseRuntimeConfig(raw: unknown, baked: EdgeBakedConfig): EdgeRuntimeConfig {
  if (!isRecord(raw)) throw new EdgeConfigError(`SSM ${baked.parameterName}: expected an object`);
  const userPoolId = str(raw.userPoolId, `SSM ${baked.parameterName}: userPoolId`);
  if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(userPoolId)) throw new EdgeConfigError(`SSM ${baked.parameterName}: malformed userPoolId "${userPoolId}"`);
  if (!isRecord(raw.clientIds)) throw new EdgeConfigError(`SSM ${baked.parameterName}: clientIds must be an object`);
  const clientIds: Record<string, string> = {};
  for (const [name, id] of Object.entries(raw.clientIds)) clientIds[name] = str(id, `SSM ${baked.parameterName}: clientIds.${name}`);
  const named = [...(baked.clients ?? []), ...baked.routes.flatMap((r) => r.clients ?? [])];
  for (const name of named) {
    if (!(name in clientIds)) throw new EdgeConfigError(`SSM ${baked.parameterName}: no client id for client "${name}"`);
  }
  if (Object.keys(clientIds).length === 0) throw new EdgeConfigError(`SSM ${baked.parameterName}: clientIds is empty`);
  return { userPoolId, clientIds };
}
