// Lambda functions that stand behind the APIs (integrations, authorizers) or the user pools (triggers): their
// configuration, resource policy, function URLs and tags (a handler's access-decider declaration). Only these are
// read: they are the doors to a backend. One call of each per function, never per route.
import { GetFunctionConfigurationCommand, GetPolicyCommand, ListFunctionUrlConfigsCommand, ListTagsCommand } from "@aws-sdk/client-lambda";
import { allPages, each, type Caller } from "./calls";
import type { RegionClients } from "./clients";
import type { FunctionRead, HttpApiRead, RestApiRead, UserPoolRead } from "./snapshot";

/** The function ARN an API Gateway integration or authorizer URI invokes (or a plain function ARN). */
function functionArnOf(uri: string | undefined): string | undefined {
  if (uri === undefined) return undefined;
  const m = /functions\/(arn:[^/]+:lambda:[^/]+)\/invocations/.exec(uri);
  if (m !== null) return m[1];
  return /^arn:[^:]+:lambda:[^:]+:[^:]*:function:[^/]+$/.test(uri) ? uri : undefined;
}

/** Every function ARN the APIs and pools of a region invoke, sorted and without duplicates. */
export function invokedFunctions(rest: readonly RestApiRead[], http: readonly HttpApiRead[], pools: readonly UserPoolRead[]): string[] {
  const arns = new Set<string>();
  const add = (uri: string | undefined) => {
    const arn = functionArnOf(uri);
    if (arn !== undefined) arns.add(arn);
  };
  for (const a of rest) {
    for (const r of a.resources) for (const m of Object.values(r.resourceMethods ?? {})) add(m.methodIntegration?.uri);
    for (const z of a.authorizers) add(z.authorizerUri);
  }
  for (const a of http) {
    for (const i of a.integrations) add(i.IntegrationUri);
    for (const z of a.authorizers) add(z.AuthorizerUri);
  }
  for (const p of pools) for (const v of Object.values(p.pool.LambdaConfig ?? {})) if (typeof v === "string") add(v);
  return [...arns].sort();
}

const regionOf = (arn: string): string | undefined => arn.split(":")[3];

export async function readFunctions(caller: Caller, clients: RegionClients, region: string, arns: readonly string[]): Promise<FunctionRead[]> {
  const fn = clients.lambda;
  const send = <C extends object, T>(c: C, f: (c: C) => Promise<T>) => caller.call("lambda", c, f);
  const out = await each(arns, async (FunctionName): Promise<FunctionRead | undefined> => {
    if (regionOf(FunctionName) !== region) {
      caller.notRead({ region, service: "lambda", what: `function ${FunctionName}`, reason: "it is in another region than the API that invokes it" });
      return undefined;
    }
    // Tags belong to the function, not to a version: asked of the unqualified ARN.
    const unqualified = FunctionName.split(":").slice(0, 7).join(":");
    const [config, policy, urls, tags] = await Promise.all([
      caller.attempt(region, "lambda", `GetFunctionConfiguration ${FunctionName}`, () =>
        send(new GetFunctionConfigurationCommand({ FunctionName }), (c) => fn.send(c)),
      ),
      caller.attempt(region, "lambda", `GetPolicy ${FunctionName}`, async () => {
        try {
          return { document: (await send(new GetPolicyCommand({ FunctionName }), (c) => fn.send(c))).Policy };
        } catch (e) {
          // No resource policy at all is an answer, not a failure.
          if ((e as { name?: string }).name === "ResourceNotFoundException") return { document: undefined };
          throw e;
        }
      }),
      caller.attempt(region, "lambda", `ListFunctionUrlConfigs ${FunctionName}`, "function-urls", () =>
        allPages(async (Marker) => {
          const r = await send(new ListFunctionUrlConfigsCommand({ FunctionName: unqualified, Marker, MaxItems: 50 }), (c) => fn.send(c));
          return { items: r.FunctionUrlConfigs, next: r.NextMarker };
        }),
      ),
      caller.attempt(region, "lambda", `ListTags ${unqualified}`, "function-tags", async () => {
        const r = await send(new ListTagsCommand({ Resource: unqualified }), (c) => fn.send(c));
        return r.Tags ?? {};
      }),
    ]);
    if (config === undefined || policy === undefined) return undefined;
    const { $metadata: _m, ...configuration } = config;
    // Function URLs that could not be listed are recorded as not read; the function itself still is.
    return {
      config: configuration,
      ...(policy.document !== undefined ? { policy: policy.document } : {}),
      urls: urls ?? [],
      ...(tags !== undefined ? { tags } : {}),
    };
  });
  return out.filter((f): f is FunctionRead => f !== undefined);
}
