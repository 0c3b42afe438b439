// Explicit Deny in "what a role can reach" (guard/access/iam.ts): the review's invoker facts, its IAM comparer and
// the check read one definition. A route an unconditional Deny of a role refuses has no such invoker; a Deny the
// head no longer has names the routes it now reaches, or the pattern when no route is there yet.
import { modelFromDocument } from "../../../guard/load";
import { executeApiOverlap } from "../../../guard/access/iam-deny";
import { arnGlobsOverlap } from "../../../kernel/match/route";
import { diffModels } from "../../../guard/review/diff";
import { only, synth, type Doc, type Json } from "../review/fixtures/pairs";

const API = "${aws_api_gateway_rest_api.api_4F59AA66.execution_arn}/${aws_api_gateway_stage.stage_59CE5186.stage_name}";

/** A route GET /reports/{reportId}/x (AWS_IAM) granted exactly to the staff group role. */
function addDeeperRoute(d: Doc): void {
  d.resource["aws_api_gateway_resource"]["api_resource-x"] = {
    parent_id: "${aws_api_gateway_resource.api_resource-reports-_reportId__991A2D96.id}",
    path_part: "x",
    rest_api_id: "${aws_api_gateway_rest_api.api_4F59AA66.id}",
  };
  d.resource["aws_api_gateway_method"]["api_method-x"] = {
    authorization: "AWS_IAM",
    http_method: "GET",
    resource_id: "${aws_api_gateway_resource.api_resource-x.id}",
    rest_api_id: "${aws_api_gateway_rest_api.api_4F59AA66.id}",
  };
  d.resource["aws_iam_role_policy"]["invoke-x"] = {
    name: "invoke-x",
    role: "${aws_iam_role.identity_group-role-staff_4DACFB85.name}",
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: `${API}/GET/reports/*/x` }] }),
  };
}

function dropReportingDeny(d: Doc): void {
  const p = only(d, "aws_iam_role_policy", "invoke-role-reporting");
  const doc = JSON.parse(String(p["policy"])) as { Statement: Json[] };
  doc.Statement = doc.Statement.filter((s) => s["Effect"] !== "Deny");
  p["policy"] = JSON.stringify(doc);
}

function review(both: (d: Doc) => void, head: (d: Doc) => void) {
  const b = synth("dev");
  const h = synth("dev");
  both(b);
  both(h);
  head(h);
  return diffModels(modelFromDocument(b, "base.cdk.tf.json"), modelFromDocument(h, "head.cdk.tf.json"));
}

describe("GIVEN the real dev synth, whose reporting role is granted GET/reports/* and denied GET/reports/*/*", () => {
  test("WHEN a route GET /reports/{reportId}/x is added for the staff group THEN the roles the Deny refuses are not its callers", () => {
    const report = review(() => undefined, addDeeperRoute);
    const added = report.routes.find((r) => r.status === "added" && r.route === "GET /reports/{reportId}/x");
    expect(added?.after?.invokers).toEqual(["role petstore-dev-group-staff"]);
  });

  test("WHEN that route exists on both sides and the head drops the reporting Deny THEN the review names it as now reachable", () => {
    const report = review(addDeeperRoute, dropReportingDeny);
    const blocking = report.changes.filter((c) => c.severity === "blocking");
    expect(blocking.map((c) => c.kind).sort()).toEqual(["iam-deny-removed", "iam-invokers-widened", "invoker-added"]);
    const lost = blocking.find((c) => c.kind === "iam-deny-removed");
    expect(lost?.message).toContain("GET/reports/*/*");
    expect(lost?.message).toContain("it can now invoke petstore-dev GET /reports/{reportId}/x");
  });

  test("WHEN no route is below /reports/{reportId} and the Deny is dropped THEN the review names the pattern and the route it lay below", () => {
    const report = review(() => undefined, dropReportingDeny);
    const [lost] = report.changes.filter((c) => c.kind === "iam-deny-removed");
    expect(lost.subject).toBe("role petstore-dev-invoker-reporting");
    expect(lost.message).toMatch(
      /every request matching GET\/reports\/\*\/\* \(below petstore-dev GET \/reports\/\{reportId\}\) is now allowed, including any route added there later/,
    );
  });
});

describe("GIVEN two ARN globs", () => {
  test.each([
    ["GET/reports/*", "GET/reports/*/*", true],
    ["GET/reports/*/pdf", "GET/reports/a/*", true],
    ["GET/pets", "GET/reports/*/*", false],
    ["GET/reports/?", "GET/reports/ab", false],
    ["*", "anything", true],
  ])("%s and %s overlap: %s", (a, b, want) => {
    expect(arnGlobsOverlap(a, b)).toBe(want);
  });

  test("execute-api resources of different APIs never overlap; an API known only by id may be any", () => {
    expect(executeApiOverlap(`${API}/GET/reports/*`, "${aws_api_gateway_rest_api.other.execution_arn}/*/GET/reports/*/*")).toBe(false);
    expect(executeApiOverlap(`${API}/GET/reports/*`, "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/GET/reports/*/*")).toBe(true);
    expect(executeApiOverlap(`${API}/GET/reports/*`, "arn:aws:s3:::bucket/*")).toBe(false);
  });
});
