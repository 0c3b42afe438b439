// The deployment is redeployed whenever a method or authorizer changes.
import { isUnknown } from "../model";
import type { Rule, RuleFinding } from "./types";
import { deploymentSubjects } from "./private/subjects";

export const DeploymentRedeploysOnAuthChange: Rule = {
  id: "deployment-redeploys-on-auth-change",
  title: "Deployments are redeployed when authorization changes",
  severity: "high",
  rationale:
    "A REST API deployment is a snapshot: changing a method's authorization does nothing until a new deployment is " +
    "made. The deployment's triggers (or depends_on) must cover every method and authorizer, with " +
    "create_before_destroy so the stage never points at a deleted deployment.",
  equivalents: {},
  subjects: deploymentSubjects,
  check(model) {
    const out: RuleFinding[] = [];
    for (const d of model.deployments) {
      const file = d.resource.source.file;
      const covered = new Set([...d.triggerReferences, ...d.dependsOn]);
      const sameApi = (apiAddress: string | undefined, stack: string) => apiAddress === d.apiAddress && stack === d.resource.source.stack;
      const methods = model.routes.filter((r) => sameApi(r.apiAddress, r.resource.source.stack));
      const authorizers = model.authorizers.filter((a) => sameApi(a.apiAddress, a.resource.source.stack));
      // Operations of an OpenAPI body redeploy with the API's body: the API itself must be covered.
      const holders = (x: { readonly address: string; readonly resource: { readonly address: string; readonly type: string } }) =>
        x.address.includes("#") ? x.resource.address : x.address;
      const missing = [...new Set([...methods, ...authorizers].map(holders))].filter((a) => !covered.has(a));
      if (missing.length > 0) {
        const list = missing.length > 5 ? `${missing.slice(0, 5).join(", ")} and ${missing.length - 5} more` : missing.join(", ");
        out.push({ address: d.address, message: `triggers/depends_on do not cover ${list}: changing their authorization would not be deployed`, file });
      }
      if (d.createBeforeDestroy === false) out.push({ address: d.address, message: "lifecycle.create_before_destroy is not set", file });
      else if (isUnknown(d.createBeforeDestroy)) {
        // terraform show -json does not carry lifecycle: unknown is not verified, never a pass.
        out.push({
          address: d.address,
          message: `lifecycle.create_before_destroy not verified: ${d.createBeforeDestroy.expression ?? "not in the input"} (check the configuration)`,
          file,
          severity: "info",
        });
      }
    }
    return out;
  },
};
