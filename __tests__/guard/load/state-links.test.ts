// A `terraform show -json` state carries no references: links are made by value. A resource matched by two of its
// own attributes (an IAM policy's id equals its arn, a role's id its name) is that one resource, not an ambiguity.
import { modelFromDocument } from "../../../guard/load";

const res = (type: string, name: string, values: Record<string, unknown>) => ({ address: `${type}.${name}`, mode: "managed", type, name, values });

test("GIVEN a state whose attachment names a policy by ARN and a role by name THEN the policy applies to that role", () => {
  const arn = "arn:aws:iam::111122223333:policy/invoke";
  const doc = {
    format_version: "1.0",
    values: {
      root_module: {
        resources: [
          res("aws_iam_role", "r", { id: "reporting", name: "reporting", arn: "arn:aws:iam::111122223333:role/reporting", assume_role_policy: "{}" }),
          res("aws_iam_policy", "p", { id: arn, arn, name: "invoke", policy: '{"Version":"2012-10-17","Statement":[]}' }),
          res("aws_iam_role_policy_attachment", "a", { id: "reporting-invoke", role: "reporting", policy_arn: arn }),
        ],
      },
    },
  };
  const managed = modelFromDocument(doc, "state.json").iamPolicies.find((p) => p.kind === "managed");
  expect(managed?.roleAddresses).toEqual(["aws_iam_role.r"]);
});
