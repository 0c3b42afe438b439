// Cognito user pools of one region: each pool described, its app clients described (the client secret dropped as
// soon as it is read), its groups (with their roles) and resource servers (with their scopes).
import {
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  ListGroupsCommand,
  ListResourceServersCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  type UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import { allPages, each, type Caller } from "./calls";
import type { RegionClients } from "./clients";
import type { UserPoolRead } from "./snapshot";

/** Kept in place of a client's secret: that it has one (rule app-client-password-auth weighs it), never its value. */
const SECRET_NOT_KEPT = "(set; not kept)";

/** An app client as kept: everything but its secret's value. */
function withoutSecret(c: UserPoolClientType): UserPoolClientType {
  const { ClientSecret: secret, ...rest } = c;
  return secret === undefined ? rest : { ...rest, ClientSecret: SECRET_NOT_KEPT };
}

export async function readCognito(caller: Caller, clients: RegionClients, region: string): Promise<UserPoolRead[]> {
  const idp = clients.cognito;
  const send = <C extends object, T>(c: C, f: (c: C) => Promise<T>) => caller.call("cognito-idp", c, f);
  const pools =
    (await caller.attempt(region, "cognito-idp", "ListUserPools", () =>
      allPages(async (NextToken) => {
        const r = await send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }), (c) => idp.send(c));
        return { items: r.UserPools, next: r.NextToken };
      }),
    )) ?? [];
  const out = await each(pools, async (summary): Promise<UserPoolRead | undefined> => {
    const UserPoolId = summary.Id ?? "";
    const [pool, mfa, clientList, groups, resourceServers] = await Promise.all([
      caller.attempt(
        region,
        "cognito-idp",
        `DescribeUserPool ${UserPoolId}`,
        async () => (await send(new DescribeUserPoolCommand({ UserPoolId }), (c) => idp.send(c))).UserPool,
      ),
      caller.attempt(region, "cognito-idp", `GetUserPoolMfaConfig ${UserPoolId}`, () =>
        send(new GetUserPoolMfaConfigCommand({ UserPoolId }), (c) => idp.send(c)),
      ),
      caller.attempt(region, "cognito-idp", `ListUserPoolClients ${UserPoolId}`, () =>
        allPages(async (NextToken) => {
          const r = await send(new ListUserPoolClientsCommand({ UserPoolId, MaxResults: 60, NextToken }), (c) => idp.send(c));
          return { items: r.UserPoolClients, next: r.NextToken };
        }),
      ),
      caller.attempt(region, "cognito-idp", `ListGroups ${UserPoolId}`, () =>
        allPages(async (NextToken) => {
          const r = await send(new ListGroupsCommand({ UserPoolId, Limit: 60, NextToken }), (c) => idp.send(c));
          return { items: r.Groups, next: r.NextToken };
        }),
      ),
      caller.attempt(region, "cognito-idp", `ListResourceServers ${UserPoolId}`, () =>
        allPages(async (NextToken) => {
          const r = await send(new ListResourceServersCommand({ UserPoolId, MaxResults: 50, NextToken }), (c) => idp.send(c));
          return { items: r.ResourceServers, next: r.NextToken };
        }),
      ),
    ]);
    if (pool === undefined || mfa === undefined || clientList === undefined || groups === undefined || resourceServers === undefined) return undefined;
    const described = await each(clientList, (c) =>
      caller.attempt(region, "cognito-idp", `DescribeUserPoolClient ${UserPoolId}/${c.ClientId ?? ""}`, async () => {
        const r = await send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: c.ClientId }), (cmd) => idp.send(cmd));
        return r.UserPoolClient === undefined ? undefined : withoutSecret(r.UserPoolClient);
      }),
    );
    // A client that could not be described is left out of the pool's read: the pool is then not verified whole.
    if (described.some((c) => c === undefined)) return undefined;
    return {
      pool,
      clients: described.filter((c): c is UserPoolClientType => c !== undefined),
      groups,
      resourceServers,
      totpEnabled: mfa.SoftwareTokenMfaConfiguration?.Enabled === true,
    };
  });
  return out.filter((p): p is UserPoolRead => p !== undefined);
}
