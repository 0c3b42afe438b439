// What a stage serves: a canary on a deployment that does not redeploy with the API, a canary left on the base's
// deployment while the head strengthens a route (a share of the callers keep the weaker one), the stage switched to
// such a deployment, and a canary whose variable overrides redirect an integration. Twins: a canary on the stage's own
// deployment, a stage moved to a deployment that redeploys like the first, an override nobody reads.
import { method, only, type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const DEPLOYMENT = "stage_deployment_AA68F2D4";
const ref = (name: string): string => `\${aws_api_gateway_deployment.${name}.id}`;
const stage = (d: Doc): Json => only(d, "aws_api_gateway_stage");
const deployment = (d: Doc): Json => d.resource["aws_api_gateway_deployment"][DEPLOYMENT] as Json;

/** A second deployment of the API, as a pull request adds it: no triggers, no depends_on (a frozen snapshot). */
function bareDeployment(d: Doc, name: string): void {
  d.resource["aws_api_gateway_deployment"][name] = { rest_api_id: deployment(d)["rest_api_id"], description: "pinned", lifecycle: { create_before_destroy: true } };
}

/** A second deployment that redeploys exactly like the first (the same triggers and depends_on). */
function twinDeployment(d: Doc, name: string): void {
  d.resource["aws_api_gateway_deployment"][name] = { ...deployment(d), description: "blue/green" };
}

const canary = (d: Doc, settings: Json): void => void (stage(d)["canary_settings"] = settings);

/** The sample's GET /catalog (open) now requires the Cognito authorizer GET /pets uses. */
function catalogBehindCognito(d: Doc): void {
  const pets = method(d, "GET", "/pets");
  Object.assign(method(d, "GET", "/catalog"), { authorization: "COGNITO_USER_POOLS", authorizer_id: pets["authorizer_id"], authorization_scopes: pets["authorization_scopes"] });
}

/**
 * The head's routes go to a new deployment `green` (the first's triggers plus GET /catalog's, so the first no longer
 * covers the API); the stage serves green; the canary stays on the base's deployment, which keeps the base's routes.
 */
function canaryOnBase(strengthen: boolean) {
  return (d: Doc): void => {
    if (strengthen) catalogBehindCognito(d);
    twinDeployment(d, "green");
    // A new method only green covers: the base's deployment no longer redeploys with the API.
    d.resource["aws_api_gateway_method"]["extra"] = { ...method(d, "GET", "/pets"), http_method: "HEAD" };
    (d.resource["aws_api_gateway_deployment"]["green"] as Json)["depends_on"] = [
      ...((deployment(d)["depends_on"] as string[]) ?? []),
      "aws_api_gateway_method.extra",
    ];
    stage(d)["deployment_id"] = ref("green");
    canary(d, { deployment_id: ref(DEPLOYMENT), percent_traffic: 10 });
  };
}

function stageVariableBackend(d: Doc): void {
  const i = Object.values(d.resource["aws_api_gateway_integration"]).find((x) => String(x["http_method"]).includes("api_method-GET-pets_")) as Json;
  i["uri"] = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:$${stageVariables.petsFunction}/invocations";
  stage(d)["variables"] = { petsFunction: "petstore-dev-backend", logLevel: "info" };
}

export const SERVING_PAIRS: Readonly<Record<string, AccessPair>> = {
  "canary-on-frozen-deployment": {
    env: "dev",
    description: "the stage gets a 10% canary on a new deployment with no triggers or depends_on (what it serves is unknown)",
    mutate: (d) => {
      bareDeployment(d, "pinned");
      canary(d, { deployment_id: ref("pinned"), percent_traffic: 10 });
    },
    blocking: ["canary-not-verified"],
    names: "aws_api_gateway_deployment.pinned",
    check: ["deployment-redeploys-on-auth-change"],
  },
  "canary-on-own-deployment": {
    env: "dev",
    description: "twin: a 10% canary on the stage's own deployment (the same routes)",
    mutate: (d) => canary(d, { deployment_id: ref(DEPLOYMENT), percent_traffic: 10 }),
    blocking: [],
    check: [],
  },
  "canary-keeps-weaker-routes": {
    env: "dev",
    description: "GET /catalog moves behind Cognito on a new deployment while a 10% canary stays on the base's deployment",
    mutate: canaryOnBase(true),
    blocking: ["canary-serves-weaker-routes"],
    names: "GET /catalog",
    check: ["deployment-redeploys-on-auth-change"],
  },
  "canary-on-base-routes-unchanged": {
    env: "dev",
    description: "twin: the same blue/green move with no route strengthened: the canary serves routes as strong as the main's",
    mutate: canaryOnBase(false),
    blocking: [],
    // The check still names the base's deployment, which no longer covers the new method: a standing finding.
    check: ["deployment-redeploys-on-auth-change"],
  },
  "stage-switched-to-frozen-deployment": {
    env: "dev",
    description: "the stage serves a new deployment with no triggers or depends_on",
    mutate: (d) => {
      bareDeployment(d, "pinned");
      stage(d)["deployment_id"] = ref("pinned");
    },
    blocking: ["stage-deployment-not-verified"],
    names: "aws_api_gateway_deployment.pinned",
    check: ["deployment-redeploys-on-auth-change"],
  },
  "stage-switched-to-twin-deployment": {
    env: "dev",
    description: "twin: the stage serves a new deployment that redeploys exactly like the first",
    mutate: (d) => {
      twinDeployment(d, "green");
      stage(d)["deployment_id"] = ref("green");
    },
    blocking: [],
    check: [],
  },
  "canary-overrides-backend-variable": {
    env: "dev",
    description: "GET /pets's Lambda is named by stage variable petsFunction; a canary overrides it with another function",
    both: stageVariableBackend,
    mutate: (d) => canary(d, { deployment_id: ref(DEPLOYMENT), percent_traffic: 5, stage_variable_overrides: { petsFunction: "petstore-dev-debug" } }),
    blocking: ["stage-variable-redirects"],
    names: "petsFunction",
    check: [],
  },
  "canary-overrides-unread-variable": {
    env: "dev",
    description: "twin: the canary overrides logLevel, which no integration or authorizer reads",
    both: stageVariableBackend,
    mutate: (d) => canary(d, { deployment_id: ref(DEPLOYMENT), percent_traffic: 5, stage_variable_overrides: { logLevel: "debug" } }),
    blocking: [],
    check: [],
  },
  "stage-variable-redirects-backend": {
    env: "dev",
    description: "the stage's own variable petsFunction, read by GET /pets's integration uri, names another function",
    both: stageVariableBackend,
    mutate: (d) => void ((stage(d)["variables"] as Json)["petsFunction"] = "petstore-dev-debug"),
    blocking: ["stage-variable-redirects"],
    names: "petsFunction",
    check: [],
  },
};
