// Reads a live account, read-only: who the caller is (STS), then per region the REST and HTTP APIs, the user
// pools and the functions behind them. Regions are read side by side; every request goes through one Caller
// (bounded concurrency, recorded, failures kept as "not read").
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { Caller } from "./calls";
import { destroyClients, sdkClients, type ClientFactory } from "./clients";
import { readCognito } from "./read-cognito";
import { readHttp } from "./read-http";
import { invokedFunctions, readFunctions } from "./read-lambda";
import { readRest } from "./read-rest";
import type { AccountSnapshot, RegionSnapshot, Unread } from "./snapshot";

export interface ReadOptions {
  readonly regions: readonly string[];
  /** Requests in flight at once, all regions together. @default 8 */
  readonly concurrency?: number;
  /** @default - the SDK's clients with its standard configuration and adaptive retry */
  readonly clients?: ClientFactory;
}

/**
 * What the audit reads nowhere, whatever the account allows: no SDK client for the service is installed. Rules
 * that need it are "not verified" (cli/private/audit/verification.ts).
 */
const NEVER_READ: readonly Omit<Unread, "region">[] = [
  {
    service: "wafv2",
    what: "WAFv2 web ACL rules and HTTP API / CloudFront associations",
    reason: "the audit has no WAFv2 client (@aws-sdk/client-wafv2 is not installed)",
  },
  {
    service: "iam",
    what: "IAM roles and policies (execute-api:Invoke grants, group roles, invoker trust)",
    reason: "the audit has no IAM client (@aws-sdk/client-iam is not installed)",
  },
  {
    service: "cloudfront",
    what: "CloudFront distributions and Lambda@Edge associations",
    reason: "the audit has no CloudFront client (@aws-sdk/client-cloudfront is not installed)",
  },
];

export async function readAccount(opts: ReadOptions): Promise<AccountSnapshot> {
  const caller = new Caller(opts.concurrency ?? 8);
  const factory = opts.clients ?? sdkClients;
  for (const n of NEVER_READ) caller.notRead({ region: "all", ...n });
  const clientsByRegion = opts.regions.map((region) => ({ region, clients: factory(region) }));
  try {
    const first = clientsByRegion[0];
    const identity =
      first === undefined
        ? undefined
        : await caller.attempt(first.region, "sts", "GetCallerIdentity", () =>
            caller.call("sts", new GetCallerIdentityCommand({}), (c) => first.clients.sts.send(c)),
          );
    const regions = await Promise.all(
      clientsByRegion.map(async ({ region, clients }): Promise<RegionSnapshot> => {
        const [rest, httpApis, userPools] = await Promise.all([
          readRest(caller, clients, region),
          readHttp(caller, clients, region),
          readCognito(caller, clients, region),
        ]);
        const functions = await readFunctions(caller, clients, region, invokedFunctions(rest.restApis, httpApis, userPools));
        return { region, ...rest, httpApis, userPools, functions };
      }),
    );
    return { ...(identity?.Account !== undefined ? { account: identity.Account } : {}), regions, unread: caller.unread, calls: caller.calls };
  } finally {
    for (const { clients } of clientsByRegion) destroyClients(clients);
  }
}
