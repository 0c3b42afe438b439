// Functions no API reaches (fixtures/open-function-plan, our own Terraform planned offline): a function URL that
// anyone calls and a Lambda permission for any AWS account are endpoints of their own and are reported, critical,
// by backend-doors-intended, and the first run names them; their twins, an AWS_IAM URL and a schedule scoped to its
// rule, stay quiet. Before, such a plan gave "open to anyone: no route" and no finding at all.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../cli/check";
import { doorsOf } from "../../../guard/access/doors";
import { loadModel } from "../../../guard/load";
import { BackendDoorsIntended } from "../../../guard/rules/access/backend-doors-intended";

const PLAN = join(__dirname, "fixtures", "open-function-plan", "plan.json");
const model = loadModel(PLAN);

/** Runs the check from a fresh folder (no ./policies), as a user who just installed it would. */
function runIn(...argv: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "open-function-"));
  const cwd = process.cwd();
  let out = "";
  let err = "";
  process.chdir(dir);
  try {
    return { code: main(argv, { out: (s) => (out += s), err: (s) => (err += s) }), out, err };
  } finally {
    process.chdir(cwd);
  }
}

describe("a door that opens a function no API reaches", () => {
  test("GIVEN a NONE function URL and a permission for * THEN each is a critical finding; the AWS_IAM URL and the scoped schedule THEN quiet", () => {
    const findings = BackendDoorsIntended.check(model, { policies: [] });
    expect(findings.map((f) => [f.severity, f.address])).toEqual([
      ["critical", "aws_lambda_function.orders_export"],
      ["critical", "aws_lambda_function.refunds"],
    ]);
    expect(findings[0]?.message).toContain("door function URL (NONE) (`function-url:shop-orders-export`) is not intended");
    expect(findings[0]?.message).toContain("anyone on the internet");
    expect(findings[1]?.message).toContain("any AWS principal in any account");
  });

  test("GIVEN such a function THEN the graph holds it with its open doors only; functions with no open door THEN are no target", () => {
    const targets = doorsOf(model).map((t) => [t.target.label, t.doors.map((d) => d.kind)]);
    expect(targets).toEqual([
      ["shop-orders-export", ["function-url"]],
      ["shop-refunds", ["lambda-permission"]],
    ]);
  });

  test("GIVEN no policy and no API WHEN the check runs THEN it names the open doors, fails, and points to a baseline, not to --init-policy", () => {
    const run = runIn(PLAN);
    expect(run.code).toBe(1);
    expect(run.err).toContain("check: note: open to anyone: no route\n");
    expect(run.err).toContain(
      "check: note: open without any API in front: 2 door(s): shop-orders-export: function URL (NONE), shop-refunds: Lambda permission aws_lambda_permission.refunds_anyone (lambda:InvokeFunction for *) (rule backend-doors-intended)",
    );
    expect(run.err).toContain("no API to draft a policy for: accept a door meant to stay open with an entry in a baseline");
    expect(run.err).not.toContain("--init-policy");
  });
});
