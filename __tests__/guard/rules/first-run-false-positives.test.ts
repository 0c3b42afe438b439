// False positives of a first run on public projects, by class, each on the real terraform plan that showed it (fixtures/first-run-plan) and on
// cdk.tf.json where the form differs: customer policies of the configuration and AWS managed policies that grant no
// API access are no "unverified managed policy"; token lifetimes left unset are Cognito's defaults, not "known only
// after apply"; lifecycle missing from plan JSON is no finding; a trigger hashing ids is a finding.
import { join } from "node:path";
import { iamAccess } from "../../../guard/access/iam";
import { GRANT_NO_API_ACCESS, MANAGED_POLICIES } from "../../../guard/access/managed-policies";
import { runRules } from "../../../guard/engine";
import { loadModel, modelFromDocument } from "../../../guard/load";
import { AppClientTokenValidity } from "../../../guard/rules/cognito/app-client-token-validity";
import { DeploymentRedeploysOnAuthChange } from "../../../guard/rules/apigateway/deployment-redeploys-on-auth-change";
import { IamManagedPolicyVerified } from "../../../guard/rules/iam/iam-managed-policy-verified";

const NO_POLICIES = { policies: [] };
const plan = loadModel(join(__dirname, "fixtures", "first-run-plan", "plan.json"));

