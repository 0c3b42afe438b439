// A Lambda authorizer's invoke permission names this API, not every API Gateway in the account. The gaps are
// defined once in guard/access/stages.ts (the review blocks on the same).
import { authorizerPermissionGaps } from "../../access/stages";
import type { Rule } from "../types";

export const LambdaAuthorizerPermissionScoped: Rule = {
  id: "lambda-authorizer-permission-scoped",
  title: "Lambda authorizer invoke permission is scoped to this API",
  severity: "high",
  rationale:
    "A lambda:InvokeFunction permission for apigateway.amazonaws.com without a source_arn (or with a wildcard API) " +
    "lets any API Gateway API in any account that knows the function ARN use it as its authorizer and probe it.",
  equivalents: {},
  check: (model) =>
    authorizerPermissionGaps(model).map((g) => ({
      address: g.address,
      message: g.message,
      file: g.resource.source.file,
      ...(g.kind === "missing" ? { severity: "medium" as const } : {}),
    })),
};
