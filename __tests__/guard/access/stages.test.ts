// Stage exposures and authorizer permission gaps (guard/access/stages.ts) over the real sample synth.
import { authorizerPermissionGaps, stageExposures } from "../../../guard/access/stages";
import { modelFromDocument } from "../../../guard/load";
import { DeploymentStageName } from "../../../guard/rules/apigateway/deployment-stage-name";
import { synth, type Doc } from "../review/fixtures/pairs";
import { STAGE_PAIRS } from "./pairs/stages";

const model = (d: Doc) => modelFromDocument(d, "x.cdk.tf.json");
const noPolicies = { policies: [] } as unknown as Parameters<typeof DeploymentStageName.check>[1];
const mutated = (name: string): Doc => {
  const d = synth(STAGE_PAIRS[name].env);
  STAGE_PAIRS[name].mutate(d);
  return d;
};

describe("GIVEN the samples", () => {
  it.each(["dev", "prod"] as const)(
    "WHEN the %s stages are read THEN the one stage has WAF, logging and limits, and no authorizer permission is open",
    (env) => {
      const m = model(synth(env));
      expect(stageExposures(m).map((s) => [s.implicit, s.waf, s.accessLogging, s.executionLogging, s.limits])).toEqual([[false, true, true, true, true]]);
      expect(authorizerPermissionGaps(m)).toEqual([]);
      expect(DeploymentStageName.check(m, noPolicies)).toEqual([]);
    },
  );
});

describe("GIVEN a second way into the API", () => {
  it("WHEN a bare stage is added THEN it is exposed without controls and lists the API's routes", () => {
    const canary = stageExposures(model(mutated("stage-second-without-controls"))).find((s) => s.stageName === "canary");
    expect(canary).toMatchObject({ implicit: false, waf: false, accessLogging: false, executionLogging: false, limits: false });
    expect(canary?.routes).toContain("GET /pets");
  });

  it("WHEN the deployment names a stage THEN the implicit stage is exposed and deployment-stage-name fires", () => {
    const m = model(mutated("deployment-stage-name"));
    expect(
      stageExposures(m)
        .filter((s) => s.implicit)
        .map((s) => s.key),
    ).toEqual(["petstore-dev/canary"]);
    expect(DeploymentStageName.check(m, noPolicies).map((f) => f.message)).toEqual([expect.stringContaining("deployment creates stage canary")]);
  });

  it("WHEN an authorizer permission loses its source_arn THEN the gap says any API may invoke it", () => {
    expect(authorizerPermissionGaps(model(mutated("authorizer-permission-no-source")))).toEqual([
      expect.objectContaining({ kind: "unscoped", message: 'permission for authorizer "jwt-token" has no source_arn: any API Gateway API may invoke it' }),
    ]);
  });
});
