// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// The audit against a real local AWS endpoint: the sample's petstore-dev stack synthesized and applied by terraform
// to moto_server (the override `npm run deploy:local` writes), then `audit` reads it through the real SDK with
// AWS_ENDPOINT_URL pointed at moto. As deployed it passes (exit 0, also against the reviewed code with --plan);
// after console drifts made with the SDK (GET /pets switched to NONE, the web client given the implicit flow) it
// fails naming both; WAFv2, IAM, CloudFront and function tags are read from moto and judged; a distribution put
// in front of the API by hand (moto serves CreateDistribution, though not its Lambda@Edge associations) is linked
// to the API by its origin host and fails edge-origin-protected, and, against the reviewed code, is a door added
// outside review. Needs moto_server, terraform and TF_PROVIDER_MIRROR; says so visibly when skipped.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { APIGatewayClient, GetResourcesCommand, GetRestApisCommand, PutMethodCommand } from "@aws-sdk/client-api-gateway";
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CloudFrontClient, CreateDistributionCommand } from "@aws-sdk/client-cloudfront";
import { main } from "../../../cli/audit";
import { localStatePath } from "../../../cli/private/local-deploy";
import { applyLocal, initLocal, prepareLocalStack, removeLocalFiles } from "../../../cli/private/local-terraform";
import { startMoto, type LocalEndpoint } from "../../../cli/private/moto";
import { mirrorCliConfig } from "../../../cli/private/terraform";
import { ROOT, SAMPLE_POLICY, sampleEnv } from "../../helpers/sample";
import { motoSuiteMissing } from "../../helpers/moto-prerequisites";

const STACK = "petstore-dev";
const REGION = "eu-west-1";
const mirror = process.env.TF_PROVIDER_MIRROR ?? "";
const missing = motoSuiteMissing();
// Visible in the jest output: a skipped integration test must never look like a pass.
if (missing !== undefined) console.warn(`SKIPPED audit-against-moto integration test: ${missing}`);

const ORIGIN_SECRET = "PLANTED-MOTO-ORIGIN-SECRET-0c41aa";
const credentials = { accessKeyId: "local-endpoint-placeholder", secretAccessKey: "local-endpoint-placeholder" };

