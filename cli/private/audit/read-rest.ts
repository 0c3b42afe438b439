// REST APIs of one region: the APIs, their resources with every method embedded (one call per page of 500
// resources, never one per method), authorizers and stages; usage plans with their keys, API keys (never their
// values), custom domains with their base path mappings and their API mappings (an HTTP or WebSocket API is mapped
// to a custom domain by an API mapping only API Gateway v2 lists).
import {
  GetApiKeysCommand,
  GetAuthorizersCommand,
  GetBasePathMappingsCommand,
  GetDomainNamesCommand,
  GetExportCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  type ApiKey,
} from "@aws-sdk/client-api-gateway";
import { GetApiMappingsCommand } from "@aws-sdk/client-apigatewayv2";
import { allPages, each, type Caller } from "./calls";
import type { RegionClients } from "./clients";
import type { RegionSnapshot, RestApiRead } from "./snapshot";

const PAGE = 500;

/** An API key as kept: everything but its value (asked without values, removed all the same). */
function withoutValue(k: ApiKey): ApiKey {
  const { value: _value, ...rest } = k;
  return rest;
}

export async function readRest(
  caller: Caller,
  clients: RegionClients,
  region: string,
): Promise<Pick<RegionSnapshot, "restApis" | "usagePlans" | "apiKeys" | "domains">> {
  const gw = clients.apigateway;
  const send = <C extends object, T>(c: C, f: (c: C) => Promise<T>) => caller.call("apigateway", c, f);
  const apis =
    (await caller.attempt(region, "apigateway", "GetRestApis", () =>
      allPages(async (position) => {
        const r = await send(new GetRestApisCommand({ limit: PAGE, position }), (c) => gw.send(c));
        return { items: r.items, next: r.position };
      }),
    )) ?? [];
  const restApis = await each(apis, async (api): Promise<RestApiRead | undefined> => {
    const id = api.id ?? "";
    const [resources, authorizers, stages] = await Promise.all([
      caller.attempt(region, "apigateway", `GetResources restapis/${id}`, () =>
        allPages(async (position) => {
          const r = await send(new GetResourcesCommand({ restApiId: id, embed: ["methods"], limit: PAGE, position }), (c) => gw.send(c));
          return { items: r.items, next: r.position };
        }),
      ),
      caller.attempt(region, "apigateway", `GetAuthorizers restapis/${id}`, () =>
        allPages(async (position) => {
          const r = await send(new GetAuthorizersCommand({ restApiId: id, limit: PAGE, position }), (c) => gw.send(c));
          return { items: r.items, next: r.position };
        }),
      ),
      caller.attempt(
        region,
        "apigateway",
        `GetStages restapis/${id}`,
        async () => (await send(new GetStagesCommand({ restApiId: id }), (c) => gw.send(c))).item ?? [],
      ),
    ]);
    // An API whose routes or authorizers could not be read is left out whole (its unread entries say so):
    // half an API would look like one with fewer routes.
    if (resources === undefined || authorizers === undefined || stages === undefined) return undefined;
    // What each stage serves is its deployment, not the working copy of the resources: one export per stage.
    const served = await each(stages, async (st) => {
      const stageName = st.stageName ?? "";
      const document = await caller.attempt(region, "apigateway", `GetExport restapis/${id}/stages/${stageName}`, "stage-exports", async () => {
        const r = await send(
          new GetExportCommand({
            restApiId: id,
            stageName,
            exportType: "oas30",
            parameters: { extensions: "apigateway,authorizers" },
            accepts: "application/json",
          }),
          (c) => gw.send(c),
        );
        const doc = JSON.parse(new TextDecoder().decode(r.body ?? new Uint8Array())) as { openapi?: unknown; swagger?: unknown };
        // Anything but the OpenAPI 3 export asked for (a local endpoint answering Swagger 2 without the extensions)
        // cannot say how a route is authorized: not verified, never compared as if it had no routes.
        if (typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.")) {
          throw new Error(
            `the export is not the OpenAPI 3 document asked for (got ${typeof doc.swagger === "string" ? `swagger ${doc.swagger}` : "another document"})`,
          );
        }
        return doc as unknown;
      });
      return document === undefined ? undefined : { stage: stageName, document };
    });
    return { api, resources, authorizers, stages, served: served.filter((x) => x !== undefined) };
  });

  const [plans, keys, domains] = await Promise.all([
    caller.attempt(region, "apigateway", "GetUsagePlans", () =>
      allPages(async (position) => {
        const r = await send(new GetUsagePlansCommand({ limit: PAGE, position }), (c) => gw.send(c));
        return { items: r.items, next: r.position };
      }),
    ),
    caller.attempt(region, "apigateway", "GetApiKeys", () =>
      allPages(async (position) => {
        const r = await send(new GetApiKeysCommand({ limit: PAGE, position, includeValues: false }), (c) => gw.send(c));
        return { items: r.items?.map(withoutValue), next: r.position };
      }),
    ),
    caller.attempt(region, "apigateway", "GetDomainNames", () =>
      allPages(async (position) => {
        const r = await send(new GetDomainNamesCommand({ limit: PAGE, position }), (c) => gw.send(c));
        return { items: r.items, next: r.position };
      }),
    ),
  ]);
  const usagePlans = await each(plans ?? [], async (plan) => {
    const id = plan.id ?? "";
    const planKeys = await caller.attempt(region, "apigateway", `GetUsagePlanKeys usageplans/${id}`, () =>
      allPages(async (position) => {
        const r = await send(new GetUsagePlanKeysCommand({ usagePlanId: id, limit: PAGE, position }), (c) => gw.send(c));
        // A usage plan key carries the key's value too.
        return { items: r.items?.map(({ value: _value, ...k }) => k), next: r.position };
      }),
    );
    return planKeys === undefined ? undefined : { plan, keys: planKeys };
  });
  const withMappings = await each(domains ?? [], async (domain) => {
    const name = domain.domainName ?? "";
    const [mappings, apiMappings] = await Promise.all([
      caller.attempt(region, "apigateway", `GetBasePathMappings domainnames/${name}`, () =>
        allPages(async (position) => {
          const r = await send(new GetBasePathMappingsCommand({ domainName: name, limit: PAGE, position }), (c) => gw.send(c));
          return { items: r.items, next: r.position };
        }),
      ),
      caller.attempt(region, "apigateway", `GetApiMappings domainnames/${name}`, () =>
        allPages(async (NextToken) => {
          const r = await send(new GetApiMappingsCommand({ DomainName: name, MaxResults: String(PAGE), NextToken }), (c) => clients.apigatewayv2.send(c));
          return { items: r.Items, next: r.NextToken };
        }),
      ),
    ]);
    return mappings === undefined || apiMappings === undefined ? undefined : { domain, mappings, apiMappings };
  });
  return {
    restApis: restApis.filter((a): a is RestApiRead => a !== undefined),
    usagePlans: usagePlans.filter((p) => p !== undefined),
    apiKeys: keys ?? [],
    domains: withMappings.filter((d) => d !== undefined),
  };
}
