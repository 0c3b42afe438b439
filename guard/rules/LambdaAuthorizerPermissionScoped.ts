// A Lambda authorizer's invoke permission names this API, not every API Gateway in the account.
import { isUnknown } from "../model";
import { known, show } from "./private/context";
import type { Rule, RuleFinding } from "./types";

export const LambdaAuthorizerPermissionScoped: Rule = {
  id: "lambda-authorizer-permission-scoped",
  title: "Lambda authorizer invoke permission is scoped to this API",
  severity: "high",
  rationale:
    "A lambda:InvokeFunction permission for apigateway.amazonaws.com without a source_arn (or with a wildcard API) " +
    "lets any API Gateway API in any account that knows the function ARN use it as its authorizer and probe it.",
  equivalents: {},
  check(model) {
    const out: RuleFinding[] = [];
    for (const a of model.authorizers) {
      if (a.lambdaFunctionAddress === undefined) {
        if (a.type === "TOKEN" || a.type === "REQUEST") {
          out.push({ address: a.address, message: `Lambda authorizer ${show(a.name)}: authorizer_uri ${show(a.authorizerUri)} does not resolve to a Lambda function`, file: a.resource.source.file });
        }
        continue;
      }
      const perms = model.lambdaPermissions.filter(
        (p) => p.resource.source.stack === a.resource.source.stack && p.functionAddress === a.lambdaFunctionAddress && p.principal === "apigateway.amazonaws.com",
      );
      if (perms.length === 0) {
        out.push({ address: a.address, message: `Lambda authorizer ${show(a.name)}: no lambda permission lets API Gateway invoke ${a.lambdaFunctionAddress}`, file: a.resource.source.file, severity: "medium" });
      }
      const api = a.api;
      for (const p of perms) {
        const src = p.sourceArn;
        const text = src === undefined ? undefined : isUnknown(src) ? src.expression : src;
        const namesApi =
          api !== undefined &&
          (p.sourceArnReferences.includes(api.address) || (text !== undefined && known(api.resource.values["id"]) && text.includes(String(api.resource.values["id"]))));
        if (src === undefined) out.push({ address: p.address, message: `permission for authorizer ${show(a.name)} has no source_arn: any API Gateway API may invoke it`, file: p.resource.source.file });
        else if (!namesApi) out.push({ address: p.address, message: `permission for authorizer ${show(a.name)} has source_arn ${show(src)}, which does not name its REST API`, file: p.resource.source.file });
        else if (text !== undefined && /execute-api:[^:]*:[^:]*:\*/.test(text)) out.push({ address: p.address, message: `permission source_arn ${text} wildcards the API id`, file: p.resource.source.file });
      }
    }
    return out;
  },
};