describe("iam-managed-policy-verified: only policies nobody can read", () => {
  test("GIVEN a real plan: a customer policy, a for_each policy attached per key, managed_policy_arns known only after apply, AWSLambdaVPCAccessExecutionRole THEN only the unknown ARN is reported", () => {
    expect(IamManagedPolicyVerified.check(plan, NO_POLICIES).map((f) => f.message)).toEqual([
      "role orders-handler: managed policy arn:aws:iam::aws:policy/AmazonAPIGatewayPushToCloudWatchLogsTypo not verified (unknown document)",
    ]);
  });

  test("GIVEN the same plan THEN the customer policies are held and read (every for_each instance), the VPC policy is held as harmless", () => {
    const handler = iamAccess(plan).roles.find((r) => r.name === "orders-handler");
    expect(handler?.held.filter((h) => h.document !== undefined).map((h) => h.address)).toEqual(
      expect.arrayContaining(["aws_iam_policy.logs", 'aws_iam_policy.tables["customers"]', 'aws_iam_policy.tables["orders"]']),
    );
    expect(handler?.held.find((h) => h.label.includes("AWSLambdaVPCAccessExecutionRole"))).toMatchObject({ harmless: true });
    expect(handler?.privileges).toEqual(["whatever managed policy AmazonAPIGatewayPushToCloudWatchLogsTypo (not verified) grants (not verified)"]);
    const legacy = iamAccess(plan).roles.find((r) => r.name === "orders-legacy");
    expect(legacy?.unverifiedManaged).toEqual([]);
    expect(legacy?.held.map((h) => h.address)).toEqual(["aws_iam_policy.logs"]);
  });

  test("GIVEN a customer policy ARN known as text (a state, or an existing policy) THEN it is that policy, by ARN or by its name in the account", () => {
    const doc = (arn: string) => ({
      resource: {
        aws_iam_policy: {
          p: {
            name: "orders-logs",
            arn: "arn:aws:iam::111122223333:policy/team/orders-logs",
            policy: '{"Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}',
          },
        },
        aws_iam_role: { r: { name: "r", assume_role_policy: '{"Statement":[]}' } },
        aws_iam_role_policy_attachment: { a: { role: "r", policy_arn: arn } },
      },
    });
    for (const arn of ["arn:aws:iam::111122223333:policy/team/orders-logs", "arn:aws:iam::111122223333:policy/orders-logs"]) {
      expect(IamManagedPolicyVerified.check(modelFromDocument(doc(arn), "main.tf.json"), NO_POLICIES)).toEqual([]);
    }
    expect(IamManagedPolicyVerified.check(modelFromDocument(doc("arn:aws:iam::111122223333:policy/other"), "main.tf.json"), NO_POLICIES)).toHaveLength(1);
  });

  test("GIVEN an ARN written with a policy and a data source (`one of ...`) THEN it is not decided: still reported", () => {
    const model = modelFromDocument(
      {
        resource: {
          aws_iam_policy: { p: { name: "p", policy: '{"Statement":[]}' } },
          aws_iam_role: { r: { name: "r", assume_role_policy: '{"Statement":[]}' } },
          aws_iam_role_policy_attachment: { a: { role: "r", policy_arn: "${var.x ? aws_iam_policy.p.arn : data.aws_iam_policy.admin.arn}" } },
        },
      },
      "main.tf.json",
    );
    expect(IamManagedPolicyVerified.check(model, NO_POLICIES)).toHaveLength(1);
  });

  test("GIVEN AWSXrayReadOnlyAccess attached to a function's role THEN quiet; a name AWS does not publish THEN still reported", () => {
    const doc = (arn: string) => ({
      resource: {
        aws_iam_role: { r: { name: "traces-reader", assume_role_policy: '{"Statement":[]}' } },
        aws_iam_role_policy_attachment: { a: { role: "traces-reader", policy_arn: arn } },
      },
    });
    expect(IamManagedPolicyVerified.check(modelFromDocument(doc("arn:aws:iam::aws:policy/AWSXrayReadOnlyAccess"), "main.tf.json"), NO_POLICIES)).toEqual([]);
    expect(
      IamManagedPolicyVerified.check(modelFromDocument(doc("arn:aws:iam::aws:policy/AWSXrayReadOnlyAccessAndInvoke"), "main.tf.json"), NO_POLICIES),
    ).toHaveLength(1);
  });

  test("the policies known to grant no API access are not also in the table of documents, and none of them is a broad one", () => {
    for (const name of GRANT_NO_API_ACCESS) expect([name, name in MANAGED_POLICIES]).toEqual([name, false]);
    for (const broad of ["AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "ViewOnlyAccess", "AmazonAPIGatewayInvokeFullAccess"]) {
      expect([broad, GRANT_NO_API_ACCESS.has(broad)]).toEqual([broad, false]);
    }
  });
});

describe("app-client-token-validity: unset lifetimes are Cognito's defaults", () => {
  test("GIVEN a real plan of a client that sets no lifetime THEN quiet (60 minutes, 60 minutes, 30 days), not 'known only after apply'", () => {
    expect(plan.userPoolClients[0].tokenValidity).toMatchObject({ idMinutes: 60, accessMinutes: 60, refreshMinutes: 30 * 1440 });
    expect(AppClientTokenValidity.check(plan, NO_POLICIES)).toEqual([]);
  });

  test("GIVEN a lifetime set from a value known only after apply THEN still reported as not verified", () => {
    const model = modelFromDocument(
      { resource: { aws_cognito_user_pool_client: { web: { name: "web", user_pool_id: "x", access_token_validity: "${var.minutes}" } } } },
      "main.tf.json",
    );
    expect(AppClientTokenValidity.check(model, NO_POLICIES).map((f) => f.message)).toEqual(['app client "web": token validity is known only after apply']);
  });
});

describe("deployment-redeploys-on-auth-change", () => {
  test("GIVEN a real plan (no lifecycle in plan JSON) THEN no 'lifecycle not verified' finding: the input cannot say, the rule's rationale tells", () => {
    const messages = DeploymentRedeploysOnAuthChange.check(plan, NO_POLICIES).map((f) => f.message);
    expect(messages.some((m) => m.includes("lifecycle"))).toBe(false);
    expect(runRules(plan, NO_POLICIES).findings.filter((f) => f.severity === "info")).toEqual([]);
    expect(DeploymentRedeploysOnAuthChange.rationale).toContain("terraform show -json does not carry lifecycle");
  });

  test("GIVEN a real plan whose trigger hashes the method's and the integration's ids THEN the method is reported: its authorization change keeps the id", () => {
    expect(DeploymentRedeploysOnAuthChange.check(plan, NO_POLICIES).map((f) => f.message)).toEqual([
      "triggers hash only aws_api_gateway_method.list.id: these stay the same when authorization changes in place, so the change would not be deployed (hash the whole resources or their authorization attributes)",
    ]);
  });

  test("GIVEN such a finding THEN it names the API the deployment snapshots, as the stage rules do", () => {
    const api = plan.apis.find((a) => a.address === plan.deployments[0]?.apiAddress)?.name;
    expect(typeof api).toBe("string");
    expect(DeploymentRedeploysOnAuthChange.check(plan, NO_POLICIES).map((f) => f.api)).toEqual([api]);
  });

  const deployment = (redeployment: string) =>
    modelFromDocument(
      {
        resource: {
          aws_api_gateway_rest_api: { api: { name: "a" } },
          aws_api_gateway_method: {
            m: {
              rest_api_id: "${aws_api_gateway_rest_api.api.id}",
              resource_id: "${aws_api_gateway_rest_api.api.root_resource_id}",
              http_method: "GET",
              authorization: "AWS_IAM",
            },
          },
          aws_api_gateway_deployment: {
            d: { rest_api_id: "${aws_api_gateway_rest_api.api.id}", triggers: { redeployment }, lifecycle: { create_before_destroy: true } },
          },
        },
      },
      "main.tf.json",
    );

  test.each([
    ["the whole method", "${sha1(jsonencode([aws_api_gateway_method.m]))}", 0],
    ["its authorization attribute", "${sha1(jsonencode([aws_api_gateway_method.m.id, aws_api_gateway_method.m.authorization]))}", 0],
    [
      "a hash of the configuration written at synth beside its id",
      '${sha1(join(",", ["0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33", aws_api_gateway_method.m.id]))}',
      0,
    ],
    ["only its id", "${sha1(jsonencode([aws_api_gateway_method.m.id]))}", 1],
    ["its id and http_method", "${sha1(jsonencode([aws_api_gateway_method.m.id, aws_api_gateway_method.m.http_method]))}", 1],
  ])("GIVEN cdk.tf.json whose trigger hashes %s (%s) THEN %i finding(s)", (_what, trigger, n) => {
    expect(DeploymentRedeploysOnAuthChange.check(deployment(trigger), NO_POLICIES)).toHaveLength(n);
  });

  test("GIVEN a plan that replaces the deployment destroy-first THEN create_before_destroy is known to be unset: reported", () => {
    const replaced = {
      ...plan,
      changes: plan.changes.map((c) =>
        c.address === "aws_api_gateway_deployment.orders" ? { ...c, actions: ["delete", "create"] as const, action: "replace" as const } : c,
      ),
    };
    expect(DeploymentRedeploysOnAuthChange.check(replaced, NO_POLICIES).map((f) => f.message)).toContain(
      "the plan replaces the deployment destroy-first: lifecycle.create_before_destroy is not set",
    );
  });
});
