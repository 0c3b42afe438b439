// Reads live accounts, read-only: each through the default credentials or a role assumed with STS; who the caller
// is (STS), then per region the REST and HTTP APIs, the user pools and the functions behind them, and once per
// account (in us-east-1) IAM, CLOUDFRONT-scope WAF and CloudFront with its Lambda@Edge functions. Regions are read side by side; every request goes through one Caller
// (bounded concurrency, recorded, failures kept as "not read").
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { Caller, failureReason } from "./calls";
import { destroyClients, sdkClients, type ClientFactory, type RoleCredentials } from "./clients";
import { readCloudFront } from "./read-cloudfront";
import { readCognito } from "./read-cognito";
import { placeEdge } from "./edge-placement";
import { readHttp } from "./read-http";
import { readIam } from "./read-iam";
import { invokedFunctions, readFunctions } from "./read-lambda";
import { readRest } from "./read-rest";
import { readWaf } from "./read-waf";
import type { AccountSnapshot, AuditedAccount, RegionSnapshot } from "./snapshot";

export interface ReadOptions {
  readonly regions: readonly string[];
  /**
   * Roles to assume (STS AssumeRole, from the default credentials), one per audited account; each account's regions
   * are read with its own credentials. @default - one account: the default credentials'
   */
  readonly assumeRoleArns?: readonly string[];
  /** Requests in flight at once, all regions together. @default 8 */
  readonly concurrency?: number;
  /** @default - the SDK's clients with its standard configuration and adaptive retry */
  readonly clients?: ClientFactory;
}

/** The session name every assumed role's CloudTrail events carry: the audit, recognizable in the account's trail. */
export const ROLE_SESSION_NAME = "api-access-check-audit";

/** The account a role ARN names: `arn:aws:iam::222233334444:role/audit` -> `222233334444`. */
export const accountOfRole = (arn: string): string | undefined => /^arn:aws[a-z-]*:iam::(\d{12}):role\/.+$/.exec(arn)?.[1];

/**
 * Where the account's global configuration is read: CloudFront (distributions, Lambda@Edge), CLOUDFRONT-scope web
 * ACLs and IAM, whatever --region says.
 */
const GLOBAL_REGION = "us-east-1";

/** Every region of one account, read with one set of credentials; `known` is the account when the role names it. */
async function readRegions(caller: Caller, factory: ClientFactory, regions: readonly string[], credentials?: RoleCredentials, known?: string) {
  const clientsByRegion = regions.map((region) => ({ region, clients: factory(region, credentials) }));
  const global = clientsByRegion.find((c) => c.region === GLOBAL_REGION)?.clients ?? factory(GLOBAL_REGION, credentials);
  try {
    const first = clientsByRegion[0];
    const identity =
      first === undefined
        ? undefined
        : await caller.attempt(first.region, "sts", "GetCallerIdentity", () =>
            caller.call("sts", new GetCallerIdentityCommand({}), (c) => first.clients.sts.send(c)),
          );
    const account = known ?? identity?.Account;
    // What these reads miss is missing for every region's findings, not only for us-east-1's.
    const atGlobal = caller.forGlobal();
    const cloudfrontWaf = regions.length === 0 ? undefined : readWaf(atGlobal, global, GLOBAL_REGION, "CLOUDFRONT");
    const iam = regions.length === 0 ? undefined : readIam(atGlobal, global, GLOBAL_REGION);
    const edge = regions.length === 0 ? undefined : readCloudFront(atGlobal, global, GLOBAL_REGION);
    const read = await Promise.all(
      clientsByRegion.map(async ({ region, clients }, i): Promise<RegionSnapshot> => {
        const [rest, httpApis, userPools, regional, globalWaf, accountIam] = await Promise.all([
          readRest(caller, clients, region),
          readHttp(caller, clients, region),
          readCognito(caller, clients, region),
          readWaf(caller, clients, region, "REGIONAL"),
          i === 0 ? cloudfrontWaf : undefined,
          i === 0 ? iam : undefined,
        ]);
        const functions = await readFunctions(caller, clients, region, invokedFunctions(rest.restApis, httpApis, userPools));
        const waf = globalWaf === undefined ? [regional] : [regional, globalWaf];
        return {
          ...(account !== undefined ? { account } : {}),
          region,
          ...rest,
          httpApis,
          userPools,
          functions,
          waf,
          ...(accountIam !== undefined ? { iam: accountIam } : {}),
        };
      }),
    );
    return { account, regions: placeEdge(read, await edge) };
  } finally {
    for (const { clients } of clientsByRegion) destroyClients(clients);
    if (!regions.includes(GLOBAL_REGION)) destroyClients(global);
  }
}

/** Assumes `roleArn` with the default credentials (STS in `region`); a refusal is returned as its reason. */
async function assume(caller: Caller, factory: ClientFactory, region: string, roleArn: string): Promise<RoleCredentials | { refused: string }> {
  const base = factory(region);
  try {
    const r = await caller.call("sts", new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME }), (c) => base.sts.send(c));
    const c = r.Credentials;
    if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined || c.SessionToken === undefined)
      return { refused: "AssumeRole returned no credentials" };
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      ...(c.Expiration !== undefined ? { expiration: c.Expiration } : {}),
    };
  } catch (e) {
    return { refused: failureReason(e) };
  } finally {
    destroyClients(base);
  }
}

export async function readAccount(opts: ReadOptions): Promise<AccountSnapshot> {
  const caller = new Caller(opts.concurrency ?? 8);
  const factory = opts.clients ?? sdkClients;
  const roles = opts.assumeRoleArns ?? [];
  if (roles.length === 0) {
    const { account, regions } = await readRegions(caller, factory, opts.regions);
    return {
      ...(account !== undefined ? { account } : {}),
      accounts: [account !== undefined ? { account } : {}],
      regions,
      unread: caller.unread,
      calls: caller.calls,
    };
  }
  const stsRegion = opts.regions[0] ?? "us-east-1";
  const per = await Promise.all(
    roles.map(async (roleArn): Promise<{ audited: AuditedAccount; regions: RegionSnapshot[] }> => {
      const known = accountOfRole(roleArn);
      const inAccount = known === undefined ? caller : caller.forAccount(known);
      const credentials = await assume(caller, factory, stsRegion, roleArn);
      if ("refused" in credentials) {
        // Everything the account holds is hidden: one entry per region, on API Gateway, which every rule needs.
        for (const region of opts.regions) {
          inAccount.notRead({
            region,
            service: "apigateway",
            what: `everything in account ${known ?? "?"} (AssumeRole ${roleArn})`,
            reason: credentials.refused,
          });
        }
        return { audited: { roleArn, ...(known !== undefined ? { account: known } : {}), notVerified: credentials.refused }, regions: [] };
      }
      const read = await readRegions(inAccount, factory, opts.regions, credentials, known);
      return { audited: { roleArn, ...(read.account !== undefined ? { account: read.account } : {}) }, regions: read.regions };
    }),
  );
  const account = per.find((p) => p.audited.notVerified === undefined)?.audited.account;
  return {
    ...(account !== undefined ? { account } : {}),
    accounts: per.map((p) => p.audited),
    regions: per.flatMap((p) => p.regions),
    unread: caller.unread,
    calls: caller.calls,
  };
}
