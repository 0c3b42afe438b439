// cognito-group-role-trust on trust policies a plan knows in part (fixture trust-partly-known: our Terraform, a real
// plan). Found on the corpus (wrapper.js): a trust policy with one value known only after apply was judged as a
// whole. What is known is judged; only a statement whose principal is unknown is "not verified"; an aud condition
// whose value is this configuration's identity pool id (known only after apply) closes the trust.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadModel, modelFromDocument } from "../../../guard/load";
import { CognitoGroupRoleTrust } from "../../../guard/rules/iam/cognito-group-role-trust";

const PLAN = join(__dirname, "..", "load", "modules", "fixtures", "trust-partly-known", "plan.json");
const model = loadModel(PLAN);
const messages = (address: string) =>
  CognitoGroupRoleTrust.check(model, { policies: [] })
    .filter((f) => f.address === address)
    .map((f) => f.message);

test("GIVEN a data-source trust: Federated cognito-identity, aud = the identity pool's id (unknown), amr authenticated THEN closed: no finding", () => {
  expect(messages("aws_iam_role.closed")).toEqual([]);
});

test("GIVEN a known statement without amr beside a statement whose principal is unknown THEN the first is judged, the second not verified", () => {
  expect(messages("aws_iam_role.mixed")).toEqual([
    'cognito-identity.amazonaws.com trust without a cognito-identity.amazonaws.com:amr condition requiring "authenticated" (unauthenticated identities)',
    "trust policy statement 2: principal aws_iam_role.ops.arn is known only after apply: not verified",
  ]);
});

test("GIVEN the corpus's heredoc with one interpolation THEN not verified, saying the plan shows none of its text and how to make it judgeable", () => {
  const [m, ...rest] = messages("aws_iam_role.heredoc");
  expect(rest).toEqual([]);
  expect(m).toContain("trust policy (known after apply: aws_cognito_identity_pool.ids.id) cannot be checked before apply");
  expect(m).toContain("aws_iam_policy_document");
});

test("GIVEN the closed trust's aud value coming from something else known only after apply (another role's ARN) THEN not verified, never closed", () => {
  const doc = JSON.parse(readFileSync(PLAN, "utf8")) as {
    configuration: { root_module: { resources: { address: string; expressions: Record<string, unknown> }[] } };
  };
  const closed = doc.configuration.root_module.resources.find((r) => r.address === "data.aws_iam_policy_document.closed");
  if (closed === undefined) throw new Error("fixture: no data.aws_iam_policy_document.closed");
  closed.expressions = JSON.parse(
    JSON.stringify(closed.expressions)
      .replaceAll("aws_cognito_identity_pool.ids", "aws_iam_role.ops")
      .replaceAll("aws_iam_role.ops.id", "aws_iam_role.ops.arn"),
  ) as Record<string, unknown>;
  const edited = modelFromDocument(doc, PLAN);
  expect(
    CognitoGroupRoleTrust.check(edited, { policies: [] })
      .filter((f) => f.address === "aws_iam_role.closed")
      .map((f) => f.message),
  ).toEqual([
    "cognito-identity.amazonaws.com trust: the cognito-identity.amazonaws.com:aud condition's value is known only after apply and names no identity pool: not verified",
  ]);
});
