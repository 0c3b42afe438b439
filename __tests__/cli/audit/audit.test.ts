// The audit command end to end over a fake account served by aws-sdk-client-mock (no network): the account as
// deployed passes, a console drift fails naming it, with --plan the drift names both values, and what is denied
// is not verified (exit 2 when nothing at all could be read).
import { GetRestApisCommand, GetAuthorizersCommand } from "@aws-sdk/client-api-gateway";
import { GetApisCommand } from "@aws-sdk/client-apigatewayv2";
import { ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../cli/audit";
import { readAccount } from "../../../cli/private/audit/read";
import { regionDocument } from "../../../cli/private/audit/state";
import { compliantAccount, installAccount, REGION, writePolicy, type Mocks } from "./fake-account";

async function audit(argv: readonly string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) }, undefined, {});
  return { code, out, err };
}

/** The reviewed code: the compliant account's own state document, written as a plan JSON file. */
async function reviewedPlan(): Promise<string> {
  const m = installAccount(compliantAccount());
  try {
    const before = await readAccount({ regions: [REGION] });
    const plan = join(mkdtempSync(join(tmpdir(), "audit-plan-")), "plan.json");
    writeFileSync(plan, JSON.stringify(regionDocument(before.account, before.regions[0]!).document));
    return plan;
  } finally {
    m.restore();
  }
}

const driftOf = (out: string) =>
  (JSON.parse(out) as { findings: { rule: string; severity: string; message: string }[] }).findings.filter((f) => f.rule === "deployed-matches-code");

const denied = () =>
  Object.assign(new Error("User is not authorized to perform this action"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } });

let mocks: Mocks | undefined;
afterEach(() => mocks?.restore());

describe("GIVEN an account that serves what the policy intends", () => {
  test("WHEN audited THEN exit 0", async () => {
    mocks = installAccount(compliantAccount());
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    const failing = (JSON.parse(r.out) as { findings: { severity: string; message: string }[] }).findings.filter((f) => f.severity !== "info");
    expect(failing).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe("GIVEN a method switched to NONE in the console", () => {
  const drifted = () => {
    const a = compliantAccount();
    const pets = a.resources.find((x) => x.path === "/pets");
    if (pets?.resourceMethods?.["GET"] === undefined) throw new Error("fixture");
    pets.resourceMethods["GET"] = { httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: false };
    return a;
  };

  test("WHEN audited against the policy THEN exit 1 with a critical finding on that route", async () => {
    mocks = installAccount(drifted());
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.out) as { findings: { rule: string; severity: string; route: string | null }[] }).findings;
    expect(findings).toContainEqual(expect.objectContaining({ rule: "no-open-method", severity: "critical", route: "GET /pets" }));
  });

  test("WHEN audited with --plan of the reviewed code THEN the drift names the deployed and the code value", async () => {
    const plan = await reviewedPlan();
    mocks = installAccount(drifted());
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--plan", plan, "--format", "json"]);
    expect(r.code).toBe(1);
    const drift = (JSON.parse(r.out) as { findings: { rule: string; severity: string; message: string }[] }).findings.filter(
      (f) => f.rule === "deployed-matches-code",
    );
    expect(drift).toEqual([
      expect.objectContaining({
        severity: "critical",
        message: expect.stringContaining("GET /pets: deployed NONE (public), code COGNITO (scopes: shop/read)"),
      }),
    ]);
  });
});

describe("GIVEN other console drifts, audited with --plan of the reviewed code", () => {
  test("WHEN the account is as reviewed THEN no drift and exit 0", async () => {
    const plan = await reviewedPlan();
    mocks = installAccount(compliantAccount());
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--plan", plan, "--format", "json"]);
    expect(driftOf(r.out)).toEqual([]);
    expect(r.code).toBe(0);
  });

  test("WHEN the stage's web ACL is detached THEN a high drift names the stage", async () => {
    const plan = await reviewedPlan();
    const a = compliantAccount();
    a.stageWebAcl = undefined;
    mocks = installAccount(a);
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--plan", plan, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(driftOf(r.out)).toEqual([
      expect.objectContaining({ severity: "high", message: expect.stringMatching(/^stage shop-dev\/dev: deployed differs from code: .*web ACL/) }),
    ]);
  });

  test("WHEN a function URL without auth is added to the backend THEN a critical drift names the function", async () => {
    const plan = await reviewedPlan();
    const a = compliantAccount();
    a.functionUrlAuth = ["NONE"];
    mocks = installAccount(a);
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--plan", plan, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(driftOf(r.out)).toEqual([
      expect.objectContaining({
        severity: "critical",
        message: expect.stringContaining("function shop-dev-backend: deployed a function URL with auth NONE, code has no function URL"),
      }),
    ]);
  });
});

