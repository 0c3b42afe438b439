// A cognito-identity trust is closed only by conditions that say the right thing: aud equal to a pool id (not
// a wildcard, not negated) and amr "authenticated" (not "unauthenticated"). Having the keys is not enough.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { modelFromDocument } from "../../guard/load";
import { loadPolicies } from "../../guard/policy/load";
import { RULES } from "../../guard/rules";
import { CognitoGroupRoleTrust } from "../../guard/rules/iam/cognito-group-role-trust";

const FIX = join(__dirname, "fixtures");
const policies = loadPolicies(join(FIX, "shop.policy.yaml"), RULES);

function withTrust(condition: Record<string, Record<string, string | string[]>>) {
  const doc = JSON.parse(readFileSync(join(FIX, "compliant.tf.json"), "utf8")) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  doc.resource["aws_iam_role"]["admins"]["assume_role_policy"] = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition }],
  });
  return CognitoGroupRoleTrust.check(modelFromDocument(doc, "d.tf.json"), policies).map((f) => f.message);
}

const AUD = { "cognito-identity.amazonaws.com:aud": "eu-west-1:11111111-2222-3333-4444-555555555555" };
const AMR = { "cognito-identity.amazonaws.com:amr": "authenticated" };

test("GIVEN aud equals one identity pool and amr is authenticated THEN the trust is closed", () => {
  expect(withTrust({ StringEquals: AUD, "ForAnyValue:StringLike": AMR })).toEqual([]);
});

test.each([
  [
    "amr admits unauthenticated identities",
    "amr",
    { StringEquals: AUD, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" } },
  ],
  ["amr is a wildcard", "amr", { StringEquals: AUD, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "*" } }],
  ["aud is a wildcard", "aud", { StringLike: { "cognito-identity.amazonaws.com:aud": "*" }, "ForAnyValue:StringLike": AMR }],
  ["aud is negated", "aud", { StringNotEquals: AUD, "ForAnyValue:StringLike": AMR }],
] as const)("GIVEN %s THEN the rule fires about %s", (_n, key, condition) => {
  const messages = withTrust(condition);
  expect(messages.some((m) => m.includes(`:${key}`))).toBe(true);
});
