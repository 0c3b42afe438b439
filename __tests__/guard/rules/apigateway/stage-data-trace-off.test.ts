// stage-data-trace-off beyond its fixtures: data trace on one method (not only */*), a value known only after apply
// (never a pass), and settings that leave it out (API Gateway's default: off).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadModel, modelFromDocument } from "../../../../guard/load";
import { StageDataTraceOff } from "../../../../guard/rules/apigateway/stage-data-trace-off";

type Doc = { resource: Record<string, Record<string, Record<string, unknown>>> };

const FAIL = join(__dirname, "stage-data-trace-off", "fail.tf.json");

/** The fail fixture with its one method settings resource's fields replaced. */
function withSettings(edit: (settings: Record<string, unknown>, resource: Record<string, unknown>) => void): string[] {
  const doc = JSON.parse(readFileSync(FAIL, "utf8")) as Doc;
  const resource = Object.values(doc.resource["aws_api_gateway_method_settings"] ?? {})[0];
  if (resource === undefined) throw new Error("fixture has no method settings");
  edit(resource["settings"] as Record<string, unknown>, resource);
  return StageDataTraceOff.check(modelFromDocument(doc), { policies: [] }).map((f) => f.message);
}

describe("stage-data-trace-off", () => {
  test("GIVEN data trace on for one method only WHEN checked THEN that method path is reported", () => {
    const found = withSettings((_, r) => (r["method_path"] = "pets/GET"));
    expect(found).toEqual(['stage "dev": data_trace_enabled is true for "pets/GET": full requests (Authorization headers, API keys) go to CloudWatch']);
  });

  test("GIVEN data_trace_enabled from a variable WHEN checked THEN it is not verified, not a pass", () => {
    const found = withSettings((s) => (s["data_trace_enabled"] = "${var.debug}"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/data_trace_enabled for "\*\/\*" is \(known after apply: .*var\.debug.*\): not verified$/);
  });

  test("GIVEN settings that leave data_trace_enabled out WHEN checked THEN nothing is reported (off by default)", () => {
    expect(withSettings((s) => delete s["data_trace_enabled"])).toEqual([]);
  });

  test("GIVEN a terraform show -json plan whose settings leave data_trace_enabled out (computed by the provider) WHEN checked THEN nothing is reported", () => {
    const model = loadModel(join(__dirname, "..", "..", "fixtures", "compliant.plan.json"));
    expect(model.stages.flatMap((s) => s.methodSettings)).not.toHaveLength(0);
    expect(StageDataTraceOff.check(model, { policies: [] })).toEqual([]);
  });
});
