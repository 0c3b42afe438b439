// Several accounts in one run (--assume-role-arn): each role assumed with STS from the default credentials, each
// account and region read with that role's own credentials, the account named on every live address, in every
// report; a role refused makes that account "not verified" without lowering what another account shows, and exit 2
// when no account could be entered. Served by aws-sdk-client-mock, which hands each call its client: the client's
// credentials say which account is asked.
import { GetResourcesCommand, GetRestApisCommand } from "@aws-sdk/client-api-gateway";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { main } from "../../../cli/audit";
import { ROLE_SESSION_NAME } from "../../../cli/private/audit/read";
import { GetPolicyCommand } from "@aws-sdk/client-lambda";
import { backendPolicy, compliantAccount, installAccount, REGION, REST_FN_ARN, writePolicy, type Mocks } from "./fake-account";

const ROLE_B = "arn:aws:iam::222233334444:role/api-audit";
const ROLE_C = "arn:aws:iam::333344445555:role/api-audit";
const KEY_OF: Readonly<Record<string, string>> = { [ROLE_B]: "ASIA-ACCOUNT-B", [ROLE_C]: "ASIA-ACCOUNT-C" };
const ACCOUNT_OF_KEY: Readonly<Record<string, string>> = { "ASIA-ACCOUNT-B": "222233334444", "ASIA-ACCOUNT-C": "333344445555" };

async function audit(argv: readonly string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) }, undefined, {});
  return { code, out, err };
}

/**
 * The access key of the client a call was sent through: "default" for the default credentials. Call it first
 * thing in a fake: the mock's getClient names the client of the latest call, which another call may be after an await.
 */
async function keyOf(getClient: () => { config: { credentials?: unknown } }): Promise<string> {
  const provider = getClient().config.credentials;
  if (typeof provider !== "function") return "default";
  try {
    const c = (await (provider as () => Promise<{ accessKeyId?: string }>)()) as { accessKeyId?: string };
    return c.accessKeyId ?? "default";
  } catch {
    return "default";
  }
}

const denied = () => Object.assign(new Error("not authorized to perform sts:AssumeRole"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } });

let mocks: Mocks | undefined;
/** (account key, region) of every GetRestApis call. */
let listed: string[] = [];

/** Two accounts serving the compliant API; `openIn` names an account whose GET /pets is switched to NONE. */
function install(refused: readonly string[] = [], openIn?: string): Mocks {
  const m = installAccount(compliantAccount());
  listed = [];
  m.sts.on(AssumeRoleCommand).callsFake(async (input: { RoleArn?: string; RoleSessionName?: string }, getClient) => {
    // Assumed from the default credentials, never from another assumed role.
    if ((await keyOf(getClient)) !== "default") throw new Error("AssumeRole sent with an assumed role's credentials");
    if (input.RoleSessionName !== ROLE_SESSION_NAME) throw new Error(`unexpected session name ${input.RoleSessionName}`);
    if (refused.includes(input.RoleArn ?? "")) throw denied();
    const key = KEY_OF[input.RoleArn ?? ""];
    if (key === undefined) throw new Error(`unknown role ${input.RoleArn}`);
    return { Credentials: { AccessKeyId: key, SecretAccessKey: "secret", SessionToken: "token", Expiration: new Date(Date.now() + 3_600_000) } };
  });
  m.sts.on(GetCallerIdentityCommand).callsFake(async (_i, getClient) => ({ Account: ACCOUNT_OF_KEY[await keyOf(getClient)] ?? "999999999999" }));
  m.gw.on(GetRestApisCommand).callsFake(async (_i, getClient) => {
    const region = getClient().config.region();
    listed.push(`${await keyOf(getClient)} ${String(await region)}`);
    return { items: [{ id: "api1", name: "shop-dev", rootResourceId: "root1" }] };
  });
  // The backend's permission names its own account's API (another account's API of the same id is a door).
  m.fn
    .on(GetPolicyCommand, { FunctionName: REST_FN_ARN })
    .callsFake(async (_i, getClient) => backendPolicy(`arn:aws:execute-api:${REGION}:${ACCOUNT_OF_KEY[await keyOf(getClient)] ?? "999999999999"}:api1/*/*/*`));
  m.gw.on(GetResourcesCommand).callsFake(async (_i, getClient) => {
    const a = compliantAccount();
    if (openIn !== undefined && ACCOUNT_OF_KEY[await keyOf(getClient)] === openIn) {
      const pets = a.resources.find((x) => x.path === "/pets");
      if (pets?.resourceMethods?.["GET"] !== undefined) pets.resourceMethods["GET"] = { httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: false };
    }
    return { items: a.resources };
  });
  return m;
}

afterEach(() => mocks?.restore());

type Json = { findings: { rule: string; severity: string; address: string; route: string | null; message: string }[] };

