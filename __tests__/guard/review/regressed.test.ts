// The review acts on the check: a finding the head has and the base does not blocks as control-regressed.
import { change } from "../../../guard/review/change";
import { markNewFindings, regressedControls } from "../../../guard/review/regressed";
import type { ReviewFinding } from "../../../guard/review/types";
import { main } from "../../../cli/review";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { only, synth } from "./fixtures/pairs";

const finding = (ruleId: string, severity: string, message: string, extra: Partial<ReviewFinding> = {}): ReviewFinding => ({
  ruleId,
  severity,
  message,
  address: "aws_x.y",
  ...extra,
});

describe("GIVEN check findings on base and head", () => {
  const waf = finding("stage-waf", "high", 'stage "dev": no aws_wafv2_web_acl_association', { address: "aws_api_gateway_stage.s" });

  it("WHEN the head has a high finding the base lacks THEN it blocks as control-regressed naming rule and finding", () => {
    const c = regressedControls([], [waf], []);
    expect(c.map((x) => [x.severity, x.kind])).toEqual([["blocking", "control-regressed"]]);
    expect(c[0].message).toContain("stage-waf (high)");
    expect(c[0].message).toContain("no aws_wafv2_web_acl_association");
  });

  it("WHEN the base already had it (under another address: a refactor) THEN nothing blocks and it is not marked new", () => {
    expect(regressedControls([{ ...waf, address: "aws_api_gateway_stage.old" }], [waf], [])).toEqual([]);
    expect(markNewFindings([waf], [waf])[0].new).toBeUndefined();
    expect(markNewFindings([], [waf])[0].new).toBe(true);
  });

  it("WHEN the base had the same rule on the same subject saying another thing THEN it still blocks, quoting what the base said", () => {
    const base = finding("deployment-stage-name", "high", "deployment creates stage intermediate (stage_name): it serves 6 route(s)");
    const head = finding("deployment-stage-name", "high", "deployment creates stage intermediate (stage_name): it serves 7 route(s)");
    const c = regressedControls([base], [head], []);
    expect(c.map((x) => [x.severity, x.kind])).toEqual([["blocking", "control-regressed"]]);
    expect(c[0].message).toBe(
      "the check's deployment-stage-name (high) says on the head what it did not on the base: deployment creates stage intermediate (stage_name): it serves 7 route(s) (the base: deployment creates stage intermediate (stage_name): it serves 6 route(s))",
    );
    // Another subject's finding is no base for this one: the base was clean here.
    expect(regressedControls([{ ...base, address: "aws_x.other" }], [head], [])[0].message).toContain("fails on the head and did not on the base");
  });

  it("WHEN it is below the threshold, waived, or about a resource a blocking change already names THEN it does not block", () => {
    expect(regressedControls([], [finding("stage-xray", "low", "x")], [])).toEqual([]);
    expect(regressedControls([], [waf], [], "critical")).toEqual([]);
    expect(regressedControls([], [{ ...waf, waived: "accepted" }], [])).toEqual([]);
    expect(regressedControls([], [waf], [change("waf-removed", "stage", "m", ["aws_api_gateway_stage.s"])])).toEqual([]);
  });

  it("WHEN the severity is one the review does not know THEN it blocks (fail closed)", () => {
    expect(regressedControls([], [finding("r", "severe", "m")], []).map((c) => c.kind)).toEqual(["control-regressed"]);
  });
});

describe("GIVEN npm run review on the sample with the shipped policies", () => {
  const dir = mkdtempSync(join(tmpdir(), "review-regressed-"));
  const base = synth("dev");
  const head = synth("dev");
  // X-Ray off is not an authorization change, but the check's stage-xray rule sees it.
  only(head, "aws_api_gateway_stage")["xray_tracing_enabled"] = false;
  writeFileSync(join(dir, "base.json"), JSON.stringify(base));
  writeFileSync(join(dir, "head.json"), JSON.stringify(head));
  const run = (extra: string[]) => {
    let out = "";
    const code = main(["--base", join(dir, "base.json"), "--head", join(dir, "head.json"), "--policy", "policies", "--format", "json", ...extra], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
      writeFile: () => undefined,
    });
    return { code, report: JSON.parse(out) as { changes: { kind: string; severity: string }[] } };
  };

  it("WHEN a finding appears at or above --fail-on THEN control-regressed blocks; with a higher --fail-on it does not", () => {
    const low = run(["--fail-on", "low"]);
    expect(low.report.changes.filter((c) => c.severity === "blocking").map((c) => c.kind)).toContain("control-regressed");
    expect(low.code).toBe(1);
    const critical = run(["--fail-on", "critical"]);
    expect(critical.report.changes.map((c) => c.kind)).not.toContain("control-regressed");
  });
});