(missing === undefined ? describe : describe.skip)("GIVEN petstore-dev applied to moto_server", () => {
  const scratch = mkdtempSync(join(tmpdir(), "audit-moto-"));
  const outdir = join(scratch, "cdktf.out");
  const stackDir = join(outdir, "stacks", STACK);
  let moto: LocalEndpoint | undefined;

  const audit = async (argv: readonly string[]) => {
    let out = "";
    let err = "";
    const env = {
      AWS_ENDPOINT_URL: (moto as LocalEndpoint).url,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    // The SDK reads its standard configuration from the process environment, as it would for a user.
    Object.assign(process.env, env);
    try {
      const code = await main(["--region", REGION, "--policy", SAMPLE_POLICY, "--format", "json", ...argv], { out: (s) => (out += s), err: (s) => (err += s) });
      return {
        code,
        err,
        findings:
          out === ""
            ? []
            : (JSON.parse(out) as { findings: { rule: string; severity: string; route: string | null; message: string; address: string }[] }).findings,
      };
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  };

  beforeAll(async () => {
    writeFileSync(join(scratch, "terraform.rc"), mirrorCliConfig(resolve(mirror)));
    const synth = spawnSync(process.execPath, [join(ROOT, "scripts", "synth.mjs")], {
      cwd: ROOT,
      env: { ...sampleEnv(), CDKTF_OUTDIR: outdir },
      encoding: "utf8",
    });
    if (synth.status !== 0) throw new Error(`synth failed:\n${synth.stderr}`);
    moto = await startMoto();
    const env = { ...process.env, TF_CLI_CONFIG_FILE: join(scratch, "terraform.rc") };
    const stack = prepareLocalStack(STACK, stackDir, moto.url, localStatePath(join(scratch, "state"), moto.url, STACK), env);
    for (const [what, run] of [
      ["init", initLocal],
      ["apply", applyLocal],
    ] as const) {
      const r = await run(stack);
      if (r.code !== 0) throw new Error(`terraform ${what} failed (exit ${r.code}):\n${r.stderr}\n${r.stdout.slice(-4000)}`);
    }
    removeLocalFiles(stackDir);
  }, 600_000);

  afterAll(async () => {
    await moto?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  test("WHEN audited as deployed, against the policy and the reviewed code THEN exit 0", async () => {
    const r = await audit(["--plan", join(stackDir, "cdk.tf.json")]);
    expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(r.code).toBe(0);
    // WAFv2, IAM, CloudFront and the functions' tags are read from moto and judged, not passed over as "not verified".
    expect(r.err).not.toMatch(/not read: .*(WebACL|RuleGroup|GetAccountAuthorizationDetails|ListDistributions|ListTags)/);
    const judgedLive = (id: string) => !r.findings.some((f) => f.rule === id && f.address === "(audit)");
    for (const id of [
      "waf-managed-rules",
      "execute-api-invoke-scoped",
      "iam-invoker-trust",
      "cognito-group-role-trust",
      "cloudfront-web-acl",
      "edge-origin-protected",
      "backend-doors-intended",
      "handler-decider-declared",
    ])
      expect([id, judgedLive(id)]).toEqual([id, true]);
  }, 120_000);

  test("WHEN GET /pets is switched to NONE and a client given the implicit flow in the console THEN exit 1 naming both", async () => {
    const endpoint = (moto as LocalEndpoint).url;
    const gw = new APIGatewayClient({ endpoint, region: REGION, credentials });
    const api = (await gw.send(new GetRestApisCommand({}))).items?.find((a) => a.name === STACK);
    const pets = (await gw.send(new GetResourcesCommand({ restApiId: api?.id, embed: ["methods"] }))).items?.find((x) => x.path === "/pets");
    await gw.send(new PutMethodCommand({ restApiId: api?.id, resourceId: pets?.id, httpMethod: "GET", authorizationType: "NONE" }));
    const idp = new CognitoIdentityProviderClient({ endpoint, region: REGION, credentials });
    const pool = (await idp.send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools?.find((p) => p.Name?.startsWith(STACK));
    const listed = (await idp.send(new ListUserPoolClientsCommand({ UserPoolId: pool?.Id, MaxResults: 10 }))).UserPoolClients ?? [];
    const webId = listed.find((c) => c.ClientName?.endsWith("web"))?.ClientId;
    const web = (await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool?.Id, ClientId: webId }))).UserPoolClient;
    await idp.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: pool?.Id,
        ClientId: webId,
        ClientName: web?.ClientName,
        AllowedOAuthFlows: [...(web?.AllowedOAuthFlows ?? []), "implicit"],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: web?.AllowedOAuthScopes,
        CallbackURLs: web?.CallbackURLs,
        ExplicitAuthFlows: web?.ExplicitAuthFlows,
        SupportedIdentityProviders: web?.SupportedIdentityProviders,
      }),
    );

    const r = await audit(["--plan", join(stackDir, "cdk.tf.json")]);
    expect(r.code).toBe(1);
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: "no-open-method", severity: "critical", route: "GET /pets" }));
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        rule: "deployed-matches-code",
        message: expect.stringContaining("GET /pets: deployed NONE (public), code COGNITO (scopes: petstore/read)"),
      }),
    );
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: "app-client-implicit-flow", address: expect.stringContaining("web") }));
  }, 120_000);
  test("WHEN a distribution is put in front of the API by hand THEN exit 1: its origin reaches a stage that admits anyone, and its secret is in no output", async () => {
    const endpoint = (moto as LocalEndpoint).url;
    const gw = new APIGatewayClient({ endpoint, region: REGION, credentials });
    const api = (await gw.send(new GetRestApisCommand({}))).items?.find((a) => a.name === STACK);
    const cf = new CloudFrontClient({ endpoint, region: "us-east-1", credentials });
    const created = await cf.send(
      new CreateDistributionCommand({
        DistributionConfig: {
          CallerReference: "audit-moto-by-hand",
          Comment: "added in the console",
          Enabled: true,
          Origins: {
            Quantity: 1,
            Items: [
              {
                Id: "api",
                DomainName: `${api?.id ?? "?"}.execute-api.${REGION}.amazonaws.com`,
                OriginPath: "/dev",
                CustomHeaders: { Quantity: 1, Items: [{ HeaderName: "X-Origin-Verify", HeaderValue: ORIGIN_SECRET }] },
                CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: "https-only" },
              },
            ],
          },
          DefaultCacheBehavior: { TargetOriginId: "api", ViewerProtocolPolicy: "https-only", CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" },
        },
      }),
    );
    const id = created.Distribution?.Id ?? "?";
    const r = await audit([]);
    expect(r.code).toBe(1);
    // Linked by its origin's execute-api host: the dev stage behind it does not restrict callers to CloudFront.
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        rule: "edge-origin-protected",
        severity: "high",
        message: expect.stringMatching(/is behind CloudFront aws_cloudfront_distribution\.live|does not restrict the stage to CloudFront/),
      }),
    );
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: "cloudfront-web-acl", address: expect.stringContaining(id) }));
    expect(JSON.stringify(r.findings)).not.toContain(ORIGIN_SECRET);
    // Against the reviewed code (dev has no distribution): a door added outside review, naming the distribution.
    const drifted = await audit(["--plan", join(stackDir, "cdk.tf.json")]);
    expect(drifted.findings).toContainEqual(
      expect.objectContaining({
        rule: "deployed-matches-code",
        severity: "high",
        address: expect.stringContaining(id),
        message: `distribution ${id}: deployed in front of API ${STACK}, code has no distribution that corresponds to it (a door added outside review)`,
      }),
    );
    expect(JSON.stringify(drifted.findings)).not.toContain(ORIGIN_SECRET);
  }, 120_000);
});
