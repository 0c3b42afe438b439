// The IAM effective-access facts (guard/access/iam.ts) and the check rules that read them, over the real sample synth.
import { describeInvoker, iamAccess } from "../../../guard/access/iam";
import { managedPolicyDocument } from "../../../guard/access/managed-policies";
import { modelFromDocument } from "../../../guard/load";
import { CognitoGroupRolePrivileges } from "../../../guard/rules/iam/cognito-group-role-privileges";
import { IamInvokerTrust } from "../../../guard/rules/iam/iam-invoker-trust";
import { IamManagedPolicyVerified } from "../../../guard/rules/iam/iam-managed-policy-verified";
import { only, synth, type Doc } from "../review/fixtures/pairs";
import { IAM_PAIRS } from "./pairs/iam";

const noPolicies = { policies: [] } as unknown as Parameters<typeof IamInvokerTrust.check>[1];
const model = (d: Doc) => modelFromDocument(d, "x.cdk.tf.json");
const mutated = (name: string): Doc => {
  const d = synth(IAM_PAIRS[name].env);
  IAM_PAIRS[name].mutate(d);
  return d;
};

describe("GIVEN the dev sample", () => {
  const access = iamAccess(model(synth("dev")));

  it("WHEN its AWS_IAM route is read THEN the invokers are the admins group role and the reporting role, with their trust chains", () => {
    const reports = access.routes.find((r) => r.route.routeKey === "GET /reports/{reportId}");
    expect(reports?.roles.map((r) => describeInvoker(r.role))).toEqual([
      "IAM principals that can assume role petstore-dev-group-admins (trusted by: members of Cognito group admins; role petstore-dev-group-role-role ← service lambda.amazonaws.com)",
      "IAM principals that can assume role petstore-dev-invoker-reporting (trusted by: service ecs-tasks.amazonaws.com)",
    ]);
  });

  it("THEN no group role holds privileges and every managed policy is verified", () => {
    expect(access.roles.flatMap((r) => (r.groups.length > 0 ? r.privileges : []))).toEqual([]);
    expect(access.roles.flatMap((r) => r.unverifiedManaged)).toEqual([]);
  });

  it.each(["dev", "prod"] as const)("THEN the IAM rules are quiet on the %s sample", (env) => {
    const m = model(synth(env));
    for (const rule of [IamInvokerTrust, CognitoGroupRolePrivileges, IamManagedPolicyVerified]) expect(rule.check(m, noPolicies)).toEqual([]);
  });
});

describe("GIVEN a head that widens IAM access", () => {
  it("WHEN a foreign account may assume the reporting role THEN iam-invoker-trust names the route and the account", () => {
    const f = IamInvokerTrust.check(model(mutated("iam-trust-foreign-account")), noPolicies);
    expect(f.map((x) => x.message)).toEqual([
      "role petstore-dev-invoker-reporting can invoke GET /reports/{reportId} and is assumable by account 999999999999",
    ]);
    expect(f[0].severity).toBeUndefined();
  });

  it("WHEN the role that may assume the admins role trusts * THEN the finding is critical and shows the chain", () => {
    const f = IamInvokerTrust.check(model(mutated("iam-chain-anyone")), noPolicies);
    expect(f).toEqual([expect.objectContaining({ severity: "critical", message: expect.stringContaining("role petstore-dev-group-role-role ← anyone (*)") })]);
  });

  it("WHEN AdministratorAccess is attached to a group role THEN cognito-group-role-privileges reports every action", () => {
    const f = CognitoGroupRolePrivileges.check(model(mutated("iam-admin-managed-policy-arns")), noPolicies);
    expect(f.map((x) => x.message)).toContain(
      "role petstore-dev-group-staff of Cognito group staff holds every action (*) via managed policy AdministratorAccess",
    );
  });

  it("WHEN a managed ARN outside the table is attached THEN it is not verified and the role counts as an invoker", () => {
    const m = model(mutated("iam-unknown-managed-policy"));
    expect(IamManagedPolicyVerified.check(m, noPolicies).map((x) => x.message)).toEqual([
      "role petstore-dev-backend-role: managed policy arn:aws:iam::123456789012:policy/reporting-extra not verified (unknown document)",
    ]);
    const reports = iamAccess(m).routes.find((r) => r.route.routeKey === "GET /reports/{reportId}");
    expect(reports?.roles.find((r) => r.role.name === "petstore-dev-backend-role")?.via).toEqual([
      "managed policy arn:aws:iam::123456789012:policy/reporting-extra (not verified)",
    ]);
  });

  it("WHEN a group role's trust is only known after apply THEN its chain says not verified", () => {
    const d = synth("dev");
    only(d, "aws_iam_role", "invoker-reporting")["assume_role_policy"] = "${data.aws_iam_policy_document.x.json}";
    const role = iamAccess(model(d)).roles.find((r) => r.name === "petstore-dev-invoker-reporting");
    expect(role?.assumers).toEqual([{ text: "(trust policy not verified: known only after apply)", reach: "outside" }]);
  });
});

describe("GIVEN the managed policy table", () => {
  it("THEN AWS managed ARNs resolve with or without a path, and customer ARNs do not", () => {
    expect(managedPolicyDocument("arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess")).toBeDefined();
    expect(managedPolicyDocument("arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs")).toBeDefined();
    expect(managedPolicyDocument("arn:aws:iam::123456789012:policy/AdministratorAccess")).toBeUndefined();
  });
});
