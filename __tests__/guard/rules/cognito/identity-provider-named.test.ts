// Door class 7: a federated identity provider on a pool whose tokens authorize routes is a finding unless the
// API's policy names it (identityProviders), critical when the provider is anyone with a public account.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as load } from "yaml";
import { modelFromDocument } from "../../../../guard/load";
import { loadPolicies } from "../../../../guard/policy/load";
import { RULES } from "../../../../guard/rules";
import { parsePolicyDocument } from "../../../../guard/policy/parse";
import type { PolicySet } from "../../../../guard/policy/types";
import { IdentityProviderNamed } from "../../../../guard/rules/cognito/identity-provider-named";

type Json = Record<string, any>;

const ROOT = join(__dirname, "..", "..", "..", "..");
const SYNTH = join(ROOT, "__tests__", "guard", "review", "fixtures", "synth");
const devText = readFileSync(join(SYNTH, "petstore-dev.cdk.tf.json"), "utf8");
const POLICY_FILE = join(ROOT, "policies", "petstore.yaml");
const shipped = loadPolicies(POLICY_FILE, RULES);

/** The shipped policy with `identityProviders` added, parsed as a file would be. */
function policyNaming(names: readonly string[]): PolicySet {
  const raw = load(readFileSync(POLICY_FILE, "utf8")) as Json;
  raw["identityProviders"] = names.map((name) => ({ name, reason: "partner staff sign in with their company accounts" }));
  const parsed = parsePolicyDocument(raw, POLICY_FILE);
  if (parsed.policy === undefined) throw new Error(JSON.stringify(parsed.problems));
  return { policies: [parsed.policy] };
}

const poolRef = (d: Json): string => `\${aws_cognito_user_pool.${Object.keys(d.resource["aws_cognito_user_pool"])[0]}.id}`;
const webClient = (d: Json): Json =>
  Object.entries(d.resource["aws_cognito_user_pool_client"] as Record<string, Json>).find(([k]) => k.includes("client-web"))?.[1] as Json;

function dev(edit: (d: Json) => void = () => undefined): Json {
  const d = JSON.parse(devText) as Json;
  edit(d);
  return d;
}
const withProvider =
  (name: string, type: string, details: Json, listed = true) =>
  (d: Json): void => {
    d.resource["aws_cognito_identity_provider"] = { idp: { user_pool_id: poolRef(d), provider_name: name, provider_type: type, provider_details: details } };
    if (listed) webClient(d).supported_identity_providers = ["COGNITO", name];
  };
const run = (doc: Json, policies: PolicySet = shipped) => IdentityProviderNamed.check(modelFromDocument(doc), policies);

describe("identity-provider-named", () => {
  test("Compliance: GIVEN the dev synth (COGNITO users only) WHEN checked THEN quiet", () => {
    expect(run(dev())).toEqual([]);
  });

  test("Noncompliance 1: GIVEN a Google provider the web client accepts WHEN checked THEN critical: anyone with a Google account", () => {
    const findings = run(dev(withProvider("Google", "Google", { client_id: "x", client_secret: "${var.google_secret}", authorize_scopes: "email" })));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "critical", message: expect.stringContaining("anyone with a Google account") });
    expect(findings[0].message).toContain("petstore-dev");
  });

  test("Noncompliance 2: GIVEN an OIDC provider on login.microsoftonline.com/common WHEN checked THEN critical: anyone with a Microsoft account", () => {
    const doc = dev(
      withProvider("AzureAD", "OIDC", { client_id: "x", oidc_issuer: "https://login.microsoftonline.com/common/v2.0", authorize_scopes: "openid" }),
    );
    expect(run(doc)[0]).toMatchObject({ severity: "critical", message: expect.stringContaining("anyone with a Microsoft account") });
  });

  test("Noncompliance 3: GIVEN a single-tenant OIDC provider WHEN checked THEN high (a new population, not everyone)", () => {
    const doc = dev(
      withProvider("Corp", "OIDC", { client_id: "x", oidc_issuer: "https://login.microsoftonline.com/0b1c2d3e-aaaa-bbbb-cccc-123456789012/v2.0" }),
    );
    const findings = run(doc);
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBeUndefined();
    expect(IdentityProviderNamed.severity).toBe("high");
  });

  test("Noncompliance 4: GIVEN only a client listing a provider name the input does not define WHEN checked THEN it fires", () => {
    const doc = dev((d) => void (webClient(d).supported_identity_providers = ["COGNITO", "Partner"]));
    expect(run(doc)[0].message).toContain('"Partner"');
  });

  test("Compliance (twin): GIVEN the same Google provider named in the policy's identityProviders WHEN checked THEN quiet", () => {
    const doc = dev(withProvider("Google", "Google", { client_id: "x", authorize_scopes: "email" }));
    expect(run(doc, policyNaming(["Google"]))).toEqual([]);
    expect(run(doc, policyNaming(["Facebook"]))).toHaveLength(1);
  });

  // A real `terraform show -json` plan (make-compliant-plan.ts): the client leaves supported_identity_providers unset,
  // which the plan shows as known only after apply; Cognito then supports no federated provider.
  const planText = readFileSync(join(ROOT, "__tests__", "guard", "fixtures", "compliant.plan.json"), "utf8");
  const planWithClient = (edit: (expressions: Json) => void = () => undefined): Json => {
    const plan = JSON.parse(planText) as Json;
    const client = (plan.configuration.root_module.resources as Json[]).find((r) => r.address === "aws_cognito_user_pool_client.web");
    if (client === undefined) throw new Error("compliant.plan.json has no aws_cognito_user_pool_client.web");
    edit(client.expressions as Json);
    return plan;
  };

  test("Compliance: GIVEN a real plan whose client leaves supported_identity_providers unset (unknown in the plan) WHEN checked THEN quiet", () => {
    const plan = planWithClient();
    const web = (plan.resource_changes as Json[]).find((c) => c.address === "aws_cognito_user_pool_client.web");
    expect(web?.change.after_unknown.supported_identity_providers).toBe(true);
    expect(run(plan, { policies: [] })).toEqual([]);
  });

  test("Noncompliance 5: GIVEN the same plan with supported_identity_providers written from a variable (unknown) WHEN checked THEN it fires", () => {
    const plan = planWithClient((e) => void (e.supported_identity_providers = { references: ["var.identity_providers"] }));
    expect(run(plan, { policies: [] })).toEqual([
      expect.objectContaining({ message: expect.stringContaining("(supported_identity_providers known only after apply)") }),
    ]);
  });

  test("policy: identityProviders needs a name other than COGNITO and a written reason", () => {
    const raw = load(readFileSync(POLICY_FILE, "utf8")) as Json;
    raw["identityProviders"] = [{ name: "COGNITO", reason: "our own users of the user pool" }, { name: "Google" }, "Google"];
    const problems = parsePolicyDocument(raw, POLICY_FILE).problems.map((p) => p.path);
    expect(problems).toEqual(["identityProviders[0].name", "identityProviders[1].reason", "identityProviders[2]"]);
  });
});