describe("GIVEN what a stage serves against the working copy", () => {
  test("WHEN GET /pets is switched to NONE in the console and not redeployed THEN the stage still serves COGNITO and the difference is high", async () => {
    const a = compliantAccount();
    a.served = structuredClone(a.resources);
    a.resources.find((x) => x.path === "/pets")!.resourceMethods!["GET"] = { httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: false };
    mocks = installAccount(a);
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    expect(r.code).toBe(1);
    const served = (JSON.parse(r.out) as { findings: { rule: string; severity: string; message: string }[] }).findings.filter(
      (f) => f.rule === "stage-serves-working-copy",
    );
    expect(served).toEqual([
      expect.objectContaining({
        severity: "high",
        message:
          "GET /pets: stage dev serves COGNITO_USER_POOLS shop-dev-cognito [shop/read], the working copy says NONE (not redeployed: callers get what the stage serves)",
      }),
    ]);
  });

  test("WHEN the stage was deployed with GET /pets open and the method later restored THEN the open stage is critical", async () => {
    const a = compliantAccount();
    a.served = structuredClone(a.resources);
    a.served.find((x) => x.path === "/pets")!.resourceMethods!["GET"] = { httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: false };
    mocks = installAccount(a);
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.out) as { findings: { rule: string; severity: string; route: string }[] }).findings).toContainEqual(
      expect.objectContaining({ rule: "stage-serves-working-copy", severity: "critical", route: "GET /pets" }),
    );
  });
});

describe("GIVEN a client given the implicit flow in the console", () => {
  test("WHEN audited THEN exit 1 naming the client", async () => {
    const a = compliantAccount();
    a.clients[0] = { ...a.clients[0], AllowedOAuthFlows: ["code", "implicit"] };
    mocks = installAccount(a);
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.out) as { findings: { rule: string; severity: string; address: string }[] }).findings;
    expect(findings).toContainEqual(expect.objectContaining({ rule: "app-client-implicit-flow", address: expect.stringContaining("client web") }));
  });
});

describe("GIVEN reads the caller may not make", () => {
  test("WHEN the authorizers of the API are denied THEN the API is not verified, never passed", async () => {
    mocks = installAccount(compliantAccount());
    mocks.gw.on(GetAuthorizersCommand).rejects(denied());
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    expect(r.err).toMatch(/not read: eu-west-1: GetAuthorizers restapis\/api1: access denied \(AccessDeniedException/);
    const findings = (JSON.parse(r.out) as { findings: { rule: string; severity: string; message: string }[] }).findings;
    // Every rule over API Gateway says it is not verified; none passes silently.
    expect(findings).toContainEqual(expect.objectContaining({ rule: "no-open-method", severity: "info", message: expect.stringContaining("not verified") }));
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: "method-matches-policy", severity: "info", message: expect.stringContaining("not verified") }),
    );
  });

  test("WHEN every listing is denied THEN exit 2 saying nothing could be read", async () => {
    mocks = installAccount(compliantAccount());
    mocks.gw.on(GetRestApisCommand).rejects(denied());
    mocks.v2.on(GetApisCommand).rejects(denied());
    mocks.idp.on(ListUserPoolsCommand).rejects(denied());
    const r = await audit(["--region", REGION, "--policy", writePolicy()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nothing could be read/);
    expect(r.out).toBe("");
  });
});

describe("GIVEN bad usage", () => {
  test.each([
    [[], /no region/],
    [["--region", "mars-1"], /AWS region name/],
    [["--region", REGION, "--format", "pdf"], /--format must be one of/],
    [["--region", REGION, "--concurrency", "0"], /--concurrency/],
    [["--print-iam-policy", "--region", REGION], /--print-iam-policy reads nothing/],
  ])("WHEN %j THEN exit 2 with one line", async (argv, message) => {
    const r = await audit(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
