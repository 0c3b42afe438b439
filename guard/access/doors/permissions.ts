// Lambda resource permissions as doors: `aws_lambda_permission` on a target function that is not one of the
// configuration's APIs invoking it (a source_arn built on an API's execution_arn is that API's route plumbing).
// Another API's (a literal id of no API here, a wildcard id, no source_arn), another account, "*" (narrowed only by
// principal_org_id or not at all).
import { isUnknown, type LambdaPermission, type Model } from "../../model";
import { textOf } from "./refs";
import { notVerified, type Principal } from "./types";

// An API, or one of its deployments or stages (their execution_arn is the API's, narrowed to the stage).
const API_TYPES =
  /^(?:module\.[\w-]+(?:\[[^\]]*\])?\.)*aws_(?:api_gateway_rest_api|apigatewayv2_api|api_gateway_deployment|api_gateway_stage|apigatewayv2_stage)\./;
const ACCOUNT = /^(?:\d{12}|arn:aws[\w-]*:iam::(\d{12}):root)$/;

/**
 * `arn:aws:execute-api:<region>:<account>:<api id>/...`: under an execution ARN (any stage and route, or one route
 * such as `.../dev/GET/pets` or `.../dev/$default`): the execution ARN, its region, the API id.
 */
const EXECUTION_ARN = /^(arn:aws[\w-]*:execute-api:([a-z0-9-]+):\d{12}:([a-z0-9]+))\//;
const API_ARN_REGION = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+):/;

/**
 * The permission is the configuration's own API invoking the function: its source_arn is that API's execution ARN,
 * by reference, or by value (a state document, the live audit) naming the id and region of exactly one API of the
 * permission's stack, and its account where the API's execution_arn is known (another account's API of the same
 * id is not this one).
 */
export function isApiPlumbing(model: Model, p: LambdaPermission): boolean {
  if (p.principal !== "apigateway.amazonaws.com" || p.sourceArn === undefined) return false;
  if (p.sourceArnReferences.some((r) => API_TYPES.test(r))) return true;
  const arn = typeof p.sourceArn === "string" ? EXECUTION_ARN.exec(p.sourceArn) : null;
  if (arn === null) return false;
  const stack = p.resource.source.stack;
  const apis = model.resources.filter(
    (r) =>
      r.mode === "managed" &&
      r.source.stack === stack &&
      (r.type === "aws_api_gateway_rest_api" || r.type === "aws_apigatewayv2_api") &&
      r.values["id"] === arn[3] &&
      typeof r.values["arn"] === "string" &&
      API_ARN_REGION.exec(r.values["arn"])?.[1] === arn[2] &&
      (typeof r.values["execution_arn"] !== "string" || r.values["execution_arn"] === arn[1]),
  );
  return apis.length === 1;
}

/** `arn:<partition>:execute-api:<region>:<account>:<api id>[/...]` with its wildcards: the APIs a source ARN names. */
const EXECUTE_API_SOURCE = /^arn:[^:]*:execute-api:([^:]*):([^:]*):([^/]*)/;
const WILDCARD = /[*?]/;

/**
 * Who API Gateway lets through a permission that is none of this configuration's APIs (the caller has ruled out
 * plumbing): whoever that other API admits, which nothing here shows. Not verified; and with no source_arn (or one
 * whose account is a wildcard) and no source_account, any API of any AWS account, as open as a permission for "*".
 */
function otherApiPrincipals(p: LambdaPermission): Principal[] {
  const source = p.sourceArn;
  const sourceText = source === undefined ? undefined : textOf(source);
  const sourceAccount = textOf(p.resource.values["source_account"]);
  const arn = typeof source === "string" ? EXECUTE_API_SOURCE.exec(source) : null;
  const [, , account, api] = arn ?? [];
  const anyAccount = source === undefined || (account !== undefined && (account === "" || WILDCARD.test(account)));
  if (anyAccount && sourceAccount === undefined)
    return [
      {
        kind: "aws-any",
        text: `any API Gateway API of any AWS account (${source === undefined ? "no source_arn" : `source ${sourceText ?? ""}`}) and whoever it admits`,
      },
    ];
  const which =
    source === undefined
      ? "any API"
      : api === undefined
        ? `the API of source ${sourceText ?? "known after apply"}`
        : api === "" || WILDCARD.test(api)
          ? `any API matching ${sourceText ?? ""}`
          : `API ${api}`;
  const of = sourceAccount ?? (account !== undefined && account !== "" && !WILDCARD.test(account) ? account : undefined);
  return [notVerified(`${which}${of !== undefined ? ` of account ${of}` : ""} is no API of this configuration: who it admits is not seen here`)];
}

/** Who a permission lets invoke the function (its action aside), or why that cannot be read. */
export function permissionPrincipals(p: LambdaPermission): Principal[] {
  const principal = p.principal;
  if (isUnknown(principal)) return [notVerified(`principal ${textOf(principal) ?? "known after apply"}`)];
  if (principal === "apigateway.amazonaws.com") return otherApiPrincipals(p);
  const source = p.sourceArn;
  const sourceText = source === undefined ? undefined : textOf(source);
  const from =
    source === undefined
      ? "any source in any account"
      : isUnknown(source) && p.sourceArnReferences.length === 0
        ? `source ${sourceText ?? "known after apply"}, not verified`
        : sourceText !== undefined && sourceText.includes("*")
          ? `any source matching ${sourceText}`
          : `source ${sourceText ?? ""}`;
  const org = textOf(p.resource.values["principal_org_id"]);
  if (principal === "*") {
    if (org !== undefined) return [{ kind: "organisation", text: `every principal of the organisation ${org} (${from})` }];
    return [{ kind: "aws-any", text: `any AWS principal in any account (${from})` }];
  }
  const account = ACCOUNT.exec(principal);
  if (account !== null) return [{ kind: "account", text: `account ${account[1] ?? principal}` }];
  if (principal.endsWith(".amazonaws.com")) {
    const sourceAccount = textOf(p.resource.values["source_account"]);
    return [{ kind: "service", text: `service ${principal} (${from}${sourceAccount !== undefined ? `, account ${sourceAccount}` : ""})` }];
  }
  if (principal.startsWith("arn:")) return [{ kind: "account", text: `principal ${principal}` }];
  return [notVerified(`principal ${principal} is not one this review can read`)];
}
