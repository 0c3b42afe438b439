// The deployment is redeployed whenever a method's or an authorizer's authorization changes.
import { isUnknown, type Deployment, type Model } from "../../model";
import type { Rule, RuleFinding } from "../types";
import { deploymentSubjects } from "../private/subjects";
import { triggerCoverage } from "../../access/deployment-triggers";
import { unreadRoutes } from "../../access/unread-routes";
import { known } from "../../access/lookups";

const listed = (items: readonly string[]): string => (items.length > 5 ? `${items.slice(0, 5).join(", ")} and ${items.length - 5} more` : items.join(", "));

/** A plan's replacement of the deployment, destroy first: what create_before_destroy would have prevented. */
function replacedDestroyFirst(model: Model, d: Deployment): boolean {
  const c = model.changes.find((x) => x.address === d.address && x.source.stack === d.resource.source.stack);
  return c !== undefined && c.actions.includes("delete") && c.actions.includes("create") && c.actions.indexOf("delete") < c.actions.indexOf("create");
}

export const DeploymentRedeploysOnAuthChange: Rule = {
  id: "deployment-redeploys-on-auth-change",
  title: "Deployments are redeployed when authorization changes",
  severity: "high",
  rationale:
    "A REST API deployment is a snapshot: changing a method's authorization does nothing until a new deployment is " +
    "made. The deployment's triggers must cover every method and authorizer (and a REST API whose OpenAPI " +
    "body is known only after apply, which declares operations the plan cannot list) through the whole " +
    "resource or an attribute that changes with its authorization (authorization, authorizer_id, " +
    "authorization_scopes, api_key_required, identity_source, provider_arns, authorizer_uri): a hash of their ids " +
    "alone stays the same when authorization changes in place, so the change is never deployed; triggers that change " +
    "on every plan (timestamp()) redeploy on every apply. depends_on never counts: it only orders creation, and a " +
    "method updated in place does not replace the deployment (the AWS provider's aws_api_gateway_deployment " +
    "documentation: use triggers to redeploy). create_before_destroy keeps the stage from " +
    "pointing at a deleted deployment (terraform show -json does not carry lifecycle: on a plan only a planned " +
    "destroy-first replacement is reported).",
  equivalents: {},
  subjects: deploymentSubjects,
  check(model) {
    const out: RuleFinding[] = [];
    for (const d of model.deployments) {
      const sameApi = (apiAddress: string | undefined, stack: string) => apiAddress === d.apiAddress && stack === d.resource.source.stack;
      const methods = model.routes.filter((r) => sameApi(r.apiAddress, r.resource.source.stack));
      const authorizers = model.authorizers.filter((a) => sameApi(a.apiAddress, a.resource.source.stack));
      // Operations of an OpenAPI body redeploy with the API's body: the API itself must be covered.
      const holders = new Map([...methods, ...authorizers].map((x) => [x.address.includes("#") ? x.resource.address : x.address, x.resource] as const));
      // A body known only after apply lists no operation, yet declares them all: the API itself must be covered.
      const api = model.apis.find((a) => sameApi(a.address, a.resource.source.stack));
      // Every finding names the API the deployment snapshots, as the stage rules do.
      const where = { file: d.resource.source.file, ...(api !== undefined && known(api.name) ? { api: api.name } : {}) };
      if (api !== undefined && unreadRoutes(api) !== undefined) holders.set(api.address, api.resource);
      const missing: string[] = [];
      const idsOnly: string[] = [];
      for (const [address, resource] of holders) {
        const coverage = triggerCoverage(d, resource);
        if (coverage.kind === "covered") continue;
        if (coverage.kind === "ids") idsOnly.push(coverage.refs.join(", "));
        else missing.push(address);
      }
      if (missing.length > 0) {
        const ordering = d.dependsOn.length > 0 ? " (depends_on only orders creation: it never redeploys)" : "";
        out.push({
          address: d.address,
          detail: `not-covered ${JSON.stringify([...missing].sort())}`,
          message: `triggers do not cover ${listed(missing)}: changing their authorization would not be deployed${ordering}`,
          ...where,
        });
      }
      if (idsOnly.length > 0) {
        out.push({
          address: d.address,
          detail: `ids-only ${JSON.stringify([...idsOnly].sort())}`,
          message: `triggers hash only ${listed(idsOnly)}: these stay the same when authorization changes in place, so the change would not be deployed (hash the whole resources or their authorization attributes)`,
          ...where,
        });
      }
      if (d.createBeforeDestroy === false)
        out.push({ address: d.address, detail: "create_before_destroy", message: "lifecycle.create_before_destroy is not set", ...where });
      else if (isUnknown(d.createBeforeDestroy) && replacedDestroyFirst(model, d)) {
        out.push({
          address: d.address,
          detail: "create_before_destroy",
          message: "the plan replaces the deployment destroy-first: lifecycle.create_before_destroy is not set",
          ...where,
        });
      }
    }
    return out;
  },
};
