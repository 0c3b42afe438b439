// What the public corpus showed wrong, by class, on our own Terraform planned offline
// (fixtures/corpus-fp-plan), each beside its twin. secret-literal false positives: a value the plan knows only after
// apply, behind an expression it does not show (a dynamic block, a local), is no literal; the name of a secret store
// sent as a header value is a pointer, not the secret, unless a web ACL admits that same value. Misses: a deployment
// that never redeploys a REST API whose OpenAPI body is known only after apply; open self sign-up on a pool whose
// users an identity pool hands a role (its roles map known only after apply, as a plan of new roles shows it); that
// role holding the Cognito identity pools' control plane (cognito-identity:*).
import { join } from "node:path";
import { loadModel } from "../../../guard/load";
import { SecretLiteral } from "../../../guard/rules/access/secret-literal";
import { DeploymentRedeploysOnAuthChange } from "../../../guard/rules/apigateway/deployment-redeploys-on-auth-change";
import { UserPoolSelfSignUp } from "../../../guard/rules/cognito/user-pool-self-sign-up";
import { CognitoGroupRolePrivileges } from "../../../guard/rules/iam/cognito-group-role-privileges";

const NO_POLICIES = { policies: [] };
const model = loadModel(join(__dirname, "fixtures", "corpus-fp-plan", "plan.json"));
const findings = SecretLiteral.check(model, NO_POLICIES);
const at = (address: string) => findings.filter((f) => f.address === address).map((f) => f.message);
const judged = (SecretLiteral.subjects?.(model, NO_POLICIES) ?? []).map((s) => s.address);

describe("secret-literal on a dynamic environment block (a module writes it)", () => {
  test("GIVEN the map is known only after apply (a table's ARN) THEN judged and quiet", () => {
    expect(judged).toContain("module.fn_from_table.aws_lambda_function.this");
    expect(at("module.fn_from_table.aws_lambda_function.this")).toEqual([]);
  });

  test("GIVEN a credential written literally into the same dynamic block THEN still reported, not verified", () => {
    expect(at("module.fn_planted.aws_lambda_function.this")).toEqual([
      'Lambda function "planted": environment[0].variables.PARTNER_API_TOKEN (the environment variable PARTNER_API_TOKEN) may be written literally, not verified: block environment is written as a dynamic block, whose expressions a plan does not show',
    ]);
  });
});

describe("secret-literal on a local, which a plan does not show", () => {
  test("GIVEN a local known only after apply (it holds a table's ARN) THEN quiet", () => {
    expect(judged).toContain("aws_secretsmanager_secret_version.ids");
    expect(at("aws_secretsmanager_secret_version.ids")).toEqual([]);
  });

  test("GIVEN a local of constants, known at plan time THEN still reported, not verified", () => {
    expect(at("aws_secretsmanager_secret_version.constant")).toEqual([
      "secret version: secret_string (the secret's value) may be written literally, not verified: it comes from local.constant, and a plan shows no locals",
    ]);
  });
});

describe("secret-literal on a header value that is a secret's name", () => {
  test("GIVEN X-Origin-Verify set to the name of a Secrets Manager secret of the configuration THEN quiet", () => {
    expect(judged).toContain("aws_cloudfront_distribution.secret_name");
    expect(at("aws_cloudfront_distribution.secret_name")).toEqual([]);
  });

  test("GIVEN a header value that names no secret THEN reported as the literal secret", () => {
    expect(at("aws_cloudfront_distribution.planted")).toEqual([
      'CloudFront distribution "planted": origin[0].custom_header[0].value (the X-Origin-Verify secret CloudFront sends the origin) is written literally: a constant in the configuration; anyone who can read the repository or its plans holds it',
    ]);
  });

  test("GIVEN a secret named after the header value while a web ACL admits that value THEN the header is the secret", () => {
    expect(at("aws_cloudfront_distribution.decoy")).toHaveLength(1);
    expect(at("aws_cloudfront_distribution.decoy")[0]).toContain("is written literally: a constant in the configuration");
    expect(at("aws_wafv2_web_acl.decoy")).toHaveLength(1);
  });
});

describe("deployment-redeploys-on-auth-change on a REST API whose OpenAPI body is known only after apply", () => {
  const redeploy = DeploymentRedeploysOnAuthChange.check(model, NO_POLICIES);

  test("GIVEN a deployment without triggers THEN reported: a change of the body's security would never be deployed", () => {
    expect(redeploy.filter((f) => f.address === "aws_api_gateway_deployment.never_redeployed").map((f) => f.message)).toEqual([
      "triggers do not cover aws_api_gateway_rest_api.never_redeployed: changing their authorization would not be deployed",
    ]);
  });

  test("GIVEN triggers that hash the body THEN quiet", () => {
    expect(redeploy.filter((f) => f.address === "aws_api_gateway_deployment.redeployed")).toEqual([]);
  });
});

describe("user-pool-self-sign-up on a pool whose users an identity pool hands a role, no route in sight", () => {
  const signUp = UserPoolSelfSignUp.check(model, NO_POLICIES);

  test("GIVEN self sign-up open THEN reported: anyone registers and obtains the role's credentials", () => {
    expect(signUp.map((f) => [f.address, f.message])).toEqual([
      [
        "aws_cognito_user_pool.open",
        'user pool "open-sign-up": self sign-up is open (admin_create_user_config.allow_admin_create_user_only is not true): anyone can register and obtain the AWS credentials of role open-signed-in through identity pool open_identities',
      ],
    ]);
  });

  test("GIVEN only administrators create users, or an open pool nothing trusts THEN quiet", () => {
    expect(signUp.filter((f) => f.address === "aws_cognito_user_pool.admin_only" || f.address === "aws_cognito_user_pool.unused")).toEqual([]);
  });
});

describe("cognito-group-role-privileges on the role an identity pool hands its signed-in users", () => {
  const privileged = CognitoGroupRolePrivileges.check(model, NO_POLICIES);

  test("GIVEN cognito-identity:* on * THEN reported: every signed-in user may rewrite any identity pool", () => {
    expect(privileged.map((f) => [f.address, f.message])).toEqual([
      [
        "aws_iam_role.signed_in",
        "role open-signed-in handed to users signed in with client open-web of user pool open-sign-up through identity pool open_identities holds the Cognito identity pools' control plane (cognito-identity:*): can change or delete identity pools and the roles they hand out via policy signed-in",
      ],
    ]);
  });

  test("GIVEN a handed role that reads one bucket THEN quiet", () => {
    expect(privileged.filter((f) => f.address === "aws_iam_role.signed_in_narrow")).toEqual([]);
  });
});
