// A Lambda authorizer's invoke permission names this API, not every API Gateway in the account. The gaps are
// defined once in guard/access/stages.ts (the review blocks on the same).
import { plain } from "../../access/lookups";
import { authorizerPermissionGaps } from "../../access/stages";
import type { Rule } from "../types";

export const LambdaAuthorizerPermissionScoped: Rule = {
  id: "lambda-authorizer-permission-scoped",
  title: "Lambda authorizer invoke permission is scoped to this API",
  severity: "high",
  rationale:
    "A lambda:InvokeFunction permission for apigateway.amazonaws.com without a source_arn (or with a wildcard API) " +
    "lets any API Gateway API in any account that knows the function ARN use it as its authorizer and probe it. An " +
    "authorizer whose function is an ARN outside this configuration is not verified: the permissions here that name " +
    "it are judged (matched by name, qualifier, and the region and account they state), what it admits and any " +
    "permission granted elsewhere are not seen.",
  equivalents: {},
  check: (model) =>
    authorizerPermissionGaps(model).map((g) => ({
      address: g.address,
      // One gap per authorizer a permission (or the authorizer itself) serves, by kind; an unscoped permission by its
      // source_arn too, so a wider one (none at all, a wildcard) is another finding.
      detail: `${g.kind} ${g.authorizer.address}${g.kind === "unscoped" ? ` source_arn=${plain(g.resource.values["source_arn"] ?? null)}` : ""}`,
      message: g.message,
      file: g.resource.source.file,
      // No permission (API Gateway cannot call it), or a function outside whose permissions here were judged.
      ...(g.kind === "missing" || g.kind === "external" ? { severity: "medium" as const } : {}),
    })),
};
