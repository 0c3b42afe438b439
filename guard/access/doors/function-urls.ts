// Function URLs as doors: an HTTPS endpoint on the function that no API Gateway control stands in front of.
// NONE: anyone on the internet. AWS_IAM: whoever a resource permission or an identity policy lets call
// lambda:InvokeFunctionUrl (a permission for "*" is any AWS principal in any account).
import { isUnknown, type Model, type ResourceInstance } from "../../model";
import { matchesAction } from "../../../kernel/match/glob";
import { isApiPlumbing, permissionPrincipals } from "./permissions";
import { textOf } from "./refs";
import { ANYONE, notVerified, type Principal } from "./types";

/** Who gets through a function URL of this authorization type, given the permissions on its function. */
export function functionUrlPrincipals(model: Model, url: ResourceInstance, fn: ResourceInstance): Principal[] {
  const auth = url.values["authorization_type"];
  if (auth === "NONE") return [ANYONE];
  if (auth !== "AWS_IAM") return [notVerified(`authorization_type ${textOf(auth) ?? "unset"}${isUnknown(auth) ? " known only after apply" : ""}`)];
  const granted = model.lambdaPermissions
    .filter((p) => p.functionAddress === fn.address && p.resource.source.stack === fn.source.stack)
    .filter((p) => (isUnknown(p.action) || matchesAction(p.action, "lambda:InvokeFunctionUrl")) && !isApiPlumbing(model, p))
    .flatMap(permissionPrincipals);
  return [{ kind: "iam", text: "IAM principals of this account granted lambda:InvokeFunctionUrl" }, ...granted];
}
