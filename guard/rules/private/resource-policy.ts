// Which routes a REST API's resource policy makes unreachable: an unconditional Deny of execute-api:Invoke to
// everyone (Principal "*") whose resources provably cover every stage and every request of the route. Strict on
// purpose: anything it cannot prove (a condition, NotPrincipal, a computed document, another account's ARN) does
// not count, so an open route is reported unless the deny is certain.
import { coversArnGlob } from "../../match/glob";
import { routeArnSuffix } from "../../match/route";
import type { IamPolicy, Model, PolicyStatement, RestApi, Route } from "../../model";
import { known } from "../../access/context";
import { certainApiRest, deniesInvoke } from "../../access/iam-statements";

const toEveryone = (s: PolicyStatement): boolean =>
  s.notPrincipals.length === 0 && s.principals.some((p) => (p.type === "*" || p.type === "AWS") && p.ids.some((id) => id === "*"));

/** A Deny nothing can escape (deniesInvoke: Invoke named, no NotAction/NotResource, no condition) addressed to everyone. */
const unconditionalDeny = (s: PolicyStatement): boolean => deniesInvoke(s) && toEveryone(s);

/** The part after `<api>/` of a resource that certainly designates this API (certainApiRest), or undefined. */
function restOf(resource: string, api: RestApi): string | undefined {
  // The resource-policy shorthand for the API the policy is attached to.
  if (resource.startsWith("execute-api:/")) return resource.slice("execute-api:/".length);
  return certainApiRest(resource, api.resource);
}

/** Resource policies attached to the API: its `policy` attribute and aws_api_gateway_rest_api_policy resources. */
function policiesOf(model: Model, api: RestApi): IamPolicy[] {
  const stack = api.resource.source.stack;
  return model.iamPolicies.filter((p) => {
    if (p.kind !== "api-resource-policy" || p.resource.source.stack !== stack) return false;
    // A body's x-amazon-apigateway-policy is replaced by a `policy` argument or a policy resource: never certain.
    if (p.address.includes("#")) return false;
    if (p.resource === api.resource) return true;
    const id = p.resource.values["rest_api_id"];
    const apiId = api.resource.values["id"];
    return (
      (typeof id === "string" && typeof apiId === "string" && id === apiId) ||
      (p.resource.references["rest_api_id"] ?? []).some((r) => r === `${api.address}.id`)
    );
  });
}

/** Address of a resource policy that denies the route to everyone, or undefined when none certainly does. */
export function deniedToEveryone(model: Model, r: Route): string | undefined {
  const api = r.api;
  if (api === undefined || (api.protocol ?? "REST") !== "REST" || !known(r.httpMethod) || !known(r.path)) return undefined;
  // Every stage, every request of the route: `{param}`/`{proxy+}` and ANY become globs the deny must cover.
  const target = `*/${routeArnSuffix(r.httpMethod, r.path)}`;
  for (const p of policiesOf(model, api)) {
    if (!known(p.document)) continue;
    for (const s of p.document.statements.filter(unconditionalDeny)) {
      const covers = (res: unknown): boolean => {
        const rest = typeof res === "string" ? restOf(res, api) : undefined;
        return rest !== undefined && coversArnGlob(rest, target);
      };
      if (s.resources.some(covers)) return p.address;
    }
  }
  return undefined;
}
