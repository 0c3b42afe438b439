// The review on data trace: turning data_trace_enabled on hands whoever reads the stage's log group the callers'
// credentials, so the change blocks as a widened attribute judged by stage-data-trace-off (it counted as widening only
// when turned off before); turning it off does not block.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../cli/review";
import { only, synth } from "./fixtures/pairs";

type Change = { kind: string; severity: string; subject: string; message: string };

function review(baseTrace: boolean, headTrace: boolean): { code: number; blocking: Change[] } {
  const dir = mkdtempSync(join(tmpdir(), "review-data-trace-"));
  const [base, head] = [synth("dev"), synth("dev")];
  (only(base, "aws_api_gateway_method_settings")["settings"] as Record<string, unknown>)["data_trace_enabled"] = baseTrace;
  (only(head, "aws_api_gateway_method_settings")["settings"] as Record<string, unknown>)["data_trace_enabled"] = headTrace;
  writeFileSync(join(dir, "base.json"), JSON.stringify(base));
  writeFileSync(join(dir, "head.json"), JSON.stringify(head));
  let out = "";
  const code = main(["--base", join(dir, "base.json"), "--head", join(dir, "head.json"), "--policy", "policies", "--format", "json"], {
    stdout: (t) => (out += t),
    stderr: () => undefined,
    writeFile: () => undefined,
  });
  const report = JSON.parse(out) as { changes: Change[] };
  return { code, blocking: report.changes.filter((c) => c.severity === "blocking") };
}

describe("GIVEN the sample's dev stack reviewed with the shipped policies", () => {
  it("WHEN the head turns data trace on THEN the review blocks the attribute, naming stage-data-trace-off", () => {
    const r = review(false, true);
    expect(r.code).toBe(1);
    expect(r.blocking.map((c) => [c.kind, c.subject, c.message])).toEqual([
      [
        "attribute-widened",
        "aws_api_gateway_method_settings.stage_method-settings_A4B82F51",
        "settings.data_trace_enabled: false → true (judged by rule stage-data-trace-off; turning it on widens)",
      ],
    ]);
  });

  it("WHEN the head turns it off (the harmless twin) THEN nothing blocks", () => {
    const r = review(true, false);
    expect(r.blocking).toEqual([]);
    expect(r.code).toBe(0);
  });
});
