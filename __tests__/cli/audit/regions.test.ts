// What one region could not read lowers only that region's findings; the account's global reads (made in us-east-1
// whatever --region says: CloudFront, Lambda@Edge, CLOUDFRONT-scope WAF, IAM) are recorded as global and concern
// every region. Over the fake account (aws-sdk-client-mock, no network): it serves the same API in every region, so
// us-east-1's copy of the API invokes the eu-west-1 backend, a function the audit does not read from us-east-1.
import { ListDistributionsCommand } from "@aws-sdk/client-cloudfront";
import { GetAccountAuthorizationDetailsCommand } from "@aws-sdk/client-iam";
import { ListWebACLsCommand } from "@aws-sdk/client-wafv2";
import { appendFileSync } from "node:fs";
import { main } from "../../../cli/audit";
import { readAccount } from "../../../cli/private/audit/read";
import { ACCOUNT, compliantAccount, edgeAccount, installAccount, REGION, writePolicy, type Mocks } from "./fake-account";

interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
  readonly address: string;
  readonly message: string;
  readonly file?: string | null;
}

async function audit(argv: readonly string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) }, undefined, {});
  return { code, out, err, findings: code === 2 ? [] : (JSON.parse(out) as { findings: JsonFinding[] }).findings };
}

const denied = () =>
  Object.assign(new Error("User is not authorized to perform this action"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } });

let mocks: Mocks | undefined;
afterEach(() => mocks?.restore());

describe("GIVEN the eu-west-1 backend's permission for API Gateway names another API (a door the policy does not intend)", () => {
  const account = () => ({ ...compliantAccount(), apiGatewaySourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:zzz9/*/*/*` });
  const doorOf = (findings: readonly JsonFinding[]) =>
    findings.filter((f) => f.rule === "backend-doors-intended" && f.address !== "(audit)" && f.message.includes("zzz9"));

  test("WHEN audited in eu-west-1 THEN exit 1 with the door at high", async () => {
    mocks = installAccount(account());
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    expect(doorOf(r.findings).map((f) => f.severity)).toEqual(["high"]);
    expect(r.code).toBe(1);
  });

  test("WHEN audited in eu-west-1 and us-east-1, where a function is not read THEN that lowers only us-east-1's findings: the eu-west-1 door stays high, exit 1", async () => {
    mocks = installAccount(account());
    const r = await audit(["--region", REGION, "--region", "us-east-1", "--policy", writePolicy(), "--format", "json"]);
    expect(r.err).toMatch(/not read: us-east-1: function arn:aws:lambda:eu-west-1:.*another region/);
    // The rule is still said to be not verified (for us-east-1), never passed there.
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        rule: "backend-doors-intended",
        address: "(audit)",
        severity: "info",
        message: expect.stringContaining("us-east-1: function"),
      }),
    );
    const door = doorOf(r.findings);
    expect(door.map((f) => f.severity)).toEqual(["high"]);
    expect(door[0]?.address).toContain(`.live["${ACCOUNT} ${REGION} function shop-dev-backend"]`);
    expect(r.code).toBe(1);
  });
});

describe("GIVEN the account's global reads, made in us-east-1 whatever --region says", () => {
  test("WHEN CloudFront, IAM and the CLOUDFRONT-scope web ACLs are denied THEN they are recorded as global; a denied REGIONAL listing is not", async () => {
    mocks = installAccount(compliantAccount());
    mocks.cf.on(ListDistributionsCommand).rejects(denied());
    mocks.iam.on(GetAccountAuthorizationDetailsCommand).rejects(denied());
    mocks.waf.on(ListWebACLsCommand).rejects(denied());
    const snapshot = await readAccount({ regions: [REGION] });
    const seen = snapshot.unread.map((u) => [u.region, u.what, u.global === true]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ["us-east-1", "ListDistributions", true],
        ["us-east-1", "GetAccountAuthorizationDetails", true],
        ["us-east-1", "ListWebACLs CLOUDFRONT", true],
        [REGION, "ListWebACLs REGIONAL", false],
      ]),
    );
  });

  test("WHEN us-east-1 is also a --region and its REGIONAL web ACLs are denied THEN that entry is regional, not global", async () => {
    mocks = installAccount(compliantAccount());
    mocks.waf.on(ListWebACLsCommand, { Scope: "REGIONAL" }).rejects(denied());
    const snapshot = await readAccount({ regions: [REGION, "us-east-1"] });
    const useast = snapshot.unread.filter((u) => u.region === "us-east-1" && u.service === "wafv2").map((u) => [u.what, u.global === true]);
    expect(useast).toEqual([["ListWebACLs REGIONAL", false]]);
  });

  test("WHEN IAM is denied in a two-region run THEN an IAM rule's finding is not verified, and stderr says the read is global", async () => {
    mocks = installAccount({ ...compliantAccount(), reportingInvoke: "*" });
    mocks.iam.on(GetAccountAuthorizationDetailsCommand).rejects(denied());
    const r = await audit(["--region", REGION, "--region", "ap-southeast-2", "--policy", writePolicy(), "--format", "json"]);
    expect(r.err).toMatch(/not read: us-east-1 \(global\): GetAccountAuthorizationDetails: access denied/);
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: "execute-api-invoke-scoped", address: "(audit)", severity: "info" }));
    expect(r.findings.filter((f) => f.rule.startsWith("iam") || f.rule === "execute-api-invoke-scoped").filter((f) => f.severity !== "info")).toEqual([]);
  });
});

describe("GIVEN GET /health intended EDGE (open at the gateway, protected by CloudFront), audited in two regions", () => {
  const edgePolicy = () => {
    const file = writePolicy();
    appendFileSync(file, ["overrides:", '  - apis: ["shop-*"]', "    routes:", '      "GET /health":', "        type: EDGE", ""].join("\n"));
    return file;
  };

  test("WHEN ListDistributions (global, us-east-1) is denied THEN the route is not verified in both regions, never open and never passed", async () => {
    mocks = installAccount(edgeAccount());
    mocks.cf.on(ListDistributionsCommand).rejects(denied());
    const r = await audit(["--region", REGION, "--region", "ap-southeast-2", "--policy", edgePolicy(), "--format", "json"]);
    const health = r.findings.filter((f) => f.rule === "no-open-method" && f.message.includes("GET /health"));
    expect(health.map((f) => [/ (eu-west-1|ap-southeast-2) /.exec(f.address)?.[1], f.severity]).sort()).toEqual([
      ["ap-southeast-2", "info"],
      [REGION, "info"],
    ]);
    expect(health.every((f) => f.message.startsWith("not verified (us-east-1 (global): ListDistributions: access denied"))).toBe(true);
  });
});
