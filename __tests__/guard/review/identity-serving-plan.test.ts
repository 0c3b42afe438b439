// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// Real terraform: identity mapping and stage serving read from `terraform show -json` plans, not only from
// cdk.tf.json. A REST API planned offline three times: the base (X-User-Id from the IAM signer, canary on the
// stage's own deployment), the head (X-User-Id from the caller's header, canary on a deployment without triggers)
// and the harmless twin (the same mapping, a smaller canary). Needs terraform and TF_PROVIDER_MIRROR; says so when skipped.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planAndTimeShow } from "../../../bench/private/terraform-show";
import { loadModel } from "../../../guard/load";
import { IDENTITY_KINDS } from "../../../guard/review/compare/identity-mapping";
import { SERVING_KINDS } from "../../../guard/review/compare/stage-serving";
import { diffModels } from "../../../guard/review/diff";

const terraformOnPath = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
const mirror = process.env.TF_PROVIDER_MIRROR ?? "";
const canPlan = terraformOnPath && mirror !== "" && existsSync(mirror);
if (!canPlan) console.warn(`SKIPPED identity and serving plan test: ${terraformOnPath ? "TF_PROVIDER_MIRROR is not set" : "terraform is not on PATH"}`);

const API = "${aws_api_gateway_rest_api.api.id}";

function config(userSource: string, canary: { to: string; percent: number }): Record<string, unknown> {
  return {
    aws_api_gateway_rest_api: { api: { name: "pets" } },
    aws_api_gateway_resource: { pets: { rest_api_id: API, parent_id: "${aws_api_gateway_rest_api.api.root_resource_id}", path_part: "pets" } },
    aws_api_gateway_method: { get: { rest_api_id: API, resource_id: "${aws_api_gateway_resource.pets.id}", http_method: "GET", authorization: "AWS_IAM" } },
    aws_api_gateway_integration: {
      get: {
        rest_api_id: API,
        resource_id: "${aws_api_gateway_resource.pets.id}",
        http_method: "${aws_api_gateway_method.get.http_method}",
        type: "HTTP",
        integration_http_method: "GET",
        uri: "https://pets.internal.example.com/pets",
        request_parameters: { "integration.request.header.X-User-Id": userSource },
      },
    },
    aws_api_gateway_deployment: {
      main: {
        rest_api_id: API,
        triggers: { redeployment: "${sha1(jsonencode([aws_api_gateway_method.get, aws_api_gateway_integration.get]))}" },
        lifecycle: { create_before_destroy: true },
      },
      pinned: { rest_api_id: API, description: "pinned" },
    },
    aws_api_gateway_stage: {
      prod: {
        rest_api_id: API,
        stage_name: "prod",
        deployment_id: "${aws_api_gateway_deployment.main.id}",
        canary_settings: { deployment_id: `\${aws_api_gateway_deployment.${canary.to}.id}`, percent_traffic: canary.percent },
      },
    },
  };
}

const MINE = new Set<string>([...Object.values(IDENTITY_KINDS), ...Object.values(SERVING_KINDS)]);

(canPlan ? describe : describe.skip)("GIVEN a REST API planned offline with real terraform", () => {
  const dir = mkdtempSync(join(tmpdir(), "identity-plan-"));
  const plan = (name: string, cfg: Record<string, unknown>) => {
    mkdirSync(join(dir, name));
    const r = planAndTimeShow(join(dir, name), cfg, 1);
    if ("skipped" in r) throw new Error(r.skipped);
    return loadModel(r.planFile, { side: "after" });
  };
  // Planned in beforeAll, not in the describe body: jest runs a skipped describe's body too.
  let base: ReturnType<typeof plan>;
  beforeAll(() => {
    base = plan("base", config("context.identity.user", { to: "main", percent: 10 }));
  });
  const mine = (head: ReturnType<typeof plan>) =>
    diffModels(base, head)
      .changes.filter((c) => MINE.has(c.kind))
      .map((c) => [c.kind, c.message]);

  it("WHEN the head maps X-User-Id from the caller and moves the canary to a frozen deployment THEN both block", () => {
    const found = mine(plan("head", config("method.request.header.X-User-Id", { to: "pinned", percent: 10 })));
    expect(found).toEqual([
      ["identity-from-caller", expect.stringContaining("header X-User-Id now from the caller (method.request.header.X-User-Id)")],
      ["canary-not-verified", expect.stringContaining("serves aws_api_gateway_deployment.pinned")],
    ]);
  });

  it("WHEN the twin only shrinks the canary THEN nothing of theirs blocks", () => {
    expect(mine(plan("twin", config("context.identity.user", { to: "main", percent: 5 })))).toEqual([]);
  });
});
