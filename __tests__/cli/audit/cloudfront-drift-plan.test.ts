// @slow-suite: a real `terraform plan` of the sample's petstore-prod stack.
// CloudFront drift with the reviewed code given as a plan (`terraform show -json`), not cdk.tf.json: the sample's
// prod stack planned by terraform against moto_server (nothing created: a fresh plan, so the API id, the web ACL's
// ARN, the cache policy's id and the verifier's version are all known only after apply). The drift follows each
// such value through the plan's references (the web ACL's name, the function's name and package hash, the cache
// policy's headers, the origin's API) and finds the account as deployed equal; a console edit is a finding naming
// both values. Needs moto_server, terraform and TF_PROVIDER_MIRROR; says so visibly when skipped.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cloudfrontDriftEntries } from "../../../cli/private/audit/drift-cloudfront";
import { localStatePath } from "../../../cli/private/local-deploy";
import { initLocal, prepareLocalStack, removeLocalFiles } from "../../../cli/private/local-terraform";
import { startMoto } from "../../../cli/private/moto";
import { mirrorCliConfig, runTerraform } from "../../../cli/private/terraform";
import { loadModel } from "../../../guard/load";
import type { Model } from "../../../guard/model";
import { ROOT, sampleEnv } from "../../helpers/sample";
import { motoSuiteMissing } from "../../helpers/moto-prerequisites";
import { EDGE_NAME, OTHER_CODE_HASH, STACK, edgeArn, liveModel, sampleEdgeAccount } from "./sample-edge-account";

const mirror = process.env.TF_PROVIDER_MIRROR ?? "";
const missing = motoSuiteMissing();
if (missing !== undefined) console.warn(`SKIPPED CloudFront drift against a real terraform plan: ${missing}`);

(missing === undefined ? describe : describe.skip)("GIVEN petstore-prod's real terraform plan as the reviewed code", () => {
  const scratch = mkdtempSync(join(tmpdir(), "cf-drift-plan-"));
  let code: Model | undefined;
  let hash = "";

  beforeAll(async () => {
    const outdir = join(scratch, "cdktf.out");
    const synth = spawnSync(process.execPath, [join(ROOT, "scripts", "synth.mjs")], {
      cwd: ROOT,
      env: { ...sampleEnv(), CDKTF_OUTDIR: outdir },
      encoding: "utf8",
    });
    if (synth.status !== 0) throw new Error(`synth failed:\n${synth.stderr}`);
    const dir = join(outdir, "stacks", STACK);
    writeFileSync(join(scratch, "terraform.rc"), mirrorCliConfig(resolve(mirror)));
    const moto = await startMoto();
    try {
      const env = { ...process.env, TF_CLI_CONFIG_FILE: join(scratch, "terraform.rc"), CHECKPOINT_DISABLE: "1" };
      const stack = prepareLocalStack(STACK, dir, moto.url, localStatePath(join(scratch, "state"), moto.url, STACK), env);
      const init = await initLocal(stack);
      if (init.code !== 0) throw new Error(`terraform init failed:\n${init.stderr}`);
      const plan = await runTerraform(["plan", "-input=false", "-no-color", "-refresh=false", "-lock=false", "-out=tfplan"], dir, stack.env);
      if (plan.code !== 0) throw new Error(`terraform plan failed:\n${plan.stderr}`);
      const shown = await runTerraform(["show", "-json", "tfplan"], dir, stack.env);
      if (shown.code !== 0) throw new Error(`terraform show failed:\n${shown.stderr}`);
      writeFileSync(join(scratch, "plan.json"), shown.stdout);
      removeLocalFiles(dir);
    } finally {
      await moto.stop();
    }
    code = loadModel(join(scratch, "plan.json"));
    const fn = code.resources.find((r) => r.type === "aws_lambda_function" && r.values["function_name"] === EDGE_NAME);
    hash = String(fn?.values["source_code_hash"]);
  }, 600_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const drift = async (edit?: Parameters<typeof sampleEdgeAccount>[1]) =>
    cloudfrontDriftEntries(code as Model, await liveModel(sampleEdgeAccount(hash, edit)), []).map((e) => `${e.severity} ${e.message}`);

  test("WHEN the account is as deployed THEN no CloudFront drift: every value known after apply is resolved within the plan", async () => {
    // The plan holds the distribution with its values unknown until apply (not merely copied from cdk.tf.json).
    const d = code?.resources.find((r) => r.type === "aws_cloudfront_distribution");
    expect(d?.change).toBe("create");
    expect(await drift()).toEqual([]);
  });

  test("WHEN the web ACL is detached THEN high, naming the plan's web ACL by name", async () => {
    expect(await drift((d) => (d.WebACLId = ""))).toEqual([
      "high distribution petstore-prod API (E7PETPROD): web ACL: deployed none, code petstore-prod-cloudfront (the web ACL filters every request before it reaches a behavior)",
    ]);
  });

  test("WHEN the verifier's association names a version published by hand THEN high, naming both package hashes", async () => {
    const found = await drift(
      (d) =>
        (d.DefaultCacheBehavior = {
          ...d.DefaultCacheBehavior!,
          LambdaFunctionAssociations: { Quantity: 1, Items: [{ EventType: "viewer-request", LambdaFunctionARN: edgeArn(8) }] },
        }),
    );
    expect(found).toEqual([expect.stringContaining(`viewer-request edge function code (SHA-256): deployed ${OTHER_CODE_HASH}, code ${hash}`)]);
  });
});
