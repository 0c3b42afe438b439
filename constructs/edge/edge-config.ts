// Synth side of the edge verifier's configuration: the baked `edge-config.json` derived from the access spec
// (routes, scopes per path prefix, client names) and the name of the SSM parameter holding the deploy-time part.
import type { AccessSpec } from "../../access-spec/types";
import type { EdgeBakedConfig, EdgeRouteRule } from "../../kernel/contracts/edge-config";

/** SSM parameter with the user pool id and client ids; the only configuration read at run time. */
export function edgeParameterName(spec: AccessSpec): string {
  return `/${spec.name}/${spec.environment}/edge-verifier/config`;
}

/**
 * EDGE routes are verified at the edge with their own scopes and clients; every other route is authenticated
 * by API Gateway (or is public by the spec's own word) and passes the edge untouched.
 */
export function bakedEdgeConfig(spec: AccessSpec): EdgeBakedConfig {
  const edge = spec.edge;
  if (!edge) throw new Error(`spec "${spec.name}" (${spec.environment}): the edge verifier needs an "edge" section`);
  const clientNames = new Set(spec.cognito.clients.map((c) => c.name));
  const checkClients = (names: readonly string[] | undefined, where: string): readonly string[] | null => {
    if (names === undefined) return null;
    for (const n of names) if (!clientNames.has(n)) throw new Error(`spec "${spec.name}": ${where}: unknown client "${n}"`);
    if (names.length === 0) throw new Error(`spec "${spec.name}": ${where}: an empty client list would refuse every token; omit it instead`);
    return [...names];
  };
  const routes: EdgeRouteRule[] = spec.routes.map((r, i) =>
    r.auth.type === "EDGE"
      ? { method: r.method, path: r.path, mode: "edge", scopes: [...(r.auth.scopes ?? [])], clients: checkClients(r.auth.clients, `routes[${i}].auth.clients`) }
      : { method: r.method, path: r.path, mode: "gateway", scopes: [], clients: null },
  );
  // `cors: true` gives the resource a MOCK OPTIONS method (NONE) that API Gateway runs before any ANY method;
  // the edge must know it to tell a real preflight from an OPTIONS that an ANY route would serve.
  for (const r of spec.routes) {
    if (r.cors === true && !routes.some((x) => x.method === "OPTIONS" && x.path === r.path)) {
      routes.push({ method: "OPTIONS", path: r.path, mode: "gateway", scopes: [], clients: null });
    }
  }
  return {
    parameterName: edgeParameterName(spec),
    parameterRegion: "us-east-1",
    realm: `${spec.name}-${spec.environment}`,
    routes,
    prefixes: Object.entries(edge.scopesByPathPrefix ?? {}).map(([prefix, scopes]) => {
      if (!prefix.startsWith("/")) throw new Error(`spec "${spec.name}": edge.scopesByPathPrefix: prefix must start with "/", got "${prefix}"`);
      return { prefix, scopes: [...scopes] };
    }),
    clients: checkClients(edge.clients, "edge.clients"),
  };
}
