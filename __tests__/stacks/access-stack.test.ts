// The sample spec's Terraform: every resource the foundation promises, with the authorization each
// route was given. One synth per describe.
import { Testing } from "cdktf";
import { AccessStack } from "../../stacks/access-stack";
import { petstoreDev } from "../../access-spec/samples/petstore";
import type { AccessSpec } from "../../access-spec/types";

type Block = Record<string, unknown>;
interface Synth {
  resource: Record<string, Record<string, Block>>;
  terraform: Block;
  provider: Block;
}

function synth(spec: AccessSpec, backend?: ConstructorParameters<typeof AccessStack>[2]["backend"]): Synth {
  const app = Testing.app();
  return JSON.parse(Testing.synth(new AccessStack(app, `${spec.name}-${spec.environment}`, { spec, backend }))) as Synth;
}
const all = (s: Synth, type: string): Block[] => Object.values(s.resource[type] ?? {});

describe("GIVEN the petstore dev spec WHEN synthesized", () => {
  const out = synth(petstoreDev);

  test("THEN Cognito has a pool with the hardened settings, a domain, a resource server with scopes", () => {
    const [pool] = all(out, "aws_cognito_user_pool");
    expect(pool).toMatchObject({
      deletion_protection: "ACTIVE",
      mfa_configuration: "OPTIONAL",
      software_token_mfa_configuration: { enabled: true },
      user_pool_tier: "PLUS",
      user_pool_add_ons: { advanced_security_mode: "ENFORCED" },
      admin_create_user_config: { allow_admin_create_user_only: true },
      password_policy: { minimum_length: 14, require_symbols: true, require_numbers: true },
    });
    expect(all(out, "aws_cognito_user_pool_domain")).toHaveLength(1);
    const [server] = all(out, "aws_cognito_resource_server");
    expect((server.scope as { scope_name: string }[]).map((s) => s.scope_name).sort()).toEqual(["orders", "read", "write"]);
  });

  test("THEN the machine client uses client_credentials with a secret and only its scopes", () => {
    const machine = all(out, "aws_cognito_user_pool_client").find((c) => c.name === "partner-sync");
    expect(machine).toMatchObject({
      generate_secret: true,
      allowed_oauth_flows: ["client_credentials"],
      allowed_oauth_scopes: ["petstore/read", "petstore/orders"],
      access_token_validity: 15,
    });
    const web = all(out, "aws_cognito_user_pool_client").find((c) => c.name === "web");
    expect(web).toMatchObject({ generate_secret: false, prevent_user_existence_errors: "ENABLED" });
    expect(web?.explicit_auth_flows).toEqual(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
  });

  test("THEN an email change takes effect only once the new address is verified", () => {
    const [pool] = all(out, "aws_cognito_user_pool");
    expect(pool.auto_verified_attributes).toEqual(["email"]);
    expect(pool.user_attribute_update_settings).toEqual({ attributes_require_verification_before_update: ["email"] });
  });

  test("THEN each group has a role whose trust names only the group-role Lambda's role", () => {
    const groups = all(out, "aws_cognito_user_group");
    expect(groups.map((g) => g.name).sort()).toEqual(["admins", "staff"]);
    for (const group of groups) expect(String(group.role_arn)).toMatch(/^\$\{aws_iam_role\.identity_group-role-/);
    const groupRoles = all(out, "aws_iam_role").filter((r) => /-group-(admins|staff)$/.test(String(r.name)));
    expect(groupRoles).toHaveLength(2);
    for (const role of groupRoles) {
      const trust = JSON.parse(String(role.assume_role_policy)) as { Statement: { Principal: Record<string, string[]> }[] };
      expect(trust.Statement).toHaveLength(1);
      expect(trust.Statement[0].Principal).toEqual({ AWS: [expect.stringMatching(/^\$\{aws_iam_role\.fn-group-role_[A-Z0-9]+\.arn\}$/)] });
    }
  });

  test("THEN every route's method has exactly its authorization", () => {
    const methods = all(out, "aws_api_gateway_method");
    const byAuth = (a: string): number => methods.filter((m) => m.authorization === a).length;
    expect(byAuth("COGNITO_USER_POOLS")).toBe(6);
    expect(byAuth("CUSTOM")).toBe(3);
    expect(byAuth("AWS_IAM")).toBe(1);
    // NONE: two with reasons, the API-key-only catalog, and two CORS preflights.
    expect(byAuth("NONE")).toBe(5);
    expect(methods.filter((m) => m.api_key_required === true)).toHaveLength(2);
    const scoped = methods.filter((m) => Array.isArray(m.authorization_scopes));
    expect(scoped.map((m) => m.authorization_scopes).sort()).toEqual([["petstore/orders"], ["petstore/read"], ["petstore/write"]]);
    expect(methods.filter((m) => m.http_method === "OPTIONS").every((m) => m.authorization === "NONE")).toBe(true);
  });

  test("THEN the authorizers are Cognito with the pool ARN and Lambda TOKEN/REQUEST with source and TTL", () => {
    const authorizers = all(out, "aws_api_gateway_authorizer");
    expect(authorizers.find((a) => a.type === "COGNITO_USER_POOLS")).toMatchObject({
      name: "petstore-dev-cognito",
      provider_arns: [expect.stringMatching(/aws_cognito_user_pool\..*\.arn/)],
    });
    expect(authorizers.find((a) => a.type === "TOKEN")).toMatchObject({
      name: "jwt-token",
      identity_source: "method.request.header.Authorization",
      authorizer_result_ttl_in_seconds: 300,
    });
    expect(authorizers.find((a) => a.type === "REQUEST")).toMatchObject({ name: "jwt-request", authorizer_result_ttl_in_seconds: 0 });
  });

  test("THEN Lambda permissions are scoped to this API's methods and authorizers", () => {
    const permissions = all(out, "aws_lambda_permission");
    expect(permissions.length).toBeGreaterThan(0);
    for (const p of permissions) {
      expect(p.principal).toBe("apigateway.amazonaws.com");
      expect(String(p.source_arn)).toMatch(/^\$\{aws_api_gateway_rest_api\.api_[A-Z0-9]+\.execution_arn\}\/(authorizers\/\$\{|\*\/[A-Z]+\/)/);
    }
  });

  test("THEN the deployment is re-triggered by every method, integration and authorizer and created before destroy", () => {
    const [deployment] = all(out, "aws_api_gateway_deployment");
    const trigger = String((deployment.triggers as Block).redeployment);
    for (const type of ["aws_api_gateway_method", "aws_api_gateway_integration", "aws_api_gateway_authorizer"]) {
      for (const name of Object.keys(out.resource[type])) expect(trigger).toContain(`${type}.${name}`);
    }
    expect(deployment.lifecycle).toMatchObject({ create_before_destroy: true });
  });

  test("THEN the stage has access logs, X-Ray and method settings with logging and metrics", () => {
    const [stage] = all(out, "aws_api_gateway_stage");
    expect(stage).toMatchObject({ stage_name: "dev", xray_tracing_enabled: true });
    expect((stage.access_log_settings as Block).destination_arn).toMatch(/aws_cloudwatch_log_group/);
    const [settings] = all(out, "aws_api_gateway_method_settings");
    expect(settings).toMatchObject({ method_path: "*/*", settings: { logging_level: "INFO", metrics_enabled: true, data_trace_enabled: false } });
  });

  test("THEN the usage plan has throttle, quota, the per-method throttle and both keys", () => {
    const [plan] = all(out, "aws_api_gateway_usage_plan");
    expect(plan).toMatchObject({
      throttle_settings: { rate_limit: 50, burst_limit: 100 },
      quota_settings: { limit: 100000, period: "MONTH" },
    });
    expect((plan.api_stages as Block[])[0].throttle).toEqual([{ path: "/catalog/GET", rate_limit: 20, burst_limit: 40 }]);
    expect(all(out, "aws_api_gateway_api_key")).toHaveLength(2);
    expect(all(out, "aws_api_gateway_usage_plan_key")).toHaveLength(2);
  });

  test("THEN execute-api:Invoke is granted only on the AWS_IAM route's method ARN, to the roles it names, and denied below it", () => {
    const invoke = all(out, "aws_iam_role_policy").filter((p) => String(p.policy).includes("execute-api:Invoke"));
    expect(invoke).toHaveLength(2);
    const stageArn = /^\$\{aws_api_gateway_rest_api\.[^}]+\.execution_arn\}\/\$\{aws_api_gateway_stage\.[^}]+\.stage_name\}\//;
    for (const p of invoke) {
      const doc = JSON.parse(String(p.policy)) as { Statement: { Effect: string; Action: string; Resource: string }[] };
      expect(doc.Statement.map((st) => [st.Effect, st.Action, st.Resource.replace(stageArn, "")])).toEqual([
        ["Allow", "execute-api:Invoke", "GET/reports/*"],
        ["Deny", "execute-api:Invoke", "GET/reports/*/*"],
      ]);
    }
  });

  test("THEN the Lambda authorizers get their route table and pool configuration, and the group-role Lambda its allowlist", () => {
    const functions = all(out, "aws_lambda_function");
    const token = functions.find((f) => f.function_name === "petstore-dev-authz-jwt-token");
    expect((token?.environment as { variables: Block }).variables).toMatchObject({
      USER_POOL_ID: expect.stringMatching(/aws_cognito_user_pool\./),
      CLIENT_IDS: expect.stringMatching(/^\$\{jsonencode\(\{"web" = aws_cognito_user_pool_client/),
    });
    expect(token).toMatchObject({ architectures: ["arm64"], source_code_hash: expect.any(String) });
    const groupRole = functions.find((f) => f.function_name === "petstore-dev-group-role");
    expect(String((groupRole?.environment as { variables: Block }).variables.ALLOWED_ROLE_ARNS)).toMatch(/jsonencode\(\[aws_iam_role\./);
    for (const f of functions) expect(f.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\./)]));
  });

  test("THEN the admin-only handler, which checks the caller's group itself, is tagged as deciding access, and no other function is", () => {
    const tagged = all(out, "aws_lambda_function").map((f) => [f.function_name, (f.tags as Block | undefined)?.["access-decider"]]);
    expect(tagged.filter(([, t]) => t !== undefined)).toEqual([["petstore-dev-admin-only", "cognito:groups contains admins"]]);
  });

  test("THEN the state backend is local by default", () => {
    expect(out.terraform.backend).toEqual({ local: { path: "terraform.petstore-dev.tfstate" } });
  });
});

describe("GIVEN a web client that asks for USER_PASSWORD_AUTH with a reason WHEN synthesized", () => {
  const spec: AccessSpec = {
    ...petstoreDev,
    cognito: {
      ...petstoreDev.cognito,
      clients: petstoreDev.cognito.clients.map((c) =>
        c.kind === "user" ? { ...c, allowUserPasswordAuth: { reason: "the user-migration trigger needs the password" } } : c,
      ),
    },
  };
  const out = synth(spec);

  test("THEN that client, and only it, allows the password flow", () => {
    const flows = Object.fromEntries(all(out, "aws_cognito_user_pool_client").map((c) => [c.name, c.explicit_auth_flows]));
    expect(flows).toEqual({
      web: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      "partner-sync": ["ALLOW_REFRESH_TOKEN_AUTH"],
    });
  });
});

describe("GIVEN an S3 backend for team state WHEN synthesized", () => {
  const out = synth(petstoreDev, { type: "s3", bucket: "acme-tf-state", key: "petstore-dev/terraform.tfstate", region: "eu-west-1" });

  test("THEN the backend is S3 with native locking and encryption", () => {
    expect(out.terraform.backend).toEqual({
      s3: { bucket: "acme-tf-state", key: "petstore-dev/terraform.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true },
    });
  });
});

describe("GIVEN a group whose role is also assumed through a Cognito identity pool WHEN synthesized", () => {
  const spec: AccessSpec = {
    ...petstoreDev,
    cognito: {
      ...petstoreDev.cognito,
      groups: petstoreDev.cognito.groups.map((g) => (g.name === "staff" ? { ...g, trustedBy: ["identityPool", "groupRoleLambda"] } : g)),
    },
  };
  const out = synth(spec);
  const trustOf = (name: string): { Principal: Record<string, string[]>; Condition?: Record<string, Record<string, string>> }[] =>
    (JSON.parse(String(all(out, "aws_iam_role").find((r) => r.name === name)?.assume_role_policy)) as { Statement: never[] }).Statement;

  test("THEN the federated trust carries the identity pool as aud and authenticated as amr", () => {
    const federated = trustOf("petstore-dev-group-staff").find((s) => s.Principal.Federated !== undefined);
    expect(federated?.Principal.Federated).toEqual(["cognito-identity.amazonaws.com"]);
    expect(federated?.Condition).toEqual({
      StringEquals: { "cognito-identity.amazonaws.com:aud": expect.stringMatching(/^\$\{aws_cognito_identity_pool\./) },
      "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
    });
  });

  test("THEN a group that did not ask for it keeps only the Lambda trust", () => {
    expect(trustOf("petstore-dev-group-admins").map((s) => Object.keys(s.Principal))).toEqual([["AWS"]]);
  });

  test("THEN the pool maps roles from the token and denies ambiguous ones", () => {
    expect(all(out, "aws_cognito_identity_pool")).toEqual([expect.objectContaining({ allow_unauthenticated_identities: false })]);
    const [attachment] = all(out, "aws_cognito_identity_pool_roles_attachment");
    expect(attachment.role_mapping).toEqual([expect.objectContaining({ type: "Token", ambiguous_role_resolution: "Deny" })]);
  });
});

describe("GIVEN a stage that uses an existing account-level CloudWatch role WHEN synthesized", () => {
  const withRole = synth({ ...petstoreDev, stage: { ...petstoreDev.stage, cloudWatchRoleArn: "arn:aws:iam::123456789012:role/apigw-logs" } });
  const owning = synth(petstoreDev);

  test("THEN the stack leaves the account setting to its owner", () => {
    expect(all(withRole, "aws_api_gateway_account")).toHaveLength(0);
    expect(all(withRole, "aws_iam_role").some((r) => String(r.name).endsWith("-apigw-cloudwatch"))).toBe(false);
    expect(all(withRole, "aws_api_gateway_stage")[0].depends_on).toBeUndefined();
  });

  test("THEN by default the stack owns the setting and the stage waits for it", () => {
    expect(all(owning, "aws_api_gateway_account")).toHaveLength(1);
    expect(all(owning, "aws_api_gateway_stage")[0].depends_on).toEqual([expect.stringMatching(/^aws_api_gateway_account\./)]);
  });
});
