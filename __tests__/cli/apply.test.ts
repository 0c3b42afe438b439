// @slow-suite
// `npm run apply`: the reviewed binary plan is applied as it is, and refused when the deployed stack changed after
// it was made. Real terraform against a real local AWS endpoint (moto_server); skipped, and says so, without them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APIGatewayClient, GetRestApisCommand, UpdateRestApiCommand } from "@aws-sdk/client-api-gateway";
import { main } from "../../cli/apply";
import { localEndpointOverride } from "../../cli/private/local-deploy";
import { startMoto, type LocalEndpoint } from "../../cli/private/moto";
import { runTerraform, terraformEnvironment } from "../../cli/private/terraform";
import { motoSuiteMissing } from "../helpers/moto-prerequisites";

const missing = motoSuiteMissing();
if (missing !== undefined) console.warn(`SKIPPED apply-the-reviewed-plan integration test: ${missing}`);
const describeIf = missing === undefined ? describe : describe.skip;
// Each apply runs terraform five times (init, show, refresh-only plan, show, apply), each loading the provider.
const SLOW = 300_000;

describeIf("GIVEN a stack deployed to a local AWS endpoint and a reviewed plan that changes it", () => {
  let moto: LocalEndpoint;
  let dir: string;
  let terraform: ReturnType<typeof terraformEnvironment>;
  let api: APIGatewayClient;

  const writeConfig = (description: string): void => {
    const override = localEndpointOverride({}, moto.url, join(dir, "terraform.tfstate"));
    const config = {
      ...override,
      terraform: { ...(override.terraform as object), required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } } },
      provider: { aws: (override.provider as { aws: object[] }).aws.map((p) => ({ ...p, region: "eu-west-1" })) },
      resource: { aws_api_gateway_rest_api: { api: { name: "apply-test", description } } },
    };
    writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(config, null, 2));
  };
  const tf = async (...args: string[]): Promise<void> => {
    const r = await runTerraform(args, dir, terraform.env);
    if (r.code !== 0) throw new Error(`terraform ${args[0]}: ${r.stderr}${r.stdout}`);
  };
  /** A reviewed plan: the configuration now says `description`; saved as the pipeline saves it. */
  const reviewedPlan = async (description: string): Promise<string> => {
    writeConfig(description);
    const file = join(dir, `${description}.tfplan`);
    await tf("plan", "-input=false", "-no-color", `-out=${file}`);
    return file;
  };
  const deployedDescription = async (): Promise<string | undefined> => (await api.send(new GetRestApisCommand({}))).items?.[0]?.description;
  const apply = async (planFile: string): Promise<{ code: number; err: string }> => {
    let err = "";
    const code = await main(["--plan-file", planFile, dir], { out: () => undefined, err: (s) => (err += s) });
    return { code, err };
  };

  beforeAll(async () => {
    moto = await startMoto();
    dir = mkdtempSync(join(tmpdir(), "apply-reviewed-"));
    terraform = terraformEnvironment(process.env);
    api = new APIGatewayClient({ endpoint: moto.url, region: "eu-west-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    writeConfig("v1");
    await tf("init", "-input=false", "-no-color");
    await tf("apply", "-input=false", "-no-color", "-auto-approve");
  }, SLOW);

  afterAll(async () => {
    api?.destroy();
    terraform?.cleanup();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    await moto?.stop();
  });

  test(
    "WHEN nothing changed since the review THEN exactly that plan is applied (exit 0)",
    async () => {
      const plan = await reviewedPlan("v2");
      const { code, err } = await apply(plan);
      expect(err).toContain("the deployed stack is as the reviewed plan saw it");
      expect(code).toBe(0);
      expect(await deployedDescription()).toBe("v2");
    },
    SLOW,
  );

  test(
    "WHEN the API was edited in the console after the review THEN the apply is refused naming the resource and attribute, and nothing is applied",
    async () => {
      const plan = await reviewedPlan("v3");
      const id = (await api.send(new GetRestApisCommand({}))).items?.[0]?.id;
      await api.send(new UpdateRestApiCommand({ restApiId: id, patchOperations: [{ op: "replace", path: "/description", value: "console-edit-marker" }] }));
      const { code, err } = await apply(plan);
      expect(code).toBe(1);
      expect(err).toContain("refused: the deployed stack changed after the plan was reviewed");
      expect(err).toContain("aws_api_gateway_rest_api.api: changed outside the reviewed plan (description)");
      expect(err).not.toContain("console-edit-marker");
      expect(await deployedDescription()).toBe("console-edit-marker");
    },
    SLOW,
  );

  test(
    "WHEN another apply landed after the review THEN the older plan is refused (the deployed stack differs from what it saw) and the later apply stays",
    async () => {
      const stale = await reviewedPlan("v4");
      await apply(await reviewedPlan("v5"));
      const { code, err } = await apply(stale);
      expect(code).toBe(1);
      // Terraform would refuse it too ("Saved plan is stale"); the refresh comparison speaks first.
      expect(err).toContain("aws_api_gateway_rest_api.api: changed outside the reviewed plan (description)");
      expect(await deployedDescription()).toBe("v5");
    },
    SLOW,
  );
});

describe("apply command line", () => {
  it.each([
    [["cdktf.out/stacks/x"], "--plan-file is required"],
    [["--plan-file", "p.tfplan"], "give one stack directory"],
  ])("GIVEN %j THEN exit 2 with one line saying what is missing", async (argv, message) => {
    let err = "";
    expect(await main(argv, { out: () => undefined, err: (s) => (err += s) })).toBe(2);
    expect(err).toContain(message);
  });

  it("GIVEN a plan file that does not exist THEN exit 2 naming it", async () => {
    let err = "";
    expect(await main(["--plan-file", "/nonexistent/x.tfplan", "."], { out: () => undefined, err: (s) => (err += s) })).toBe(2);
    expect(err).toContain("/nonexistent/x.tfplan: no such plan file");
  });
});
