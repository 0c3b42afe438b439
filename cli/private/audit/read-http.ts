// HTTP and WebSocket APIs of one region: routes, authorizers, integrations and stages, one listing each per API.
import { GetApisCommand, GetAuthorizersCommand, GetIntegrationsCommand, GetRoutesCommand, GetStagesCommand } from "@aws-sdk/client-apigatewayv2";
import { allPages, each, type Caller } from "./calls";
import type { RegionClients } from "./clients";
import type { HttpApiRead } from "./snapshot";

const PAGE = "500";

export async function readHttp(caller: Caller, clients: RegionClients, region: string): Promise<HttpApiRead[]> {
  const v2 = clients.apigatewayv2;
  const send = <C extends object, T>(c: C, f: (c: C) => Promise<T>) => caller.call("apigateway", c, f);
  const apis =
    (await caller.attempt(region, "apigateway", "GetApis", () =>
      allPages(async (NextToken) => {
        const r = await send(new GetApisCommand({ MaxResults: PAGE, NextToken }), (c) => v2.send(c));
        return { items: r.Items, next: r.NextToken };
      }),
    )) ?? [];
  const out = await each(apis, async (api): Promise<HttpApiRead | undefined> => {
    const ApiId = api.ApiId ?? "";
    const [routes, authorizers, integrations, stages] = await Promise.all([
      caller.attempt(region, "apigateway", `GetRoutes apis/${ApiId}`, () =>
        allPages(async (NextToken) => {
          const r = await send(new GetRoutesCommand({ ApiId, MaxResults: PAGE, NextToken }), (c) => v2.send(c));
          return { items: r.Items, next: r.NextToken };
        }),
      ),
      caller.attempt(region, "apigateway", `GetAuthorizers apis/${ApiId}`, () =>
        allPages(async (NextToken) => {
          const r = await send(new GetAuthorizersCommand({ ApiId, MaxResults: PAGE, NextToken }), (c) => v2.send(c));
          return { items: r.Items, next: r.NextToken };
        }),
      ),
      caller.attempt(region, "apigateway", `GetIntegrations apis/${ApiId}`, () =>
        allPages(async (NextToken) => {
          const r = await send(new GetIntegrationsCommand({ ApiId, MaxResults: PAGE, NextToken }), (c) => v2.send(c));
          return { items: r.Items, next: r.NextToken };
        }),
      ),
      caller.attempt(region, "apigateway", `GetStages apis/${ApiId}`, () =>
        allPages(async (NextToken) => {
          const r = await send(new GetStagesCommand({ ApiId, MaxResults: PAGE, NextToken }), (c) => v2.send(c));
          return { items: r.Items, next: r.NextToken };
        }),
      ),
    ]);
    if (routes === undefined || authorizers === undefined || integrations === undefined || stages === undefined) return undefined;
    return { api, routes, authorizers, integrations, stages };
  });
  return out.filter((a): a is HttpApiRead => a !== undefined);
}