describe("GIVEN two roles to assume, one per account", () => {
  test("WHEN audited in two regions THEN each account and region is read with its own credentials", async () => {
    mocks = install();
    const r = await audit([
      "--region",
      REGION,
      "--region",
      "us-east-1",
      "--assume-role-arn",
      ROLE_B,
      "--assume-role-arn",
      ROLE_C,
      "--policy",
      writePolicy(),
      "--format",
      "json",
    ]);
    expect(r.err).not.toMatch(/AssumeRole/);
    expect(r.code).toBe(0);
    expect([...listed].sort()).toEqual(["ASIA-ACCOUNT-B eu-west-1", "ASIA-ACCOUNT-B us-east-1", "ASIA-ACCOUNT-C eu-west-1", "ASIA-ACCOUNT-C us-east-1"]);
    // Every finding on a live object names its account and region, or the CLOUDFRONT scope (the compliant accounts
    // have only not-verified ones).
    for (const f of (JSON.parse(r.out) as Json).findings.filter((x) => x.address.includes(".live[")))
      expect(f.address).toMatch(/\.live\["(222233334444|333344445555) (eu-west-1|us-east-1|global \(CLOUDFRONT\)) /);
  });

  test("WHEN rendered as HTML THEN both accounts, their roles and each route's account and region are named", async () => {
    mocks = install();
    const r = await audit(["--region", REGION, "--assume-role-arn", ROLE_B, "--assume-role-arn", ROLE_C, "--policy", writePolicy(), "--format", "html"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`role ${ROLE_B}`);
    expect(r.out).toContain(`role ${ROLE_C}`);
    expect(r.out).toContain("<td>222233334444 eu-west-1</td>");
    expect(r.out).toContain("<td>333344445555 eu-west-1</td>");
  });

  test("WHEN GET /pets is opened in one account THEN exit 1 with the critical finding on that account's route only", async () => {
    mocks = install([], "333344445555");
    const r = await audit(["--region", REGION, "--assume-role-arn", ROLE_B, "--assume-role-arn", ROLE_C, "--policy", writePolicy(), "--format", "json"]);
    expect(r.code).toBe(1);
    const critical = (JSON.parse(r.out) as Json).findings.filter((f) => f.severity === "critical");
    expect(critical.length).toBeGreaterThan(0);
    for (const f of critical) expect(f.address).toContain('.live["333344445555 eu-west-1 shop-dev GET /pets"]');
  });
});

describe("GIVEN a role the default credentials may not assume", () => {
  test("WHEN the other account serves an open route THEN that finding stays critical (exit 1) and the refused account is not verified", async () => {
    mocks = install([ROLE_B], "333344445555");
    const r = await audit(["--region", REGION, "--assume-role-arn", ROLE_B, "--assume-role-arn", ROLE_C, "--policy", writePolicy(), "--format", "json"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /not read: account 222233334444 eu-west-1: everything in account 222233334444 \(AssumeRole arn:aws:iam::222233334444:role\/api-audit\): access denied/,
    );
    const findings = (JSON.parse(r.out) as Json).findings;
    expect(findings.filter((f) => f.severity === "critical").map((f) => f.address)).toEqual(
      expect.arrayContaining(['aws_api_gateway_method.live["333344445555 eu-west-1 shop-dev GET /pets"]']),
    );
    const noOpen = findings.find((f) => f.rule === "no-open-method" && f.address === "(audit)");
    expect(noOpen?.severity).toBe("info");
    expect(noOpen?.message).toMatch(/not verified: account 222233334444 eu-west-1: everything in account 222233334444/);
  });

  test("WHEN it is the only one THEN exit 2: nothing could be read", async () => {
    mocks = install([ROLE_B]);
    const r = await audit(["--region", REGION, "--assume-role-arn", ROLE_B, "--policy", writePolicy()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nothing could be read/);
    expect(r.err).toMatch(/AssumeRole arn:aws:iam::222233334444:role\/api-audit/);
    expect(listed).toEqual([]);
  });
});

describe("the roles on the command line", () => {
  test.each([
    [["--assume-role-arn", "arn:aws:iam::12:role/x"], /--assume-role-arn takes an IAM role ARN/],
    [["--assume-role-arn", "arn:aws:iam::222233334444:user/x"], /--assume-role-arn takes an IAM role ARN/],
    [["--assume-role-arn", ROLE_B, "--assume-role-arn", ROLE_B], /given twice/],
  ])("GIVEN %j THEN exit 2 naming the problem", async (extra, message) => {
    const r = await audit(["--region", REGION, ...extra]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test("GIVEN --print-iam-policy with roles THEN sts:AssumeRole is granted on exactly those roles, nowhere else", async () => {
    const r = await audit(["--print-iam-policy", "--assume-role-arn", ROLE_B, "--assume-role-arn", ROLE_C]);
    expect(r.code).toBe(0);
    const statements = (JSON.parse(r.out) as { Statement: { Action: string[]; Resource: string | string[] }[] }).Statement;
    const assume = statements.filter((s) => s.Action.includes("sts:AssumeRole"));
    expect(assume).toEqual([expect.objectContaining({ Action: ["sts:AssumeRole"], Resource: [ROLE_B, ROLE_C] })]);
    const without = await audit(["--print-iam-policy"]);
    expect(without.out).not.toContain("sts:AssumeRole");
  });
});
