// execute-api-invoke-scoped on depth: a grant whose `*` crosses `/` below its route is a finding unless a Deny on the
// same role covers the deeper paths (what constructs/invoke-grants.ts writes). Fixtures: the frozen real dev synth.
import { join } from "node:path";
import { modelFromDocument } from "../../guard/load";
import { loadPolicies } from "../../guard/policy/load";
import { RULES } from "../../guard/rules";
import { ExecuteApiInvokeScoped } from "../../guard/rules/iam/execute-api-invoke-scoped";
import { synth, type Doc, type Json } from "./review/fixtures/pairs";

const policies = loadPolicies(join(__dirname, "..", "..", "policies"), RULES);
const REPORTING = "invoke_invoke-role-reporting_B0D8C99C";

type Statement = { Effect: string; Action: string; Resource: string; Condition?: Json };

function editInvoke(d: Doc, name: string, edit: (statements: Statement[]) => Statement[]): void {
  const p = d.resource["aws_iam_role_policy"][name];
  const doc = JSON.parse(String(p["policy"])) as { Statement: Statement[] };
  doc.Statement = edit(doc.Statement);
  p["policy"] = JSON.stringify(doc);
}

function findings(change: (d: Doc) => void = () => undefined) {
  const doc = synth("dev");
  change(doc);
  return ExecuteApiInvokeScoped.check(modelFromDocument(doc, "petstore-dev.cdk.tf.json"), policies);
}

const withoutDeny = (s: Statement[]): Statement[] => s.filter((x) => x.Effect !== "Deny");

describe("GIVEN the real dev synth, whose invoke grants are GET/reports/* with a Deny on GET/reports/*/*", () => {
  test("Compliance: the generated grants are quiet", () => {
    expect(findings()).toEqual([]);
  });

  test("Noncompliance 1: the reporting grant without its Deny reaches /reports/{id}/anything", () => {
    const out = findings((d) => editInvoke(d, REPORTING, withoutDeny));
    expect(out).toEqual([
      expect.objectContaining({
        address: `aws_iam_role_policy.${REPORTING}`,
        severity: "high",
        message: expect.stringContaining('GET/reports/*/*" or grant exact ARNs'),
      }),
    ]);
  });

  test("Noncompliance 2: a Deny with a condition may not apply, so it does not count", () => {
    const out = findings((d) =>
      editInvoke(d, REPORTING, (s) => s.map((x) => (x.Effect === "Deny" ? { ...x, Condition: { Bool: { "aws:ViaAWSService": "true" } } } : x))),
    );
    expect(out.map((f) => f.address)).toEqual([`aws_iam_role_policy.${REPORTING}`]);
  });

  test("Noncompliance 3: a narrower Deny (only .../pdf) leaves the rest of the deeper paths open", () => {
    const out = findings((d) =>
      editInvoke(d, REPORTING, (s) => s.map((x) => (x.Effect === "Deny" ? { ...x, Resource: x.Resource.replace(/\*\/\*$/, "*/pdf") } : x))),
    );
    expect(out).toHaveLength(1);
  });

  test("Noncompliance 4: a `*` stage can swallow a stage, verb and path, so it needs its own Deny", () => {
    const out = findings((d) =>
      editInvoke(d, REPORTING, (s) =>
        s.map((x) => (x.Effect === "Allow" ? { ...x, Resource: x.Resource.replace(/\$\{aws_api_gateway_stage\.[^}]+\}/, "*") } : x)),
      ),
    );
    expect(out).toEqual([expect.objectContaining({ message: expect.stringMatching(/execution_arn\}\/\*\/\*\/GET\/reports\/\*"/) })]);
  });

  test("Compliance 2: the Deny in another policy on the same role still keeps the grant exact", () => {
    const out = findings((d) => {
      let deny: Statement[] = [];
      editInvoke(d, REPORTING, (s) => {
        deny = s.filter((x) => x.Effect === "Deny");
        return withoutDeny(s);
      });
      const role = d.resource["aws_iam_role_policy"][REPORTING]["role"];
      d.resource["aws_iam_role_policy"]["reporting_deny"] = { name: "deny-deeper", role, policy: JSON.stringify({ Version: "2012-10-17", Statement: deny }) };
    });
    expect(out).toEqual([]);
  });

  test("Compliance 3: a {proxy+} route reaches deeper paths by design, so its grant needs no Deny", () => {
    const out = findings((d) => {
      d.resource["aws_api_gateway_resource"]["api_resource-reports-_reportId__991A2D96"]["path_part"] = "{proxy+}";
      for (const name of [REPORTING, "invoke_invoke-group-admins_0D4D2B29"]) editInvoke(d, name, withoutDeny);
    });
    expect(out).toEqual([]);
  });
});
