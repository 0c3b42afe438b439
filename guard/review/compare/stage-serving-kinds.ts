// The kinds of the stage-serving comparer (stage-serving.ts): which deployment a stage and its canary serve.
import { defineKinds } from "../kind-catalogue";

export const STAGE_SERVING_KINDS = defineKinds({
  "stage-deployment-not-verified": {
    severity: "blocking",
    title: "stage deployment not verified",
    explanation:
      "a stage now serves a deployment whose routes the plan does not show (no triggers that cover the API (depends_on only orders creation), a deployment that is not in the configuration, an HTTP stage with `auto_deploy` off and no deployment), where the base served another or a covering one",
  },
  "canary-not-verified": {
    severity: "blocking",
    title: "canary not verified",
    explanation:
      "a canary appears, moves to another deployment, takes a larger share, or starts sharing the stage cache while its deployment serves routes the plan does not show: `stage petstore-dev/dev: canary (10% of calls) serves aws_api_gateway_deployment.pinned: \u2026`",
  },
  "canary-serves-weaker-routes": {
    severity: "blocking",
    title: "canary serves weaker routes",
    explanation:
      "a canary serves the base's deployment, unchanged and no longer redeployed, while the head's main deployment strengthens a route (or removed it): that share of the callers keeps the weaker route; the message lists each route with both types",
  },
  "stage-variable-redirects": {
    severity: "blocking",
    title: "stage variable redirects",
    explanation:
      "a stage variable (or a canary's override of one) that an integration or authorizer reads changed: its calls may reach another backend or authorizer, or carry another identity value; the message names the variable, both values and the readers",
  },
});
