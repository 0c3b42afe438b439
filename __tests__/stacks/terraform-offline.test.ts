// The files `npm run plan` puts beside a stack for an offline plan, decided purely from the stack JSON.
import { hasAwsCredentials, mirrorCliConfig, offlineOverride, offlineVariables } from "../../cli/private/terraform";

describe("GIVEN a stack with a default and an aliased AWS provider", () => {
  const stack = { provider: { aws: [{ region: "eu-west-1" }, { alias: "us_east_1", region: "us-east-1" }] } };

  test("WHEN the offline override is built THEN both configurations get placeholder credentials and skip flags", () => {
    const override = offlineOverride(stack) as { provider: { aws: Record<string, unknown>[] }; terraform: unknown };
    expect(override.provider.aws).toHaveLength(2);
    expect(override.provider.aws[1]).toMatchObject({ alias: "us_east_1", skip_credentials_validation: true, skip_requesting_account_id: true });
    expect(override.provider.aws[0].alias).toBeUndefined();
    expect(override.terraform).toEqual({ backend: { local: { path: "terraform.offline.tfstate" } } });
  });
});

describe("GIVEN required variables without defaults", () => {
  const stack = {
    variable: {
      origin_verify_secret: { type: "string", sensitive: true },
      edge_certificate_arn: { type: "string" },
      edge_domain_names: { type: "list(string)" },
      with_default: { type: "string", default: "x" },
      from_env: { type: "string" },
    },
  };

  test("WHEN offline variables are built THEN each unset one gets a placeholder that passes its validation", () => {
    const vars = offlineVariables(stack, { TF_VAR_from_env: "set" });
    expect(Object.keys(vars).sort()).toEqual(["edge_certificate_arn", "edge_domain_names", "origin_verify_secret"]);
    expect(String(vars.origin_verify_secret).length).toBeGreaterThanOrEqual(32);
    expect(vars.edge_certificate_arn).toMatch(/^arn:aws:acm:us-east-1:[0-9]{12}:certificate\//);
    expect(vars.edge_domain_names).toEqual(["offline.placeholder.example"]);
  });
});

describe("credential detection and mirror config", () => {
  test("GIVEN no credential variables THEN offline is chosen", () => {
    expect(hasAwsCredentials({})).toBe(false);
    expect(hasAwsCredentials({ AWS_ACCESS_KEY_ID: "a" })).toBe(false);
    expect(hasAwsCredentials({ AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b" })).toBe(true);
    expect(hasAwsCredentials({ AWS_WEB_IDENTITY_TOKEN_FILE: "/t" })).toBe(true);
  });

  test("GIVEN a mirror directory THEN the CLI config installs from it", () => {
    expect(mirrorCliConfig("/m")).toContain('filesystem_mirror {\n    path    = "/m"');
  });
});
