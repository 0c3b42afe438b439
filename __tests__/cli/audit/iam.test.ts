// IAM read from the account (aws-sdk-client-mock): GetAccountAuthorizationDetails followed to its last page into
// users, groups, roles, their inline and attached policies and the attached managed policies' documents, so the
// IAM rules (execute-api-invoke-scoped, iam-invoker-trust, iam-managed-policy-verified, ...) judge who holds
// execute-api:Invoke in the account; the console widening a grant fails the audit; a denied read leaves them
// not verified; what the audit never reads (identity pools, identity providers) is never judged on its absence.
import { GetAccountAuthorizationDetailsCommand } from "@aws-sdk/client-iam";
import { main } from "../../../cli/audit";
import { readAccount } from "../../../cli/private/audit/read";
import { deployedModel } from "../../../cli/private/audit/state";
import { policyDocument } from "../../../cli/private/audit/state-iam";
import { compliantAccount, installAccount, REGION, writePolicy, type Mocks } from "./fake-account";

async function audit(argv: readonly string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) }, undefined, {});
  return { code, out, err };
}

type Json = { findings: { rule: string; severity: string; address: string; message: string }[] };
const IAM_RULES = [
  "execute-api-invoke-scoped",
  "iam-invoker-trust",
  "iam-managed-policy-verified",
  "cognito-group-role-trust",
  "cognito-group-role-privileges",
];

let mocks: Mocks | undefined;
afterEach(() => mocks?.restore());

describe("GIVEN an account whose reporting role may invoke one method", () => {
  test("WHEN audited THEN the IAM rules are judged (none 'not verified') and exit 0", async () => {
    mocks = installAccount(compliantAccount());
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    const findings = (JSON.parse(r.out) as Json).findings;
    expect(findings.filter((f) => IAM_RULES.includes(f.rule))).toEqual([]);
    expect(r.err).not.toMatch(/IAM/);
    expect(r.code).toBe(0);
  });

  test("WHEN read THEN roles, their inline policy and the attached AWS managed policy (not the unattached one) are in the model", async () => {
    mocks = installAccount(compliantAccount());
    const { model } = deployedModel(await readAccount({ regions: [REGION] }));
    expect(model.iamRoles.map((x) => x.name).sort()).toEqual(["shop-backend", "shop-reporting"]);
    const kinds = model.iamPolicies.map((p) => `${p.kind} ${p.address}`).sort();
    expect(kinds).toEqual(
      expect.arrayContaining([
        'managed aws_iam_policy.live["111122223333 iam policy arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]',
        'role-inline aws_iam_role_policy.live["111122223333 iam shop-reporting inline invoke"]',
      ]),
    );
    expect(kinds.join("\n")).not.toContain("unattached");
    const managed = model.iamPolicies.find((p) => p.kind === "managed");
    expect(managed?.roleAddresses).toEqual(['aws_iam_role.live["111122223333 iam role shop-backend"]']);
  });

  test("WHEN its grant is widened to every API in the console THEN exit 1 with a critical finding naming the role's policy", async () => {
    const a = compliantAccount();
    a.reportingInvoke = "*";
    mocks = installAccount(a);
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.out) as Json).findings).toContainEqual(
      expect.objectContaining({
        rule: "execute-api-invoke-scoped",
        severity: "critical",
        address: 'aws_iam_role_policy.live["111122223333 iam shop-reporting inline invoke"]',
      }),
    );
  });

  test("WHEN the details come in two pages THEN both are read", async () => {
    mocks = installAccount(compliantAccount());
    mocks.iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolves({ IsTruncated: true, Marker: "m2", RoleDetailList: [{ RoleName: "first", Arn: "arn:aws:iam::111122223333:role/first" }] })
      .on(GetAccountAuthorizationDetailsCommand, { Marker: "m2" })
      .resolves({ IsTruncated: false, RoleDetailList: [{ RoleName: "second", Arn: "arn:aws:iam::111122223333:role/second" }] });
    const snap = await readAccount({ regions: [REGION] });
    expect(snap.regions[0]?.iam?.roles.map((x) => x.RoleName)).toEqual(["first", "second"]);
    expect(snap.calls.filter((c) => c.operation === "GetAccountAuthorizationDetails")).toHaveLength(2);
  });

  test("WHEN GetAccountAuthorizationDetails is denied THEN every IAM rule is not verified, never passed", async () => {
    mocks = installAccount(compliantAccount());
    mocks.iam
      .on(GetAccountAuthorizationDetailsCommand)
      .rejects(Object.assign(new Error("denied"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } }));
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    expect(r.err).toMatch(/not read: us-east-1 \(global\): GetAccountAuthorizationDetails: access denied/);
    const findings = (JSON.parse(r.out) as Json).findings;
    for (const id of ["execute-api-invoke-scoped", "iam-invoker-trust", "iam-managed-policy-verified"])
      expect(findings).toContainEqual(
        expect.objectContaining({ rule: id, address: "(audit)", severity: "info", message: expect.stringContaining("is not verified") }),
      );
  });

  test("WHEN audited THEN the rules over what the audit never reads (identity pools, identity providers) say so", async () => {
    mocks = installAccount(compliantAccount());
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    const findings = (JSON.parse(r.out) as Json).findings;
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: "identity-pool-unauthenticated-invoke",
        address: "(audit)",
        message: expect.stringContaining("does not read identity pools"),
      }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: "identity-provider-named", address: "(audit)", message: expect.stringContaining("does not read identity providers") }),
    );
  });
});

test("IAM's URL-encoded documents are decoded; one that is not URL-encoding is kept as it came", () => {
  expect(policyDocument(encodeURIComponent('{"Version":"2012-10-17"}'))).toBe('{"Version":"2012-10-17"}');
  expect(policyDocument("%E0%A4%A")).toBe("%E0%A4%A");
  expect(policyDocument(undefined)).toBeNull();
});
